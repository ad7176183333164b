"""Everything the bot says, in one file: the acceptance test of a refactor that must not change a word.

    python scripts/snapshot_answers.py write FILE      # render every answer with the current code
    python scripts/snapshot_answers.py compare OLD NEW # the records that differ (exit 1 if any)

It renders, with the code of the checkout it runs in:

* chat: every message of ``tests/corpus/*.yaml`` and a probe per term of the knowledge file (every
  ID document alias, accommodation row alias, refund reason alias, English test alias, region) as a
  fresh conversation at several moments of the exam year; then each button of the first reply
  pressed, and a few typed follow-ups; and sessions walking consecutive corpus messages (real
  multi-turn flows with corrections) — every reply's text and buttons, the intent and confidence;
* staff calculators: a broad grid of ``applicant-bot check …`` calls (every calculator, every
  reason, every test, every ID group and document, every accommodation row, boundary dates and
  times, bad input), run through the CLI in-process both as text and as ``--json``, with stdout,
  stderr and the exit status.

One JSON record per line, ``{"key": …, "out": …}``, keys unique and in a fixed order, so two
snapshots compare line by line. What is asked is in ``scripts/snapshot_inputs.py``; to snapshot
older code, copy both files into a worktree of it and run them there.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import itertools
import json
import os
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from snapshot_inputs import check_calls, corpus_texts, probe_texts  # noqa: E402  (this script's folder)

MOMENTS = (
    datetime(2023, 2, 6, 8, 30),  # before the 1st application opens
    datetime(2023, 2, 10, 17, 59),  # the 1st application's last minute
    datetime(2023, 2, 10, 18, 1),  # just after it closed
    datetime(2023, 3, 15, 12, 0),  # the corpus's own day (60% refund)
    datetime(2023, 3, 25, 9, 0),  # 50% refund
    datetime(2023, 4, 10, 12, 0),  # after the 1st exam: the after-exam refund window
    datetime(2023, 7, 1, 23, 30),  # 2nd stage, 50% refund
    datetime(2023, 8, 20, 12, 0),  # every window over
)
BUTTON_MOMENTS = MOMENTS[1:2] + MOMENTS[3:4] + MOMENTS[5:6]
FOLLOW_UPS = ("2차는요?", "3월 25일이요", "750점이요", "입원했어요", "서울이요", "아니요", "처음으로", "다음", "이전")


def _turn(engine, session: str, text: str, now: datetime) -> dict:
    return engine.handle(session, text, now=now).to_json()


def chat_records() -> Iterator[tuple[str, object]]:
    from bot.engine import Engine
    from bot.storage import Store

    engine = Engine(store=Store(None))
    texts = list(dict.fromkeys(corpus_texts() + probe_texts(engine.exam)))
    counter = itertools.count()
    for now in MOMENTS:
        stamp = now.strftime("%m%d-%H%M")
        for text in texts:
            first = _turn(engine, f"c{next(counter)}", text, now)
            yield f"chat {stamp} | {text}", first
            if now not in BUTTON_MOMENTS:
                continue
            buttons = [b for r in first["replies"] for b in r["buttons"]]
            for follow in dict.fromkeys((*buttons, *FOLLOW_UPS)):
                session = f"c{next(counter)}"
                _turn(engine, session, text, now)
                yield f"chat {stamp} | {text} > {follow}", _turn(engine, session, follow, now)
    # Consecutive corpus messages in one session: multi-turn flows, corrections, topic changes.
    corpus = corpus_texts()
    for now in MOMENTS[1::2]:
        stamp = now.strftime("%m%d-%H%M")
        for session, turn in itertools.product(range(150), range(10)):
            text = corpus[(session * 17 + turn) % len(corpus)]
            yield f"walk {stamp} | s{session} t{turn} | {text}", _turn(engine, f"w{stamp}-{session}", text, now)


# --- the staff calculators, as `applicant-bot check …` --------------------------------------------


def _cli(parser, argv: list[str]) -> dict:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            args = parser.parse_args(argv)
            status = int(args.func(args) or 0)
        except SystemExit as stop:
            status = stop.code if isinstance(stop.code, int) else 1
    return {"status": status, "stdout": out.getvalue(), "stderr": err.getvalue()}


def check_records(only: set[str] | None = None) -> Iterator[tuple[str, object]]:
    import knowledge
    from bot.cli import build_parser

    exam = knowledge.load_exam()
    parser = build_parser()
    todays = ("2023-02-01", "2023-02-15", "2023-03-15", "2023-08-01")
    seen: set[str] = set()
    for call in check_calls(exam):
        if only and call[0] not in only:
            continue
        # the documents' deadline and "still before the exam" depend on today: accommodation and
        # refund on several days, the others once
        days = todays if call[0] in ("accommodation", "refund", "exemption") else todays[2:3]
        if call[0] == "refund" and len(call) > 5 and call[5] == "--reason":
            days = todays[2:3]
        for today in days:
            argv = ["check", *call, "--today", today]
            key = "check " + json.dumps(argv[1:], ensure_ascii=False)
            if key in seen:
                continue
            seen.add(key)
            yield key, _cli(parser, argv)
            yield key + " --json", _cli(parser, [*argv, "--json"])


def rule_records(only: set[str] | None = None) -> Iterator[tuple[str, object]]:
    """Rules called directly where no channel reaches them (the walk-through's control words, input
    errors a channel's own checks catch first): the calculators' JSON of the decision, or the error."""
    import knowledge
    from bot.calculators import to_json
    from rules import accommodation, cert_lookup, english, exemption, id_check, refund, truncate_average
    from rules.english import english_in_month
    from rules.exemption import by_length
    from rules.types import (
        AccommodationRequest, AmbiguousInput, EnglishRequest, ExemptionRequest, IdRequest, InvalidInput,
        RefundRequest,
    )

    from bot.dialogue.render import Renderer

    exam, guide = knowledge.load_exam(), knowledge.load_guide()
    renderer = Renderer()
    today = date(2023, 3, 15)
    events = ["start", "시작", "next", "다음", "back", "이전", "restart", "처음부터", "repeat", "다시", "",
              guide.failure_marker, guide.done_marker, "조회 실패", "뭔지 모르겠어요"]
    for step in guide.steps:
        events += list(step.markers)
    calls = [(f"cert_lookup {step} {event!r}", "cert_lookup", lambda s=step, e=event: cert_lookup(guide, s, e))
             for step in (None, *(s.number for s in guide.steps), 9) for event in dict.fromkeys(events)]
    calls += [
        ("english_in_month 2021-02", "english", lambda: english_in_month(
            exam, EnglishRequest(test="toeic", score=800), 2021, 2, today)),
        ("english_in_month 2021-05", "english", lambda: english_in_month(
            exam, EnglishRequest(test="toeic", score=800), 2021, 5, today)),
        ("english score nan", "english", lambda: english(
            exam, EnglishRequest(test="toeic", score=float("nan"), taken=date(2022, 5, 1)), today)),
        ("english score True", "english", lambda: english(
            exam, EnglishRequest(test="toeic", score=True, taken=date(2022, 5, 1)), today)),
        ("id empty", "id", lambda: id_check(exam, IdRequest(document="  "), today)),
        ("id expired", "id", lambda: id_check(exam, IdRequest(document="여권", expired=True), today)),
        ("accommodation empty", "accommodation", lambda: accommodation(exam, AccommodationRequest("  "), today)),
        ("exemption by_length -1", "exemption", lambda: by_length(exam, (-1, 5), today)),
        ("exemption by_length 70-60", "exemption", lambda: by_length(exam, (70, 60), today)),
        ("exemption by_length 80", "exemption", lambda: by_length(exam, (80, 80), today)),
        ("exemption nothing", "exemption", lambda: exemption(exam, ExemptionRequest(), today)),
        ("english window unknown test", "english", lambda: english(
            exam, EnglishRequest(test="오픽", taken=date(2020, 1, 1)), today)),
        ("refund stage 3", "refund", lambda: refund(exam, RefundRequest(stage=3, on=date(2023, 3, 1)), today)),
        ("refund no reason after exam", "refund", lambda: refund(
            exam, RefundRequest(stage=1, on=date(2023, 4, 10), reason=None), today)),
        ("pass no scores", "pass", lambda: truncate_average(())),
    ]
    practical = exam.model_copy(update={"accommodation": exam.accommodation.model_copy(update={"column": "practical"})})
    calls += [
        (f"accommodation practical {row.id} {stage}", "accommodation",
         lambda r=row, st=stage: accommodation(practical, AccommodationRequest(r.aliases[0], stage=st), today))
        for row in exam.accommodation.rows for stage in (1, 2)
    ]
    for name, group in ((d.name, g.id) for g in exam.ids.groups for d in g.documents):
        calls.append((f"id expired {name} {group}", "id",
                      lambda n=name, g=group: id_check(exam, IdRequest(document=n, group=g, expired=True), today)))
    for key, kind, call in calls:
        if only and kind not in only:
            continue
        try:
            result = call()
        except AmbiguousInput as error:
            yield "rule " + key, {"error": str(error), "options": list(error.options)}
            continue
        except InvalidInput as error:
            yield "rule " + key, {"error": str(error)}
            continue
        if kind == "cert_lookup":  # no staff calculator: what the chat shows of the step
            yield "rule " + key, renderer.render(
                "cert_lookup.j2", d=result, guide=guide, notes=(), exam=exam, today=today,
            )
            continue
        yield "rule " + key, to_json(result, kind) if hasattr(result, "citations") else repr(result)


def write(path: Path, only: set[str] | None = None) -> int:
    """``only``: just these calculators' check calls and rule calls, no chat (while refactoring)."""
    count = 0
    records = itertools.chain(() if only else chat_records(), check_records(only), rule_records(only))
    with path.open("w", encoding="utf-8") as out:
        for key, value in records:
            out.write(json.dumps({"key": key, "out": value}, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    print(f"{count} records → {path}")
    return 0


def compare(old: Path, new: Path, show: int) -> int:
    def load(path: Path) -> dict[str, str]:
        records: dict[str, str] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            records[record["key"]] = json.dumps(record["out"], ensure_ascii=False, indent=1, sort_keys=True)
        return records

    a, b = load(old), load(new)
    if len(b) < len(a) and all(k.startswith(("check ", "rule ")) for k in b):  # a partial snapshot
        a = {k: v for k, v in a.items() if k in b}
    missing = [k for k in a if k not in b]
    added = [k for k in b if k not in a]
    changed = [k for k in a if k in b and a[k] != b[k]]
    chat = sum(1 for k in a if k.startswith(("chat ", "walk ")))
    checks = sum(1 for k in a if k.startswith("check "))
    print(f"{len(a)} records in {old.name} ({chat} chat replies, {checks} check calls, {len(a) - chat - checks} rule "
          f"calls), {len(b)} in {new.name}: "
          f"{len(changed)} changed, {len(missing)} missing, {len(added)} added")
    import difflib

    for key in changed[:show]:
        print(f"\n--- {key}")
        sys.stdout.writelines(difflib.unified_diff(
            a[key].splitlines(True), b[key].splitlines(True), "before", "after", n=1,
        ))
    for key in missing[:show]:
        print(f"missing: {key}")
    for key in added[:show]:
        print(f"added: {key}")
    return 1 if changed or missing or added else 0


def main(argv: list[str] | None = None) -> int:
    if os.environ.get("PYTHONHASHSEED") != "0":
        # Some readings depend on set order (a tie between two intents, "너 뭐 할 수 있어"): one
        # hash seed for every snapshot, so two snapshots differ only where the code does.
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write")
    w.add_argument("file", type=Path)
    w.add_argument("--only", help="calculators, comma-separated: only their check and rule records, no chat")
    c = sub.add_parser("compare")
    c.add_argument("old", type=Path)
    c.add_argument("new", type=Path)
    c.add_argument("--show", type=int, default=20, help="differences to print")
    args = parser.parse_args(argv)
    if args.command == "write":
        return write(args.file, set(args.only.split(",")) if args.only else None)
    return compare(args.old, args.new, args.show)


if __name__ == "__main__":
    sys.exit(main())
