"""Accommodation flow: disability type (→ severity where the table distinguishes it) → time
multiplier, extended minutes for every period, aids, documents, where and by when. The stage is
not asked: the multiplier is the row's, so without a stage both stages' minutes are shown."""
from __future__ import annotations

import re
from dataclasses import dataclass

from rules.accommodation import accommodation as accommodation_rule
from rules.common import settle
from rules.terms import compact, find_all
from rules.types import AccommodationRequest, AmbiguousInput, InvalidInput, Needs, Unanimous

from .base import Absorbed, Answer, Choice, Context, Flow, Question
from .common import PERIOD, STAGE_CHOICES, STAGES, absorb_stage, describe_stage


@dataclass(frozen=True)
class Kind:
    value: str
    label: str  # button
    words: tuple[str, ...]  # how applicants name it (compact form: no spaces)
    row: str  # the table row id in the knowledge file ({sev}: severe / mild)
    graded: bool = False  # the table has 중증/경증 rows for it


# Order matters when reading text: the composite before its parts, specific before general.
KINDS = (
    Kind("composite", "지체(상지+하지)", ("복합장애", "복합 장애"), "composite_upper_{sev}_lower", True),
    Kind("visual", "시각 장애", ("시각", "시력", "전맹", "실명", "저시력", "약시", "맹인"), "visual_{sev}", True),
    Kind("upper", "지체(상지·손·팔)", ("상지", "손부위", "팔 장애", "손가락", "오른팔", "왼팔", "양팔", "오른손", "왼손"), "upper_limb_{sev}", True),
    Kind("lower", "지체(하지·척추)", ("하지장애", "하지", "다리", "척추", "휠체어", "목발"), "lower_limb"),
    Kind("brain", "뇌병변 장애", ("뇌병변", "뇌성마비", "뇌졸중"), "brain_lesion"),
    Kind("hearing", "청각 장애", ("청각", "난청", "보청기", "농아", "수어", "수화"), "hearing"),
    Kind("internal", "신장·심장·장루·요루", ("신장", "심장", "장루", "요루", "투석"), "kidney_heart_stoma"),
    Kind("pregnant", "임신", ("임신", "임산부"), "pregnant"),
    Kind("bowel", "과민성대장·방광", ("과민성", "대장", "방광", "빈뇨", "배변"), "irritable_bowel_bladder"),
    Kind("temporary", "일시적 부상(깁스 등)", ("일시적", "깁스", "기브스", "골절", "부러", "부상", "다쳐", "다쳤", "수술"), "temporary"),
)
_BY_VALUE = {k.value: k for k in KINDS}
KIND_CHOICES = tuple(Choice(k.label, k.value) for k in KINDS if k.value != "composite")
# A group the table splits into rows of its own: "지체장애 경증이에요" is 상지 경증 (1.2배), 하지 (no
# extension) or both — asked among those rows only, with what was said (the severity) kept.
LIMB = "limb"
_LIMB_WORDS = ("지체장애", "지체 장애", "지체인", "지체장애인")
_LIMB_KINDS = ("upper", "lower", "composite")
LIMB_CHOICES = tuple(Choice(_BY_VALUE[v].label, v) for v in ("upper", "lower", "composite"))
SEVERITY_CHOICES = (Choice("중증(심한 장애)", "중증"), Choice("경증(심하지 않은 장애)", "경증"))
# said of a lasting disability, not an injury ("2급" a grade; "급하게" is no grade)
_A_DISABILITY = re.compile(r"장애|장해|등록|판정|중증|경증|\d급")
_SEVERE = ("중증", "심한", "심해")
_MILD = ("경증", "심하지않", "가벼")
_SEVERITY_ID = {"중증": "severe", "경증": "mild"}
_TERMS = tuple((k.value, word) for k in KINDS for word in k.words)


def _row_kinds() -> dict[str, tuple[str, str | None]]:
    """Table row id → (kind, severity), e.g. "visual_severe" → ("visual", "중증")."""
    out: dict[str, tuple[str, str | None]] = {}
    for k in KINDS:
        if k.graded:
            for severity, sev_id in _SEVERITY_ID.items():
                out[k.row.format(sev=sev_id)] = (k.value, severity)
        else:
            out[k.row] = (k.value, None)
    return out


_ROW_KINDS = _row_kinds()


# a disability decided under another law (9. 사. documents ② ③): the injury behind it is no temporary one
_STATUS_BY_LAW = frozenset({"veteran_disability", "industrial_disability"})


def _registered_limb(text: str) -> bool:
    """"다쳐서 지체장애 판정 받았어요": a limb disability named beside the injury words."""
    return bool(find_all(text, [(LIMB, w) for w in _LIMB_WORDS]))


def _as_told(kind: str | None, text: str) -> str | None:
    """The row the words around a kind point to: a limb disability registered after an injury
    ("다쳐서 지체장애 판정 받았어요") is the limb's, to be told which part; a limb named with an injury
    and no word of a lasting disability ("발목 수술해서 목발 짚어요") is the temporary row."""
    if kind in (None, "temporary") and _registered_limb(text):
        return LIMB
    if kind in _LIMB_KINDS and not _A_DISABILITY.search(compact(text)):
        if any(m.key == "temporary" for m in find_all(text, _TERMS)):
            return "temporary"
    return kind


def read_disability(text: str, exam=None) -> tuple[str | None, str | None]:
    """(kind, severity) named in free text or in the NLU's canonical phrase ("상지 중증 하지").

    First the knowledge file's own row aliases ("전맹" is 시각 중증); then the broader words above,
    through the rules' term finder, which keeps everyday homonyms out ("신청하지 않았어요" is not
    "하지", "입실 시각" is not "시각")."""
    if not text:
        return None, None
    if exam is not None:
        rows = {m.key for m in find_all(text, [(r.id, a) for r in exam.accommodation.rows for a in r.aliases])}
        if len(rows) == 1:
            kind, severity = _ROW_KINDS.get(next(iter(rows)), (None, None))
            if kind and _as_told(kind, text) == kind:
                return kind, severity
    found = {m.key for m in find_all(text, _TERMS)}
    if "upper" in found and "lower" in found:
        kind = "composite"
    else:
        kind = next((k.value for k in KINDS if k.value in found), None)
    kind = _as_told(kind, text)
    squashed = compact(text)
    severity = None
    if any(w in squashed for w in _MILD):  # "심하지 않은" contains "심한"'s stem: test mild first
        severity = "경증"
    elif any(w in squashed for w in _SEVERE):
        severity = "중증"
    return kind, severity


class AccommodationFlow(Flow):
    name = "accommodation"
    slots = ("kind", "severity", "stage")
    figure_asks = ("time",)

    def absorb(self, u, values, pending, ctx: Context) -> Absorbed:
        got = Absorbed()
        kind, severity = read_disability(u.slots.disability or "", ctx.exam)
        if _as_told(kind, ctx.text) != kind:
            kind, severity = None, None  # the words around the NLU's kind tell another row: read the text
        if kind is None or severity is None:  # the NLU's phrase left something out: read the text
            text_kind, text_severity = read_disability(ctx.text, ctx.exam)
            kind = kind or text_kind
            severity = severity or text_severity
        if kind == "temporary" and set(u.slots.situations) & _STATUS_BY_LAW:
            kind, severity = None, None  # "산재 장해급여 받는 중": a lasting disability by that law, not an injury
        if pending == "kind" and values.get("kind") == LIMB:
            kind = _limb_part(ctx.text) or kind  # the answer to "상지, 하지, 복합 중 어느 쪽?": "하지요"
        if kind and not (kind == LIMB and values.get("kind") in _LIMB_KINDS):
            got.filled["kind"] = kind
        elif pending == "kind" and not kind:
            got.errors["kind"] = ctx.render("invalid.j2", code="disability")
        if severity:
            got.filled["severity"] = severity
        elif pending == "severity" and not kind:
            got.errors["severity"] = ctx.render("invalid.j2", code="severity")
        absorb_stage(got, u, pending, ctx)
        return got

    def missing(self, values, ctx: Context) -> str | None:
        if values.get("kind", LIMB) == LIMB:
            return "kind"
        if _BY_VALUE[values["kind"]].graded and "severity" not in values:
            return "severity"  # 중증 and 경증 have different multipliers
        try:
            result = self.decide(values, ctx)
        except InvalidInput:
            return None  # ``answer`` says what is wrong
        return result.inputs[0] if isinstance(result, Needs) else None

    def decide(self, values, ctx: Context):
        """The rule for the row said; without a stage every stage is tried: the multiplier is the
        row's, so the answer comes at once with each stage's minutes and deadline."""
        request = AccommodationRequest(disability=self.phrase(values), stage=values.get("stage"))
        return settle(accommodation_rule, ctx.exam, request, ctx.today, {"stage": STAGES})

    def question(self, slot, values, ctx: Context) -> Question:
        if slot == "kind" and values.get("kind") == LIMB:
            return Question(slot, ctx.render("ask.j2", slot="disability_limb"), LIMB_CHOICES)
        if slot == "kind":
            return Question(slot, ctx.render("ask.j2", slot="disability_kind"), KIND_CHOICES)
        if slot == "severity":
            kind = _BY_VALUE[values["kind"]]
            return Question(slot, ctx.render("ask.j2", slot="disability_severity", kind=kind.label), SEVERITY_CHOICES)
        return Question(slot, ctx.render("ask.j2", slot="accommodation_stage"), STAGE_CHOICES)

    def describe(self, slot, value, ctx: Context) -> str:
        if slot == "kind":
            return "지체 장애" if value == LIMB else _BY_VALUE[value].label
        if slot == "stage":
            return describe_stage(value)
        return str(value)

    def phrase(self, values) -> str:
        """The row id for the rule (its term finder accepts ids as well as the aliases)."""
        kind = _BY_VALUE[values["kind"]]
        return kind.row.format(sev=_SEVERITY_ID.get(values.get("severity"), "severe"))

    def answer(self, values, ctx: Context) -> Answer:
        try:
            result = self.decide(values, ctx)
        except AmbiguousInput as problem:
            return Answer(str(problem), ask_slot="severity", choices=SEVERITY_CHOICES)
        except InvalidInput as problem:
            return Answer(str(problem), error_slot="kind", drop=("severity",))
        again = ("다른 유형으로 다시", {"do": "redo", "flow": self.name, "slot": "kind", "drop": ["kind", "severity"]})
        documents = ("제출 서류·기한", {"do": "intent", "intent": "accommodation_info"})
        if isinstance(result, Unanimous):
            extended = (result.first.time_multiplier or 1) > 1  # else the minutes are the standard ones
            per_stage = tuple(
                (f"{stage}차 교시별 시간", {"do": "rerun", "flow": self.name, "slot": "stage", "value": stage})
                for stage, _ in result.decisions if extended
            )
            text = ctx.render("accommodation.j2", d=result.first, over=result.decisions, stage=None, toilet=_toilet(ctx, result.first),
                              period=_period_asked(ctx))
            return Answer(text, next_steps=(*per_stage, again, documents))
        decision = result
        other = 2 if decision.stage == 1 else 1
        return Answer(
            ctx.render("accommodation.j2", d=decision, over=(), stage=decision.stage, toilet=_toilet(ctx, decision),
                       period=_period_asked(ctx)),
            next_steps=(
                (f"{other}차 시험으로 계산", {"do": "rerun", "flow": self.name, "slot": "stage", "value": other}),
                again, documents,
            ),
        )


def _limb_part(text: str) -> str | None:
    said = compact(text)
    parts = [part for part, word in (("upper", "상지"), ("lower", "하지"), ("composite", "복합")) if word in said]
    if "composite" in parts or len(parts) == 2:
        return "composite"
    return parts[0] if parts else None


def _toilet(ctx: Context, decision) -> bool | None:
    """"시험 중에 화장실 갈 수 있어요?": does the row grant toilet use (the answer says so first)?
    None when the toilet is not asked about."""
    if "화장실" not in ctx.text:
        return None
    return any("화장실" in aid for aid in decision.aids)



def _period_asked(ctx: Context) -> str | None:
    """"상지경증 1차 2교시 몇분": the one period asked about (its minutes are the answer)."""
    asked = {m.group(1) for m in PERIOD.finditer(ctx.text)}
    return f"{asked.pop()}교시" if len(asked) == 1 else None
