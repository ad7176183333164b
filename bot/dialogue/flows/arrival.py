"""Arriving on exam day: the time the applicant will reach the room (and the period, the stage) →
can they still sit it. The stage follows from today on an exam day, or is not needed when both
stages' timetables agree for that period (1교시: 09:00 / 09:30 in both)."""
from __future__ import annotations

import re
from datetime import time

from rules.arrival import arrival as arrival_rule
from rules.common import settle
from rules.types import ArrivalRequest, InvalidInput, Needs, Unanimous

from .base import Absorbed, Answer, Context, Flow, Question, time_from_json, time_to_json
from .common import PERIOD, STAGE_CHOICES, STAGES, absorb_stage, describe_stage, time_error

# a period the applicant already missed: "1교시 지각해서 못 들어갔어요", "1교시는 결시했는데"
_MISSED = re.compile(r"(?<!\d)([1-9])\s*교시\S*\s*(?:\S+\s*){0,3}?(?:못\s*(?:들어|봤|보|갔|치|했|함|한)|결시|놓쳤|놓치|빠졌|빠지|지각|기권|포기)")
# exam days run from the morning to the late afternoon: "2시" said without 오전/오후 is 14:00
_FIRST_MORNING_HOUR = 7


def _exam_day_time(t: time, ambiguous: bool) -> time:
    if ambiguous and t.hour < _FIRST_MORNING_HOUR:
        return t.replace(hour=t.hour + 12)
    return t


class ArrivalFlow(Flow):
    name = "arrival"
    slots = ("time", "period", "stage")

    def absorb(self, u, values, pending, ctx: Context) -> Absorbed:
        got = Absorbed()
        absorb_stage(got, u, pending, ctx)
        if "stage" not in got.filled and "stage" not in values:
            on_exam_day = [s.number for s in ctx.exam.stages if s.exam_date == ctx.today]
            if on_exam_day:
                got.filled["stage"] = on_exam_day[0]  # "지금 가는 중인데 9시 20분 도착" on the day
        if u.slots.time is not None:
            got.filled["time"] = time_to_json(_exam_day_time(u.slots.time, u.slots.time_ambiguous))
        elif u.slots.just_now:
            got.filled["time"] = time_to_json(ctx.now.time().replace(second=0, microsecond=0))
        elif time_error(got, u, ctx):
            pass
        elif pending == "time":
            got.errors["time"] = ctx.render("invalid.j2", code="time")
        missed = _MISSED.search(ctx.text)
        if missed:
            got.filled["missed"] = int(missed.group(1))
        periods = [int(m.group(1)) for m in PERIOD.finditer(ctx.text) if not missed or m.start() != missed.start()]
        if periods:
            got.filled["period"] = periods[-1]
        elif missed:
            got.filled["period"] = int(missed.group(1)) + 1  # "1교시 못 들어갔는데 다음 교시라도"
        return got

    def missing(self, values, ctx: Context) -> str | None:
        try:
            result = self.decide(values, ctx)
        except InvalidInput:
            return None  # ``answer`` says what is wrong
        if isinstance(result, Needs):
            return "time" if result.inputs[0] == "at" else result.inputs[0]
        return None

    def request(self, values) -> ArrivalRequest:
        return ArrivalRequest(
            at=time_from_json(values.get("time")), stage=values.get("stage"), period=values.get("period"),
            missed_period=values.get("missed"),
        )

    def decide(self, values, ctx: Context):
        return settle(arrival_rule, ctx.exam, self.request(values), ctx.today, {"stage": STAGES})

    def question(self, slot, values, ctx: Context) -> Question:
        if slot == "time":
            return Question(slot, ctx.render("ask.j2", slot="arrival_time"))
        return Question(slot, ctx.render("ask.j2", slot="arrival_stage"), STAGE_CHOICES)

    def describe(self, slot, value, ctx: Context) -> str:
        if slot == "stage":
            return describe_stage(value)
        if slot == "period":
            return f"{value}교시"
        if slot == "time":
            return time_from_json(value).strftime("%H:%M")
        return str(value)

    def answer(self, values, ctx: Context) -> Answer:
        try:
            result = self.decide(values, ctx)
        except InvalidInput as problem:
            return Answer(str(problem), error_slot="period")
        if isinstance(result, Unanimous):
            text = ctx.render("arrival.j2", d=result.first, over=result.decisions)
        else:
            text = ctx.render("arrival.j2", d=result, over=())
        return Answer(
            text,
            next_steps=(
                ("다른 시각으로 다시", {"do": "redo", "flow": self.name, "slot": "time"}),
                ("시험시간표", {"do": "intent", "intent": "timetable"}),
                ("입실 시간", {"do": "intent", "intent": "entry_time"}),
            ),
        )
