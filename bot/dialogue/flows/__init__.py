"""The calculator flows, by intent name (every FLOW intent of ``bot.nlu.intents`` has one)."""
from __future__ import annotations

from .accommodation import AccommodationFlow
from .base import Flow
from .cert_lookup import CertLookupFlow
from .english import EnglishFlow
from .exemption import ExemptionFlow
from .id_check import IdFlow
from .office import OfficeFlow
from .pass_check import PassCheckFlow
from .payment import PaymentFlow
from .refund import RefundFlow

FLOWS: dict[str, Flow] = {
    flow.name: flow
    for flow in (
        RefundFlow(),
        EnglishFlow(),
        IdFlow(),
        AccommodationFlow(),
        CertLookupFlow(),
        PassCheckFlow(),
        PaymentFlow(),
        ExemptionFlow(),
        OfficeFlow(),
    )
}
