"""Where a dated period of the round stands at a given moment — not open yet, open, or closed — so
that "지금 원서 넣을 수 있어요?" or "가답안 의견제시 아직 돼요?" is answered for that moment, not only
with the period's dates. Pure: the moment is passed in."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

# "day_off": inside the period, on a day it takes nothing (a weekend or holiday of a weekdays-only period)
Position = Literal["before", "open", "day_off", "closed"]


@dataclass(frozen=True)
class PeriodStanding:
    period: str  # "stage1.application" (knowledge.schema.PeriodName)
    stage: int | None  # the stage the period belongs to, if any
    start: datetime
    end: datetime
    position: Position
    next_open: date | None = None  # on a day off: the next day the period takes submissions


def _window(exam, period: str):
    kind, _, part = period.partition(".")
    if kind.startswith("stage") and part in ("application", "provisional_answers"):
        try:
            return getattr(exam.stage(int(kind[len("stage"):])), part, None)
        except (KeyError, ValueError):
            raise ValueError(f"unknown period {period!r}") from None
    if period == "english.submission":
        return exam.english.submission_window
    if period == "exemption.submission":
        return exam.exemption.submission
    raise ValueError(f"unknown period {period!r}")


def period_standing(exam, period: str, now: datetime) -> PeriodStanding | None:
    """``period``'s window and where ``now`` is in it (start and end included); None when this
    round's file has no such window."""
    window = _window(exam, period)
    if window is None:
        return None
    position: Position = "before" if now < window.start else "closed" if now > window.end else "open"
    kind = period.partition(".")[0]
    stage = int(kind[len("stage"):]) if kind.startswith("stage") else None
    next_open = None
    if position == "open" and _day_off(window, now.date()):
        position, next_open = "day_off", now.date() + timedelta(days=1)
        while _day_off(window, next_open):
            next_open += timedelta(days=1)
        if next_open > window.end.date():
            position, next_open = "closed", None  # the period ends on its days off
    return PeriodStanding(period, stage, window.start, window.end, position, next_open)


def _day_off(window, day: date) -> bool:
    return window.weekdays_only and (day.weekday() >= 5 or day in window.holidays)


def standings(exam, periods, now: datetime, stage: int | None = None) -> list[PeriodStanding]:
    """The standing of each period (of ``stage`` only, when one is given and a period has a stage)."""
    found = [period_standing(exam, p, now) for p in periods]
    return [s for s in found if s is not None and (stage is None or s.stage in (None, stage))]
