"""What ``scripts/snapshot_answers.py`` asks: every message of the corpus, a probe per term of the
knowledge file, and the grid of ``applicant-bot check`` calls. Derived from the files, so a new
term, test, reason or row is asked about without editing this list."""
from __future__ import annotations

import itertools
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator

import yaml

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus"


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
