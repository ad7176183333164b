"""A question written in English is read through the lexicon's glosses (knowledge/lexicon.yaml
``english:``) and answered like its Korean wording; a Korean message with English words is not."""
from datetime import date

import pytest

from bot.nlu.gloss import gloss, in_english
from bot.nlu.pipeline import understand

TODAY = date(2023, 3, 15)


def read(text):
    return understand(text, year=2023, today=TODAY)


def test_only_a_message_mostly_in_latin_letters_is_glossed():
    assert in_english("i want a refund for the 1st exam")
    assert not in_english("토익 750점 pass 앱 인증 되나요")
    assert gloss("토익 750점 pass 앱 인증 되나요") == "토익 750점 pass 앱 인증 되나요"


def test_dates_come_back_in_korean_order_and_question_words_go_last():
    assert gloss("my toeic is from march 2022", frozenset({"toeic"})) == "toeic 2022년 3월"
    assert gloss("i cancel on march 25th, how much refund?") == "취소 3월 25일 , 얼마 환불 ?"
    assert gloss("when is the second exam?") == "2차 시험 언제?"


@pytest.mark.parametrize(
    "text, intent, slot, value",
    [
        ("I want a refund for the 1st exam, cancelling today. how much?", "refund", "stage", 1),
        ("My TOEIC score is 720 from March 2022. Is it valid?", "english", "score", 720),
        ("I'm a foreigner. alien registration card OK for ID?", "id", "id_group", "foreigner"),
        ("When is the second exam?", "schedule_exam_date", "stage", 2),
        ("How much is the exam fee?", "fees", None, None),
    ],
)
def test_an_english_question_reads_like_its_korean_wording(text, intent, slot, value):
    u = read(text)
    assert u.intent == intent
    if slot:
        assert getattr(u.slots, slot) == value


def test_english_off_the_notice_stays_a_fallback():
    assert read("What is the capital of France?").intent is None


def test_a_two_digit_year_with_slashes_is_a_recent_date_not_scores():
    from bot.nlu.temporal import find_temporal

    assert find_temporal("22/11/20 시험", year=2023, today=TODAY).dates == [date(2022, 11, 20)]
    assert find_temporal("70/55/80", year=2023, today=TODAY).dates == []  # scores
    u = read("텝스 340점 22/11/20 시험이요 턱걸이인데 되나요")
    assert u.intent == "english" and u.slots.dates == [date(2022, 11, 20)]


def test_a_document_asked_as_an_id_is_an_id_question_beside_a_disability():
    assert read("시각장애 있는데 시험 볼 때 신분증으로 복지카드 돼요?").intent == "id"
