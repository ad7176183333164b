"""Virtual-account deadline: when the application was completed (date, time; the stage follows from
the date when it falls in an application period) → pay by when, or which methods remain."""
from __future__ import annotations

import re
from datetime import datetime

from bot.nlu import frames
from rules.common import citations
from rules.terms import compact
from rules.payment import payment_deadline
from rules.types import InvalidInput, PaymentRequest

from .base import Absorbed, Answer, Choice, Context, Flow, Question, date_from_json, date_to_json, time_from_json, time_to_json
from .common import STAGE_CHOICES, absorb_date, absorb_stage, describe_stage, time_error


def _stage_for_day(ctx: Context, day) -> int | None:
    for stage in ctx.exam.stages:
        if stage.application.start.date() <= day <= stage.application.end.date():
            return stage.number
    return None


def _hour_label(t) -> str:
    """06:00 → "오전 6시", 18:30 → "오후 6시 30분"."""
    half = "오전" if t.hour < 12 else "오후"
    hour = t.hour % 12 or 12
    return f"{half} {hour}시" + (f" {t.minute}분" if t.minute else "")


class PaymentFlow(Flow):
    name = "payment"
    slots = ("date", "time", "stage")

    def absorb(self, u, values, pending, ctx: Context) -> Absorbed:
        got = Absorbed()
        absorb_stage(got, u, pending, ctx)
        absorb_date(got, u, ctx, values=values, event="applied_on")
        part = _part_of_day(ctx.text) if u.slots.time is None and not u.slots.just_now else None
        general = pending is None and not values and not got.filled and not u.slots.dates and u.slots.time is None
        if general and _ASKS_DEADLINE.search(ctx.text) and (part or "rule" not in u.slots.asks):
            # "오전에 접수하면 언제까지?": the rule for that part of the day; "입금 언제까지 해야
            #돼요?" with nothing said: the rule itself, both parts of the day
            got.filled["part_of_day"] = part or "any"
        done_now = (
            pending is None and not u.slots.dates and u.slots.time is None and "date" not in values
            and frames.said("applied_done", compact(ctx.text)) and _applying_today(ctx)
        )
        if done_now and not u.slots.just_now:
            # "2차 접수 완료했고 가상계좌로 낼건데 입금 기한이요": finished now, the answer says so
            got.filled["date"], got.filled["_now_assumed"] = date_to_json(ctx.today), True
        if u.slots.just_now and u.slots.time is None:
            got.filled["time"] = time_to_json(ctx.now.time())  # "방금 접수했어요"
        elif u.slots.time is not None and "date" not in got.filled and "date" not in values and _applying_today(ctx):
            got.filled["date"] = date_to_json(ctx.today)  # "오후 3시 반에 접수했어요", during the period
        if u.slots.time is not None and u.slots.time_ambiguous:
            # "6시": 06:00 or 18:00 decides the deadline (13:00 cut-off) — ask, don't guess.
            morning = u.slots.time
            evening = morning.replace(hour=(morning.hour % 12) + 12)
            got.filled["_time_options"] = [time_to_json(morning), time_to_json(evening)]
        elif u.slots.time is not None:
            got.filled["time"] = time_to_json(u.slots.time)
            got.filled["_time_options"] = []
        elif time_error(got, u, ctx):
            pass
        elif pending == "time" and "date" not in got.filled:
            got.errors["time"] = ctx.render("invalid.j2", code="time")
        return got

    def normalise(self, values, ctx: Context, *, changed: list[str]) -> None:
        options = values.get("_time_options")
        if options and values.get("time") not in options:
            values.pop("time", None)  # "6시" replaced the earlier time: ask 오전 or 오후

    def missing(self, values, ctx: Context) -> str | None:
        if values.get("part_of_day") and "time" not in values:
            return None  # the rule for that part of the day, whatever the day
        if "date" not in values:
            return "date"
        day = date_from_json(values["date"])
        if "time" not in values and day != ctx.today:
            return "time"
        if "stage" not in values and _stage_for_day(ctx, day) is None:
            return "stage"
        return None

    def question(self, slot, values, ctx: Context) -> Question:
        if slot == "date":
            return Question(slot, ctx.render("ask.j2", slot="payment_when"), (Choice("오늘", date_to_json(ctx.today)),))
        if slot == "time":
            options = values.get("_time_options") or []
            choices = tuple(Choice(_hour_label(time_from_json(o)), o) for o in options)
            return Question(slot, ctx.render("ask.j2", slot="payment_time", ambiguous=bool(options)), choices)
        return Question(slot, ctx.render("ask.j2", slot="payment_stage"), STAGE_CHOICES)

    def describe(self, slot, value, ctx: Context) -> str:
        if slot == "stage":
            return describe_stage(value)
        if slot == "date":
            return ctx.renderer.env.filters["kdate"](date_from_json(value))
        return str(value)

    def answer(self, values, ctx: Context) -> Answer:
        if values.get("part_of_day") and "time" not in values:
            return Answer(
                ctx.render(
                    "payment_rule.j2", part=values["part_of_day"], rules=ctx.exam.payment,
                    citations=citations(ctx.exam.payment.source),
                ),
                next_steps=(
                    ("접수 시각으로 계산", {"do": "redo", "flow": self.name, "slot": "date", "drop": ["part_of_day"]}),
                    ("수수료 납부 방법", {"do": "intent", "intent": "payment_methods"}),
                ),
            )
        day = date_from_json(values["date"])
        at = time_from_json(values.get("time"))
        applied = datetime.combine(day, at) if at else ctx.now.replace(second=0, microsecond=0)
        stage = values.get("stage") or _stage_for_day(ctx, day)
        try:
            decision = payment_deadline(ctx.exam, PaymentRequest(stage=stage, applied_at=applied), ctx.today)
        except InvalidInput as problem:  # a moment outside the application period
            return Answer(str(problem), error_slot="date", drop=("time", "stage"))
        return Answer(
            ctx.render("payment.j2", d=decision, stage=stage, applied=applied, assumed_now=bool(values.get("_now_assumed"))),
            next_steps=(
                ("다른 시각으로 다시", {"do": "redo", "flow": self.name, "slot": "time", "drop": ["date", "time", "_now_assumed"]}),
                ("수수료 납부 방법", {"do": "intent", "intent": "payment_methods"}),
                ("수수료 환불 계산", {"do": "intent", "intent": "refund"}),
            ),
        )


_ASKS_DEADLINE = re.compile(r"입금|기한|언제까지|몇\s*시까지|마감")
# said instead of a time: before the 13:00 cut-off, or after it
_MORNING = re.compile(r"오전|아침|새벽|오전중")
_EVENING = re.compile(r"저녁|밤|늦은\s*오후|오후\s*늦게|퇴근\s*(?:후|하고)|자정")


def _part_of_day(text: str) -> str | None:
    if _MORNING.search(text):
        return "morning"
    if _EVENING.search(text):
        return "evening"
    return None


def _applying_today(ctx: Context) -> bool:
    """Is today a day of some stage's application period (a time said alone is then today's)?"""
    return any(s.application.start.date() <= ctx.today <= s.application.end.date() for s in ctx.exam.stages)
