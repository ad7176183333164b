"""Refund without a stage: a cancelling date inside exactly one stage's span (its application start
to the day before its exam, read from the knowledge) settles the stage; otherwise it is asked."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from rules.refund import stage_for_cancel_date  # the rule settles the stage from the date


def test_spans_come_from_the_knowledge(shared_engine):
    exam = shared_engine.exam
    for stage in exam.stages:
        start, exam_day = stage.application.start.date(), stage.exam_date
        assert stage_for_cancel_date(exam, start) == stage.number
        assert stage_for_cancel_date(exam, exam_day - timedelta(days=1)) == stage.number
        assert stage_for_cancel_date(exam, start - timedelta(days=1)) is None
        assert stage_for_cancel_date(exam, exam_day) is None  # from the exam day the reason decides


@pytest.mark.parametrize("day, stage", [
    (date(2023, 2, 6), 1), (date(2023, 3, 25), 1), (date(2023, 4, 7), 1),
    (date(2023, 2, 5), None), (date(2023, 4, 8), None), (date(2023, 5, 21), None),
    (date(2023, 5, 22), 2), (date(2023, 7, 14), 2), (date(2023, 7, 15), None),
])
def test_the_2023_spans(shared_engine, day, stage):
    assert stage_for_cancel_date(shared_engine.exam, day) == stage


def test_a_date_in_the_first_stage_span_is_answered_as_the_first_stage(chat):
    reply = chat("3월 25일에 취소하면 환불 얼마예요?")
    assert chat.intent == "refund"
    assert "1차 시험인가요" not in reply
    assert "3월 25일은 1차 시험 기간이라 1차 기준으로 계산했어요" in reply
    assert "20,000원" in reply and "50%" in reply and "9. 라." in reply
    assert chat.buttons[0] == "2차로 계산"


def test_the_other_stage_button_recomputes(chat):
    chat("6월 20일 취소 환불 얼마")
    assert "6월 20일은 2차 시험 기간이라 2차 기준으로 계산했어요" in chat.turn.replies[0].text
    assert "24,000원" in chat.turn.replies[0].text
    reply = chat("1차로 계산")  # a plain cancel on 6. 20. is long past the 1차 refund periods
    assert "1차 시험 수수료 환불" in reply and "환불액: 0원" in reply and "기준으로 계산했어요" not in reply


def test_a_date_outside_every_span_asks_the_stage(chat):
    # 4. 20.: after the 1차 exam, before the 2차 application opened — the stage changes the answer
    reply = chat("4월 20일에 취소하면 환불 얼마예요?")
    assert "1차 시험인가요, 2차 시험인가요?" in reply and "기준으로 계산했어요" not in reply


def test_a_date_past_both_exams_needs_no_stage(chat):
    # 7. 20.: a plain cancellation is too late for either stage — the same answer, so no question
    reply = chat("7월 20일 취소하면 환불돼요?")
    assert "시험인가요" not in reply and "환불액: 0원" in reply and "1차·2차 시험 모두 같아요" in reply
    assert "1차:" in reply and "2차:" in reply  # each stage's own reason


def test_a_stated_stage_is_not_called_inferred(chat):
    reply = chat("1차 3월 25일 취소하면 환불 얼마예요?")
    assert "20,000원" in reply and "기준으로 계산했어요" not in reply
    assert chat.buttons[0] == "다른 날짜로 다시 계산"


def test_a_date_correction_infers_again(chat):
    chat("3월 25일에 취소하면 환불 얼마예요?")
    reply = chat("아 6월 1일이요")
    assert "2차 시험 수수료 환불" in reply and "6월 1일은 2차 시험 기간이라" in reply
