"""Korean formats shared by rules, templates and the CLI: "2023. 3. 19.(일)", "2023. 2. 10.(금) 18:00",
"24,000원", "2023. 2. 11. ~ 3. 19.". The notice writes dates this way, so answers read like it."""
from __future__ import annotations

from datetime import date, datetime, time

WEEKDAYS = "월화수목금토일"


def weekday(d: date) -> str:
    return WEEKDAYS[d.weekday()]


def format_date(d: date, *, with_weekday: bool = True, with_year: bool = True) -> str:
    """``2023. 3. 19.(일)``; ``3. 19.(일)`` without the year."""
    if isinstance(d, datetime):
        d = d.date()
    text = f"{d.year}. {d.month}. {d.day}." if with_year else f"{d.month}. {d.day}."
    return f"{text}({weekday(d)})" if with_weekday else text


def format_time(t: time) -> str:
    return f"{t.hour:02d}:{t.minute:02d}"


def format_datetime(dt: datetime, *, with_year: bool = True) -> str:
    """``2023. 2. 10.(금) 18:00``."""
    return f"{format_date(dt, with_year=with_year)} {format_time(dt.time())}"


def format_range(start: date, end: date, *, with_weekday: bool = False) -> str:
    """``2023. 2. 11. ~ 3. 19.``: the end drops the year when it is the start's year."""
    same_year = start.year == end.year
    return (
        f"{format_date(start, with_weekday=with_weekday)} ~ "
        f"{format_date(end, with_weekday=with_weekday, with_year=not same_year)}"
    )


def format_datetime_range(start: datetime, end: datetime) -> str:
    """``2023. 2. 6.(월) 09:00 ~ 2. 10.(금) 18:00``."""
    same_year = start.year == end.year
    return f"{format_datetime(start)} ~ {format_datetime(end, with_year=not same_year)}"


def format_krw(amount: int) -> str:
    """``24,000원``."""
    return f"{amount:,}원"


def format_number(value: float) -> str:
    """A score as people write it: ``750``, ``4.5``, ``67.66``."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:g}"


def format_minutes(minutes: int) -> str:
    return f"{minutes}분"


def format_multiplier(value: float) -> str:
    """``1.7배``."""
    return f"{format_number(value)}배"
