"""Arriving on exam day (notice 3. 나., 12. 2., 12. 5.): can the applicant still sit the period?

By the period's 입실완료 time: on time. After it but before the period starts: the notice bars entry
only once the period has started ("매 교시 시험 시작 이후 입실 불가"), so the applicant may still go
in, late for the seating time it asks for. At or after the start: that period is lost, and with it
every later period of the stage ("결시 … 수험자는 해당교시 이후 시험에 응시할 수 없습니다") — which is
also why an arrival with no period named is an arrival for the first one, and why a period already
missed bars every later one whatever the time.
"""
from __future__ import annotations

from datetime import date

from .common import citations, get_stage
from .types import ArrivalDecision, ArrivalRequest, ArrivalVerdict, InvalidInput, Needs

# The facts of the round's file whose clauses this rule rests on: the seating time, no entry after
# the start, no later period after a missed one.
SEATING_FACT, NO_ENTRY_FACT, LATER_PERIODS_FACT = "entry_time", "late_entry", "late_entry_after_absence"


def _source(exam, fact_id: str):
    return next((f.source for f in exam.facts if f.id == fact_id), None)


def arrival(exam, request: ArrivalRequest, today: date) -> ArrivalDecision | Needs:
    """Whether arriving at ``request.at`` still lets the applicant sit the period, or ``Needs``
    ("stage") when the stages' timetables differ for that period."""
    if request.at is None and request.missed_period is None:
        return Needs(("at",))
    if request.stage is None:
        return Needs(("stage",))
    stage = get_stage(exam, request.stage)
    number = 1 if request.period is None else request.period
    if not 1 <= number <= len(stage.periods):
        raise InvalidInput("no_such_period", stage_name=stage.name, periods=len(stage.periods), number=number)
    period = stage.periods[number - 1]
    missed = request.missed_period
    if missed is not None and missed < number:
        verdict = ArrivalVerdict.MISSED_BEFORE
    elif request.at is None:
        return Needs(("at",))  # only a period missed before this one decides without the time
    elif request.at <= period.entry:
        verdict = ArrivalVerdict.ON_TIME
    elif request.at < period.start:
        verdict = ArrivalVerdict.AFTER_ENTRY
    else:
        verdict = ArrivalVerdict.TOO_LATE
    sources = [_source(exam, SEATING_FACT), stage.timetable_source]
    if verdict is not ArrivalVerdict.ON_TIME:
        sources.insert(0, _source(exam, NO_ENTRY_FACT))
    later = tuple(p.name for p in stage.periods[number:])
    if (verdict is ArrivalVerdict.TOO_LATE and later) or verdict is ArrivalVerdict.MISSED_BEFORE:
        sources.append(_source(exam, LATER_PERIODS_FACT))
    return ArrivalDecision(
        says=None,  # templates/arrival_verdict.j2 says the verdict from the times
        citations=citations(*sources),
        notice_label=exam.notice_label,
        verdict=verdict,
        stage=stage.number,
        period=period.name,
        period_said=request.period is not None,
        at=request.at,
        entry=period.entry,
        start=period.start,
        later_periods=later,
        missed_period=stage.periods[missed - 1].name if verdict is ArrivalVerdict.MISSED_BEFORE else "",
    )
