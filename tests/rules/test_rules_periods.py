"""Where a moment stands in the round's dated periods (rules.periods), from the notice's schedule
table (2.): 1차 원서접수 2023. 2. 6. 09:00 ~ 2. 10. 18:00, 2차 5. 22. 09:00 ~ 5. 26. 18:00, 가답안 의견제시
4. 8. 17:00 ~ 4. 14. 18:00, 면제서류 5. 17. 09:00 ~ 5. 26. 17:00, 어학성적표 2. 6. 09:00 ~ 2. 10. 17:00.
Both sides of every boundary."""
from __future__ import annotations

from datetime import datetime

import pytest

from rules.periods import period_standing, standings


@pytest.mark.parametrize("period, moment, position", [
    ("stage1.application", datetime(2023, 2, 6, 8, 59), "before"),
    ("stage1.application", datetime(2023, 2, 6, 9, 0), "open"),
    ("stage1.application", datetime(2023, 2, 10, 18, 0), "open"),
    ("stage1.application", datetime(2023, 2, 10, 18, 1), "closed"),
    ("stage2.application", datetime(2023, 5, 22, 8, 59), "before"),
    ("stage2.application", datetime(2023, 5, 26, 18, 0), "open"),
    ("stage2.application", datetime(2023, 5, 26, 18, 1), "closed"),
    ("stage1.provisional_answers", datetime(2023, 4, 8, 16, 59), "before"),
    ("stage1.provisional_answers", datetime(2023, 4, 8, 17, 0), "open"),
    ("stage1.provisional_answers", datetime(2023, 4, 14, 18, 1), "closed"),
    ("exemption.submission", datetime(2023, 5, 26, 17, 0), "open"),
    ("exemption.submission", datetime(2023, 5, 26, 17, 1), "closed"),
    ("english.submission", datetime(2023, 2, 10, 17, 0), "open"),
    ("english.submission", datetime(2023, 2, 10, 17, 1), "closed"),
])
def test_a_moment_is_before_inside_or_after_the_period(exam, period, moment, position):
    assert period_standing(exam, period, moment).position == position


def test_the_standing_carries_the_window_and_its_stage(exam):
    s = period_standing(exam, "stage2.application", datetime(2023, 5, 23))
    assert (s.stage, s.start, s.end) == (2, datetime(2023, 5, 22, 9, 0), datetime(2023, 5, 26, 18, 0))
    assert period_standing(exam, "exemption.submission", datetime(2023, 5, 23)).stage is None


def test_standings_of_one_stage_leave_the_other_stages_periods_out(exam):
    both = ["stage1.application", "stage2.application", "exemption.submission"]
    found = standings(exam, both, datetime(2023, 5, 23), stage=2)
    assert [s.period for s in found] == ["stage2.application", "exemption.submission"]


def test_an_unknown_period_is_an_error(exam):
    with pytest.raises(ValueError, match="unknown period"):
        period_standing(exam, "stage3.lunch", datetime(2023, 5, 23))


@pytest.mark.parametrize("name", ["stage1.lunch", "english.fees", "stagex.application"])
def test_a_misspelt_period_is_an_error(exam, name):
    with pytest.raises(ValueError, match="unknown period"):
        period_standing(exam, name, datetime(2023, 5, 23))


@pytest.mark.parametrize("moment, position, next_open", [
    (datetime(2023, 5, 19, 16, 0), "open", None),  # Friday
    (datetime(2023, 5, 20, 10, 0), "day_off", datetime(2023, 5, 22).date()),  # Saturday → Monday
    (datetime(2023, 5, 21, 23, 0), "day_off", datetime(2023, 5, 22).date()),  # Sunday
    (datetime(2023, 5, 22, 9, 0), "open", None),  # Monday
])
def test_the_exemption_papers_are_not_taken_on_weekends(exam, moment, position, next_open):
    s = period_standing(exam, "exemption.submission", moment)
    assert (s.position, s.next_open) == (position, next_open)


def test_a_holiday_inside_a_weekdays_only_period_is_a_day_off(exam):
    window = exam.exemption.submission.model_copy(update={"holidays": [datetime(2023, 5, 22).date()]})
    changed = exam.model_copy(update={"exemption": exam.exemption.model_copy(update={"submission": window})})
    s = period_standing(changed, "exemption.submission", datetime(2023, 5, 20, 10))
    assert s.next_open == datetime(2023, 5, 23).date()


def test_the_application_takes_weekends(exam):
    assert period_standing(exam, "stage2.application", datetime(2023, 5, 20, 10)).position == "before"
    assert period_standing(exam, "stage1.application", datetime(2023, 2, 11, 10)).position == "closed"
