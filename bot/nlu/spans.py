"""A stretch of days said instead of a day: "다음주쯤", "이번 달 말", "다음 달 초", "이번 주 안에".
The dialogue tries every day of it against the rule: when all give the same answer nothing need be
asked; otherwise the question for the day says where inside the stretch the answer changes."""
from __future__ import annotations

import re
from datetime import date, timedelta

# a week said with no weekday after it ("다음주 월요일" is a day of its own)
_WEEK = re.compile(r"(다다음\s*주|다음\s*주|이번\s*주|금주|담주)(?!\s*[월화수목금토일]요일)")
# a part of a month: "이번 달 말", "이달 말쯤", "다음 달 초", "월말", "다음달 중순"
_MONTH_PART = re.compile(r"(이번\s*달|이달|다음\s*달|담달)?\s*(?:월\s*)?(초순|초|중순|하순|말일|말|끝)(?=\s*(?:쯤|경|에|께|까지|이나|정도|즈음|\s|$))")
_MONTH_END_WORD = re.compile(r"월말|월초")
_PARTS = {"초": (1, 10), "초순": (1, 10), "중순": (11, 20), "하순": (21, 31), "말": (21, 31), "말일": (21, 31), "끝": (21, 31)}


def vague_span(text: str, today: date) -> tuple[date, date] | None:
    """The days a stretch said in ``text`` covers (from today on, for one still running), or None."""
    week = _WEEK.search(text)
    if week:
        monday = today - timedelta(days=today.weekday())
        word = week.group(1).replace(" ", "")
        offset = {"다음주": 7, "담주": 7, "다다음주": 14}.get(word, 0)
        first = monday + timedelta(days=offset)
        return max(first, today), first + timedelta(days=6)
    part = _MONTH_PART.search(text)
    if part and (part.group(1) or _MONTH_END_WORD.search(text)):
        which = (part.group(1) or "").replace(" ", "")
        return _part_of_month(today, 1 if which in ("다음달", "담달") else 0, _PARTS[part.group(2)])
    word = _MONTH_END_WORD.search(text)
    if word:
        return _part_of_month(today, 0, (21, 31) if word.group() == "월말" else (1, 10))
    return None


def _part_of_month(today: date, ahead: int, days: tuple[int, int]) -> tuple[date, date] | None:
    first = today.replace(day=1)
    if ahead:
        first = (first + timedelta(days=32)).replace(day=1)
    last_day = ((first + timedelta(days=32)).replace(day=1) - timedelta(days=1)).day
    start, end = first.replace(day=days[0]), first.replace(day=min(days[1], last_day))
    if end < today:
        return None  # a part of this month already gone: no stretch to try
    return max(start, today), end
