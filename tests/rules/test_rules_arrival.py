"""Arriving on exam day (3. 나. timetable, 12. 2. seating by 입실완료 / no entry after the start,
12. 5. no later period after a missed one), from the notice's own timetable."""
from datetime import date, time

import pytest

from rules import arrival
from rules.common import settle
from rules.types import ArrivalRequest, ArrivalVerdict, InvalidInput, Needs, Unanimous

TODAY = date(2023, 3, 15)
ON_TIME, AFTER_ENTRY, TOO_LATE = ArrivalVerdict.ON_TIME, ArrivalVerdict.AFTER_ENTRY, ArrivalVerdict.TOO_LATE


# The timetable (3. 나.): 1차 1교시 09:00/09:30, 2교시 11:50/12:00; 2차 1교시 09:00/09:30,
# 2교시 12:10/12:30, 3교시 14:30/14:40 — each boundary on both sides.
@pytest.mark.parametrize(
    "stage, period, at, verdict",
    [
        (1, 1, time(8, 59), ON_TIME), (1, 1, time(9, 0), ON_TIME), (1, 1, time(9, 1), AFTER_ENTRY),
        (1, 1, time(9, 29), AFTER_ENTRY), (1, 1, time(9, 30), TOO_LATE), (1, 1, time(9, 40), TOO_LATE),
        (1, 2, time(11, 50), ON_TIME), (1, 2, time(11, 51), AFTER_ENTRY), (1, 2, time(11, 59), AFTER_ENTRY),
        (1, 2, time(12, 0), TOO_LATE),
        (2, 1, time(9, 0), ON_TIME), (2, 1, time(9, 30), TOO_LATE),
        (2, 2, time(12, 10), ON_TIME), (2, 2, time(12, 11), AFTER_ENTRY), (2, 2, time(12, 29), AFTER_ENTRY),
        (2, 2, time(12, 30), TOO_LATE), (2, 2, time(12, 35), TOO_LATE),
        (2, 3, time(14, 30), ON_TIME), (2, 3, time(14, 39), AFTER_ENTRY), (2, 3, time(14, 40), TOO_LATE),
    ],
)
def test_the_verdict_follows_the_timetable(exam, stage, period, at, verdict):
    decision = arrival(exam, ArrivalRequest(at=at, stage=stage, period=period), TODAY)
    assert decision.verdict is verdict
    assert decision.period == f"{period}교시" and decision.period_said


def test_too_late_for_a_period_loses_the_later_ones_and_cites_why(exam):
    decision = arrival(exam, ArrivalRequest(at=time(9, 40), stage=2, period=1), TODAY)
    assert decision.verdict is TOO_LATE and decision.later_periods == ("2교시", "3교시")
    clauses = [c.clause for c in decision.citations]
    assert "12. 5." in clauses and "3. 나." in clauses
    last = arrival(exam, ArrivalRequest(at=time(14, 45), stage=2, period=3), TODAY)
    assert last.later_periods == () and "12. 5." not in [c.clause for c in last.citations]


def test_no_period_named_means_the_first(exam):
    # having missed a period no later one can be sat, so an arrival for the day is for 1교시
    decision = arrival(exam, ArrivalRequest(at=time(11, 55), stage=1), TODAY)
    assert decision.period == "1교시" and not decision.period_said and decision.verdict is TOO_LATE


def test_the_stage_is_needed_only_where_the_timetables_differ(exam):
    assert arrival(exam, ArrivalRequest(at=time(9, 10)), TODAY) == Needs(("stage",))
    first = settle(arrival, exam, ArrivalRequest(at=time(9, 10)), TODAY, {"stage": (1, 2)})
    assert isinstance(first, Unanimous) and first.first.verdict is AFTER_ENTRY  # 1교시: same in both
    second = settle(arrival, exam, ArrivalRequest(at=time(12, 5), period=2), TODAY, {"stage": (1, 2)})
    assert second == Needs(("stage",))  # 1차 2교시 started 12:00; 2차 2교시 seats until 12:10


def test_a_period_the_stage_does_not_have_is_refused_politely(exam):
    with pytest.raises(InvalidInput, match="2교시까지"):
        arrival(exam, ArrivalRequest(at=time(14, 0), stage=1, period=3), TODAY)


def test_a_period_missed_before_bars_the_later_ones_whatever_the_time(exam):
    for at in (time(11, 0), None):
        decision = arrival(exam, ArrivalRequest(at=at, stage=1, period=2, missed_period=1), TODAY)
        assert decision.verdict is ArrivalVerdict.MISSED_BEFORE and decision.missed_period == "1교시"
        assert "12. 5." in [c.clause for c in decision.citations]
    assert arrival(exam, ArrivalRequest(stage=1, period=2), TODAY) == Needs(("at",))
