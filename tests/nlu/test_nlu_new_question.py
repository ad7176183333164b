"""While a slot is asked, a short message is read as its answer — unless it answers nothing and
asks (a question word) about a topic its keywords name: then it is a new question."""
from datetime import date

import pytest

from bot.nlu import understand

TODAY = date(2023, 3, 1)


def u(text, expecting):
    return understand(text, year=2023, today=TODAY, expecting=expecting)


def test_a_short_clear_question_switches_while_a_date_is_asked():
    result = u("서류 제출 지역본부 어디예요", "date")
    assert result.intent == "office"


def test_a_short_question_on_a_named_topic_is_new_even_when_unsure():
    # 증빙서류: the accommodation papers, the exemption papers or a refund's proof
    result = u("증빙서류 어디로 내요", "date")
    assert result.new_question and result.intent is None
    assert "accommodation_info" in [i for i, _ in result.alternatives]


@pytest.mark.parametrize("text, expecting", [
    ("2차요", "stage"),  # the bare answer
    ("3월 25일", "date"),
    ("학생증이요", "document"),
    ("언제요?", "date"),  # a question word, but no topic named
    ("몇 시요?", "time"),
    ("몰라요", "date"),
])
def test_short_answers_and_topicless_questions_stay_answers(text, expecting):
    result = u(text, expecting)
    assert result.intent is None and not result.new_question


def test_bare_stage_still_fills_the_stage():
    result = u("2차요", "stage")
    assert result.slots.stage == 2 and not result.new_question


def test_a_question_that_answers_the_slot_is_an_answer():
    # "1차 서류 어디로 내요" states the stage asked for: the flow takes it
    result = u("1차 면제서류 어디로 내요", "stage")
    assert result.slots.stage == 1 and not result.new_question
