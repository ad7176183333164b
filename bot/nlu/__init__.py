"""Korean free text → intent + slots. (Skeleton: implemented by the NLU work.)

Public API:
    normalize(text) -> str
    extract_slots(text, *, year, today) -> Slots
    classify(text) -> list[tuple[intent, score]]    # best first
    understand(text, *, year, today, expecting=None) -> Understanding
"""
from __future__ import annotations

from .types import Slots, Understanding

__all__ = ["Slots", "Understanding"]
