"""Dates and times: every written form, impossible dates caught, relative days from ``today``."""
from datetime import date, time

import pytest

from bot.nlu import extract_slots

TODAY = date(2023, 3, 15)  # a Wednesday


def slots(text, **kw):
    return extract_slots(text, year=2023, today=TODAY, **kw)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2023-03-25", date(2023, 3, 25)),
        ("2023.3.25", date(2023, 3, 25)),
        ("2023. 3. 25.", date(2023, 3, 25)),
        ("23.3.25", date(2023, 3, 25)),
        ("2023/3/25", date(2023, 3, 25)),
        ("2023년 3월 25일", date(2023, 3, 25)),
        ("3/25", date(2023, 3, 25)),
        ("3월 25일", date(2023, 3, 25)),
        ("3월25일에 취소", date(2023, 3, 25)),
        ("3. 25.(토)", date(2023, 3, 25)),
        ("25일", date(2023, 3, 25)),  # month from today
        ("삼월 이십오일", date(2023, 3, 25)),
        ("오늘", date(2023, 3, 15)),
        ("내일", date(2023, 3, 16)),
        ("낼", date(2023, 3, 16)),
        ("모레", date(2023, 3, 17)),
        ("내일모레", date(2023, 3, 17)),
        ("어제", date(2023, 3, 14)),
        ("그저께", date(2023, 3, 13)),
        ("그제", date(2023, 3, 13)),
        ("다음 주 월요일", date(2023, 3, 20)),
        ("담주 월욜", date(2023, 3, 20)),
        ("이번 주 금요일", date(2023, 3, 17)),
        ("지난주 화요일", date(2023, 3, 7)),
        ("토요일", date(2023, 3, 18)),  # the next one
        ("다음 달 3일", date(2023, 4, 3)),
    ],
)
def test_date_forms(text, expected):
    assert slots(text).dates == [expected]


def test_year_less_dates_take_the_exam_year_not_today():
    s = extract_slots("3월 25일", year=2023, today=date(2025, 1, 2))
    assert s.dates == [date(2023, 3, 25)]


def test_year_said_earlier_carries_over():
    s = slots("2021년 3월에 보고 4월 5일에 성적표 받았어요")
    assert s.months == [(2021, 3)]
    assert s.dates == [date(2021, 4, 5)]


def test_dates_in_written_order_and_day_takes_month_from_context():
    s = slots("3월 2일 접수했는데 25일에 취소")
    assert s.dates == [date(2023, 3, 2), date(2023, 3, 25)]


@pytest.mark.parametrize("text", ["2월 30일", "2023-02-29", "2023.2.30", "13월 5일", "4월 31일", "23.2.29"])
def test_impossible_dates_are_reported_not_shifted(text):
    s = slots(text)
    assert s.dates == []
    assert s.invalid_dates == [text]


def test_leap_year():
    assert slots("2024-02-29").dates == [date(2024, 2, 29)]
    assert slots("2024년 2월 29일").dates == [date(2024, 2, 29)]
    assert slots("2023-02-29").invalid_dates == ["2023-02-29"]
    assert extract_slots("2월 29일", year=2024, today=TODAY).dates == [date(2024, 2, 29)]
    assert extract_slots("2월 29일", year=2023, today=TODAY).invalid_dates == ["2월 29일"]


@pytest.mark.parametrize("text", ["7일 전까지", "5일간", "30일 이내", "토익 4.5", "70/55/80", "3시간"])
def test_durations_and_numbers_are_not_dates(text):
    s = slots(text)
    assert s.dates == [] and s.invalid_dates == []


def test_bare_dotted_date_only_when_a_date_is_expected():
    assert slots("3.25").dates == []
    assert slots("3.25", expecting="date").dates == [date(2023, 3, 25)]


def test_month_without_day():
    s = slots("토익 2021년 3월 750점")
    assert s.months == [(2021, 3)] and s.dates == [] and s.score == 750


@pytest.mark.parametrize(
    "text, expected, ambiguous",
    [
        ("오후 3시", time(15, 0), False),
        ("15:00", time(15, 0), False),
        ("09:30", time(9, 30), False),
        ("오전 9시 30분", time(9, 30), False),
        ("3시반", time(3, 30), True),
        ("저녁 7시", time(19, 0), False),
        ("밤 11시", time(23, 0), False),
        ("오후 세시", time(15, 0), False),
        ("6시", time(6, 0), True),  # 06:00 or 18:00? flagged, never silently guessed
        ("18시", time(18, 0), False),
        ("정오", time(12, 0), False),
    ],
)
def test_times(text, expected, ambiguous):
    s = slots(text)
    assert s.time == expected
    assert s.time_ambiguous is ambiguous


def test_date_and_time_together():
    s = slots("2월 10일 오후 5시에 취소")
    assert s.dates == [date(2023, 2, 10)] and s.time == time(17, 0)


def test_duration_is_not_a_time():
    assert slots("2시간 걸려요").time is None
