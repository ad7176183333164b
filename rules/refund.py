"""Fee refunds (notice 9. 라.): how much comes back, in which period, with what proof, applied where.

Readings (DESIGN.md): inside the application period until its last day 18:00 → 100%; "시험시행일 N일
전까지" = through the whole calendar day exam date − N (1차: 60% through 3. 19., 50% through 3. 29.);
after that nothing. The after-exam 50% cases need the refund application from the exam day through
exam date + 30 days, with the stated proof. Organiser's fault → 100%; overpayment → the overpaid
amount; absent or disqualified → nothing.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from .common import citations, days_before, end_of_day, get_stage
from .formatting import format_date, format_datetime, format_datetime_range, format_krw, format_range
from .terms import find_all
from .types import InvalidInput, Needs, RefundDecision, RefundReason, RefundRequest

_REASON_LABEL = {
    RefundReason.CANCEL: "접수 취소",
    RefundReason.ABSENT: "결시",
    RefundReason.BEREAVEMENT: "가족 사망",
    RefundReason.HOSPITALISATION: "입원",
    RefundReason.QUARANTINE: "감염병 격리",
    RefundReason.MILITARY_LEAVE_BAN: "군 휴가·외출 금지",
    RefundReason.WEATHER: "기후로 인한 대중교통 두절",
    RefundReason.ORGANISER_FAULT: "시험관리기관 귀책사유",
    RefundReason.OVERPAYMENT: "수수료 과오납",
    RefundReason.DISQUALIFIED: "응시자격 부적격(합격예정 취소)",
}


@dataclass(frozen=True)
class _Period:
    label: str  # "60% 환불"
    percent: int
    start: datetime  # exclusive for tiers (the previous period's end), inclusive for the first
    end: datetime  # inclusive
    source: object
    line: str  # "60% 환불: 2023. 2. 11. ~ 3. 19."


def cancel_periods(exam, stage) -> list[_Period]:
    """The cancellation periods of a stage with their concrete dates."""
    application = stage.application
    rules = exam.refund
    periods = [
        _Period(
            f"{rules.in_period_percent}% 환불(접수기간 내 취소)", rules.in_period_percent, application.start, application.end,
            rules.in_period_source,
            f"{rules.in_period_percent}% 환불(접수기간 내 취소): "
            f"{format_datetime_range(application.start, application.end)}",
        )
    ]
    previous_end = application.end
    for tier in sorted(rules.tiers, key=lambda t: -t.days_before_exam):
        last_day = days_before(stage.exam_date, tier.days_before_exam)
        first_day = previous_end.date() + timedelta(days=1)
        periods.append(
            _Period(
                f"{tier.percent}% 환불", tier.percent, previous_end, end_of_day(last_day), tier.source,
                f"{tier.percent}% 환불: {format_range(first_day, last_day)} "
                f"(시험시행일 {tier.days_before_exam}일 전까지)",
            )
        )
        previous_end = end_of_day(last_day)
    return periods


def _first_instant(period: _Period, periods: list[_Period]) -> datetime:
    # A tier's stored start is the previous period's end (exclusive); callers get the first second
    # that belongs to the period, e.g. 2023-03-20T00:00:00 for 1차 50%.
    return period.start if period is periods[0] else period.start + timedelta(seconds=1)


def refund_schedule(exam, stage) -> tuple[str, ...]:
    """Every period as a line with its dates, then the after-exam window of the special cases."""
    periods = cancel_periods(exam, stage)
    no_refund_from = periods[-1].end.date() + timedelta(days=1)
    lines = [p.line for p in periods]
    lines.append(
        f"환불 불가: {format_date(no_refund_from, with_weekday=False)}부터 "
        f"(시험일 {format_date(stage.exam_date)})"
    )
    windows = sorted({c.apply_within_days_after_exam for c in exam.refund.cases if c.apply_within_days_after_exam})
    for days in windows:
        percents = sorted({c.percent for c in exam.refund.cases if c.apply_within_days_after_exam == days})
        last = stage.exam_date + timedelta(days=days)
        lines.append(
            f"입원·격리 등 사유로 응시하지 못한 경우 {'/'.join(f'{p}%' for p in percents)} 환불 신청: "
            f"{format_range(stage.exam_date, last, with_weekday=True)} (시험일 이후 {days}일까지)"
        )
    return tuple(lines)


def _amount(fee: int, percent: int) -> int:
    # Whole won, rounded down; the notice's percentages of 40,000원 are exact anyway.
    return fee * percent // 100


def _where(exam, stage, on_day: date | None) -> str:
    if on_day is None:
        return f"시험일 전에는 {exam.refund.apply_before_exam}, 시험일부터는 {exam.refund.apply_after_exam}"
    return exam.refund.apply_before_exam if on_day < stage.exam_date else exam.refund.apply_after_exam


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
    )
    if number is None:
        return Needs(("stage", "on") if needs_date else ("stage",))
    stage = get_stage(exam, number)
    if needs_date:
        return Needs(("on",))
    if reason is None:
        if on_day is not None and on_day >= stage.exam_date:
            return Needs(("reason",))  # after the exam day only a reason can give money back
        reason = RefundReason.CANCEL
    decision = _decide(exam, stage, reason, request, on, on_day, time_known, today)
    return replace(decision, stage=stage.number, stage_inferred=inferred, stage_last_held=last_held)


def _decide(exam, stage, reason, request, on, on_day, time_known, today) -> RefundDecision:
    application = stage.application
    if request.during_application and reason is RefundReason.CANCEL and on is None:
        return _in_application_period(exam, stage)
    if on_day is not None and (
        (time_known and on < application.start) or (not time_known and on_day < application.start.date())
    ):
        raise InvalidInput(
            f"{format_date(on_day)}은(는) {stage.name} 원서접수 시작"
            f"({format_datetime(application.start)}) 전이라 취소하거나 환불받을 접수가 아직 없어요. "
            "날짜를 다시 확인해 주세요."
        )
    schedule = refund_schedule(exam, stage)
    base = dict(
        notice_label=exam.notice_label, fee_krw=stage.fee_krw, reason=reason.value, schedule=schedule,
    )
    if reason is RefundReason.CANCEL:
        return _cancel(exam, stage, on, on_day, time_known, base)
    case = next((c for c in exam.refund.cases if c.reason == reason.value), None)
    if case is None:
        raise LookupError(f"knowledge file has no refund case for {reason.value!r}")
    label = _REASON_LABEL[reason]
    if reason is RefundReason.BEREAVEMENT:
        listed = relative_listed(case, request.relative)
        if listed is False:
            return _relative_not_listed(exam, stage, case, request.relative, base)
        base = dict(base, relative_listed=listed, relatives=tuple(case.relatives))
    missed = _event_misses_exam(case, stage, _event_days(stage, request))
    if missed:
        return _not_covered(exam, stage, case, missed, base)
    if case.percent == 0:
        return RefundDecision(
            explanation=(
                f"{stage.name}에서 '{label}'에 해당하면 응시수수료를 환불받을 수 없어요 ({case.condition})."
            ),
            citations=citations(case.source, exam.refund.source),
            reasons=(
                f"환불 불가: {', '.join(exam.refund.no_refund)}.",
                *_before_exam_hint(exam, stage, on, on_day, time_known, reason),
            ),
            percent=0, amount_krw=0, period="환불 불가", conditions=(case.condition,), **base,
        )
    if reason is RefundReason.OVERPAYMENT:
        return _overpayment(exam, stage, case, request.overpaid_krw, on_day, base)
    if case.apply_within_days_after_exam is None:  # organiser's fault: no application window given
        amount = _amount(stage.fee_krw, case.percent)
        return RefundDecision(
            explanation=(
                f"시험관리기관의 귀책사유로 {stage.name}에 응시하지 못했다면 납부한 수수료 전부"
                f"({case.percent}%, {format_krw(amount)})를 돌려받아요."
            ),
            citations=citations(case.source, exam.refund.source),
            reasons=(
                f"신청: {_where(exam, stage, on_day)}.",
                *(f"해당하는 경우: {s}" for s in case.sub_cases),
            ),
            percent=case.percent, amount_krw=amount, period=f"{case.percent}% 환불 (귀책사유)",
            proof=tuple(case.proof), where_to_apply=_where(exam, stage, on_day), conditions=(case.condition,),
            **base,
        )
    return _after_exam_case(exam, stage, case, label, on_day, base, today)


def _cancel(exam, stage, on, on_day, time_known, base) -> RefundDecision:
    periods = cancel_periods(exam, stage)
    fee = stage.fee_krw
    when = format_datetime(on) if time_known else format_date(on_day)
    if time_known:
        current = next((p for p in periods if on <= p.end), None)
    else:
        current = next((p for p in periods if on_day <= p.end.date()), None)
    reasons: list[str] = []
    if current is None:
        last = periods[-1].end.date()
        return RefundDecision(
            explanation=(
                f"{when}에는 {stage.name}의 환불기간(시험시행일 {exam.refund.tiers[-1].days_before_exam}일 전인 "
                f"{format_date(last)}까지)이 끝나 접수를 취소해도 환불받을 수 없어요."
            ),
            citations=citations(exam.refund.tiers[-1].source, exam.refund.source),
            reasons=(
                exam.refund.cancel_deadline_note or "접수 취소 및 환불은 시험 시행일 10일 전까지만 가능",
                "입원·감염병 격리·가족 사망·군 휴가 금지·기후로 인한 교통 두절로 시험에 응시하지 못했다면 "
                f"시험일 이후 신청으로 50%를 돌려받을 수 있어요: {schedule_line(base['schedule'], '사유로')}",
            ),
            percent=0, amount_krw=0, period="환불기간 종료",
            period_start=periods[-1].end, deadline=periods[-1].end, **base,
        )
    amount = _amount(fee, current.percent)
    if current is periods[0]:
        period_text = format_datetime_range(current.start, current.end)
        if not time_known and on_day == current.end.date():
            reasons.append(
                f"원서접수 마감일({format_date(on_day)})에는 {current.end:%H:%M}까지 취소하면 100%, "
                f"그 뒤에 취소하면 {periods[1].percent}% 환불이에요. 취소하실 시각을 확인해 주세요."
            )
    else:
        first_day = current.start.date() + timedelta(days=1)
        period_text = format_range(first_day, current.end.date())
        if time_known and on.date() == current.start.date():
            reasons.append(
                f"원서접수 마감({format_datetime(current.start)}) 뒤 그날 안의 취소도 {current.label} 기간에 해당해요."
            )
    explanation = (
        f"{when}에 {stage.name} 접수를 취소하면 {current.label} 기간({period_text})이라 "
        f"응시수수료 {format_krw(fee)}의 {current.percent}%인 {format_krw(amount)}을 돌려받아요. "
        f"신청은 {exam.refund.apply_before_exam}에서만 할 수 있어요."
    )
    reasons.append(exam.refund.online_only_note)
    return RefundDecision(
        explanation=explanation,
        citations=citations(current.source, exam.refund.source),
        reasons=tuple(reasons),
        percent=current.percent, amount_krw=amount, period=f"{current.label} 기간",
        period_start=_first_instant(current, periods), period_end=current.end, deadline=current.end,
        where_to_apply=exam.refund.apply_before_exam, **base,
    )


def schedule_line(schedule: tuple[str, ...], marker: str) -> str:
    return next((line.split(": ", 1)[1] for line in schedule if marker in line), "")


def _before_exam_hint(exam, stage, on, on_day, time_known, reason) -> tuple[str, ...]:
    """For "결시" asked before the exam: what cancelling now would give instead."""
    if reason is not RefundReason.ABSENT or on_day is None or on_day >= stage.exam_date:
        return ()
    now = _cancel(exam, stage, on, on_day, time_known, dict(
        notice_label=exam.notice_label, fee_krw=stage.fee_krw, reason="cancel", schedule=(),
    ))
    if now.percent == 0:
        return ("아직 시험 전이지만 환불기간이 끝나 지금 접수를 취소해도 환불되지 않아요.",)
    return (f"아직 시험 전이에요. 지금 접수를 취소하면 {now.percent}%({format_krw(now.amount_krw)})를 돌려받아요.",)


def _overpayment(exam, stage, case, overpaid, on_day, base) -> RefundDecision:
    if overpaid is not None and (isinstance(overpaid, bool) or overpaid <= 0):
        raise InvalidInput("더 낸 금액은 1원 이상의 숫자로 알려 주세요.")
    if overpaid is None:
        explanation = f"응시수수료를 더 냈다면 더 낸 금액 전부를 돌려받아요 ({case.amount_note or case.condition})."
    else:
        explanation = (
            f"응시수수료를 {format_krw(overpaid)} 더 냈다면 그 {format_krw(overpaid)} 전부를 돌려받아요 "
            f"({case.amount_note or case.condition})."
        )
    return RefundDecision(
        explanation=explanation,
        citations=citations(case.source, exam.refund.source),
        reasons=(f"신청: {_where(exam, stage, on_day)}.", exam.refund.online_only_note),
        percent=case.percent, amount_krw=overpaid, period="과오납 금액 환불",
        proof=tuple(case.proof), where_to_apply=_where(exam, stage, on_day), conditions=(case.condition,),
        **base,
    )


def _after_exam_case(exam, stage, case, label, on_day, base, today: date) -> RefundDecision:
    exam_day = stage.exam_date
    last_day = exam_day + timedelta(days=case.apply_within_days_after_exam)
    window = format_range(exam_day, last_day, with_weekday=True)
    amount = _amount(stage.fee_krw, case.percent)
    proof = tuple(case.proof)
    proof_text = ", ".join(proof) if proof else "공고문에 따로 적힌 첨부서류 없음"
    conditions = [case.condition]
    if case.event_within_days_before_exam:
        conditions.append(
            f"사망일이 시험일로부터 {case.event_within_days_before_exam}일 전까지(시험 전 "
            f"{case.event_within_days_before_exam}일 이내)여야 해요."
        )
    # no day said: the application would be made today ("지금이라도 신청하면 될까요?")
    applying = on_day if on_day is not None else today
    if applying > last_day:
        on_day = applying
        return RefundDecision(
            explanation=(
                f"'{label}' 사유의 환불은 시험일 이후 {case.apply_within_days_after_exam}일까지({window}) "
                f"신청해야 해요. {format_date(on_day)}에는 신청기간이 지나 환불받을 수 없어요."
            ),
            citations=citations(case.source, exam.refund.source),
            reasons=("정해진 환불기간 종료 후 환불신청을 한 경우 환불 불가.",),
            percent=0, amount_krw=0, period="사유별 환불 신청기간 종료", proof=proof,
            period_start=datetime.combine(exam_day, datetime.min.time()), period_end=end_of_day(last_day),
            deadline=end_of_day(last_day), conditions=tuple(conditions), **base,
        )
    reasons = [f"첨부할 증빙: {proof_text}.", f"신청 방법: {exam.refund.apply_after_exam}."]
    if on_day is not None and on_day < exam_day:
        cancel_now = _cancel(exam, stage, datetime.combine(on_day, datetime.min.time()), on_day, False, dict(
            notice_label=exam.notice_label, fee_krw=stage.fee_krw, reason="cancel", schedule=(),
        ))
        reasons.insert(0, (
            f"아직 시험 전({format_date(on_day)})이에요. 이 사유의 환불은 시험일({format_date(exam_day)})부터 "
            f"신청해요. 지금 접수를 그냥 취소하면 {cancel_now.percent}%"
            f"({format_krw(cancel_now.amount_krw)})예요."
        ))
    explanation = (
        f"'{label}' 사유로 {stage.name}에 응시하지 못했다면 시험일 이후 {case.apply_within_days_after_exam}일까지"
        f"({window}) 환불을 신청해 응시수수료 {format_krw(stage.fee_krw)}의 {case.percent}%인 "
        f"{format_krw(amount)}을 돌려받아요. 시험일 이후의 신청은 큐넷 메인 홈페이지 자료실의 "
        f"'검정수수료 환불신청서'로 해요."
    )
    return RefundDecision(
        explanation=explanation,
        citations=citations(case.source, exam.refund.source),
        reasons=tuple(reasons),
        percent=case.percent, amount_krw=amount, period=f"사유별 {case.percent}% 환불 (시험일 이후 신청)",
        period_start=datetime.combine(exam_day, datetime.min.time()), period_end=end_of_day(last_day),
        deadline=end_of_day(last_day), proof=proof, where_to_apply=exam.refund.apply_after_exam,
        conditions=tuple(conditions), **base,
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


def _relative_not_listed(exam, stage, case, relative, base) -> RefundDecision:
    absent = next((c for c in exam.refund.cases if c.reason == RefundReason.ABSENT.value), case)
    return RefundDecision(
        explanation=(
            f"공고의 사망 사유 환불은 {', '.join(case.relatives)}이(가) 사망한 경우로 정해져 있어요. "
            f"'{relative}'은(는) 이 범위에 들지 않아 그 사유로 결시하면 일반 결시와 같이 환불받을 수 없어요."
        ),
        citations=citations(case.source, absent.source, exam.refund.source),
        reasons=(f"환불 불가: {', '.join(exam.refund.no_refund)}.",),
        percent=0, amount_krw=0, period="환불 불가", conditions=(case.condition,),
        relative_listed=False, relatives=tuple(case.relatives), **{**base, "reason": RefundReason.ABSENT.value},
    )


def _in_application_period(exam, stage) -> RefundDecision:
    """"접수기간에 취소하면": any moment of the application period gives the in-period percent."""
    period = cancel_periods(exam, stage)[0]
    amount = _amount(stage.fee_krw, period.percent)
    return RefundDecision(
        explanation=(
            f"{stage.name} 원서접수 기간({format_datetime_range(period.start, period.end)}) 안에 접수를 취소하면 "
            f"응시수수료 {format_krw(stage.fee_krw)}의 {period.percent}%인 {format_krw(amount)}을 돌려받아요. "
            f"신청은 {exam.refund.apply_before_exam}에서만 할 수 있어요."
        ),
        citations=citations(period.source, exam.refund.source),
        reasons=(exam.refund.online_only_note,),
        notice_label=exam.notice_label, fee_krw=stage.fee_krw, reason=RefundReason.CANCEL.value,
        schedule=refund_schedule(exam, stage),
        percent=period.percent, amount_krw=amount, period=f"{period.label} 기간",
        period_start=period.start, period_end=period.end, deadline=period.end,
        where_to_apply=exam.refund.apply_before_exam,
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


def _event_days(stage, request: RefundRequest) -> tuple[date, ...]:
    """The event's dates: as said, or counted from this stage's exam day ("시험 전날 퇴원")."""
    if request.event_dates or request.event_from_exam is None:
        return request.event_dates
    day = stage.exam_date + timedelta(days=request.event_from_exam)
    return (date.min, day) if request.event_ended else (day,)


def _event_misses_exam(case, stage, days: tuple[date, ...]) -> str | None:
    """Why the dates said rule the case out, or None: a stay, quarantine or leave ban that does not
    cover the exam day; a death outside the days before the exam."""
    exam_day = stage.exam_date
    if case.reason in _COVERS_EXAM_DAY and len(days) >= 2:
        first, last = min(days), max(days)
        if not first <= exam_day <= last:
            said = format_range(first, last) if first.year > 1 else f"{format_date(last)}까지"
            return (f"말씀하신 기간({said})에 시험일({format_date(exam_day)})이 "
                    "포함되지 않아요. 시험일이 그 기간 안에 있어야 해요.")
    if case.event_within_days_before_exam and len(days) == 1:
        earliest = exam_day - timedelta(days=case.event_within_days_before_exam)
        if not earliest <= days[0] <= exam_day:
            return (f"사망일({format_date(days[0])})이 시험일({format_date(exam_day)}) 전 "
                    f"{case.event_within_days_before_exam}일 안({format_range(earliest, exam_day)})이 아니에요.")
    return None


def _not_covered(exam, stage, case, why: str, base) -> RefundDecision:
    label = _REASON_LABEL[RefundReason(case.reason)]
    return RefundDecision(
        explanation=(
            f"'{label}' 사유의 {case.percent}% 환불은 {case.condition}에 해당해야 해요. {why} "
            "그 밖의 결시는 환불되지 않아요."
        ),
        citations=citations(case.source, exam.refund.source),
        reasons=(f"환불 불가: {', '.join(exam.refund.no_refund)}.",),
        percent=0, amount_krw=0, period="환불 불가", conditions=(case.condition,), **base,
    )
