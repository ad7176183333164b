"""1차 exemption by experience: work periods → summed days up to the base date → 5 years or not."""
from __future__ import annotations

import calendar
from datetime import date

from rules.exemption import exemption
from rules.terms import compact, words
from rules.types import ExemptionRequest, InvalidInput, WorkPeriod

from .base import Absorbed, Answer, Context, Flow, Question, date_from_json, date_to_json
from .common import date_error



class ExemptionFlow(Flow):
    name = "exemption"
    slots = ("periods",)

    def absorb(self, u, values, pending, ctx: Context) -> Absorbed:
        got = Absorbed()
        if u.slots.invalid_dates:
            got.errors["periods"] = date_error(ctx, u.slots.invalid_dates[0])
            return got
        moments = list(u.slots.moments) or [("date", d) for d in u.slots.dates]
        if not moments:
            if pending == "periods":
                got.errors["periods"] = ctx.render("invalid.j2", code="periods")
            return got
        still = any(w in compact(ctx.text) for w in words(ctx.exam).still_working)
        if len(moments) % 2 and not still:
            got.errors["periods"] = ctx.render("invalid.j2", code="periods")
            return got
        periods = []
        for i in range(0, len(moments), 2):
            # a month said alone: from its first day, to its last day ("2014.3~2016.2")
            start = _day(moments[i], first=True)
            end = _day(moments[i + 1], first=False) if i + 1 < len(moments) else None
            if end is not None and end < start:
                got.errors["periods"] = ctx.render("invalid.j2", code="period_order", start=start, end=end)
                return got
            periods.append([date_to_json(start), date_to_json(end) if end else None])
        got.filled["periods"] = periods
        return got

    def question(self, slot, values, ctx: Context) -> Question:
        return Question(slot, ctx.render("ask.j2", slot="exemption_periods"))

    def describe(self, slot, value, ctx: Context) -> str:
        kdate = ctx.renderer.env.filters["kdate"]
        return "근무 기간 " + ", ".join(
            f"{kdate(date_from_json(a))} ~ {kdate(date_from_json(b)) if b else '현재'}" for a, b in value
        )

    def answer(self, values, ctx: Context) -> Answer:
        periods = tuple(WorkPeriod(start=date_from_json(a), end=date_from_json(b)) for a, b in values["periods"])
        try:
            decision = exemption(ctx.exam, ExemptionRequest(periods=periods), ctx.today)
        except InvalidInput as problem:
            return Answer(str(problem), error_slot="periods")
        return Answer(
            ctx.render("exemption.j2", d=decision, periods=periods),
            next_steps=(
                ("기간 다시 입력", {"do": "redo", "flow": self.name, "slot": "periods"}),
                ("면제 서류", {"do": "intent", "intent": "exemption_documents"}),
                ("서류 제출 기관", {"do": "intent", "intent": "office"}),
            ),
        )


def _day(moment: tuple[str, object], *, first: bool) -> date:
    kind, value = moment
    if kind == "date":
        return value  # type: ignore[return-value]
    year, month = value  # type: ignore[misc]
    return date(year, month, 1 if first else calendar.monthrange(year, month)[1])
