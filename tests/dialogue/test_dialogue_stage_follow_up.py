"""A follow-up that names only the other stage ("그럼 2차는?") right after a notice fact asks the same
thing for that stage — answered from that stage's own fact, never from the one just given."""
from __future__ import annotations

from datetime import datetime

import pytest

from bot.engine import Engine

NOW = datetime(2023, 3, 1, 10, 0)


@pytest.fixture
def engine():
    return Engine(clock=lambda: NOW)


def ask(engine, session, text):
    turn = engine.handle(session, text, now=NOW)
    return turn.intent, turn.replies[0].text


@pytest.mark.parametrize("first, follow_up, intent, expected, not_expected", [
    ("1차 시험 시간표 알려주세요", "그럼 2차는?", "timetable", "제2차 시험 시간표", "제1차 시험 시간표"),
    ("2차 시험 시간표", "1차는요?", "timetable", "제1차 시험 시간표", "제2차 시험 시간표"),
    ("1차 과목 뭐예요", "2차는요?", "subjects", "제2차 시험 과목", "제1차 시험 과목"),
    ("1차 합격 기준이 뭐예요", "2차는?", "pass_rules", "제2차 시험 합격 기준", "제1차 시험 합격 기준"),
])
def test_the_other_stage_gets_its_own_fact(engine, first, follow_up, intent, expected, not_expected):
    assert ask(engine, "s", first)[0] == intent
    got_intent, text = ask(engine, "s", follow_up)
    assert got_intent == intent
    assert expected in text and not_expected not in text
    assert "1644-8000" not in text  # an answer, not the "not sure" fallback


@pytest.mark.parametrize("first, follow_up, intent, expected", [
    ("2차 시험일 언제예요", "1차는?", "schedule_exam_date", "2023. 4. 8.(토)"),  # one fact holds both stages
    ("2차 시험 응시수수료 얼마예요", "1차는?", "fees", "40,000원"),
])
def test_a_fact_for_both_stages_is_given_again(engine, first, follow_up, intent, expected):
    ask(engine, "s", first)
    got_intent, text = ask(engine, "s", follow_up)
    assert got_intent == intent and expected in text


def test_a_stage_and_the_bare_word_exam_with_no_context_is_not_guessed(engine):
    # "2차 시험은요?" said first asks of the date or the timetable alike: the bot offers both
    intent, text = ask(engine, "s", "2차 시험은요?")
    assert intent is None and "1644-8000" in text
    buttons = engine.handle("s2", "2차 시험은요?").replies[0].buttons
    assert "시험일" in buttons and "시험시간표" in buttons


def test_a_stage_and_the_exam_after_an_answer_is_that_stages_fact(engine):
    ask(engine, "s", "1차 시험 언제예요?")
    assert "2023. 7. 15.(토)" in ask(engine, "s", "2차 시험은요?")[1]


def test_without_a_fact_just_answered_a_bare_stage_is_not_guessed(engine):
    ask(engine, "s", "안녕하세요")
    intent, text = ask(engine, "s", "2차는?")
    assert intent is None and "1644-8000" in text


def test_in_a_flow_a_bare_stage_answers_the_flow_not_a_fact(engine):
    ask(engine, "s", "1차 과목 뭐예요")
    ask(engine, "s", "환불 얼마예요")  # the refund flow asks which stage
    intent, text = ask(engine, "s", "2차요")
    assert intent == "refund" and "2차 시험 접수를 언제 취소" in text


def test_a_stage_with_another_topic_is_that_topic(engine):
    ask(engine, "s", "1차 과목 뭐예요")
    intent, text = ask(engine, "s", "2차 환불은요?")
    assert intent == "refund"
