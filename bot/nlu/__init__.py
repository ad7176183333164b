"""Korean free text → intent and slots.

Public API:
    normalize(text) -> str
    extract_slots(text, *, year, today, expecting=None, exam=None) -> Slots
    classify(text, *, exam=None) -> list[tuple[intent, score]]    # best first, scores 0..1
    understand(text, *, year, today, expecting=None, exam=None) -> Understanding

``expecting``: the slot the dialogue is waiting for ("date", "stage", "score", "test", "reason",
"document", "kind", "region", "level", "hearing_impaired" …); ``exam``: the knowledge round whose
vocabularies to read (default: the active round).

See ``normalize.py`` (normalisation), ``slots.py``/``temporal.py`` (slots), ``classifier.py`` and
``knowledge/phrasings.yaml`` (intents), ``vocab.py`` (the notice's vocabularies, from the knowledge aliases).
"""
from __future__ import annotations

from .normalize import compact, normalize
from .slots import extract_slots
from .types import Slots, Understanding
from .pipeline import THRESHOLD, classify, understand

__all__ = [
    "Slots", "Understanding", "THRESHOLD", "classify", "compact", "extract_slots", "normalize", "understand",
]
