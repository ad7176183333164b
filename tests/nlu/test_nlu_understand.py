"""understand(): thresholds, alternatives, out-of-scope, and answers to the slot being asked."""
from datetime import date

import pytest

from bot.nlu import THRESHOLD, classify, understand
from bot.nlu.intents import OUT_OF_SCOPE

TODAY = date(2023, 3, 15)


def u(text, **kw):
    return understand(text, year=2023, today=TODAY, **kw)


def test_confident_intent_with_slots():
    result = u("3월 25일에 1차 취소하면 환불 얼마?")
    assert result.intent == "refund" and result.confidence >= THRESHOLD
    assert result.slots.dates == [date(2023, 3, 25)] and result.slots.stage == 1
    assert result.text == "3월 25일에 1차 취소하면 환불 얼마?"


def test_gibberish_has_no_intent_and_no_crash():
    result = u("ㅁㄴㅇㄹ qwer")
    assert result.intent is None and result.confidence < THRESHOLD


def test_empty_message():
    result = u("   \u200b ")
    assert result.intent is None and result.confidence == 0.0 and result.text == ""


def test_unsure_gives_closest_topics_as_alternatives():
    result = u("서류")
    assert result.intent is None
    assert 1 <= len(result.alternatives) <= 3
    assert all(intent != OUT_OF_SCOPE for intent, _ in result.alternatives)
    scores = [s for _, s in result.alternatives]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize("text", ["공인중개사 시험 언제예요", "세무사 원서접수 기간", "오늘 날씨 어때", "감정평가사 연봉"])
def test_out_of_scope(text):
    result = u(text)
    assert result.out_of_scope and result.intent == OUT_OF_SCOPE


def test_another_exam_in_an_in_scope_question_is_not_out_of_scope():
    assert u("정보처리기사 자격증 신분증으로 돼요?").intent == "id"
    assert u("세무사 시험이랑 같은 날이라 못 봤어요 환불돼요?").intent == "refund"


def test_weather_as_a_refund_reason_is_in_scope():
    assert u("날씨 때문에 버스가 끊겨서 시험 못 봤어요 환불 되나요").intent == "refund"


@pytest.mark.parametrize(
    "text, expecting",
    [("3월 25일", "date"), ("2차요", "stage"), ("750점", "score"), ("토익이요", "test"), ("그냥 취소요", "reason"),
     ("학생증", "document"), ("부산", "region"), ("네", "hearing_impaired")],
)
def test_answer_to_the_expected_slot_is_not_a_new_topic(text, expecting):
    assert u(text, expecting=expecting).intent is None


def test_bare_cancel_word_is_cancel_unless_a_refund_reason_is_asked():
    assert u("취소").intent == "cancel"
    assert u("취소", expecting="date").intent == "cancel"
    answer = u("취소", expecting="reason")
    assert answer.intent is None and answer.slots.refund_reason == "cancel"


def test_clear_new_question_while_a_slot_is_asked():
    result = u("2차 시험일은 언제예요?", expecting="stage")
    assert result.intent == "schedule_exam_date"
    assert result.slots.stage == 2


def test_control_and_small_talk_still_work_mid_flow():
    assert u("처음으로", expecting="date").intent == "cancel"
    assert u("고마워요", expecting="document").intent == "thanks"
    assert u("공인중개사 시험은 언제예요", expecting="date").out_of_scope


def test_greeting_does_not_hide_the_question():
    assert u("안녕하세요 토익 750점 인정돼요?").intent == "english"


def test_classify_ranks_all_candidates():
    ranked = classify("토익 750점 인정돼요?")
    assert ranked[0][0] == "english"
    assert all(0.0 <= s <= 1.0 for _, s in ranked)
    assert classify("") == []


def test_vocabularies_come_from_the_exam_passed():
    from knowledge import load_exam

    exam = load_exam()
    result = understand("토익 750점 인정돼요?", year=exam.year, today=TODAY, exam=exam)
    assert result.intent == "english" and result.slots.test == "toeic"


def test_a_new_alias_in_the_knowledge_file_is_understood_without_code():
    from knowledge import load_exam

    exam = load_exam()
    tests = [
        t.model_copy(update={"aliases": [*t.aliases, "토이끄"]}) if t.id == "toeic" else t for t in exam.english.tests
    ]
    changed = exam.model_copy(update={"english": exam.english.model_copy(update={"tests": tests})})
    assert understand("토이끄 750점", year=2023, today=TODAY).slots.test is None
    assert understand("토이끄 750점", year=2023, today=TODAY, exam=changed).slots.test == "toeic"


@pytest.mark.parametrize("text, intent", [("수수료는요?", "fees"), ("그럼 수수료는요?", "fees"), ("환불은요?", "refund")])
def test_an_elliptical_follow_up_is_read_by_the_thing_it_names_not_its_frame(text, intent):
    # "수수료는요" is like "수수료는 어떻게 내요" only in its frame (…는요): the fee is named
    assert understand(text, year=2023, today=date(2023, 3, 10)).intent == intent
