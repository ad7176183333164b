"""Slots from whole sentences: stage, English test and score, IDs, disabilities, refund reasons,
subject scores, regions, yes/no."""
from datetime import date

import pytest

from bot.nlu import extract_slots

TODAY = date(2023, 3, 15)


def slots(text, **kw):
    return extract_slots(text, year=2023, today=TODAY, **kw)


@pytest.mark.parametrize(
    "text, stage",
    [("1차 시험", 1), ("2차요", 2), ("일차", 1), ("이차 시험", 2), ("첫 번째 시험", 1), ("두 번째 시험", 2),
     ("2차시험 취소", 2), ("1차 붙고 2차 환불", 2), ("3차", None), ("시험", None)],
)
def test_stage(text, stage):
    assert slots(text).stage == stage


@pytest.mark.parametrize("text, stage", [("2", 2), ("1번", 1), ("이", 2), ("첫번째요", 1)])
def test_bare_stage_only_when_expected(text, stage):
    assert slots(text, expecting="stage").stage == stage
    assert slots(text).stage is None


@pytest.mark.parametrize(
    "text, test, score, level",
    [
        ("토익 750점", "toeic", 750, None),
        ("TOEIC 750", "toeic", 750, None),
        ("toeic 칠백오십점", "toeic", 750, None),
        ("아이엘츠 4.5", "ielts", 4.5, None),
        ("지텔프 레벨2 65", "gtelp", 65, 2),
        ("g-telp 2급 65점", "gtelp", 65, 2),
        ("G-TELP level 3 80", "gtelp", 80, 3),
        ("텝스 2022년 1월 350", "teps", 350, None),
        ("토플 ibt 72", "toefl_ibt", 72, None),
        ("2021년 3월 토익 750점", "toeic", 750, None),
    ],
)
def test_english_test_score_level(text, test, score, level):
    s = slots(text)
    assert (s.test, s.score, s.level) == (test, score, level)


def test_ambiguous_test_name_gives_options():
    s = slots("토플 90점")
    assert s.test is None and set(s.test_options) == {"toefl_pbt", "toefl_ibt"} and s.score == 90


@pytest.mark.parametrize("text, score", [("토익 -5점", -5), ("토익 9999", 9999), ("-5", -5), ("0점", 0)])
def test_out_of_range_scores_are_still_numbers(text, score):
    # range checks belong to the rules; the NLU reports what was said
    assert slots(text, expecting="score").score == score


@pytest.mark.parametrize("text", ["토익 7oo점", "토익 75o점"])
def test_non_numeric_score_is_flagged(text):
    s = slots(text)
    assert s.score is None and s.invalid_score


def test_no_number_when_a_score_is_expected_is_flagged():
    s = slots("잘 모르겠어요", expecting="score")
    assert s.score is None and s.invalid_score


def test_level_two_of_a_disability_is_not_a_gtelp_level():
    assert slots("장애 2급이에요").level is None


def test_english_context():
    s = slots("청각장애인데 일본에서 본 토익 특별시험 400점")
    assert s.hearing_impaired is True and s.country == "JP" and s.regular is False
    assert slots("미국에서 본 토플 90").country == "US"
    assert slots("해외에서 본 아이엘츠").country == "ZZ"
    assert slots("한국부동산원 다녀요").country is None  # "한국" inside a name
    assert slots("정기시험 토익").regular is True


@pytest.mark.parametrize(
    "text, document",
    [("모바일 운전면허증 돼요?", "모바일 운전면허증"), ("여권 괜찮아요", "여권"), ("주민등록증 복사본", "주민등록증 복사본")],
)
def test_id_document(text, document):
    assert slots(text).document == document


@pytest.mark.parametrize("text, group", [("고등학생인데 학생증", "student"), ("군인인데요", "soldier"), ("외국인이에요", "foreigner")])
def test_id_group(text, group):
    assert slots(text).id_group == group


@pytest.mark.parametrize(
    "text, disability",
    [("시각장애 중증", "시각 중증"), ("시각 경증이에요", "시각 경증"), ("임신 중이에요", "임신"), ("뇌병변", "뇌병변"),
     ("상지 중증 하지", "상지 중증 하지")],
)
def test_disability(text, disability):
    assert slots(text).disability == disability


def test_disability_homonyms():
    assert slots("신청하지 않았어요").disability is None  # "하지" ends a verb here
    assert slots("입실 시각이 언제예요").disability is None  # "시각" = time of day


@pytest.mark.parametrize(
    "text, reason",
    [
        ("입원해서 못 봤어요", "hospitalisation"),
        ("할머니가 돌아가셔서", "bereavement"),
        ("아버지 상 당했어요", "bereavement"),
        ("부친상", "bereavement"),
        ("사망", "bereavement"),
        ("자가격리 중", "quarantine"),
        ("코로나 확진", "quarantine"),
        ("휴가 통제", "military_leave_ban"),
        ("외출 금지돼서", "military_leave_ban"),
        ("폭설로", "weather"),
        ("태풍 때문에", "weather"),
        ("대중교통 두절", "weather"),
        ("정전돼서", "organiser_fault"),
        ("시험장 변경돼서", "organiser_fault"),
        ("중복 결제했어요", "overpayment"),
        ("과오납", "overpayment"),
        ("그냥 취소", "cancel"),
    ],
)
def test_refund_reason(text, reason):
    assert slots(text).refund_reason == reason


@pytest.mark.parametrize(
    "text, scores",
    [
        ("민법 70 경제 55 부동산 80 법규 65 회계 60", [70, 55, 80, 65, 60]),
        ("경제 55 민법 70 회계 60 부동산 80 법규 65", [70, 55, 80, 65, 60]),  # put in the notice's order
        ("70 55 80 65 60", [70, 55, 80, 65, 60]),
        ("70/55/80/65/60", [70, 55, 80, 65, 60]),
        ("70, 55, 80", [70, 55, 80]),
        ("실무 58 이론 61 보상법규 59", [58, 61, 59]),
        ("72.5 40 66", [72.5, 40, 66]),
    ],
)
def test_subject_scores(text, scores):
    assert slots(text).subject_scores == scores


def test_subject_scores_do_not_swallow_dates():
    s = slots("2023년 3월 25일")
    assert s.subject_scores == []


@pytest.mark.parametrize("text, region", [("부산 사는데", "부산"), ("대전이요", "대전"), ("인천 거주", "인천"), ("서울", "서울")])
def test_region(text, region):
    assert slots(text).region == region


@pytest.mark.parametrize("text, yes", [("네", True), ("넵", True), ("응", True), ("ㅇㅇ", True), ("아니요", False),
                                       ("아뇨", False), ("ㄴㄴ", False), ("네 2차요", True), ("모르겠어요", None)])
def test_yes_no(text, yes):
    assert slots(text).yes is yes


def test_a_whole_sentence():
    s = slots("2차 시험 7월 1일 오후 3시에 취소하면 환불 얼마예요?")
    assert s.stage == 2
    assert s.dates == [date(2023, 7, 1)]
    assert s.time.hour == 15
    assert s.refund_reason == "cancel"
    assert s.score is None and s.subject_scores == []


# -- lengths of work said without dates (the exemption by experience) ----------------------------

@pytest.mark.parametrize("text, months", [
    ("감정평가법인에서 6년 일했어요", (72, 72)),
    ("2년 반 근무했습니다", (30, 30)),
    ("협회 1년 6개월 다녔고 사무소 3년 했어요", (54, 54)),
    ("18개월 재직했어요", (18, 18)),
    ("감정평가법인 7년차입니다", (72, 84)),  # in the seventh year
])
def test_a_length_of_work_is_read_in_months(text, months):
    assert extract_slots(text, year=2023, today=date(2023, 3, 15)).worked_months == months


@pytest.mark.parametrize("text", [
    "경력 5년 이상이면 되나요",       # the rule asked about, not a length worked
    "5년 넘어야 면제돼요?",
    "2017년 3월부터 일했어요",        # a date, not a length
    "3년 전에 퇴사했어요",            # a point in time
    "1차 시험 5년 안에 다시 봐야 해요?",  # no word of working
])
def test_what_is_no_length_worked_is_not_read_as_one(text):
    assert extract_slots(text, year=2023, today=date(2023, 3, 15)).worked_months is None


def test_a_length_added_to_another_employer_is_marked():
    slots = extract_slots("한국부동산원에서도 1년 일했어요", year=2023, today=date(2023, 3, 15))
    assert slots.worked_months == (12, 12) and slots.worked_more


# -- a described situation is said in one clause ------------------------------------------------

@pytest.mark.parametrize("text, lost_id", [
    ("신분증을 잃어버렸어요", True),
    ("주민증을 집에 두고 왔는데 어떡해요", True),
    ("신분증은 있는데 수험표를 잃어버렸어요", False),   # the lost thing is the ticket
    ("신분증은 챙겼고, 수험표를 놓고 왔어요", False),
])
def test_a_described_situation_is_said_in_one_clause(text, lost_id):
    said = extract_slots(text, year=2023, today=date(2023, 3, 15)).situations
    assert ("lost_id" in said) is lost_id


@pytest.mark.parametrize("text, hearing", [
    ("토익 360점인데 청각장애 있어요", True),
    ("청각장애는 아니에요 토익 650점", False),
    ("청각장애 그런 거 없어요", False),
    ("토익 700점이요", None),
])
def test_a_hearing_impairment_said_or_denied(text, hearing):
    assert extract_slots(text, year=2023, today=date(2023, 3, 15)).hearing_impaired is hearing


@pytest.mark.parametrize("text, other", [
    ("2026년 감정평가사 토익 기준점수 몇 점이에요?", 2026),   # the year sits on the exam's name
    ("작년 감평 합격선 몇 점이었어요", 2022),
    ("2022년 토익 기준점수 넘었어요", None),                 # the year the test was taken
    ("2015년 감정평가사사무소 입사해서 일했어요", None),      # an employer, not the exam
    ("작년에 회사 그만두고 감평 준비 시작했어요 토익 780점 이번 1차에 돼요?", None),  # the applicant's year
])
def test_another_round_is_a_year_said_of_the_exam(text, other):
    assert extract_slots(text, year=2023, today=date(2023, 3, 15)).other_year == other
