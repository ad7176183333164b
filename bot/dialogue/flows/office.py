"""Which HRDK regional office (address, phone) serves an exam region."""
from __future__ import annotations

from rules.offices import office_for_region
from rules.terms import exam_regions, find_region
from rules.types import OfficeRequest

from .base import Absorbed, Answer, Choice, Context, Flow, Question


class OfficeFlow(Flow):
    name = "office"
    slots = ("region",)

    def absorb(self, u, values, pending, ctx: Context) -> Absorbed:
        got = Absorbed()
        region = u.slots.region or find_region(ctx.exam, ctx.text)
        if region:
            got.filled["region"] = region
        elif pending == "region":
            got.errors["region"] = ctx.render("invalid.j2", code="region")
        return got

    def question(self, slot, values, ctx: Context) -> Question:
        choices = tuple(Choice(r, r) for r in exam_regions(ctx.exam))
        return Question(slot, ctx.render("ask.j2", slot="office_region"), choices)

    def answer(self, values, ctx: Context) -> Answer:
        decision = office_for_region(ctx.exam, OfficeRequest(region=values["region"]), ctx.today)
        return Answer(
            ctx.render("office.j2", d=decision),
            next_steps=(
                ("다른 지역", {"do": "redo", "flow": self.name, "slot": "region"}),
                ("면제서류 제출 기간", {"do": "intent", "intent": "exemption_submission"}),
            ),
            answered=decision.found,
        )
