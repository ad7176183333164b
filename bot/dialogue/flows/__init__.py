"""The calculator flows, by intent name."""
from __future__ import annotations

from .accommodation import AccommodationFlow
from .base import Flow
from .english import EnglishFlow
from .id_check import IdFlow
from .refund import RefundFlow

FLOWS: dict[str, Flow] = {
    flow.name: flow
    for flow in (
        RefundFlow(),
        EnglishFlow(),
        IdFlow(),
        AccommodationFlow(),
    )
}
