"""Accommodations for disabled, pregnant and temporarily injured applicants (notice 9. 사. and its table).

The 감정평가사 exam is written, so the table's "필기 및 필답형 실기시험" column applies (the knowledge
file's ``accommodation.column``). Extended minutes follow the notice's worked example for composite
cases: base + base×(upper multiplier − 1) + base×(lower-limb extra), the extra only in a column that
adds it (the practical one: 60분 → 78분 + 6분 = 84분; the written column gives the upper-limb time).
Figures are computed in decimals (80 × 1.7 is exactly 136) and rounded as the knowledge file says
("ceil": a fraction of a minute is never taken away); for this exam every result is whole anyway.
"""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from itertools import permutations

from .common import citations, end_of_day, get_stage, round_to_int, to_decimal
from .terms import find_all, find_region
from .types import (
    AccommodationDecision,
    AccommodationRequest,
    AmbiguousInput,
    InvalidInput,
    Needs,
    PeriodTime,
    phrase,
    quote,
)


def row_label(row) -> str:
    """The row's canonical phrase (its first alias): "시각 중증", "상지 중증 하지", "임신"."""
    return row.aliases[0]


def extended_minutes(base: int, multiplier, lower_limb_extra=0, rounding: str = "ceil") -> int:
    """base + base×(multiplier − 1) + base×lower_limb_extra, rounded to whole minutes.

    The notice's worked example: extended_minutes(60, 1.3, 0.1) == 78 + 6 == 84."""
    b = Decimal(base)
    total = b + b * (to_decimal(multiplier) - 1) + b * to_decimal(lower_limb_extra)
    return round_to_int(total, rounding)


def column_multiplier(column) -> Decimal | None:
    """The effective multiplier of a table cell (composite: upper-limb + lower-limb extra)."""
    if column.decided_individually:
        return None
    extra = to_decimal(column.lower_limb_extra) if column.extra_for_lower_limb else Decimal(0)
    return to_decimal(column.multiplier) + extra


_TERMS: dict[int, tuple[object, list]] = {}  # id(exam) → (the exam, its row terms): built once a round
_MATCHES: dict[tuple[int, str], list] = {}  # (id(exam), phrase) → its matches: the phrases are few
MATCHES_KEPT = 1024


def _terms(exam):
    kept = _TERMS.get(id(exam))
    if kept is not None and kept[0] is exam:
        return kept[1]
    rules = exam.accommodation
    terms = [(("row", r.id), a) for r in rules.rows for a in (r.id, *r.aliases)]
    terms += [(("ambiguous", alias), alias) for alias in rules.ambiguous_aliases]
    _TERMS[id(exam)] = (exam, terms)
    return terms


def _matches(exam, text: str) -> list:
    """``find_all`` over the table's terms, remembered: the flow hands the rule the same canonical
    phrases ("시각 중증") again and again, once per stage it weighs."""
    terms = _terms(exam)
    key = (id(exam), text)
    found = _MATCHES.get(key)
    if found is None:
        if len(_MATCHES) >= MATCHES_KEPT:
            _MATCHES.clear()
        found = _MATCHES[key] = find_all(text, terms)
    return found


def resolve_rows(exam, text: str) -> object:
    """The one table row ``text`` names. Raises ``AmbiguousInput`` (with options to choose from)
    when it names a type without its severity, several unrelated rows, or none."""
    rows = {r.id: r for r in exam.accommodation.rows}
    all_labels = tuple(row_label(r) for r in exam.accommodation.rows)
    if not text or not text.strip():
        raise AmbiguousInput("disability_missing", all_labels)
    matches = _matches(exam, text)
    named = list(dict.fromkeys(m.key[1] for m in matches if m.key[0] == "row"))
    vague = [m.key[1] for m in matches if m.key[0] == "ambiguous"]
    if vague:
        options: list[str] = []
        for alias in vague:
            for candidate in exam.accommodation.ambiguous_aliases[alias]:
                phrase = " ".join([row_label(rows[candidate]), *(row_label(rows[n]) for n in named)])
                try:
                    resolved = resolve_rows(exam, phrase)
                except InvalidInput:
                    continue
                options.append(row_label(resolved))
        options = list(dict.fromkeys(options)) or [
            row_label(rows[c]) for a in vague for c in exam.accommodation.ambiguous_aliases[a]
        ]
        raise AmbiguousInput("disability_severity", tuple(options), said=text.strip())
    if not named:
        raise AmbiguousInput("disability_unknown", all_labels, said=text.strip())
    if len(named) == 1:
        return rows[named[0]]
    # Several rows: the notice defines one combination (상지 + 하지). A row whose alias is the
    # phrase of the named rows together is that combination ("상지 중증" + "하지" → "상지 중증 하지").
    for order in permutations(named):
        phrase = " ".join(row_label(rows[n]) for n in order)
        whole = [m for m in _matches(exam, phrase) if m.key[0] == "row"]
        if len(whole) == 1 and whole[0].start == 0 and whole[0].end == len(phrase):
            return rows[whole[0].key[1]]
    labels = tuple(row_label(rows[n]) for n in named)
    raise AmbiguousInput("disability_several", labels)


def _office_line(office) -> str:
    return f"{office.name} {office.department} ({office.postcode}) {office.address} ☎ {office.phone}"


def accommodation(exam, request: AccommodationRequest, today: date) -> AccommodationDecision | Needs:
    """The accommodation for one table row and stage; ``Needs(("stage",))`` without a stage (the
    row is checked first: a row that does not exist is an error whatever the stage)."""
    rules = exam.accommodation
    row = resolve_rows(exam, request.disability)
    if request.stage is None:
        return Needs(("stage",))
    stage = get_stage(exam, request.stage)
    column_id = rules.column
    column = getattr(row, column_id)
    multiplier = column_multiplier(column)

    periods = []
    for period in stage.periods:
        minutes = period.minutes if multiplier is None else extended_minutes(
            period.minutes, column.multiplier,
            column.lower_limb_extra if column.extra_for_lower_limb else 0, rules.rounding,
        )
        periods.append(PeriodTime(period.name, ", ".join(period.subjects), period.minutes, minutes))

    close = stage.application.end.date()
    submit_by = close + timedelta(days=rules.submit_within_days_after_close)
    offices = _offices(exam, stage, request.region)
    category = f"{row.type} — {row.severity}"
    documents = tuple(f"{n} {rules.documents[n]}" for n in row.documents)
    # Never let an answer read as if the applicant can still send the documents in time.
    deadline_passed = today > submit_by
    says = phrase(
        "accommodation", category=category, column=column_id,
        multiplier=None if multiplier is None else float(multiplier), stage_name=stage.name,
        periods=tuple(periods), documents=tuple(row.documents), days=rules.submit_within_days_after_close,
        submit_by=submit_by, submit_to=rules.submit_to, submit_how=rules.submit_how,
        deadline_passed=deadline_passed, today=today, helpdesk=(exam.helpdesk.name, exam.helpdesk.phone),
    )
    aids = tuple(f"{kind}: {', '.join(items)}" for kind, items in column.aids.items())
    if column.note:
        aids += (column.note,)
    reasons = []
    if multiplier is not None and multiplier != 1:
        reasons.append(phrase("time_formula", multiplier=float(multiplier), rounding=rules.rounding))
    if column.extra_for_lower_limb:
        reasons.append(phrase("worked_example", text=rules.worked_example))
    reasons += [quote(note) for note in row.notes]
    return AccommodationDecision(
        says=says,
        citations=citations(rules.table_source, rules.source, stage.timetable_source),
        notice_label=exam.notice_label,
        reasons=tuple(reasons),
        category=category,
        time_multiplier=None if multiplier is None else float(multiplier),
        minutes=tuple(p.minutes for p in periods),
        periods=tuple(periods),
        aids=aids,
        documents=documents,
        submit_by=end_of_day(submit_by),
        submit_to=rules.submit_to,
        rows=(row.id,),
        column=column_id,
        extension_pending_review=multiplier is None,
        notes=(*row.notes, *rules.notes),
        rounding=rules.rounding,
        offices=tuple(offices),
        deadline_passed=deadline_passed,
        stage=stage.number,
    )


def _offices(exam, stage, region_text: str | None) -> list[str]:
    """The office(s) that may be the "시험장 관할 시행기관": the region's, or every region of the stage."""
    if region_text:
        region = find_region(exam, region_text)
        if region is None or region not in stage.regions:
            raise InvalidInput("region_not_in_stage", stage_name=stage.name, regions=tuple(stage.regions))
        return [_office_line(o) for o in exam.offices if region in o.regions]
    return [f"{'·'.join(o.regions)}: {_office_line(o)}" for o in exam.offices if set(o.regions) & set(stage.regions)]
