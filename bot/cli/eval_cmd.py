"""`applicant-bot eval FILE.yaml [--json] [--show N]`: score the bot on a set of conversations.

Prints the score, the count of each outcome (right / honest fallback / unnecessary question /
wrong fact / confident wrong), the breakdown by the file's classes, and the failures with the
bot's reply. Exit 0 when the file was scored (whatever the score), 2 when it cannot be used.
The format is described in ``bot.evaluation``.
"""
from __future__ import annotations

import argparse
import json
import sys

OUTCOME_LABELS = {
    "right": "맞음",
    "honest_fallback": "모른다고 답함",
    "unnecessary_question": "불필요한 질문",
    "wrong_fact": "다른 사실",
    "confident_wrong": "확신에 찬 오답",
}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "eval", help="대화 세트(YAML)로 봇의 정확도를 잽니다",
        description="평가 파일의 대화를 대화 엔진에 차례로 보내고 마지막 답을 판정합니다 (형식: bot/evaluation.py).",
    )
    p.add_argument("file", help="평가 파일 (YAML)")
    p.add_argument("--json", action="store_true", help="결과를 JSON 한 개로 출력")
    p.add_argument("--show", type=int, default=50, metavar="N", help="보여 줄 실패 사례 수 (기본 50, 0 = 숨김)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..engine import Engine
    from ..evaluation import OUTCOMES, EvalError, load_eval_set, run as run_eval

    try:
        eval_set = load_eval_set(args.file)
    except EvalError as error:
        print(f"applicant-bot eval: {error}", file=sys.stderr)
        return 2
    report = run_eval(eval_set, lambda: Engine(nlu_cache=0, warm=False))
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
        return 0
    out = sys.stdout
    total = len(report.results)
    print(f"{report.name or args.file}: {report.right}/{total} = {report.score:.1%}", file=out)
    counts = report.outcomes()
    print("  " + " · ".join(f"{OUTCOME_LABELS[o]} {counts.get(o, 0)}" for o in OUTCOMES), file=out)
    width = max((len(k) for k in report.by_class()), default=0)
    for kind, c in report.by_class().items():
        n = sum(c.values())
        detail = ", ".join(f"{o} {c[o]}" for o in OUTCOMES[1:] if c.get(o))
        print(f"  {kind:<{width}}  {c.get('right', 0):>3}/{n:<3} {detail}", file=out)
    failures = [r for r in report.results if r.outcome != "right"]
    for r in failures[: max(args.show, 0)]:
        print(f"\n✗ {r.conversation.id} [{r.conversation.kind}] {r.outcome} "
              f"(bot: {r.kind}, {r.intent}, {r.confidence:.2f})", file=out)
        for text in r.conversation.turns:
            print(f"  > {text}", file=out)
        if r.missing:
            print(f"  missing: {r.missing}", file=out)
        if r.forbidden:
            print(f"  forbidden: {r.forbidden}", file=out)
        print("  " + r.reply.replace("\n", "\n  ")[:600], file=out)
    return 0
