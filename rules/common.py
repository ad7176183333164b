"""Small helpers every rule shares: citations from knowledge sources, stage lookup, day ends."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Callable, Mapping, Sequence

from .types import Citation, Decision, InvalidInput, Needs, Unanimous

END_OF_DAY = time(23, 59, 59)


def cite(source) -> Citation:
    """A rules ``Citation`` from a knowledge ``Source``."""
    return Citation(clause=source.clause, title=source.title, quote=source.quote, doc=source.doc)


def citations(*sources) -> tuple[Citation, ...]:
    """Citations without duplicates, in the order given (``None`` sources are skipped)."""
    out: list[Citation] = []
    for source in sources:
        if source is None:
            continue
        c = cite(source)
        if c not in out:
            out.append(c)
    return tuple(out)


def get_stage(exam, number) -> object:
    """The exam stage ``number`` (1 or 2), or ``InvalidInput``."""
    numbers = [s.number for s in exam.stages]
    if isinstance(number, bool) or number not in numbers:
        raise InvalidInput("no_such_stage", number=number, stages=tuple(numbers))
    return exam.stage(number)


def end_of_day(d: date) -> datetime:
    """The last second of ``d``: "N일까지" in the notice means through that whole day."""
    return datetime.combine(d, END_OF_DAY)


def days_before(d: date, n: int) -> date:
    """"시험시행일 N일 전" = the calendar day N days before ``d``."""
    return d - timedelta(days=n)


_ROUNDING = {"ceil": ROUND_CEILING, "floor": ROUND_FLOOR, "round": ROUND_HALF_UP, "truncate": ROUND_DOWN}


def to_decimal(value) -> Decimal:
    """Exact decimal of a figure as written (1.7 stays 1.7, not 1.69999…)."""
    return value if isinstance(value, Decimal) else Decimal(str(value))


def round_to_int(value: Decimal, how: str) -> int:
    return int(value.to_integral_value(rounding=_ROUNDING[how]))


def settle(
    rule: Callable, exam, request, today: date, closed: Mapping[str, Sequence] | None = None,
) -> Decision | Needs | Unanimous:
    """``rule(exam, request, today)``, and when it needs an input with a closed set of values
    (``closed``: field → every value it can take, e.g. ``{"stage": (1, 2)}``), each value tried:
    if all of them give a decision with the same outcome, the question is answered whatever the
    value (``Unanimous``) and need not be asked. Otherwise the rule's ``Needs`` stands."""
    result = rule(exam, request, today)
    if not isinstance(result, Needs) or not closed or result.inputs[0] not in closed:
        return result
    field = result.inputs[0]
    decisions = []
    for value in closed[field]:
        try:
            decision = rule(exam, replace(request, **{field: value}), today)
        except InvalidInput:  # that value does not fit the rest (a date before that stage opened)
            return result
        if not isinstance(decision, Decision):
            return result
        decisions.append((value, decision))
    outcomes = {d.outcome() for _, d in decisions}
    if len(outcomes) != 1 or None in outcomes:
        return result
    return Unanimous(field, tuple(decisions))


def outcome_runs(rule: Callable, exam, request, today: date, field: str, values: Sequence) -> tuple[tuple[object, object, Decision], ...]:
    """``values`` of one input tried in order (the days of "다음주"), grouped into runs that give
    the same outcome: (first value, last value, the first value's decision). Values the rest of the
    request does not admit, or that leave the rule undecided, end the runs there."""
    runs: list[tuple[object, object, Decision]] = []
    for value in values:
        try:
            decision = rule(exam, replace(request, **{field: value}), today)
        except InvalidInput:
            break
        if not isinstance(decision, Decision):
            break
        if runs and runs[-1][2].outcome() == decision.outcome():
            runs[-1] = (runs[-1][0], value, runs[-1][2])
        else:
            runs.append((value, value, decision))
    return tuple(runs)
