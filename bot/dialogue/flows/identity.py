"""ID flow: which document (and the applicant's group, when said) → accepted on exam day or not.
The rule infers the group from the document; when a word names several documents ("모바일
신분증") it asks which one, with the notice's names as buttons."""
from __future__ import annotations

import re

from rules.identity import id_check as id_rule
from rules.terms import find_all, find_id_document, id_terms
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
MAX_DOCUMENT_CHARS = 60
# a document said as one the applicant lacks or lost, right after its name
LACKING = re.compile(r"^\s*(?:이|가|은|는|을|를|도)?\s*(?:아직|지금)?\s*(?:없|안\s*가져|잃어버|분실|두고|집에|본가에|놓고)")
# "X도 신분증으로 인정돼요?": X is the document asked about, listed or not ("제 신분증으로" names none)
NOT_A_DOCUMENT = frozenset({"제", "내", "저", "나", "저의", "나의", "이거", "그거", "이것", "그것", "무슨", "어떤", "아무", "어느", "다른"})
NAMED_AS_ID = re.compile(r"([가-힣a-z0-9 ]{1,20}?)\s*(?:도|은|는|을|를|이|가|으로|로)?\s*신분증\s*(?:으로|대신|처럼)")


class IdFlow(Flow):
    name = "id"
    slots = ("document",)

    def absorb(self, u, values, pending, ctx: Context) -> Absorbed:
        got = Absorbed()
        # The rules' finder keeps what qualifies the document ("주민등록증 복사본", "모바일 …").
        document = u.slots.document or find_id_document(ctx.exam, ctx.text)
        if document and (_lacking(ctx.text, document) or _last_named_is_lacking(ctx.exam, ctx.text)):
            document = None  # "주민등록증이 아직 없는데": the one document the applicant does not have
        if not document:
            named = NAMED_AS_ID.search(ctx.text)  # "토익 성적표도 신분증으로 돼요?": whatever it is, ask the rule
            document = named.group(1).strip() if named and named.group(1).strip() not in NOT_A_DOCUMENT else None
        if document:
            got.filled["document"] = mask(document)[:MAX_DOCUMENT_CHARS]
        elif pending == "document":
            got.errors["document"] = ctx.render("invalid.j2", code="document")
        if u.slots.id_group in IdGroup._value2member_map_:  # "고등학생인데", "군인인데": the rule's list
            got.filled["group"] = u.slots.id_group
        if "expired_document" in u.slots.situations:
            got.filled["expired"] = True
        return got

    def question(self, slot, values, ctx: Context) -> Question:
        return Question(slot, ctx.render("ask.j2", slot="id_document"), DOCUMENT_CHOICES)

    def missing(self, values, ctx: Context) -> str | None:
        return None if "document" in values else "document"

    def describe(self, slot, value, ctx: Context) -> str:
        return str(value)

    def answer(self, values, ctx: Context) -> Answer:
        group = IdGroup(values["group"]) if values.get("group") else None
        request = IdRequest(document=values["document"], group=group, expired=bool(values.get("expired")))
        try:
            decision = id_rule(ctx.exam, request, ctx.today)
        except AmbiguousInput as problem:  # "모바일 신분증": which one? ask with the notice's names
            return Answer(str(problem), ask_slot="document", choices=tuple(Choice(o, o) for o in problem.options))
        except InvalidInput as problem:
            return Answer(str(problem), error_slot="document", drop=("group",))
        return Answer(
            ctx.render("id.j2", d=decision, asked=values["document"]),
            next_steps=(
                ("다른 신분증 확인", {"do": "redo", "flow": self.name, "slot": "document", "drop": ["document"]}),
                ("인정 신분증 목록", {"do": "intent", "intent": "id_info"}),
                ("시험 당일 유의사항", {"do": "intent", "intent": "exam_day_cautions"}),
            ),
        )


# "학생증밖에 없는데": the one document the applicant has, not one they lack
ONLY_ONE = re.compile(r"^\s*(?:밖에|뿐)")


def _lacking(text: str, document: str) -> bool:
    """Is the document said as one the applicant lacks ("주민등록증이 아직 없는데")?"""
    word = document.split()[0].removesuffix("밖에")
    at = text.find(word)
    after = text[at + len(word):at + len(word) + 16]
    return at >= 0 and bool(LACKING.search(after)) and not ONLY_ONE.search(after)


def _last_named_is_lacking(exam, text: str) -> bool:
    """Is the last document named, as typed ("주민증이 없어요"), one the applicant lacks? A document
    named after a lost one ("주민증을 잃어버렸어요 … 재발급 신청은 해 뒀어요") is the one they have."""
    named = find_all(text, id_terms(exam))
    after = text[named[-1].end:named[-1].end + 16] if named else ""
    return bool(named) and bool(LACKING.search(after)) and not ONLY_ONE.search(after)

