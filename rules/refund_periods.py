"""Plain cancellations (notice 9. 라. 1.·2.): the periods of a stage with their concrete dates, and
what cancelling at a given moment gives back.

Readings (DESIGN.md): inside the application period until its last day 18:00 → 100%; "시험시행일 N일
전까지" = through the whole calendar day exam date − N (1차: 60% through 3. 19., 50% through 3. 29.);
after that nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .common import citations, days_before, end_of_day
from .types import Phrase, RefundDecision, RefundReason, phrase, quote


@dataclass(frozen=True)
class CancelPeriod:
    percent: int
    start: datetime  # exclusive for tiers (the previous period's end), inclusive for the first
    end: datetime  # inclusive
    source: object
    days_before_exam: int | None = None  # None: the application period itself

    @property
    def label(self) -> Phrase:
        """"60% 환불", "100% 환불(접수기간 내 취소)"."""
        return phrase("period", percent=self.percent, in_application=self.days_before_exam is None)

    @property
    def first_day(self) -> date:
        return self.start.date() if self.days_before_exam is None else self.start.date() + timedelta(days=1)


def cancel_periods(exam, stage) -> list[CancelPeriod]:
    """The cancellation periods of a stage with their concrete dates."""
    application = stage.application
    rules = exam.refund
    periods = [CancelPeriod(rules.in_period_percent, application.start, application.end, rules.in_period_source)]
    previous_end = application.end
    for tier in sorted(rules.tiers, key=lambda t: -t.days_before_exam):
        last_day = end_of_day(days_before(stage.exam_date, tier.days_before_exam))
        periods.append(CancelPeriod(tier.percent, previous_end, last_day, tier.source, tier.days_before_exam))
        previous_end = last_day
    return periods


def _first_instant(period: CancelPeriod) -> datetime:
    # A tier's stored start is the previous period's end (exclusive); callers get the first second
    # that belongs to the period, e.g. 2023-03-20T00:00:00 for 1차 50%.
    return period.start if period.days_before_exam is None else period.start + timedelta(seconds=1)


def after_exam_windows(exam, stage) -> list[Phrase]:
    """The windows to apply for a refund after the exam (입원·격리 …): one per length in days."""
    cases = exam.refund.cases
    windows = []
    for days in sorted({c.apply_within_days_after_exam for c in cases if c.apply_within_days_after_exam}):
        percents = tuple(sorted({c.percent for c in cases if c.apply_within_days_after_exam == days}))
        windows.append(phrase(
            "after_exam_window", percents=percents, start=stage.exam_date,
            end=stage.exam_date + timedelta(days=days), days=days,
        ))
    return windows


def refund_schedule(exam, stage) -> tuple[Phrase, ...]:
    """Every period as a line with its dates, then the after-exam window of the special cases."""
    periods = cancel_periods(exam, stage)
    lines = [
        phrase("cancel_line", period=p.label, start=p.start, end=p.end, first_day=p.first_day,
               days_before_exam=p.days_before_exam)
        for p in periods
    ]
    lines.append(phrase("no_refund_line", since=periods[-1].end.date() + timedelta(days=1), exam_day=stage.exam_date))
    return (*lines, *after_exam_windows(exam, stage))


def amount(fee: int, percent: int) -> int:
    # Whole won, rounded down; the notice's percentages of 40,000원 are exact anyway.
    return fee * percent // 100


def where(exam, when: str) -> Phrase:
    """Where to apply: "before" the exam day the Q-Net page, "after" it the form, or "either"."""
    return phrase("where", when=when, before=exam.refund.apply_before_exam, after=exam.refund.apply_after_exam)


def where_to_apply(exam, stage, on_day: date | None) -> Phrase:
    """Where to apply on ``on_day``: both ways when the day is not known."""
    return where(exam, "either" if on_day is None else "before" if on_day < stage.exam_date else "after")


def cancel_now(exam, stage, on, on_day: date, time_known: bool) -> tuple[int, int]:
    """The percent and amount a plain cancellation at that moment gives (0, 0 after the periods)."""
    period = _current(cancel_periods(exam, stage), on, on_day, time_known)
    percent = period.percent if period else 0
    return percent, amount(stage.fee_krw, percent)


def _current(periods: list[CancelPeriod], on, on_day: date, time_known: bool) -> CancelPeriod | None:
    if time_known:
        return next((p for p in periods if on <= p.end), None)
    return next((p for p in periods if on_day <= p.end.date()), None)


def cancel(exam, stage, on, on_day: date, time_known: bool, base: dict) -> RefundDecision:
    periods = cancel_periods(exam, stage)
    fee = stage.fee_krw
    when = dict(at=on if time_known else on_day, time_known=time_known, stage_name=stage.name)
    current = _current(periods, on, on_day, time_known)
    if current is None:
        windows = after_exam_windows(exam, stage)
        return RefundDecision(
            says=phrase("cancel_closed", **when, days_before_exam=exam.refund.tiers[-1].days_before_exam,
                        last_day=periods[-1].end.date()),
            citations=citations(exam.refund.tiers[-1].source, exam.refund.source),
            reasons=(
                phrase("cancel_deadline", note=exam.refund.cancel_deadline_note),
                phrase("after_exam_reasons", window=windows[0] if windows else None),
            ),
            percent=0, amount_krw=0, period=phrase("closed"),
            period_start=periods[-1].end, deadline=periods[-1].end, **base,
        )
    reasons: list[Phrase] = []
    if current is periods[0]:
        if not time_known and on_day == current.end.date():
            reasons.append(phrase("last_application_day", day=on_day, close=current.end, next_percent=periods[1].percent))
    elif time_known and on.date() == current.start.date():
        reasons.append(phrase("after_close_same_day", close=current.start, period=current.label))
    reasons.append(quote(exam.refund.online_only_note))
    return RefundDecision(
        says=phrase(
            "cancel", **when, period=current.label, start=current.start, end=current.end,
            first_day=current.first_day, in_application=current.days_before_exam is None, fee=fee,
            percent=current.percent, amount=amount(fee, current.percent), where=exam.refund.apply_before_exam,
        ),
        citations=citations(current.source, exam.refund.source),
        reasons=tuple(reasons),
        percent=current.percent, amount_krw=amount(fee, current.percent),
        period=phrase("period_of", period=current.label),
        period_start=_first_instant(current), period_end=current.end, deadline=current.end,
        where_to_apply=where(exam, "before"),
        **base,
    )


def in_application_period(exam, stage) -> RefundDecision:
    """"접수기간에 취소하면": any moment of the application period gives the in-period percent."""
    period = cancel_periods(exam, stage)[0]
    fee = stage.fee_krw
    return RefundDecision(
        says=phrase(
            "cancel_in_application", stage_name=stage.name, start=period.start, end=period.end, fee=fee,
            percent=period.percent, amount=amount(fee, period.percent), where=exam.refund.apply_before_exam,
        ),
        citations=citations(period.source, exam.refund.source),
        reasons=(quote(exam.refund.online_only_note),),
        notice_label=exam.notice_label, fee_krw=fee, reason=RefundReason.CANCEL.value,
        schedule=refund_schedule(exam, stage),
        percent=period.percent, amount_krw=amount(fee, period.percent), period=phrase("period_of", period=period.label),
        period_start=period.start, period_end=period.end, deadline=period.end,
        where_to_apply=where(exam, "before"),
    )
