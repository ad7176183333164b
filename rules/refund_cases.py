"""The refund's special cases (notice 9. 라. 3.–6.): reasons for not sitting the exam, an overpaid
fee, the organiser's fault, and the reasons that give nothing.

The after-exam 50% cases need the refund application from the exam day through exam date + 30
days, with the stated proof; a stay, quarantine or leave ban must cover the exam day and a death must
fall in the days before it; who counts as family is the notice's closed list. Organiser's fault →
100%; overpayment → the overpaid amount; absent or disqualified → nothing.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

from .common import citations, end_of_day
from .refund_periods import amount, cancel_now, where, where_to_apply
from .terms import find_all
from .types import InvalidInput, Phrase, RefundReason, RefundRequest, phrase, quote


def no_refund(exam) -> Phrase:
    return phrase("no_refund", cases=tuple(exam.refund.no_refund))


def nothing(exam, stage, case, on, on_day, time_known) -> dict:
    """A reason that gives nothing (a plain absence, a cancelled pass)."""
    hint = ()
    if case.reason == RefundReason.ABSENT.value and on_day is not None and on_day < stage.exam_date:
        percent, money = cancel_now(exam, stage, on, on_day, time_known)  # cancelling now instead
        hint = (phrase("absent_before_exam", percent=percent, amount=money),)
    elif case.reason == RefundReason.ABSENT.value:
        # what the notice's "위의 사유" are: the reasons that would have refunded a missed exam
        hint = (phrase("reasons_that_refund", reasons=tuple(
            (c.reason, c.percent) for c in exam.refund.cases if c.percent and c.apply_within_days_after_exam
        )),)
    return dict(
        says=phrase("reason_gives_nothing", stage_name=stage.name, reason=case.reason, condition=case.condition),
        citations=citations(case.source, exam.refund.source),
        reasons=(no_refund(exam), *hint),
        percent=0, amount_krw=0, period=phrase("none"), conditions=(quote(case.condition),),
    )


def organiser_fault(exam, stage, case, on_day) -> dict:
    money = amount(stage.fee_krw, case.percent)
    where = where_to_apply(exam, stage, on_day)
    return dict(
        says=phrase("organiser_fault", stage_name=stage.name, percent=case.percent, amount=money),
        citations=citations(case.source, exam.refund.source),
        reasons=(phrase("apply_at", where=where), *(phrase("sub_case", text=s) for s in case.sub_cases)),
        percent=case.percent, amount_krw=money, period=phrase("organiser_fault_period", percent=case.percent),
        proof=tuple(case.proof), where_to_apply=where, conditions=(quote(case.condition),),
    )


def overpayment(exam, stage, case, overpaid, on_day) -> dict:
    if overpaid is not None and (isinstance(overpaid, bool) or overpaid <= 0):
        raise InvalidInput("overpaid_amount")
    where = where_to_apply(exam, stage, on_day)
    return dict(
        says=phrase("overpayment", overpaid=overpaid, note=case.amount_note or case.condition),
        citations=citations(case.source, exam.refund.source),
        reasons=(phrase("apply_at", where=where), quote(exam.refund.online_only_note)),
        percent=case.percent, amount_krw=overpaid, period=phrase("overpayment_period"),
        proof=tuple(case.proof), where_to_apply=where, conditions=(quote(case.condition),),
    )


def after_exam(exam, stage, case, on_day, today: date, event_known: bool = False) -> dict:
    """A reason applied for after the exam (입원, 격리, 사망 …) with its window and proof. A death
    whose day was not said holds only inside the days before the exam: those days are said
    (``event_known``: the day was said and is inside them)."""
    exam_day = stage.exam_date
    days = case.apply_within_days_after_exam
    last_day = exam_day + timedelta(days=days)
    proof = tuple(case.proof)
    conditions = [quote(case.condition)]
    if case.event_within_days_before_exam:
        conditions.append(phrase("death_within", days=case.event_within_days_before_exam))
    window = dict(reason=case.reason, days=days, start=exam_day, end=last_day)
    span = dict(
        period_start=datetime.combine(exam_day, datetime.min.time()), period_end=end_of_day(last_day),
        deadline=end_of_day(last_day), proof=proof, conditions=tuple(conditions),
    )
    # no day said: the application would be made today ("지금이라도 신청하면 될까요?")
    applying = on_day if on_day is not None else today
    if applying > last_day:
        return dict(
            says=phrase("after_exam_too_late", **window, on=applying),
            citations=citations(case.source, exam.refund.source),
            reasons=(phrase("applied_too_late"),),
            percent=0, amount_krw=0, period=phrase("after_exam_closed"), **span,
        )
    reasons = [phrase("proof", items=proof), phrase("how_to_apply", how=exam.refund.apply_after_exam)]
    if case.event_within_days_before_exam and not event_known:
        earliest = exam_day - timedelta(days=case.event_within_days_before_exam)
        reasons.insert(0, phrase("death_window", days=case.event_within_days_before_exam, earliest=earliest, exam_day=exam_day))
    if on_day is not None and on_day < exam_day:
        percent, money = cancel_now(exam, stage, None, on_day, False)
        reasons.insert(0, phrase("after_exam_asked_before", day=on_day, exam_day=exam_day, percent=percent, amount=money))
    money = amount(stage.fee_krw, case.percent)
    return dict(
        says=phrase("after_exam", **window, stage_name=stage.name, fee=stage.fee_krw, percent=case.percent, amount=money),
        citations=citations(case.source, exam.refund.source),
        reasons=tuple(reasons),
        percent=case.percent, amount_krw=money, period=phrase("after_exam_period", percent=case.percent),
        where_to_apply=where(exam, "after"),
        **span,
    )


def relative_listed(case, said: str | None) -> bool | None:
    """Is the relative the applicant named on the notice's closed list (9. 라. 6.)? None when no
    relative word was named. A word outside the list anywhere in the phrase decides ("사촌 형",
    "친구 아버지" are not the applicant's own 형 or 아버지)."""
    if not said or not case.relative_words:
        return None
    words = [(kind, w) for kind, ws in case.relative_words.items() for w in ws]
    kinds = {m.key for m in find_all(said, words)}
    if "not_listed" in kinds:
        return False
    return True if "listed" in kinds else None


def relative_not_listed(exam, case, relative: str) -> dict:
    return dict(
        _plain_absence(exam, case, phrase("relative_not_listed", relatives=tuple(case.relatives), relative=relative)),
        relative_listed=False, relatives=tuple(case.relatives),
    )


def not_the_applicant(exam, case, relative: str) -> dict:
    """A case of the applicant's own (본인의 입원, 수험자의 격리) told of a relative: a plain absence."""
    return _plain_absence(exam, case, phrase("not_the_applicant", reason=case.reason, relative=relative))


def _plain_absence(exam, case, says) -> dict:
    """The case's condition is not met: the exam was missed for no reason that refunds."""
    absent = next((c for c in exam.refund.cases if c.reason == RefundReason.ABSENT.value), case)
    return dict(
        says=says, citations=citations(case.source, absent.source, exam.refund.source),
        reasons=(no_refund(exam),),
        percent=0, amount_krw=0, period=phrase("none"), conditions=(quote(case.condition),),
        reason=RefundReason.ABSENT.value,
    )


# Reasons whose period must hold the exam day ("시험일이 입원기간에 포함" …).
_COVERS_EXAM_DAY = {RefundReason.HOSPITALISATION.value, RefundReason.QUARANTINE.value, RefundReason.MILITARY_LEAVE_BAN.value}
_EVENT_NEAR_EXAM_DAYS = 40


def stage_for_event(exam, days: tuple[date, ...]) -> int | None:
    """The stage whose exam day lies nearest the event's dates ("4월 2일부터 5일까지 입원" → 1차)."""
    days = tuple(d for d in days if d.year > 1) or days  # an open start ("…까지 입원") says nothing
    near = [
        (abs((s.exam_date - max(days)).days), s.number) for s in exam.stages
        if abs((s.exam_date - max(days)).days) <= _EVENT_NEAR_EXAM_DAYS
    ]
    return min(near)[1] if near else None


def event_days(stage, request: RefundRequest) -> tuple[date, ...]:
    """The event's dates: as said, or counted from this stage's exam day ("시험 전날 퇴원")."""
    if request.event_dates or request.event_from_exam is None:
        return request.event_dates
    day = stage.exam_date + timedelta(days=request.event_from_exam)
    return (date.min, day) if request.event_ended else (day,)


def event_misses_exam(case, stage, days: tuple[date, ...], month: tuple[int, int] | None = None) -> Phrase | None:
    """Why the dates said rule the case out, or None: a stay, quarantine or leave ban that does not
    cover the exam day; a death outside the days before the exam — or in a month none of whose
    days is one of them."""
    exam_day = stage.exam_date
    if case.event_within_days_before_exam and not days and month is not None:
        earliest = exam_day - timedelta(days=case.event_within_days_before_exam)
        first = date(month[0], month[1], 1)
        last = date(month[0] + month[1] // 12, month[1] % 12 + 1, 1) - timedelta(days=1)
        if last < earliest or first > exam_day:
            return phrase("death_month_outside", year=month[0], month=month[1], exam_day=exam_day, earliest=earliest,
                          days=case.event_within_days_before_exam)
    if case.reason in _COVERS_EXAM_DAY and len(days) >= 2:
        first, last = min(days), max(days)
        if not first <= exam_day <= last:
            return phrase("stay_misses_exam", first=first if first.year > 1 else None, last=last, exam_day=exam_day)
    if case.event_within_days_before_exam and len(days) == 1:
        earliest = exam_day - timedelta(days=case.event_within_days_before_exam)
        if not earliest <= days[0] <= exam_day:
            return phrase("death_outside", day=days[0], exam_day=exam_day, earliest=earliest,
                          days=case.event_within_days_before_exam)
    return None


def not_covered(exam, case, why: Phrase) -> dict:
    return dict(
        says=phrase("not_covered", reason=case.reason, percent=case.percent, condition=case.condition, why=why),
        citations=citations(case.source, exam.refund.source),
        reasons=(no_refund(exam),),
        percent=0, amount_krw=0, period=phrase("none"), conditions=(quote(case.condition),),
    )
