"""Korean free text → intent and slots.

Public API:
    normalize(text) -> str
    extract_slots(text, *, year, today, expecting=None) -> Slots
    classify(text) -> list[tuple[intent, score]]    # best first, scores 0..1
    understand(text, *, year, today, expecting=None) -> Understanding

See ``normalize.py`` (normalisation), ``slots.py``/``temporal.py`` (slots), ``classifier.py`` and
``phrasings.yaml`` (intents), ``vocab.py`` (the notice's vocabularies, from the knowledge aliases).
"""
from __future__ import annotations

from datetime import date

from .normalize import compact, normalize
from .slots import extract_slots
from .types import Slots, Understanding
from .understand import THRESHOLD, classify, understand

__all__ = [
    "Slots", "Understanding", "THRESHOLD", "classify", "compact", "extract_slots", "normalize", "understand",
]
