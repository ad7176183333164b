"""Shared helper of the rules tests (a unique module name, so pytest imports it once).

Rules return phrases (ids and figures), not sentences; where a test checks what an answer says,
it reads the decision as the staff calculators give it: its phrases in the templates' words.
"""
from __future__ import annotations

from bot.calculators import to_json
from rules.types import (
    AccommodationDecision,
    CertLookupDecision,
    EnglishDecision,
    ExemptionDecision,
    IdDecision,
    OfficeDecision,
    PassDecision,
    PaymentDecision,
    RefundDecision,
)

_KIND = {
    RefundDecision: "refund", EnglishDecision: "english", IdDecision: "id", AccommodationDecision: "accommodation",
    PaymentDecision: "payment", PassDecision: "pass", ExemptionDecision: "exemption", OfficeDecision: "office",
    CertLookupDecision: "cert_lookup",
}


def said(decision) -> dict:
    """The decision in words: ``explanation``, ``reasons``, ``schedule`` … as the JSON carries them."""
    return to_json(decision, _KIND[type(decision)])
