"""ID flow: which document (and, when said, which group) → accepted on exam day or not."""
from __future__ import annotations

from rules.identity import id_check as id_rule
from rules.terms import find_id_document
from rules.types import AmbiguousInput, IdGroup, IdRequest, InvalidInput

from bot.privacy import mask

from .base import Absorbed, Answer, Choice, Context, Flow, Question

DOCUMENT_CHOICES = (
    Choice("주민등록증", "주민등록증"),
    Choice("운전면허증", "운전면허증"),
    Choice("모바일 운전면허증", "모바일 운전면허증"),
    Choice("여권", "여권"),
    Choice("학생증", "학생증"),
    Choice("외국인등록증", "외국인등록증"),
)
GROUP_CHOICES = (
    Choice("일반(성인)", IdGroup.GENERAL.value),
    Choice("초·중·고생/만18세 이하", IdGroup.STUDENT.value),
    Choice("사병(군인)", IdGroup.SOLDIER.value),
    Choice("외국인", IdGroup.FOREIGNER.value),
)
MAX_DOCUMENT_CHARS = 60


class IdFlow(Flow):
    name = "id_check"
    slots = ("document",)

    def absorb(self, u, values, pending, ctx: Context) -> Absorbed:
        got = Absorbed()
        # The rules' finder keeps what qualifies the document ("주민등록증 복사본", "모바일 …").
        document = u.slots.document or find_id_document(ctx.exam, ctx.text)
        if document:
            got.filled["document"] = mask(document)[:MAX_DOCUMENT_CHARS]
        elif pending == "document":
            got.errors["document"] = ctx.render("invalid.j2", code="document")
        if u.slots.id_group in IdGroup._value2member_map_:
            got.filled["group"] = u.slots.id_group
        elif pending == "group":
            got.errors["group"] = ctx.render("invalid.j2", code="group")
        return got

    def question(self, slot, values, ctx: Context) -> Question:
        if slot == "group":
            return Question(slot, ctx.render("ask.j2", slot="id_group"), GROUP_CHOICES)
        return Question(slot, ctx.render("ask.j2", slot="id_document"), DOCUMENT_CHOICES)

    def missing(self, values, ctx: Context) -> str | None:
        if "document" not in values:
            return "document"
        if values.get("_ask_group") and "group" not in values:
            return "group"
        return None

    def describe(self, slot, value, ctx: Context) -> str:
        if slot == "group":
            return next((c.label for c in GROUP_CHOICES if c.value == value), str(value))
        return str(value)

    def normalise(self, values, ctx: Context, *, changed: list[str]) -> None:
        if "document" in changed:
            values.pop("_ask_group", None)

    def answer(self, values, ctx: Context) -> Answer:
        group = IdGroup(values["group"]) if values.get("group") else None
        request = IdRequest(document=values["document"], group=group)
        try:
            decision = id_rule(ctx.exam, request, ctx.today)
        except AmbiguousInput as problem:
            values["_ask_group"] = True
            return Answer(str(problem), ask_slot="group", choices=GROUP_CHOICES)
        except InvalidInput as problem:
            return Answer(
                ctx.render("rule_refused.j2", message=str(problem)),
                next_steps=(("다른 신분증 확인", {"do": "redo", "flow": self.name, "slot": "document"}),),
                answered=False,
            )
        return Answer(
            ctx.render("id_check.j2", d=decision, asked=values["document"]),
            next_steps=(
                ("다른 신분증 확인", {"do": "redo", "flow": self.name, "slot": "document", "drop": ["document", "_ask_group"]}),
                ("인정 신분증 목록", {"do": "intent", "intent": "id_info"}),
                ("시험 당일 유의사항", {"do": "intent", "intent": "exam_day_cautions"}),
            ),
        )
