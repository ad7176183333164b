"""Helpers for the channel tests: the real Engine and Store, settings.

The dialogue engine is the real ``bot.engine.Engine`` over a real ``bot.storage.Store``. Until the
NLU work lands ``bot.nlu.understand``, the engine gets a keyword reader for the few phrases these
tests type (``KEYWORDS``); as soon as ``bot.nlu.understand`` exists, the real NLU is used and the
stand-in is never touched. Button presses never reach the NLU at all (the engine maps a pressed
button's text to its action), so the button-driven flows run the real dialogue either way.
"""
from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

from bot.config import Settings
from bot.engine import Engine
from bot.storage import Store

TODAY = date(2023, 3, 25)  # inside the 50% refund period of the 1st stage (3. 20. ~ 3. 29.)

# What the stand-in reader recognises; every other text is "not understood" (low confidence).
KEYWORDS = {"환불": "refund", "처음으로": "cancel", "도움말": "help", "안녕": "greeting"}


def _stand_in_understand(text, *, year, today, expecting=None):
    from bot.nlu.types import Slots, Understanding

    for word, intent in KEYWORDS.items():
        if word in text:
            return Understanding(intent=intent, confidence=0.9, slots=Slots(), text=text)
    return Understanding(intent=None, confidence=0.1, slots=Slots(), text=text)


def real_nlu_available() -> bool:
    import bot.nlu

    return callable(getattr(bot.nlu, "understand", None))


def make_engine(store: Store | None = None, today: date = TODAY) -> Engine:
    understand = None if real_nlu_available() else _stand_in_understand
    return Engine(
        store=store if store is not None else Store(None),
        clock=lambda: datetime.combine(today, datetime.now().time().replace(microsecond=0)),
        understand=understand,
    )


def make_settings(tmp_path: Path, **changes) -> Settings:
    base = Settings(data_dir=tmp_path / "data", rate_limit=None)
    return base.with_overrides(**changes)


def nlu_description() -> str:
    return "real bot.nlu.understand" if real_nlu_available() else "keyword stand-in (bot.nlu.understand not merged yet)"


def install_stand_in_nlu_if_missing() -> None:
    """For `applicant-bot serve` run as a subprocess by the tests: the same stand-in, only while
    the NLU work has not been merged (a no-op afterwards)."""
    import bot.nlu

    if not real_nlu_available():
        bot.nlu.understand = _stand_in_understand
