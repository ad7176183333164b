"""Helpers for the channel tests: the real Engine (with the real NLU) over a real Store, settings."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from bot.config import Settings
from bot.engine import Engine
from bot.storage import Store

TODAY = date(2023, 3, 25)  # inside the 50% refund period of the 1st stage (3. 20. ~ 3. 29.)


def make_engine(store: Store | None = None, today: date = TODAY) -> Engine:
    """The real engine, its date frozen at ``today`` (the time of day is the real one)."""
    return Engine(
        store=store if store is not None else Store(None),
        clock=lambda: datetime.combine(today, datetime.now().time().replace(microsecond=0)),
    )


def make_settings(tmp_path: Path, **changes) -> Settings:
    base = Settings(data_dir=tmp_path / "data", rate_limit=None)
    return base.with_overrides(**changes)
