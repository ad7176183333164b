"""Understanding, fifth round (issue 9): a test date said only as a year, a hypothetical sitting
after the window, what follows from a refused ID — scripts through the real engine."""
from __future__ import annotations

from datetime import datetime

import pytest

from bot.nlu.temporal import find_temporal


# -- a test date said only as a year: decided when no day of that year could change it -------------

@pytest.mark.parametrize("text, year", [("2019년에 본 토익", 2019), ("작년에 본 토익 800", 2022), ("재작년에 봤어요", 2021)])
def test_a_year_said_alone_is_read_as_a_year(text, year):
    found = find_temporal(text, year=2023, today=datetime(2023, 3, 15).date())
    assert found.years == [year] and not found.months and not found.dates


def test_a_year_with_its_month_is_a_month_not_a_year():
    found = find_temporal("2021년 3월에 봤어요", year=2023, today=datetime(2023, 3, 15).date())
    assert found.months == [(2021, 3)] and found.years == []


def test_a_year_before_the_window_is_refused_without_asking_the_day(talk):
    t = talk()
    reply = t("2019년에 본 토익 800점 돼요?")
    assert "인정되지 않아요" in reply and "2019년에 보신 시험은 날짜와 관계없이" in reply
    assert "2021. 2. 11." in reply and not t.asked


def test_a_year_wholly_inside_the_window_is_accepted_without_asking_the_day(talk):
    t = talk()
    reply = t("작년에 본 토익 800점 돼요?")  # 2023-03-15: 작년 is 2022, every day of it inside the window
    assert "인정돼요 ✅" in reply and "응시 연도 2022년" in reply and not t.asked


def test_a_year_the_window_starts_in_asks_the_day_and_reads_the_answer_in_that_year(talk):
    t = talk()
    reply = t("2021년에 본 토익 800점 돼요?")
    assert t.asked and "2021년 몇 월 며칠" in reply
    reply = t("3월 14일이요")  # a day of 2021, not of the round's year
    assert "인정돼요 ✅" in reply and "2021. 3. 14." in reply


def test_a_year_the_window_starts_in_is_still_refused_for_a_low_score(talk):
    t = talk()
    reply = t("2021년에 본 토익 650점 돼요?")
    assert "인정되지 않아요" in reply and "700점" in reply and not t.asked


# -- a sitting still to come, after the window: it cannot count -------------------------------------

@pytest.mark.parametrize("message", ["2024년에 토익 보면 써도 되나요?", "2023년 5월에 토익 보면 써도 되나요?"])
def test_a_sitting_after_the_window_is_refused_not_called_a_future_date(talk, message):
    t = talk()
    reply = t(message)
    assert "인정되지 않아요" in reply and "인정기간" in reply and "아직 오지 않은" not in reply and not t.asked


def test_a_sitting_still_to_come_inside_the_window_is_not_checked(talk):
    t = talk(datetime(2023, 1, 10, 12, 0))
    reply = t("토익 2023년 1월 29일에 보면 써도 되나요?")
    assert "아직 오지 않은" in reply


# -- a refused ID: the answer says what follows ------------------------------------------------------

@pytest.mark.parametrize("message", ["주민등록증 사진 찍은 거 보여줘도 돼요?", "학생증 되나요? 대학생이에요"])
def test_a_refused_id_says_the_applicant_cannot_sit_without_one(talk, message):
    reply = talk()(message)
    assert "인정되지 않아요" in reply and "응시할 수 없어요" in reply


def test_an_accepted_id_does_not_warn_of_sitting_without_one(talk):
    reply = talk()("여권 되나요?")
    assert "인정돼요" in reply and "응시할 수 없어요" not in reply
