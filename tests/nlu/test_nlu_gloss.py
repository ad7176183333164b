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



def test_hyphens_and_what_about_and_and():
    assert gloss("when is the first-round exam and which cities can i take it in?") == "1차 시험 언제 그리고 지역 응시 어떤?"
    assert gloss("what about ielts?", frozenset({"ielts"})) == "ielts는요?"
