"""bot.logs: JSON lines, request ids, and no personal data on any path into a log line."""
from __future__ import annotations

import io
import json
import logging

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.logs import configure_logging, current_request_id, request_id_middleware

PII = {
    "rrn": "900101-1234567",
    "phone": "010-1234-5678",
    "email": "hong.gildong@example.com",
    "cert": "자격증번호 23-1234567",
}


@pytest.fixture
def log_buffer():
    buffer = io.StringIO()
    handler = configure_logging("DEBUG", stream=buffer)
    yield buffer
    logging.getLogger().removeHandler(handler)


def lines(buffer: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in buffer.getvalue().splitlines()]


def test_one_json_object_a_line_with_the_fixed_keys_and_extras(log_buffer):
    logging.getLogger("bot.test").info("two\nlines %s", "here", extra={"intent": "refund", "n": 3})
    [entry] = lines(log_buffer)
    assert {"ts", "level", "logger", "msg", "request_id"} <= entry.keys()
    assert entry["level"] == "INFO" and entry["logger"] == "bot.test"
    assert entry["msg"] == "two\nlines here" and entry["intent"] == "refund" and entry["n"] == 3
    assert entry["request_id"] is None  # outside a request


def test_personal_data_is_masked_in_message_args_extras_and_tracebacks(log_buffer):
    log = logging.getLogger("bot.test")
    log.warning("asked: %s", " ".join(PII.values()), extra={"text": PII["phone"], "nested": {"a": [PII["email"]]}})
    try:
        raise ValueError(f"bad input {PII['rrn']}")
    except ValueError:
        log.exception("failed for %s", PII["email"])
    log.info(f"f-string {PII['cert']}", stack_info=False)
    raw = log_buffer.getvalue()
    assert len(lines(log_buffer)) == 3
    for name, value in PII.items():
        digits = value.split()[-1]
        assert digits not in raw, name
    assert "[전화번호]" in raw and "[이메일]" in raw and "[주민등록번호]" in raw
    assert "ValueError" in raw  # the traceback is kept, masked


def test_a_second_configure_does_not_double_lines(log_buffer):
    handler = configure_logging("INFO", stream=log_buffer)
    try:
        logging.getLogger("bot.test").info("once")
        assert len(lines(log_buffer)) == 1
    finally:
        logging.getLogger().removeHandler(handler)


async def _serve(app: web.Application):
    return TestClient(TestServer(app, host="127.0.0.1"))


async def test_middleware_sets_and_returns_request_ids_and_logs_one_access_line(log_buffer):
    seen = []

    async def hello(request):
        seen.append(current_request_id())
        logging.getLogger("bot.test").info("inside %s", PII["phone"])
        return web.json_response({"ok": True})

    async def boom(request):
        raise RuntimeError("bug")

    app = web.Application(middlewares=[request_id_middleware()])
    app.router.add_get("/hello", hello)
    app.router.add_get("/boom", boom)
    async with await _serve(app) as client:
        given = await client.get("/hello", headers={"X-Request-Id": "abc-123"})
        assert given.headers["X-Request-Id"] == "abc-123"
        made = await client.get("/hello", headers={"X-Request-Id": "evil\u202e 010-1234-5678"})
        new_id = made.headers["X-Request-Id"]
        assert new_id != "abc-123" and "010" not in new_id and 14 <= len(new_id) <= 64
        missing = await client.get("/nope")
        assert missing.status == 404 and missing.headers["X-Request-Id"]
        failed = await client.get("/boom")
        assert failed.status == 500
        assert missing.headers["X-Request-Id"] != new_id  # every request its own id
    assert seen == ["abc-123", new_id]
    entries = lines(log_buffer)
    access = [e for e in entries if e["logger"] == "applicant_bot.access"]
    assert [(e["path"], e["status"]) for e in access] == [("/hello", 200), ("/hello", 200), ("/nope", 404), ("/boom", 500)]
    assert all(e["request_id"] and isinstance(e["duration_ms"], float) for e in access)
    inner = [e for e in entries if e["logger"] == "bot.test"]
    assert [e["request_id"] for e in inner] == ["abc-123", new_id]
    assert "1234-5678" not in log_buffer.getvalue()
