"""Fee refunds (notice 9. 라.): how much comes back, in which period, with what proof, applied where.

This module decides which case applies and what is still needed; the plain cancellations are in
``rules.refund_periods``, the special reasons (after-exam cases, overpayment, the organiser's fault,
nothing) in ``rules.refund_cases``.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from .common import get_stage
from .refund_cases import (  # noqa: F401  (relative_listed, stage_for_event: imported from here)
    after_exam,
    event_days,
    event_misses_exam,
    not_covered,
    nothing,
    organiser_fault,
    overpayment,
    relative_listed,
    relative_not_listed,
    not_the_applicant,
    stage_for_event,
)
from .refund_periods import (  # noqa: F401  (cancel_periods, refund_schedule: imported from here)
    cancel,
    cancel_periods,
    in_application_period,
    refund_schedule,
)
from .types import InvalidInput, Needs, RefundDecision, RefundReason, RefundRequest, phrase


def _last_exam_before(exam, today: date) -> int | None:
    held = [s for s in exam.stages if s.exam_date <= today]
    return max(held, key=lambda s: s.exam_date).number if held else None


def stage_for_cancel_date(exam, day: date) -> int | None:
    """The only stage whose span (application start .. the day before its exam) holds ``day``: a
    cancelling date then says which stage is meant (1차 2. 6. ~ 4. 7., 2차 5. 22. ~ 7. 14. in 2023)."""
    stages = [
        s.number for s in exam.stages
        if s.application.start.date() <= day <= s.exam_date - timedelta(days=1)
    ]
    return stages[0] if len(stages) == 1 else None


def refund(exam, request: RefundRequest, today: date) -> RefundDecision | Needs:
    """The refund for cancelling / applying at ``request.on`` for ``request.reason``, or the
    inputs still needed: the stage (unless the date settles it), the date of a plain cancellation
    (unless it is inside the application period), the reason when the date is on or after the
    exam day. A reason that decides alone (a death in the family, the organiser's fault …) needs
    no date."""
    reason = None if request.reason is None else RefundReason(request.reason)
    if request.on is None and request.on_from_exam is not None and request.stage is not None:
        # "시험 열흘 전에 취소하면": that day before this stage's exam
        request = replace(request, on=get_stage(exam, request.stage).exam_date + timedelta(days=request.on_from_exam))
    on = request.on
    time_known = isinstance(on, datetime)
    on_day = on.date() if isinstance(on, datetime) else on
    number, inferred, last_held = request.stage, False, False
    if number is None and on_day is not None and reason in (None, RefundReason.CANCEL):
        number = stage_for_cancel_date(exam, on_day)
        inferred = number is not None
    if number is None and request.event_dates:
        number = stage_for_event(exam, request.event_dates)
        inferred = number is not None
    if number is None and reason not in (None, RefundReason.CANCEL) and on_day is None:
        # a missed exam's reason with no day said: the exam sat last before today is meant
        number = _last_exam_before(exam, today)
        inferred = last_held = number is not None
    if reason is None and request.missed_exam:
        return Needs(("reason",))  # after a missed exam only the reason can give money back
    needs_date = (
        reason in (None, RefundReason.CANCEL) and on is None and not request.during_application
        and request.on_from_exam is None
    )
    if number is None:
        # the day first: in most rounds it says the stage as well, so one question may do for both
        return Needs(("on", "stage") if needs_date else ("stage",))
    stage = get_stage(exam, number)
    if needs_date:
        return Needs(("on",))
    if reason is None:
        if on_day is not None and on_day >= stage.exam_date:
            return Needs(("reason",))  # after the exam day only a reason can give money back
        reason = RefundReason.CANCEL
    decision = _decide(exam, stage, reason, request, on, on_day, time_known, today)
    return replace(decision, stage=stage.number, stage_inferred=inferred, stage_last_held=last_held)


def _overpaid(stage, request: RefundRequest) -> int | None:
    """The sum paid over the fee: as told, or from what was paid — a sum over the fee is all that was
    paid ("두 번 돼서 8만원이 빠져나갔어요"), a sum up to it paid that many times ("4만원이 두 번") —
    None when neither says more than the fee."""
    if request.overpaid_krw is not None or (request.paid_krw is None and request.times_paid is None):
        return request.overpaid_krw
    each = request.paid_krw or stage.fee_krw
    paid = each if each > stage.fee_krw else each * (request.times_paid or 1)
    return paid - stage.fee_krw if paid > stage.fee_krw else None


def _decide(exam, stage, reason, request, on, on_day, time_known, today) -> RefundDecision:
    application = stage.application
    if request.during_application and reason is RefundReason.CANCEL and on is None:
        return in_application_period(exam, stage)
    if on_day is not None and (
        (time_known and on < application.start) or (not time_known and on_day < application.start.date())
    ):
        raise InvalidInput("refund_before_application", day=on_day, stage_name=stage.name, opens=application.start)
    base = dict(
        notice_label=exam.notice_label, fee_krw=stage.fee_krw, reason=reason.value,
        schedule=refund_schedule(exam, stage),
    )
    if reason is RefundReason.CANCEL:
        return cancel(exam, stage, on, on_day, time_known, base)
    case = next((c for c in exam.refund.cases if c.reason == reason.value), None)
    if case is None:
        raise LookupError(f"knowledge file has no refund case for {reason.value!r}")
    if reason is RefundReason.BEREAVEMENT:
        listed = relative_listed(case, request.relative)
        if listed is False:
            return RefundDecision(**{**base, **relative_not_listed(exam, case, request.relative)})
        base = dict(base, relative_listed=listed, relatives=tuple(case.relatives))
    elif case.applicant_only and request.relative and request.told_of_relative:
        return RefundDecision(**{**base, **not_the_applicant(exam, case, request.relative)})
    missed = event_misses_exam(case, stage, event_days(stage, request), request.event_month)
    if missed is None and request.cause_outside and case.percent and case.apply_within_days_after_exam:
        missed = phrase("cause_outside")
    if missed:
        fields = not_covered(exam, case, missed)
    elif case.percent == 0:
        fields = nothing(exam, stage, case, on, on_day, time_known)
    elif reason is RefundReason.OVERPAYMENT:
        fields = overpayment(exam, stage, case, _overpaid(stage, request), on_day)
    elif case.apply_within_days_after_exam is None:  # organiser's fault: no application window given
        fields = organiser_fault(exam, stage, case, on_day)
    else:
        fields = after_exam(exam, stage, case, on_day, today, event_known=bool(event_days(stage, request)))
    return RefundDecision(**base, **fields)
