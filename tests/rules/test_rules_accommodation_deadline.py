"""The 4-day document deadline (9. 사.) is told as passed when `today` is after it, on both sides."""
from datetime import date

import pytest

from rules import accommodation
from rules.types import AccommodationRequest
from rules_support import said


@pytest.mark.parametrize(
    "stage, today, passed",
    [
        (1, date(2023, 2, 14), False),  # 1차 close 2. 10. + 4 days = 2. 14.(화)
        (1, date(2023, 2, 15), True),
        (2, date(2023, 5, 30), False),  # 2차 close 5. 26. + 4 days = 5. 30.(화)
        (2, date(2023, 5, 31), True),
    ],
)
def test_deadline_passed_is_said_only_after_the_deadline(exam, stage, today, passed):
    decision = accommodation(exam, AccommodationRequest(disability="임신", stage=stage), today)
    assert decision.deadline_passed is passed
    assert ("이미 지났어요" in said(decision)["explanation"]) is passed
    assert ("1644-8000" in said(decision)["explanation"]) is passed
