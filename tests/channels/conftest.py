"""Fixtures for the channel tests (helpers in channels_support.py, channels_browser_support.py and
the fake Bot API in channels_fake_bot_api.py; all imported by their unique names from this directory).
The tests that run a real ``serve`` use ``Server`` from tests/hardening/hardening_support.py."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent / "hardening"))

from channels_browser_support import CHROMIUM, STAFF_TOKEN, async_playwright, start_exam_site  # noqa: E402
from channels_support import make_engine, make_settings  # noqa: E402

from bot.storage import Store  # noqa: E402
from bot.web.app import create_app  # noqa: E402


@pytest.fixture
def store():
    s = Store(None)
    yield s
    s.close()


@pytest.fixture
def engine(store):
    return make_engine(store)


@pytest.fixture
async def browser():
    assert async_playwright is not None, "playwright is required here (REQUIRE_BROWSER_TESTS=1)"
    assert Path(CHROMIUM).exists(), f"Chromium is required here (REQUIRE_BROWSER_TESTS=1): none at {CHROMIUM}"
    async with async_playwright() as p:
        chromium = await p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        await chromium.close()


@pytest.fixture
async def bot_server(aiohttp_server, tmp_path, store):
    settings = make_settings(tmp_path, staff_token=STAFF_TOKEN, allowed_origins=("http://127.0.0.1:1",))
    return await aiohttp_server(create_app(settings, engine=make_engine(store), store=store))


@pytest.fixture
async def exam_site(aiohttp_server, tmp_path, store):
    """An exam site (127.0.0.1) allowed to embed the widget from the bot (localhost)."""
    return await start_exam_site(aiohttp_server, tmp_path, store)
