"""FACT intents answer from the knowledge file; among several facts of one intent, the keywords and the wording pick."""
from bot.dialogue.facts import FactBook
from knowledge import load_exam

EXAM = load_exam()
BOOK = FactBook(EXAM)


def test_every_fact_intent_of_the_round_has_an_answer():
    from bot.nlu.intents import FACT

    assert all(BOOK.has(intent) for intent in FACT)


def test_the_keywords_pick_among_facts_of_one_intent():
    assert BOOK.pick("subjects", "2차 시험 과목이 뭐예요").id == "subjects_stage2"
    assert BOOK.pick("subjects", "1차 시험 과목 알려줘").id == "subjects_stage1"
    assert BOOK.pick("refund_info", "코로나 걸려서 시험 못 봄 환불").id == "refund_special_cases"


def test_without_any_keyword_the_first_fact_of_the_intent_answers():
    first = next(f for f in EXAM.facts if f.intent == "timetable")
    assert BOOK.pick("timetable", "음").id == first.id


def test_unknown_intent_has_no_fact():
    assert BOOK.pick("no_such_intent", "x") is None


def test_worded_like_a_fact_picks_it_when_no_keyword_does():
    # none of the three facts' keywords is in these messages; their answers' wording is
    assert BOOK.pick("answer_sheet", "검은색 필기구 말고 연필로 쓰면 채점 안 하나요").id == "answer_sheet_stage2"
    assert BOOK.pick("answer_sheet", "자동 판독 결과에 이의제기 할 수 있어요?").id == "answer_sheet_stage1_scoring"
    assert BOOK.pick("exemption_submission", "경력 서류를 거짓으로 내면 어떻게 돼요").id == "exemption_penalties"


def test_a_named_keyword_outweighs_mere_likeness():
    assert BOOK.pick("exemption_submission", "서류 봉투 보낼 지역본부 주소 알려줘").id == "exemption_submission_offices"


def test_likeness_is_a_cosine_between_0_and_1():
    from bot.dialogue.facts import _pairs

    fact = next(f for f in EXAM.facts if f.id == "answer_sheet_stage2")
    assert BOOK.likeness(fact, set()) == 0.0
    assert 0.0 < BOOK.likeness(fact, _pairs(fact.answer)) <= 1.0
    assert BOOK.likeness(fact, _pairs(fact.answer)) > BOOK.likeness(fact, _pairs("환불 얼마예요"))


def test_a_keyword_every_fact_of_the_intent_speaks_of_counts_for_little():
    # "시험장" is in every exam-place fact; "주차" only in the directions
    assert BOOK.pick("exam_places", "시험장 주차 가능해요?").id == "exam_places_directions"
    # "서류" is what "언제까지" is asked of: the deadline, not the list of papers
    assert BOOK.pick("accommodation_info", "장애인 편의 서류 언제까지 내요?", asks=("documents", "date")).id == "accommodation_info"
