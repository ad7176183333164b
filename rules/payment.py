"""Virtual-account payment deadline (notice 2. and 9. 다.).

Application completed before 13:00 → pay by 14:00 the same day; at or after 13:00 → by 14:00 the
next day. On the last application day the virtual account is not offered from 13:00 to 18:00 (card
and bank transfer only). Outside the application window there is nothing to pay for.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

from .common import citations, get_stage
from .types import InvalidInput, PaymentDecision, PaymentRequest, phrase, quote

VIRTUAL_ACCOUNT = "가상계좌"


def payment_deadline(exam, request: PaymentRequest, today: date) -> PaymentDecision:
    stage = get_stage(exam, request.stage)
    rules = exam.payment
    window = stage.application
    at = request.applied_at
    if not window.start <= at <= window.end:
        raise InvalidInput(
            "payment_outside_application", at=at, stage_name=stage.name, start=window.start, end=window.end,
        )
    other_methods = tuple(m for m in rules.methods if m != VIRTUAL_ACCOUNT)
    blackout_start, blackout_end = rules.last_day_blackout
    common = dict(citations=citations(rules.source, stage.source), notice_label=exam.notice_label)
    notes = tuple(quote(note) for note in (rules.unpaid_note, rules.fee_note) if note)
    if at.date() == window.end.date() and blackout_start <= at.time() <= blackout_end:
        return PaymentDecision(
            says=phrase(
                "blackout", at=at, blackout=(blackout_start, blackout_end), methods=other_methods, close=window.end,
            ),
            reasons=notes, virtual_account_available=False, deadline=window.end, methods=other_methods,
            **common,
        )
    same_day = at.time() < rules.virtual_account_cutoff
    day = at.date() if same_day else at.date() + timedelta(days=1)
    deadline = datetime.combine(day, rules.virtual_account_deadline)
    return PaymentDecision(
        says=phrase("deadline", at=at, cutoff=rules.virtual_account_cutoff, same_day=same_day, deadline=deadline),
        reasons=notes, virtual_account_available=True, deadline=deadline, methods=tuple(rules.methods),
        **common,
    )
