"""1차 exemption by work experience (notice 6. 나., 7. 라.): 5 years in the listed bodies as of the base
date 2023. 3. 1., periods at several employers summed.

Day-count convention (the notice gives none): every period counts its calendar days with both the
first and the last day included, only up to and including the base date; overlapping periods (two
jobs at once) count each day once. Five years = the number of days in the five calendar years that end
on the base date (2018. 3. 2. ~ 2023. 3. 1. = 1,826 days), so one continuous job that began on
2018. 3. 2. or earlier is exactly enough, and summed periods are held to the same number of days.
"""
from __future__ import annotations

from datetime import date, timedelta

from .common import citations
from .types import ExemptionDecision, ExemptionRequest, InvalidInput, Needs, phrase, quote


def years_before(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year - years)
    except ValueError:  # 29 February
        return d.replace(year=d.year - years, day=28)


def required_days(base: date, years: int) -> int:
    """Days in the ``years`` calendar years ending on ``base`` (inclusive)."""
    return (base - years_before(base, years)).days


def merged_days(periods, base: date) -> tuple[int, list[tuple[date, date]]]:
    """Inclusive days of the periods up to ``base``, overlaps counted once; and the merged spans."""
    spans = sorted(
        (p.start, min(p.end or base, base)) for p in periods if p.start <= base
    )
    merged: list[tuple[date, date]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1] + timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return sum((e - s).days + 1 for s, e in merged), merged


def months_between(earlier: date, later: date) -> int:
    """Whole or begun months from ``earlier`` to ``later`` (0 when ``later`` is not after it)."""
    if later <= earlier:
        return 0
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months + (1 if later.day > earlier.day else 0)


def by_length(exam, worked: tuple[int, int], today: date) -> ExemptionDecision | Needs:
    """A length of work said without dates ("6년 일했어요", "3년 + 2년 반"). It decides when every
    reading of it does: more than the required years even if it ended today (work after the base
    date does not count), or less than them however it is read. Otherwise the dates decide."""
    rules = exam.exemption
    fewest, most = worked
    if fewest < 0 or most < fewest:
        raise InvalidInput("worked_length")
    required = rules.years_required * 12
    after_base = months_between(rules.base_date, today)
    if fewest - after_base > required:
        eligible = True
    elif most < required:
        eligible = False
    else:
        return Needs(("periods",))
    return ExemptionDecision(
        says=None,
        citations=citations(rules.source, rules.documents_source),
        notice_label=exam.notice_label,
        eligible=eligible,
        base_date=rules.base_date,
        worked_months=(fewest, most),
        months_after_base=after_base,
        required_months=required,
    )


def exemption(exam, request: ExemptionRequest, today: date) -> ExemptionDecision | Needs:
    rules = exam.exemption
    base = rules.base_date
    if not request.periods and request.worked_months is not None:
        return by_length(exam, request.worked_months, today)
    if not request.periods:
        return Needs(("periods",))
    for p in request.periods:
        if p.end is not None and p.end < p.start:
            raise InvalidInput("period_order", start=p.start, end=p.end)
    counted, merged = merged_days(request.periods, base)
    need = required_days(base, rules.years_required)
    eligible = counted >= need
    reached_on = None
    if eligible:
        running = 0
        for start, end in merged:
            length = (end - start).days + 1
            if running + length >= need:
                reached_on = start + timedelta(days=need - running - 1)
                break
            running += length
    years = dict(base=base, years=rules.years_required, required=need)
    reasons = [phrase("day_count", first=years_before(base, rules.years_required) + timedelta(days=1), **years)]
    if any(p.start > base for p in request.periods):
        reasons.append(phrase("started_after_base", base=base))
    if rules.evidence_rule:
        reasons.append(quote(rules.evidence_rule))
    reasons.append(phrase(
        "submission", start=rules.submission.start, end=rules.submission.end, note=rules.submission_note,
    ))
    says = phrase("eligible" if eligible else "not_eligible", counted=counted, reached_on=reached_on, **years)
    return ExemptionDecision(
        says=says,
        citations=citations(rules.source, rules.documents_source),
        notice_label=exam.notice_label,
        reasons=tuple(reasons),
        eligible=eligible,
        counted_days=counted,
        required_days=need,
        shortfall_days=max(0, need - counted),
        base_date=base,
        reached_on=reached_on,
    )
