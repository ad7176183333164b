"""English check with only the month of the test ("토익 2021년 3월 750점"): decided on the month when
no day of it could change the answer; the day is asked only in a month the window starts or ends in
(2021. 2.: from 2. 11.; 2023. 2.: until 2. 10.)."""
from __future__ import annotations

import pytest

NOTICE = "2023년도 제34회 공고 기준"


@pytest.mark.parametrize("month", ["2021년 3월", "2022년 12월", "2023년 1월"])
def test_a_month_inside_the_window_is_answered_without_the_day(chat, month):
    reply = chat(f"토익 {month} 750점 인정돼요?")
    assert chat.intent == "english"
    assert "며칠" not in reply
    assert NOTICE in reply and "인정돼요 ✅" in reply and "700점" in reply and "8. 가." in reply
    assert f"{month}에 보셨다면 날짜와 관계없이 인정기간 안이에요" in reply
    assert f"응시월 {month}" in reply


def test_a_month_inside_the_window_still_checks_the_score(chat):
    reply = chat("토익 2021년 3월 650점 인정돼요?")
    assert "인정되지 않아요" in reply and "700점" in reply and "며칠" not in reply


@pytest.mark.parametrize("month, edge", [("2021년 1월", "인정기간 시작"), ("2020년 11월", "인정기간 시작")])
def test_a_month_before_the_window_is_invalid_without_the_day(chat, month, edge):
    reply = chat(f"토익 {month} 800점 인정돼요?")
    assert "며칠" not in reply
    assert "인정되지 않아요" in reply and f"{month}에 보신 시험은 날짜와 관계없이" in reply and edge in reply


def test_a_month_after_the_window_is_invalid_without_the_day(chat):
    reply = chat("텝스 2023년 3월 400점 되나요?")  # today is 2023-03-01: the month has begun
    assert "며칠" not in reply
    assert "인정되지 않아요" in reply and "교부 마감" in reply


@pytest.mark.parametrize("month, day, valid", [("2021년 2월", "11일", True), ("2021년 2월", "10일", False),
                                               ("2023년 2월", "10일", True), ("2023년 2월", "11일", False)])
def test_a_month_the_window_starts_or_ends_in_asks_the_day(chat, month, day, valid):
    reply = chat(f"토익 {month} 750점 인정돼요?")
    assert f"{month} 며칠에 보셨나요?" in reply and "2021. 2. 11.(목)" in reply
    reply = chat(day)
    assert ("인정돼요 ✅" in reply) is valid and ("인정되지 않아요" in reply) is not valid


def test_correcting_a_month_after_the_answer(chat):
    assert "인정돼요 ✅" in chat("토익 2021년 3월 750점 인정돼요?")
    reply = chat("아 2021년 1월이요")
    assert "응시월 2021년 1월로 바꿨어요" in reply and "인정되지 않아요" in reply
    reply = chat("아 2021년 2월이요")  # now the day decides
    assert "2021년 2월 며칠에 보셨나요?" in reply
    assert "인정돼요 ✅" in chat("15일")


def test_a_day_after_a_month_inside_the_window_is_used(chat):
    chat("토익 750점 인정돼요?")
    reply = chat("2021년 3월 14일")
    assert "응시일 2021. 3. 14.(일)" in reply and "날짜와 관계없이" not in reply
