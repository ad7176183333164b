"""Virtual-account payment deadline (notice 2. and 9. 다.).

Application completed before 13:00 → pay by 14:00 the same day; at or after 13:00 → by 14:00 the
next day. On the last application day the virtual account is not offered from 13:00 to 18:00 (card
and bank transfer only). Outside the application window there is nothing to pay for.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

from .common import citations, get_stage
from .formatting import format_date, format_datetime, format_datetime_range
from .types import InvalidInput, PaymentDecision, PaymentRequest

VIRTUAL_ACCOUNT = "가상계좌"


def payment_deadline(exam, request: PaymentRequest, today: date) -> PaymentDecision:
    stage = get_stage(exam, request.stage)
    rules = exam.payment
    window = stage.application
    at = request.applied_at
    if not window.start <= at <= window.end:
        raise InvalidInput(
            f"{format_datetime(at)}은 {stage.name} 원서접수 기간({format_datetime_range(window.start, window.end)}) "
            "밖이라 접수·결제를 할 수 없어요. 접수한 시각을 다시 확인해 주세요."
        )
    other_methods = tuple(m for m in rules.methods if m != VIRTUAL_ACCOUNT)
    blackout_start, blackout_end = rules.last_day_blackout
    common = dict(citations=citations(rules.source, stage.source), notice_label=exam.notice_label)
    notes = tuple(filter(None, (rules.unpaid_note, rules.fee_note)))
    if at.date() == window.end.date() and blackout_start <= at.time() <= blackout_end:
        return PaymentDecision(
            explanation=(
                f"원서접수 마감일인 {format_date(at)}에는 {blackout_start:%H:%M}~{blackout_end:%H:%M}에 "
                f"가상계좌 결제를 할 수 없어요({format_datetime(at)} 접수). {'·'.join(other_methods)}로 마감({format_datetime(window.end)}) "
                "전에 결제해 주세요."
            ),
            reasons=notes, virtual_account_available=False, deadline=window.end, methods=other_methods,
            **common,
        )
    same_day = at.time() < rules.virtual_account_cutoff
    day = at.date() if same_day else at.date() + timedelta(days=1)
    deadline = datetime.combine(day, rules.virtual_account_deadline)
    when = "전이라 당일" if same_day else "이후라 다음 날"
    return PaymentDecision(
        explanation=(
            f"{format_datetime(at)}에 접수를 마쳤다면 {rules.virtual_account_cutoff:%H:%M} {when} "
            f"{format_datetime(deadline)}까지 가상계좌에 입금해야 해요. 그때까지 입금하지 않으면 원서접수가 취소돼요."
        ),
        reasons=notes, virtual_account_available=True, deadline=deadline, methods=tuple(rules.methods),
        **common,
    )
