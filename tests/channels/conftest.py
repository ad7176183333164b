"""Fixtures for the channel tests (helpers in channels_support.py, the fake Bot API in
channels_fake_bot_api.py; both imported by their unique names from this directory)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from channels_support import make_engine  # noqa: E402

from bot.storage import Store  # noqa: E402


@pytest.fixture
def store():
    s = Store(None)
    yield s
    s.close()


@pytest.fixture
def engine(store):
    return make_engine(store)

