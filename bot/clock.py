"""The bot's clock: Seoul wall time, or a moment frozen by ``--now`` / ``--today`` (demos, tests).

    seoul_now() -> datetime                 naive Asia/Seoul wall time (the rules and the notice use it)
    frozen_clock(moment) -> () -> datetime  always that moment; a date alone means that day at 12:00
    parse_now(text) / parse_today(text)     the options' values (ValueError naming the option)

A frozen clock freezes the time of day too: with only the date frozen, "오늘" typed at 23:36 on the
last application day was read as after its 18:00 deadline. Noon is inside every office-hours rule of
the notice, so ``--today D`` answers the way someone asking during that day would be answered.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Callable

KST = timezone(timedelta(hours=9), "Asia/Seoul")  # Korea keeps no daylight saving time
TODAY_AT = time(12, 0)


def seoul_now() -> datetime:
    """The wall clock in Asia/Seoul, naive (as the rules and the notice expect)."""
    return datetime.now(KST).replace(tzinfo=None)


def frozen_moment(moment: date | datetime) -> datetime:
    """``--now`` as given; ``--today D`` as D at 12:00."""
    if isinstance(moment, datetime):
        return moment
    return datetime.combine(moment, TODAY_AT)


def frozen_clock(moment: date | datetime) -> Callable[[], datetime]:
    """A clock that always says ``moment`` (a date: that day at 12:00)."""
    frozen = frozen_moment(moment)
    return lambda: frozen


def parse_now(text: str) -> datetime:
    """``YYYY-MM-DDTHH:MM`` (seconds allowed; an offset is converted to Seoul time)."""
    value = text.strip()
    if "T" not in value and " " not in value:
        raise ValueError(f"--now must be a date and time as YYYY-MM-DDTHH:MM: {text!r}")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"--now must be a date and time as YYYY-MM-DDTHH:MM: {text!r}") from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(KST).replace(tzinfo=None)
    return moment.replace(microsecond=0)


def parse_today(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"--today must be a date as YYYY-MM-DD: {text!r}") from None
