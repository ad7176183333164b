"""Refund flow: stage → date of cancelling (→ reason, only when the date is on/after the exam day).

The stage is not asked when the date settles it: a date from one stage's application start to the
day before its exam lies in no other stage's span (1차 2. 6. ~ 4. 7., 2차 5. 22. ~ 7. 14. in 2023), so
"3월 25일에 취소하면" is a 1차 question. The answer says so and offers the other stage as a button.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from rules.refund import refund as refund_rule
from rules.terms import compact, find_refund_reason
from rules.types import InvalidInput, RefundReason, RefundRequest

from .base import (
    Absorbed,
    Answer,
    Choice,
    Context,
    Flow,
    Question,
    date_from_json,
    date_to_json,
    time_from_json,
    time_to_json,
)
from .common import STAGE_CHOICES, absorb_date, absorb_stage, describe_stage

# Button labels for the reasons an applicant can choose after the exam day (short: Telegram buttons).
REASON_CHOICES = (
    Choice("그냥 결시했어요", RefundReason.ABSENT.value),
    Choice("본인 입원", RefundReason.HOSPITALISATION.value),
    Choice("가족 사망", RefundReason.BEREAVEMENT.value),
    Choice("감염병 격리", RefundReason.QUARANTINE.value),
    Choice("군 휴가·외출 금지", RefundReason.MILITARY_LEAVE_BAN.value),
    Choice("기상 악화로 교통 두절", RefundReason.WEATHER.value),
    Choice("시험장 사정(정전 등)", RefundReason.ORGANISER_FAULT.value),
)
_PLAIN_CANCEL_WORDS = ("그냥취소", "단순취소", "그냥", "단순")


def stage_for_cancel_date(exam, day: date) -> int | None:
    """The only stage whose span (application start .. the day before its exam) holds ``day``."""
    stages = [
        s.number for s in exam.stages
        if s.application.start.date() <= day <= s.exam_date - timedelta(days=1)
    ]
    return stages[0] if len(stages) == 1 else None


def _stage(values, ctx: Context) -> tuple[int | None, bool]:
    """(stage, inferred): the stage said, else the one the cancelling date settles."""
    if "stage" in values:
        return values["stage"], False
    day = date_from_json(values.get("date"))
    inferred = stage_for_cancel_date(ctx.exam, day) if day else None
    return inferred, inferred is not None


class RefundFlow(Flow):
    name = "refund"
    slots = ("stage", "date", "reason")

    def absorb(self, u, values, pending, ctx: Context) -> Absorbed:
        got = Absorbed()
        absorb_stage(got, u, pending, ctx)
        said_date = absorb_date(got, u, ctx)
        time_fits = said_date or ("date" in values and not u.slots.invalid_dates)
        if u.slots.time is not None and not u.slots.time_ambiguous and time_fits:
            got.filled["time"] = time_to_json(u.slots.time)
        reason = u.slots.refund_reason or (self._reason_from_text(ctx) if pending == "reason" else None)
        if reason in RefundReason._value2member_map_:
            got.filled["reason"] = reason
        return got

    def _reason_from_text(self, ctx: Context) -> str | None:
        found = find_refund_reason(ctx.exam, ctx.text)
        if found is not None:
            return found.value
        if any(word in compact(ctx.text) for word in _PLAIN_CANCEL_WORDS):
            return RefundReason.CANCEL.value
        return None

    def missing(self, values, ctx: Context) -> str | None:
        stage, _ = _stage(values, ctx)
        if stage is None:
            return "stage"
        if "date" not in values:
            return "date"
        if "reason" not in values:
            exam_date = ctx.exam.stage(stage).exam_date
            # Before the exam day the only thing one can do is cancel; after it the reason decides.
            if date_from_json(values["date"]) >= exam_date:
                return "reason"
        return None

    def question(self, slot, values, ctx: Context) -> Question:
        if slot == "stage":
            return Question(slot, ctx.render("ask.j2", slot="refund_stage"), STAGE_CHOICES)
        if slot == "date":
            return Question(
                slot,
                ctx.render("ask.j2", slot="refund_date", stage=values.get("stage")),
                (Choice("오늘", date_to_json(ctx.today)),),
            )
        return Question(slot, ctx.render("ask.j2", slot="refund_reason"), REASON_CHOICES)

    def describe(self, slot, value, ctx: Context) -> str:
        if slot == "stage":
            return describe_stage(value)
        if slot == "date":
            return ctx.renderer.env.filters["kdate"](date_from_json(value))
        if slot == "reason":
            return next((c.label for c in REASON_CHOICES if c.value == value), "단순 취소")
        return str(value)

    def answer(self, values, ctx: Context) -> Answer:
        stage, inferred = _stage(values, ctx)
        day = date_from_json(values["date"])
        at = time_from_json(values.get("time"))
        if at is not None:
            on: Any = datetime.combine(day, at)
        elif day == ctx.today:
            on = ctx.now.replace(second=0, microsecond=0)  # "오늘": the caller's clock says when
        else:
            on = day  # the rule names both sides of the 18:00 close on the last application day
        reason = RefundReason(values.get("reason", RefundReason.CANCEL.value))
        try:
            decision = refund_rule(ctx.exam, RefundRequest(stage=stage, on=on, reason=reason), ctx.today)
        except InvalidInput as problem:  # e.g. a date before that stage's application opened
            return Answer(str(problem), error_slot="date", drop=("time", "reason"))
        other = 2 if stage == 1 else 1
        other_stage = (f"{other}차로 계산", {"do": "rerun", "flow": self.name, "slot": "stage", "value": other})
        again = ("다른 날짜로 다시 계산", {"do": "redo", "flow": self.name, "slot": "date", "drop": ["date", "time", "reason"]})
        steps = (other_stage, again) if inferred else (again, other_stage)  # a guessed stage: its alternative first
        return Answer(
            ctx.render(
                "refund.j2", d=decision, stage=stage, on=on, day=day, stage_inferred=inferred,
                reason_label=self.describe("reason", reason.value, ctx),
            ),
            next_steps=(*steps, ("환불 신청 방법", {"do": "intent", "intent": "refund_info"})),
        )
