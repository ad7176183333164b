"""Twelfth round of understanding (issue 9): the refund rule asks for the day before the stage (a
day of cancelling says the stage as well), and any input the flow needs, told instead of the one
asked, is an answer."""
from __future__ import annotations

from datetime import datetime


def test_a_bare_refund_question_asks_the_day_not_the_stage(talk):
    t = talk(datetime(2023, 3, 15, 10, 0))
    reply = t("접수 취소하면 돈 얼마 돌려받아요?")
    assert t.asked and "언제 취소" in reply and "1차 시험인가요" not in reply
    reply = t("3월 25일이요")
    assert not t.asked and "20,000원" in reply and "50%" in reply  # 3. 25.: a 1차 cancellation


def test_a_stage_told_while_the_day_is_asked_is_kept_and_the_day_asked_again(talk):
    t = talk(datetime(2023, 5, 23, 10, 0))
    t("접수 취소했는데 환불 되나요?")  # a cancellation made: today is not assumed
    reply = t("2차 시험이에요")
    assert t.asked and t.turn.intent == "refund" and "2차 시험 접수를 언제" in reply
    reply = t("오늘")
    assert "100%" in reply and "40,000원" in reply  # inside the 2차 application period


def test_a_day_between_the_stages_still_asks_the_stage(talk):
    t = talk(datetime(2023, 4, 15, 10, 0))
    t("환불 얼마 받아요?")
    reply = t("4월 20일에 취소하면요")
    assert t.asked and "1차 시험인가요, 2차 시험인가요?" in reply
