"""Pieces several flows share: the stage question, date and stage validation messages."""
from __future__ import annotations

import re
from datetime import timedelta

from bot.nlu import frames

from .base import Absorbed, Choice, Context, date_from_json, date_to_json, stage_from

STAGES = (1, 2)
# a period (교시) named: "2교시", "1 교시"
PERIOD = re.compile(r"(?<!\d)([1-9])\s*교시")
STAGE_CHOICES = tuple(Choice(f"{n}차", n) for n in STAGES)


def describe_stage(value: int) -> str:
    return f"{value}차 시험"


def invalid_stage(ctx: Context) -> str:
    return ctx.render("invalid.j2", code="stage")


def absorb_stage(got: Absorbed, u, pending: str | None, ctx: Context) -> None:
    """Every flow with a stage slot reads it the same way: a stated 1차/2차 fills it, "3차" is an error."""
    stage, problem = stage_from(u, pending, ctx.text)
    if stage:
        got.filled["stage"] = stage
    elif problem:
        got.errors["stage"] = invalid_stage(ctx)


def date_error(ctx: Context, said: str) -> str:
    """"2월 30일은 달력에 없는 날짜예요" — the date as the applicant wrote it, as a variable."""
    return ctx.render("invalid.j2", code="date", said=said)


def time_error(got: Absorbed, u, ctx: Context, slot: str = "time") -> bool:
    """"25시 10분" is an error of the time slot, said back as written; True when there was one."""
    if u.slots.invalid_time and u.slots.time is None:
        got.errors[slot] = ctx.render("invalid.j2", code="bad_time", said=u.slots.invalid_time)
        return True
    return False


def absorb_date(got: Absorbed, u, ctx: Context, slot: str = "date", values=None, event: str | None = None) -> bool:
    """An impossible date ("2월 30일") is an error of ``slot``; otherwise the date said of ``event``
    (a lexicon phrase: "오늘 점심에 접수했고 내일 입금하려는데" — the day of applying is 오늘) fills it,
    else the last date said ("2월 8일 접수했는데 3월 25일 취소": the date that matters comes last).
    True when it was filled."""
    if u.slots.invalid_dates:
        got.errors[slot] = date_error(ctx, u.slots.invalid_dates[0])
    elif u.slots.dates:
        got.filled[slot] = date_to_json(_date_of(u.slots, event))
        return True
    elif u.slots.just_now:
        got.filled[slot] = date_to_json(ctx.today)
        return True
    elif u.slots.last_day:
        # "마감일에": the last day of the stage's application period (the stage said, else the
        # period under way or next)
        got.filled[slot] = date_to_json(last_application_day(ctx, got.filled.get("stage") or (values or {}).get("stage")))
        return True
    elif u.slots.day_shift is not None and values and values.get(slot):
        # "그럼 하루 뒤면요?": counted from the date said before ("시험 이틀 전에" counts from
        # something else, so with no date before it the shift is not a date of this slot)
        got.filled[slot] = date_to_json(date_from_json(values[slot]) + timedelta(days=u.slots.day_shift))
        return True
    return False


def _date_of(slots, event: str | None):
    """The one date followed by a word of ``event``, when there are several dates; else the last."""
    if event and len(slots.dates) > 1 and len(slots.date_followed_by) == len(slots.dates):
        of_event = [d for d, after in zip(slots.dates, slots.date_followed_by) if frames.said(event, after)]
        if len(of_event) == 1:
            return of_event[0]
    return slots.dates[-1]


def last_application_day(ctx: Context, stage: int | None):
    stages = ctx.exam.stages
    if stage in (1, 2):
        return ctx.exam.stage(stage).application.end.date()
    upcoming = [s for s in stages if s.application.end.date() >= ctx.today]
    return (upcoming[0] if upcoming else stages[-1]).application.end.date()
