"""1차 exemption by experience: work periods → summed days up to the base date → 5 years or not.
A length of work said without dates ("6년 일했어요") is enough when every reading of it decides."""
from __future__ import annotations

import calendar
import re
from datetime import date

from rules.exemption import exemption
from rules.terms import compact, words
from rules.types import ExemptionRequest, InvalidInput, Needs, WorkPeriod

from bot.nlu.evidence import said_of_work

from .base import Absorbed, Answer, Context, Flow, Question, date_from_json, date_to_json

from .common import date_error



_LEFT = re.compile(r"퇴사|그만|퇴직|나왔|관뒀|옮겼")
_AS_OF = re.compile(r"기준\s*(?:으로|일|에|이면|해서)?")


class ExemptionFlow(Flow):
    name = "exemption"
    slots = ("periods",)
    weighs_situations = False  # it counts time only; whose work and which papers the notice answers
    own_case = ("worked", "periods")  # "부동산원에서 3년 일했고": the time counted, not the employer's papers

    def absorb(self, u, values, pending, ctx: Context) -> Absorbed:
        got = Absorbed()
        if u.slots.invalid_dates:
            got.errors["periods"] = date_error(ctx, u.slots.invalid_dates[0])
            return got
        moments = list(u.slots.moments) or [("date", d) for d in u.slots.dates]
        if u.slots.worked_months and len(moments) == 1 and _AS_OF.search(ctx.text):
            moments = []  # "2023년 3월 1일 기준으로 4년 8개월이요": the base date, and a length
        if not moments and u.slots.worked_months:
            fewest, most = u.slots.worked_months
            before = values.get("worked")
            if before and u.slots.worked_more:  # "…에서도 1년 반 일했어요": one more employer
                fewest, most = before[0] + fewest, before[1] + most
            got.filled["worked"] = [fewest, most]
            return got
        to_now = any(w in compact(ctx.text) for w in words(ctx.exam).still_working)  # "현재까지", "재직중"
        if moments and pending != "periods" and not said_of_work(ctx.text) and not _period_said(moments, ctx.text, to_now):
            moments = []  # "면제서류 5월 26일에 부치면 되죠?": a day, not a period of work
        if not moments:
            if pending == "periods":
                got.errors["periods"] = ctx.render("invalid.j2", code="periods")
            return got
        still = to_now or (
            # "2018년 1월 2일 입사면요?", "2017년 10월부터 일했어요": a day of joining or a start with
            # no end and no leaving is work to this day
            len(moments) == 1 and ("입사" in ctx.text or "부터" in ctx.text) and not _LEFT.search(ctx.text)
        )
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

    def request(self, values) -> ExemptionRequest:
        if "periods" in values:
            return ExemptionRequest(
                periods=tuple(WorkPeriod(start=date_from_json(a), end=date_from_json(b)) for a, b in values["periods"]),
            )
        worked = values.get("worked")
        return ExemptionRequest(worked_months=tuple(worked) if worked else None)

    def missing(self, values, ctx: Context) -> str | None:
        try:
            result = exemption(ctx.exam, self.request(values), ctx.today)
        except InvalidInput:
            return None  # ``answer`` says what is wrong
        return result.inputs[0] if isinstance(result, Needs) else None

    def question(self, slot, values, ctx: Context) -> Question:
        return Question(slot, ctx.render("ask.j2", slot="exemption_periods", worked=values.get("worked")))

    def describe(self, slot, value, ctx: Context) -> str:
        if slot == "worked":
            return "근무 기간 " + ctx.renderer.env.filters["months"](value[0])
        kdate = ctx.renderer.env.filters["kdate"]
        return "근무 기간 " + ", ".join(
            f"{kdate(date_from_json(a))} ~ {kdate(date_from_json(b)) if b else '현재'}" for a, b in value
        )

    def answer(self, values, ctx: Context) -> Answer:
        request = self.request(values)
        try:
            decision = exemption(ctx.exam, request, ctx.today)
        except InvalidInput as problem:
            return Answer(str(problem), error_slot="periods")
        periods = request.periods
        return Answer(
            ctx.render("exemption.j2", d=decision, periods=periods),
            next_steps=(
                ("기간 다시 입력" if periods else "날짜로 정확히 계산", {"do": "redo", "flow": self.name, "slot": "periods"}),
                ("면제 서류", {"do": "intent", "intent": "exemption_documents"}),
                ("서류 제출 기관", {"do": "intent", "intent": "office"}),
            ),
        )


def _period_said(moments, text: str, to_now: bool) -> bool:
    """"2017년 3월 2일부터 현재까지", "2015. 3. ~ 2019. 2.": a stretch of time written as one, which
    is what the work periods are told as (``to_now``: its end is today)."""
    return ("부터" in text or "~" in text) and (len(moments) >= 2 or (len(moments) == 1 and to_now))


def _day(moment: tuple[str, object], *, first: bool) -> date:
    kind, value = moment
    if kind == "date":
        return value  # type: ignore[return-value]
    year, month = value  # type: ignore[misc]
    return date(year, month, 1 if first else calendar.monthrange(year, month)[1])
