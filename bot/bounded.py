"""The eviction rule of the process-memory memos (NLU-free ones: renderings, fact choices, texts
known to hold no personal data)."""
from __future__ import annotations

from typing import TypeVar

V = TypeVar("V")


def keep(cache: dict, limit: int, key: object, value: V) -> V:
    """``cache[key] = value``, emptying the cache first when it already holds ``limit`` entries:
    bounded memory, and after a clear the common entries come back within a few messages."""
    if len(cache) >= limit:
        cache.clear()
    cache[key] = value
    return value
