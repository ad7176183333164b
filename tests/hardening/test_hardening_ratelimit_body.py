"""With the rate limit on, the body is parsed once (by the limiter, for the session) and the handler
takes that parse: every answer must be what it is with the limit off."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "channels"))
from channels_support import make_engine, make_settings  # noqa: E402

from bot.config import RateLimit  # noqa: E402
from bot.storage import Store  # noqa: E402
from bot.web.app import create_app  # noqa: E402

BODIES = [
    json.dumps({"session": "s1", "text": "환불"}, ensure_ascii=False).encode("utf-8"),
    json.dumps({"session": "s1", "text": "환불"}).encode("utf-16"),  # JSON, but not UTF-8
    b'{"session": "s1", "text": "\\ud800"}',  # a lone surrogate
    b'{"session": "s1"',  # cut short
    b'[1, 2]',
    json.dumps({"session": 5, "text": "환불"}).encode(),
]


@pytest.mark.parametrize("body", BODIES, ids=range(len(BODIES)))
async def test_answers_are_the_same_with_the_limit_on_and_off(aiohttp_client, tmp_path, body):
    answers = []
    for limit in (None, RateLimit(1000, 1)):
        store = Store(None)
        settings = make_settings(tmp_path / str(limit), rate_limit=limit)
        client = await aiohttp_client(create_app(settings, engine=make_engine(store), store=store))
        response = await client.post("/api/v1/chat", data=body, headers={"Content-Type": "application/json"})
        answers.append((response.status, await response.json()))
    assert answers[0] == answers[1]
