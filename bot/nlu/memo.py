"""``understand`` remembered for messages that come again.

Applicants repeat each other, and themselves: button labels ("1차", "오늘", "수수료 환불 계산"), short
answers ("네", "2차요") and the common questions arrive thousands of times in a wave. ``understand``
is a pure function of (text, year, today, expecting, exam), so its result for the same inputs can be
kept and handed out again instead of normalising, reading slots and ranking intents anew (~0.2 ms of
pure Python a message).

    remembered = Memo(partial(understand, exam=exam), size=4096)
    remembered(text, year=2023, today=date(2023, 3, 1), expecting=None) -> Understanding
    remembered.stats() -> {"hits", "misses", "size", "capacity"}

Bounded (least recently used entries go first) and only for messages up to ``MAX_CHARS``: a long
message is almost never repeated and would only take room. A message holding personal data (a
phone number, an e-mail …: ``bot.privacy``) is understood afresh and never kept. Every call returns a fresh copy, so a
caller that changes its Understanding cannot change what the next caller gets. ``size=0`` turns
the memo off (``APPLICANT_BOT_NLU_CACHE=0``), for measuring what it saves.
"""
from __future__ import annotations

import functools
from datetime import date
from typing import Callable

from ..privacy import holds_personal_data
from .types import Understanding

DEFAULT_SIZE = 4096
MAX_CHARS = 200


class Memo:
    def __init__(self, understand: Callable[..., Understanding], size: int = DEFAULT_SIZE) -> None:
        self._understand = understand
        self.capacity = max(0, int(size))

        def compute(text: str, year: int, today: date, expecting: str | None) -> Understanding:
            return understand(text, year=year, today=today, expecting=expecting)

        self._remembered = functools.lru_cache(maxsize=self.capacity)(compute) if self.capacity else None

    def __call__(self, text: str, *, year: int, today: date, expecting: str | None = None) -> Understanding:
        if self._remembered is None or len(text) > MAX_CHARS or holds_personal_data(text):
            return self._understand(text, year=year, today=today, expecting=expecting)
        return self._remembered(text, year, today, expecting).copy()

    def stats(self) -> dict[str, int]:
        if self._remembered is None:
            return {"hits": 0, "misses": 0, "size": 0, "capacity": 0}
        info = self._remembered.cache_info()
        return {"hits": info.hits, "misses": info.misses, "size": info.currsize, "capacity": self.capacity}

    def clear(self) -> None:
        if self._remembered is not None:
            self._remembered.cache_clear()
