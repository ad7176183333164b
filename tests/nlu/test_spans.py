"""A stretch of days said instead of a day ("다음주쯤", "이번 달 말")."""
from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.spans import vague_span

WEDNESDAY = date(2023, 3, 22)


@pytest.mark.parametrize("text, span", [
    ("다음주쯤 취소하려고요", (date(2023, 3, 27), date(2023, 4, 2))),
    ("담주에 취소", (date(2023, 3, 27), date(2023, 4, 2))),
    ("이번 주 안에 취소하면", (WEDNESDAY, date(2023, 3, 26))),        # from today on
    ("이번 달 말쯤 취소할까", (WEDNESDAY, date(2023, 3, 31))),        # 21st to the end, from today
    ("다음 달 초에 취소하면", (date(2023, 4, 1), date(2023, 4, 10))),
    ("다음달 중순쯤", (date(2023, 4, 11), date(2023, 4, 20))),
    ("월말에 취소", (WEDNESDAY, date(2023, 3, 31))),
])
def test_a_stretch_said_is_its_days(text, span):
    assert vague_span(text, WEDNESDAY) == span


@pytest.mark.parametrize("text", ["다음주 월요일에 취소", "이번 달 중순쯤", "학기말에 취소", "말씀 좀 물을게요", "3월 25일 취소"])
def test_a_day_a_part_gone_or_no_stretch_is_none(text):
    assert vague_span(text, WEDNESDAY) is None
