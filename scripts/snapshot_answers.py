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
snapshots compare line by line.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import itertools
import json
import os
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Iterator

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CORPUS = ROOT / "tests" / "corpus"
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


def corpus_texts() -> list[str]:
    texts: list[str] = []
    for path in sorted(CORPUS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        texts += [str(case["text"]) for case in data.get("cases", ())]
    return list(dict.fromkeys(texts))


def probe_texts(exam) -> list[str]:
    """A question per term of the knowledge file, so every rule's branches are reached in chat."""
    texts: list[str] = []
    for group in exam.ids.groups:
        for doc in group.documents:
            for alias in (doc.name, *doc.aliases):
                texts += [f"{alias} 신분증으로 돼요?", f"{group.aliases[0]}인데 {alias} 되나요?"]
    for doc in (*exam.ids.not_accepted, *exam.ids.rejected_forms):
        texts += [f"{alias} 신분증으로 돼요?" for alias in (doc.name, *doc.aliases)]
    texts += [f"{word} 신분증 되나요?" for word in exam.ids.ambiguous_aliases]
    texts += [f"유효기간 지난 {doc.name} 돼요?" for group in exam.ids.groups for doc in group.documents]
    texts += ["유효기간 지난 여권 돼요?", "유효기간 지난 주민등록증 돼요?", "모바일 여권 돼요?",
              "주민등록증 복사본이랑 학생증 가져가도 돼요?", "고등학생인데 여권 되나요?"]
    for row in exam.accommodation.rows:
        for alias in row.aliases:
            texts += [f"{alias} 시험시간 얼마나 늘어나요?", f"{alias} 2차 시험 편의 알려주세요"]
    texts += [f"{alias} 시험시간 연장돼요?" for alias in exam.accommodation.ambiguous_aliases]
    for case in exam.refund.cases:
        for alias in (case.reason, *case.aliases):
            texts += [f"{alias} 때문에 1차 시험 못 봤어요 환불돼요?", f"2차 {alias} 환불 얼마예요?"]
    texts += ["사촌 형이 돌아가셔서 시험 못 봤어요 환불돼요?", "친구 아버지 돌아가셔서 1차 못 갔어요 환불",
              "외삼촌 장례식 때문에 2차 시험 못 봤어요 환불", "사촌 결혼식이라 시험 못 갔어요 환불돼요?", "할머니 돌아가셔서 시험 못 봤어요 환불",
              "4월 2일부터 5일까지 입원했는데 환불돼요?", "시험 전날 퇴원했는데 환불되나요?",
              "시험 사흘 전에 할아버지 돌아가셨어요 환불", "3월 1일에 아버지가 돌아가셨어요 1차 환불",
              "응시료 5000원 더 냈어요", "접수기간에 취소하면 환불 얼마예요?", "2차도 접수기간에 취소하면 다 돌려주죠?"]
    for test in exam.english.tests:
        for alias in (test.name, *test.aliases):
            for score in (test.general - 1, test.general, test.max_score + 1):
                texts.append(f"{alias} {score:g}점 2022년 5월 1일에 봤는데 인정돼요?")
        texts += [f"{test.name} {test.general:g}점 {when} 봤어요 인정되나요?"
                  for when in ("2021년 2월 10일에", "2021년 2월 11일에", "2023년 2월 10일에", "2023년 2월 11일에",
                               "2021년 2월에", "2021년 3월에", "2023년 2월에", "2020년 5월에")]
        texts.append(f"청각장애인데 {test.name} {test.hearing_impaired or test.general:g}점 2022년 봤어요 인정?")
        texts.append(f"일본에서 본 {test.name} {test.general:g}점 2022년 3월 5일 인정돼요?")
    texts += ["지텔프 레벨3 80점 2022년 3월 5일 인정돼요?", "토익 특별시험 800점 2022년 3월 5일 인정?",
              "미국에서 본 토익 900점 2022년 3월 5일", "토플 90점 2022년 3월 5일", "텝스 280점인데 쓸 수 있나요?"]
    for region in ("서울", "부산", "대구", "광주", "대전", "제주", "인천"):
        texts += [f"{region} 서류 어디로 보내요?", f"{region} 지역본부 주소 알려주세요"]
    for stage, scores in ((1, "60 70 80 50 40"), (1, "39 80 80 80 80"), (1, "50 50 50 60 60"), (2, "70 65 68"),
                          (2, "45 50 55"), (2, "30 90 90"), (1, "60 70")):
        texts.append(f"{stage}차 점수 {scores}인데 합격인가요?")
    texts += ["평균 58점이면 불합격이죠?", "2차 평균 58점이면요?", "평균 62점이면 합격이에요?", "1차 평균 70점 나왔어요",
              "1교시 지각해서 못 들어갔어요 2교시는 볼 수 있어요?", "2차 1교시 못 들어갔는데 3교시는요?",
              "입원해서 시험 못 봤어요 환불돼요?", "할머니 돌아가셔서 시험 못 봤는데 지금이라도 신청되나요?"]
    texts += ["한 과목이 39점인데 합격 가능해요?", "2차 한 과목 35점 나왔어요 붙을 수 있나요?", "1차 과목 하나 80점이면요?"]
    for at in ("8시 50분", "9시 10분", "9시 29분", "9시 30분", "9시 40분", "11시 55분", "12시 5분", "12시 20분", "14시 35분"):
        texts += [f"{at}에 도착하면 들어갈 수 있어요?", f"1차 2교시 {at} 도착이면 입실돼요?", f"2차 3교시 {at}에 가면요?"]
    for when in ("2월 6일 오후 1시 반", "2월 10일 오후 2시", "2월 10일 오전 11시", "5월 26일 오후 3시", "3월 1일 오후 1시"):
        texts.append(f"{when}에 접수했는데 가상계좌 입금 언제까지예요?")
    for months in ("3년", "5년", "6년", "4년 11개월", "10년"):
        texts.append(f"감정평가법인에서 {months} 일했는데 1차 면제돼요?")
    texts += ["2015년 1월 1일부터 2017년 12월 31일까지, 2020년 1월 1일부터 지금까지 일했어요 면제?",
              "2018년 3월 2일부터 계속 다니고 있어요 1차 면제 되나요?",
              "자격증 조회 실패라고 떠요", "자격증 사본 올렸어요 다음은요?", "조회 실패 (증빙서류제출 완료)라고 나와요",
              "자격증 종류 바꾸고 싶어요 삭제 후 재등록"]
    return list(dict.fromkeys(texts))


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


def _days(start: date, end: date) -> Iterator[date]:
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)


def check_calls(exam) -> Iterator[list[str]]:
    """Argument lists for `applicant-bot check …` (without --json / --today)."""
    # refund: every day of the year's windows for both stages and every reason; the 18:00 close
    reasons = ["", *(c.reason for c in exam.refund.cases), "취소", "입원", "사망", "휴가 금지", "폭설", "귀책",
               "과오납", "부적격", "결시", "격리", "뭔지모름"]
    for stage in (1, 2):
        for day in _days(date(2023, 1, 30), date(2023, 8, 25)):
            yield ["refund", "--stage", str(stage), "--on", day.isoformat()]
        for day in _days(date(2023, 2, 1), date(2023, 8, 25)):
            if day.day % 3 == 0 or day.day in (1, 8, 15):
                for reason in reasons[1:]:
                    yield ["refund", "--stage", str(stage), "--on", day.isoformat(), "--reason", reason]
        for moment in ("2023-02-06T08:59", "2023-02-06T09:00", "2023-02-10T17:59", "2023-02-10T18:00",
                       "2023-02-10T18:01", "2023-02-10T23:59", "2023-02-11T00:00", "2023-03-19T23:59",
                       "2023-03-20T00:00", "2023-05-22T09:00", "2023-05-26T18:00", "2023-05-26T18:30",
                       "2023-06-25T12:00", "2023-07-05T23:00", "2023-07-06T00:00", "2023-04-08T10:00"):
            yield ["refund", "--stage", str(stage), "--on", moment]
            yield ["refund", "--stage", str(stage), "--on", moment, "--reason", "입원"]
        for amount in ("5000", "40000", "0", "-3", "abc", "1,000"):
            yield ["refund", "--stage", str(stage), "--on", "2023-03-01", "--reason", "과오납", "--overpaid", amount]
        yield ["refund", "--stage", str(stage), "--on", "2023-03-01", "--reason", "과오납"]
    for bad in (["--stage", "3", "--on", "2023-03-01"], ["--stage", "1"], ["--on", "2023-03-01"],
                ["--stage", "1", "--on", "2023-02-30"], ["--stage", "1", "--on", "어제"],
                ["--stage", "1", "--on", "2023-03-01T25:00"], ["--stage", "1", "--on", "2023-03-01Tabc"],
                ["--stage", "제2차", "--on", "3월 1일"], ["--stage", "2차 시험", "--on", "3/1"],
                ["--stage", "1", "--on", "2023년 3월 1일"], ["--stage", "1", "--on", "2023. 3. 1.(수)"],
                ["--stage", "x", "--on", "2023-03-01"], ["--stage", "1", "--on", "2022-12-01"]):
        yield ["refund", *bad]
    # english: every test around its thresholds, the window's edges, both standards, countries, levels
    takens = ("2021-02-10", "2021-02-11", "2022-05-01", "2023-02-10", "2023-02-11")
    for test in exam.english.tests:
        scores = sorted({test.general - 1, test.general, test.max_score, test.max_score + 1, -5,
                         *((test.hearing_impaired - 1, test.hearing_impaired) if test.hearing_impaired else ())})
        for score, taken, hearing in itertools.product(scores, takens, (False, True)):
            yield ["english", "--test", test.name, "--score", f"{score:g}", "--taken", taken,
                   *(["--hearing-impaired"] if hearing else [])]
        for alias in test.aliases:
            yield ["english", "--test", alias, "--score", f"{test.general:g}", "--taken", "2022-05-01"]
        for country in ("JP", "일본", "US", "미국", "kr", "xyz1"):
            yield ["english", "--test", test.name, "--score", f"{test.general:g}", "--taken", "2022-05-01",
                   "--country", country]
        for issued in ("2022-05-20", "2023-02-10", "2023-02-11", "2022-04-01"):
            yield ["english", "--test", test.name, "--score", f"{test.general:g}", "--taken", "2022-05-01",
                   "--issued", issued]
        yield ["english", "--test", test.name, "--score", f"{test.general:g}", "--taken", "2022-05-01", "--special"]
        for level in ("1", "2", "3", "레벨2", "x"):
            yield ["english", "--test", test.name, "--score", f"{test.general + 1:g}", "--taken", "2022-05-01",
                   "--level", level]
    for bad in (["--test", "토플", "--score", "80", "--taken", "2022-05-01"],
                ["--test", "toefl", "--score", "80", "--taken", "2022-05-01"],
                ["--test", "오픽", "--score", "80", "--taken", "2022-05-01"],
                ["--test", "토익", "--score", "칠백", "--taken", "2022-05-01"],
                ["--test", "토익", "--score", "750점", "--taken", "2022년 5월 1일"],
                ["--test", "토익", "--score", "nan", "--taken", "2022-05-01"],
                ["--test", "토익", "--score", "inf", "--taken", "2022-05-01"],
                ["--test", "토익", "--score", "750", "--taken", "5/1"],
                ["--test", "토익", "--score", "750"], ["--score", "750", "--taken", "2022-05-01"],
                ["--test", "토익", "--taken", "2022-05-01"], ["--test", "", "--score", "750", "--taken", "2022-05-01"]):
        yield ["english", *bad]
    # id: every document alias for every group, the forms the notice refuses
    groups = ["", *(g.id for g in exam.ids.groups), "학생", "군인", "외국인", "미취학", "일반", "직장인", "외계인"]
    names = []
    for g in exam.ids.groups:
        for doc in g.documents:
            names += [doc.name, *doc.aliases]
    for doc in (*exam.ids.not_accepted, *exam.ids.rejected_forms):
        names += [doc.name, *doc.aliases]
    names += list(exam.ids.ambiguous_aliases)
    names = list(dict.fromkeys(names))
    for name in names:
        for group in groups:
            yield ["id", "--document", name, *(["--group", group] if group else [])]
    for name in ("주민등록증 복사본", "운전면허증 사본", "모바일 여권", "모바일 주민등록증 캡처", "학생증 사진 찍은 것",
                 "여권 컬러복사", "주민등록증이랑 학생증", "수험표랑 사원증", "모바일 운전면허증", "도서관 카드", "",
                 "대학교 학생증", "모바일 학생증", "캡처본", "복사본"):
        for group in ("", "학생", "군인", "외국인"):
            yield ["id", "--document", name, *(["--group", group] if group else [])]
    # accommodation: every row alias, both stages, regions, a day after the documents' deadline
    for row in exam.accommodation.rows:
        for alias in row.aliases:
            for stage in ("1", "2", ""):
                yield ["accommodation", "--disability", alias, *(["--stage", stage] if stage else [])]
        for region in ("서울", "부산", "대구", "광주", "대전", "제주", "서울특별시"):
            for stage in ("1", "2"):
                yield ["accommodation", "--disability", row.aliases[0], "--stage", stage, "--region", region]
    for text in (*exam.accommodation.ambiguous_aliases, "시각 상지 중증", "청각 시각 중증", "외계인", "", "상지 중증 하지",
                 "임신 깁스", "시각 중증 하지"):
        yield ["accommodation", "--disability", text]
    yield ["accommodation", "--disability", "시각 중증", "--stage", "3"]
    # payment: every hour of both application periods and around them
    for stage, first, last in ((1, date(2023, 2, 5), date(2023, 2, 11)), (2, date(2023, 5, 21), date(2023, 5, 27))):
        for day in _days(first, last):
            for hour, minute in ((0, 0), (8, 59), (9, 0), (12, 59), (13, 0), (13, 30), (17, 59), (18, 0), (18, 1), (23, 59)):
                yield ["payment", "--stage", str(stage), "--at", f"{day.isoformat()}T{hour:02d}:{minute:02d}"]
    for bad in (["--stage", "1", "--at", "2023-02-06"], ["--stage", "1"], ["--stage", "3", "--at", "2023-02-06T10:00"]):
        yield ["payment", *bad]
    # pass: both stages around 40 and 60, the tie rule's truncation, wrong counts and ranges
    for scores in ("60,60,60,60,60", "40,40,40,40,40", "39,100,100,100,100", "59,59,60,61,60", "70,65,68,90,40",
                   "100,100,100,100,100", "0,0,0,0,0", "60,70", "60,60,60,60,101", "60,60,60,60,-1",
                   "60 70 80 50 40", "60/70/80/50/40", "a,b,c,d,e"):
        yield ["pass", "--stage", "1", "--scores", scores]
    for scores in ("70,65,68", "60,60,60", "40,40,40", "45,50,55", "39,90,90", "59.99,60,60", "100,100,100",
                   "70,65", "70,65,68,70", "40,50,59", "66.67,66.67,66.66"):
        yield ["pass", "--stage", "2", "--scores", scores]
    yield ["pass", "--stage", "1"]
    yield ["pass", "--scores", "70,65,68"]
    # arrival: around every period's seating time and start, both stages, no stage, no period
    for hour, minute in itertools.product((8, 9, 11, 12, 14), (0, 20, 29, 30, 31, 50, 59)):
        for stage, period in itertools.product(("", "1", "2"), ("", "1", "2", "3")):
            yield ["arrival", "--at", f"{hour}:{minute:02d}", *(["--stage", stage] if stage else []),
                   *(["--period", period] if period else [])]
    for bad in (["--at", "25:00"], ["--at", "아침"], ["--at", "9시 40분"], ["--at", "9:40", "--period", "5"],
                ["--at", "9:40", "--stage", "1", "--period", "3"], ["--at", "9:40", "--period", "x"], ["--at", "9:40", "--period", "0"],
                ["--at", "9:40", "--period", "2.5"], []):
        yield ["arrival", *bad]
    # exemption: dates around five years before the base date, several employers, months said
    for periods in ("2018-03-02~2023-03-01", "2018-03-03~2023-03-01", "2018-03-02~", "2015-01-01~2017-12-31, 2020-01-01~",
                    "2010-01-01~2012-12-31", "2018-01-01~2020-12-31, 2019-01-01~2023-02-28", "2023-03-02~",
                    "2020-01-01~2019-01-01", "2016-02-29~2021-02-28", "2017-01-01~2017-12-31; 2018-06-01~", "abc~2020-01-01",
                    "2018-03-02~2023-03-01,,"):
        yield ["exemption", "--periods", periods]
    for worked in ("72", "60", "59", "0", "61", "1200", "1201", "6.5", "-1", "abc"):
        yield ["exemption", "--worked", worked]
    yield ["exemption"]
    # office: every region and words around them
    for region in ("서울", "부산", "대구", "광주", "대전", "서울특별시", "부산광역시", "제주", "인천", "", "서울 강남구"):
        yield ["office", *(["--region", region] if region else [])]


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
