"""Refund flow: what the refund rule still needs, asked one at a time (``rules.refund``).

The rule decides what it needs: the stage unless a cancelling date settles it ("3월 25일에 취소하면"
is a 1차 question) or every stage gives the same answer (a death in the family, the organiser's
fault, "접수기간에 취소하면"); the date of a plain cancellation; the reason only when the date is on
or after the exam day. A reason that decides alone is answered at once.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from bot.nlu import frames
from rules.common import outcome_runs, settle
from rules.refund import refund as refund_rule
from rules.terms import compact, find_refund_reason, words
from rules.types import InvalidInput, Needs, RefundReason, RefundRequest, Unanimous

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
from .common import STAGE_CHOICES, STAGES, absorb_date, absorb_stage, time_error, describe_stage

# Button labels for the reasons an applicant can choose after the exam day (short: Telegram buttons).
REASON_CHOICES = (
    Choice("그냥 결시했어요", RefundReason.ABSENT.value),
    Choice("본인 입원", RefundReason.HOSPITALISATION.value),
    Choice("가족 사망", RefundReason.BEREAVEMENT.value),
    Choice("감염병 격리", RefundReason.QUARANTINE.value),
    Choice("군 휴가·외출 금지", RefundReason.MILITARY_LEAVE_BAN.value),
    Choice("기상 악화로 교통 두절", RefundReason.WEATHER.value),
    Choice("시행기관 사정(시험장 변경·정전 등)", RefundReason.ORGANISER_FAULT.value),
)
# Reasons said, not chosen from the buttons (a cancellation is the default).
_OTHER_REASONS = {
    RefundReason.OVERPAYMENT.value: "수수료 과오납(중복 결제 등)",
    RefundReason.DISQUALIFIED.value: "응시자격 부적격(합격예정 취소)",
}
# The rule's request fields → this flow's slots.
_SLOT_OF = {"stage": "stage", "on": "date", "reason": "reason"}


class RefundFlow(Flow):
    name = "refund"
    slots = ("stage", "date", "reason")
    figure_asks = ("amount",)
    input_asks = {"date": "date"}
    assumes = ("_now_asked",)
    tells_of_the_case = ("date", "place", "documents", "procedure")

    def absorb(self, u, values, pending, ctx: Context) -> Absorbed:
        got = Absorbed()
        absorb_stage(got, u, pending, ctx)
        reason = u.slots.refund_reason or (self._reason_from_text(ctx) if pending == "reason" else None)
        if reason in RefundReason._value2member_map_:
            got.filled["reason"] = reason
        reason = got.filled.get("reason") or values.get("reason")
        if reason not in (None, RefundReason.CANCEL.value) and u.slots.dates and pending != "date":
            # "4월 2일부터 5일까지 입원": the dates of the event, not a day of cancelling; a date
            # that is an exam day names the exam ("8일 시험 못 갔어요")
            exam_days = {s.exam_date for s in ctx.exam.stages}
            event = [date_to_json(d) for d in u.slots.dates if d not in exam_days]
            if event and len(event) == 1 and "stay_ended_before" in u.slots.situations:
                event = ["0001-01-01", event[0]]  # "4월 7일에 퇴원했는데": a stay that ended that day
            if event:
                got.filled["event_dates"] = event
                if u.slots.stages_said > 1 and pending != "stage":
                    got.filled.pop("stage", None)  # both stages named: the event's dates say which
            said_date = False
        elif reason == RefundReason.BEREAVEMENT.value and u.slots.months and pending != "date":
            got.filled["event_month"] = list(u.slots.months[-1])  # "할아버지가 2월에 돌아가셔서"
            said_date = False
        elif reason in (None, RefundReason.CANCEL.value) and u.slots.shift_from_exam and not u.slots.dates:
            got.filled["cancel_shift"] = u.slots.day_shift  # "시험 열흘 전에 취소하면": from each exam day
            said_date = False
        elif reason not in (None, RefundReason.CANCEL.value) and u.slots.shift_from_exam:
            got.filled["event_shift"] = u.slots.day_shift  # "시험 사흘 전에 돌아가셨어요"
            if "stay_ended_before" in u.slots.situations:
                got.filled["event_ended"] = True  # "시험 전날 퇴원했는데": a stay that ended that day
            said_date = False
        else:
            said_date = absorb_date(got, u, ctx, values=values, event="cancelled_on")
        if pending != "date" and not said_date and self._asks_for_now(u, ctx):
            # "1차 취소하려구요 환불 얼마나 돼요": the figure asked, of no day and no cancellation made
            # before — today's, unless what else was said decides otherwise (``_today_if_assumed``)
            got.filled["_now_asked"] = True
        time_fits = said_date or ("date" in values and not u.slots.invalid_dates)
        if u.slots.time is not None and not u.slots.time_ambiguous and time_fits:
            got.filled["time"] = time_to_json(u.slots.time)
        else:
            time_error(got, u, ctx)
        if u.slots.relative:
            got.filled["relative"] = u.slots.relative
            got.filled["told_of_relative"] = u.slots.told_of_relative
        if u.slots.date_span and not said_date and reason in (None, RefundReason.CANCEL.value):
            # "다음주쯤 취소하려는데": every day of that stretch is tried (``decide``)
            got.filled["_date_span"] = [date_to_json(d) for d in u.slots.date_span]
            got.filled.pop("_now_asked", None)
        if u.slots.in_application_period and not said_date:
            got.filled["during_application"] = True
        if u.slots.missed_exam:
            got.filled["missed_exam"] = True
        if u.slots.paid_krw is not None or u.slots.times_paid is not None:
            got.filled["paid"] = [u.slots.paid_krw, u.slots.times_paid]  # "4만원이 두 번 빠져나갔어요"
        if "routine_leave_denial" in u.slots.situations:
            got.filled["cause_outside"] = True  # "훈련 때문에 휴가를 못 받았어요": no national crisis
        return got

    @staticmethod
    def _asks_for_now(u, ctx: Context) -> bool:
        """Asks the refund's figure ("얼마", "몇 프로") or to cancel now ("취소하려구요"), names no
        situation or other kind of question, and tells of no cancellation already made."""
        asks = set(u.slots.asks)
        if not ("amount" in asks or frames.said("cancels_now", compact(ctx.text))):
            return False
        if asks - {"amount", "date"} or u.slots.situations or u.slots.invalid_dates:
            return False
        return not frames.said("cancelled_before", compact(ctx.text))

    @staticmethod
    def _today_if_assumed(values, ctx: Context) -> str | None:
        """Today as the day of cancelling, when the figure was asked for now (``_asks_for_now``), no
        day was said, nothing said makes it another case (a missed exam, a reason, "접수기간에") and a
        cancellation can be made today (from the stage's application to its exam day)."""
        if not values.get("_now_asked") or "date" in values or values.get("_date_span"):
            return None
        if values.get("reason") not in (None, RefundReason.CANCEL.value) or values.get("missed_exam"):
            return None
        if values.get("during_application") or values.get("event_dates") or values.get("event_shift") is not None:
            return None
        if values.get("cancel_shift") is not None:
            return None  # "시험 열흘 전에 취소하면 얼마": that day, not today
        stage = values.get("stage")
        stages = [ctx.exam.stage(stage)] if stage in STAGES else ctx.exam.stages
        if not any(s.application.start.date() <= ctx.today <= s.exam_date for s in stages):
            return None
        return date_to_json(ctx.today)

    def _reason_from_text(self, ctx: Context) -> str | None:
        found = find_refund_reason(ctx.exam, ctx.text)
        if found is not None:
            return found.value
        if frames.said("no_reason", compact(ctx.text)):
            return RefundReason.ABSENT.value  # asked why: "그냥 개인 사정이요", "늦잠 잤어요"
        if any(word in compact(ctx.text) for word in words(ctx.exam).plain_cancel):
            return RefundReason.CANCEL.value
        return None

    # -- what the rule needs ------------------------------------------------------------------

    def request(self, values, ctx: Context) -> RefundRequest:
        """The rule's request from what was said so far (what was not said stays None)."""
        day = date_from_json(values.get("date") or self._today_if_assumed(values, ctx))
        at = time_from_json(values.get("time"))
        if day is None:
            on: Any = None
        elif at is not None:
            on = datetime.combine(day, at)
        elif day == ctx.today:
            on = ctx.now.replace(second=0, microsecond=0)  # "오늘": the caller's clock says when
        else:
            on = day  # the rule names both sides of the 18:00 close on the last application day
        paid_krw, times_paid = values.get("paid") or (None, None)
        return RefundRequest(
            stage=values.get("stage"), on=on,
            reason=RefundReason(values["reason"]) if "reason" in values else None,
            during_application=bool(values.get("during_application")),
            relative=values.get("relative"), told_of_relative=bool(values.get("told_of_relative")),
            missed_exam=bool(values.get("missed_exam")),
            event_dates=tuple(date_from_json(d) for d in values.get("event_dates") or ()),
            event_from_exam=values.get("event_shift"),
            event_ended=bool(values.get("event_ended")),
            event_month=tuple(values["event_month"]) if values.get("event_month") else None,
            cause_outside=bool(values.get("cause_outside")),
            paid_krw=paid_krw, times_paid=times_paid,
            on_from_exam=values.get("cancel_shift") if "date" not in values else None,
        )

    def decide(self, values, ctx: Context):
        try:
            return settle(refund_rule, ctx.exam, self.request(values, ctx), ctx.today, {"stage": STAGES, "on": self._span_days(values)})
        except InvalidInput:
            if self._today_if_assumed(values, ctx) is None:
                raise
            # today was only assumed, and is no day of cancelling for this stage: the day is asked
            rest = {k: v for k, v in values.items() if k != "_now_asked"}
            return settle(refund_rule, ctx.exam, self.request(rest, ctx), ctx.today, {"stage": STAGES})

    @staticmethod
    def _span_days(values) -> tuple[date, ...]:
        """The days of a stretch said instead of a day ("다음주쯤"), when no day was said."""
        span = values.get("_date_span")
        if not span or "date" in values:
            return ()
        first, last = date_from_json(span[0]), date_from_json(span[1])
        return tuple(first + timedelta(days=n) for n in range((last - first).days + 1))

    def span_runs(self, values, ctx: Context):
        """Where inside the stretch said the answer changes: runs of days with one outcome."""
        days = self._span_days(values)
        if not days or values.get("stage") not in STAGES:
            return ()
        return outcome_runs(refund_rule, ctx.exam, self.request(values, ctx), ctx.today, "on", days)

    def missing(self, values, ctx: Context) -> str | None:
        try:
            result = self.decide(values, ctx)
        except InvalidInput:
            return None  # ``answer`` says what is wrong with the date
        return _SLOT_OF[result.inputs[0]] if isinstance(result, Needs) else None

    # -- asking and answering -----------------------------------------------------------------

    def question(self, slot, values, ctx: Context) -> Question:
        if slot == "stage":
            return Question(slot, ctx.render("ask.j2", slot="refund_stage"), STAGE_CHOICES)
        if slot == "date":
            return Question(
                slot,
                ctx.render("ask.j2", slot="refund_date", stage=values.get("stage"), runs=self.span_runs(values, ctx)),
                (Choice("오늘", date_to_json(ctx.today)),),
            )
        missed = bool(values.get("missed_exam")) and "reason" not in values  # "결시하면 환불 돼요?"
        return Question(slot, ctx.render("ask.j2", slot="refund_reason", missed=missed), REASON_CHOICES)

    def describe(self, slot, value, ctx: Context) -> str:
        if slot == "stage":
            return describe_stage(value)
        if slot == "date":
            return ctx.renderer.env.filters["kdate"](date_from_json(value))
        if slot == "reason":
            if value == RefundReason.ABSENT.value:
                return "결시(환불 사유 없음)"  # the button's "그냥 결시했어요" is the applicant's voice
            return next((c.label for c in REASON_CHOICES if c.value == value), _OTHER_REASONS.get(value, "단순 취소"))
        return str(value)

    def answer(self, values, ctx: Context) -> Answer:
        try:
            result = self.decide(values, ctx)
        except InvalidInput as problem:  # e.g. a date before that stage's application opened
            return Answer(str(problem), error_slot="date", drop=("time", "reason"))
        info = ("환불 기간·신청 방법", {"do": "intent", "intent": "refund_info"})
        span = None
        if isinstance(result, Unanimous) and result.input == "on":
            # "다음주쯤 취소하면": every day of the stretch gives the same — answered for it, said so
            span, result = (result.decisions[0][0], result.decisions[-1][0]), result.first
        if isinstance(result, Unanimous):  # the same for every stage: say so, offer each stage's detail
            decision = result.first
            steps = tuple(
                (f"{stage}차 기준으로 보기", {"do": "rerun", "flow": self.name, "slot": "stage", "value": stage})
                for stage, _ in result.decisions
            )
            text = ctx.render(
                "refund.j2", d=decision, over=result.decisions, stage=None, day=None,
                reason_label=self.describe("reason", decision.reason, ctx),
            )
            return Answer(text, next_steps=(*steps, info))
        decision = result
        assumed = self._today_if_assumed(values, ctx)
        other = 2 if decision.stage == 1 else 1
        other_stage = (f"{other}차로 계산", {"do": "rerun", "flow": self.name, "slot": "stage", "value": other})
        again = ("다른 날짜로 다시 계산", {"do": "redo", "flow": self.name, "slot": "date", "drop": ["date", "time", "reason", "_now_asked"]})
        # a stage the date settled: its alternative first
        steps = (other_stage, again) if decision.stage_inferred else (again, other_stage)
        return Answer(
            ctx.render(
                "refund.j2", d=decision, over=(), stage=decision.stage,
                day=date_from_json(values.get("date") or assumed) or (span[0] if span else None),
                assumed_today=assumed is not None, span=span,
                reason_label=self.describe("reason", decision.reason, ctx),
            ),
            next_steps=(*steps, info),
        )
