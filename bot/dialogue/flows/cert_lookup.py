"""Certificate-lookup walk-through: which of the guide's four screens the applicant is on, what to do
there, what comes next — until the status reads "조회 실패 (증빙서류제출 완료)"."""
from __future__ import annotations

import re

from rules.cert_lookup import DONE as RULE_DONE
from rules.cert_lookup import cert_lookup, failure_alone, step_from_text
from rules.types import InvalidInput

from .base import Absorbed, Answer, Choice, Context, Flow, Question

DONE = "done"
_STEP_NUMBER = re.compile(r"(\d+)\s*(?:단계|번째\s*단계|번\s*화면)")
_CONTROL_WORDS = ("다음", "이전", "뒤로", "처음", "시작", "다시")


class CertLookupFlow(Flow):
    name = "cert_lookup"
    slots = ("cert_step",)

    def absorb(self, u, values, pending, ctx: Context) -> Absorbed:
        got = Absorbed()
        guide = ctx.guide
        numbers = [s.number for s in guide.steps]
        explicit = _STEP_NUMBER.search(ctx.text)
        if explicit:
            number = int(explicit.group(1))
            if number in numbers:
                got.filled["cert_step"] = number
            else:
                got.errors["cert_step"] = ctx.render("invalid.j2", code="cert_step", first=numbers[0], last=numbers[-1])
            return got
        current = values.get("cert_step") if isinstance(values.get("cert_step"), int) else None
        seen = step_from_text(guide, ctx.text, current)
        said = set(u.slots.situations)
        if said & {"change_certificate_type", "wrong_certificate_type"}:
            got.filled["_change_type"] = True  # the guide's note: delete the entry, register again
        if said & {"already_uploaded", "replace_file", "upload_uncertain"} and seen != RULE_DONE:
            # a file already uploaded, or to be replaced: the last screen says whether it went in
            # (the failure shown on every screen before does not mean the first one)
            got.filled["cert_step"] = numbers[-1]
            return got
        if current is not None and failure_alone(guide, ctx.text):
            # "아직도 조회 실패라고 나와요": the screen they were at, shown again with what it should say
            got.filled["cert_step"] = current
        elif seen == RULE_DONE or seen == numbers[-1]:
            # The last screen's markers ("증빙서류제출 완료", "자격증 사본 제출 완료") are what one
            # sees once it is done: someone who reports them has finished.
            got.filled["cert_step"] = DONE
        elif seen is not None:
            got.filled["cert_step"] = seen
        elif pending == "cert_step" and any(w in ctx.text for w in _CONTROL_WORDS):
            decision = cert_lookup(guide, current, ctx.text.strip().split()[0])
            if decision.step is not None:
                got.filled["cert_step"] = decision.step
        elif pending is None and "cert_step" not in values:
            # a new walk-through starts at the first screen (whose [삭제] button the note is about)
            got.filled["cert_step"] = numbers[0]
        if not got and pending == "cert_step":
            got.errors["cert_step"] = ctx.render("invalid.j2", code="cert_screen")
        return got

    def missing(self, values, ctx: Context) -> str | None:
        return None if values.get("cert_step") == DONE else "cert_step"

    def question(self, slot, values, ctx: Context) -> Question:
        guide = ctx.guide
        step = values.get("cert_step")
        if not isinstance(step, int):
            step = guide.steps[0].number
            values["cert_step"] = step
        decision = cert_lookup(guide, step, "repeat")
        numbers = [s.number for s in guide.steps]
        choices = []
        if step != numbers[-1]:
            choices.append(Choice("다음 단계", numbers[numbers.index(step) + 1]))
        choices.append(Choice("완료 표시가 보여요", DONE))
        if step != numbers[0]:
            choices.append(Choice("이전 단계", numbers[numbers.index(step) - 1]))
            choices.append(Choice("처음부터", numbers[0]))
        notes = tuple(guide.notes) if values.get("_change_type") else ()
        return Question(slot, ctx.render("cert_lookup.j2", d=decision, guide=guide, notes=notes), tuple(choices))

    def describe(self, slot, value, ctx: Context) -> str:
        return "완료" if value == DONE else f"{value}단계"

    def answer(self, values, ctx: Context) -> Answer:
        try:
            decision = cert_lookup(ctx.guide, None, ctx.guide.done_marker)
        except InvalidInput as problem:  # pragma: no cover - the done marker always resolves
            return Answer(ctx.render("rule_refused.j2", message=str(problem)), answered=False)
        return Answer(
            ctx.render("cert_lookup.j2", d=decision, guide=ctx.guide, notes=()),
            next_steps=(("처음부터 다시 보기", {"do": "redo", "flow": self.name, "slot": "cert_step"}),),
        )
