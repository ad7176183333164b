"""The pure rules core: deterministic decisions over exam knowledge.

Every public rule is ``rule(exam, request, today) -> Decision`` (see ``rules.types``). Rules never
read the clock, the disk, the network or the environment.
"""
from __future__ import annotations

from .accommodation import accommodation, extended_minutes, resolve_rows
from .arrival import arrival
from .cert_lookup import cert_lookup, step_from_text
from .english import english
from .exemption import exemption
from .identity import id_check
from .offices import office_for_region
from .passing import passing, truncate_average
from .payment import payment_deadline
from .refund import refund, refund_schedule
from .terms import (
    find_disability,
    find_id_document,
    find_id_group,
    find_refund_reason,
    find_region,
    find_test,
)
from .types import AmbiguousInput, InvalidInput

__all__ = [
    "AmbiguousInput", "InvalidInput",
    "accommodation", "arrival", "cert_lookup", "english", "exemption", "id_check", "office_for_region", "passing",
    "payment_deadline", "refund",
    "extended_minutes", "refund_schedule", "resolve_rows", "step_from_text", "truncate_average",
    "find_disability", "find_id_document", "find_id_group", "find_refund_reason", "find_region", "find_test",
]
