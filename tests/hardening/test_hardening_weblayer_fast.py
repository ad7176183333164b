"""The web layer's fast paths keep the slow paths' behaviour: the access line written straight to
our handler (same fields, order and masking as through ``logging``, batched per event-loop pass
without losing order), the one front middleware (request id, JSON errors and CORS on every kind of
answer), pre-encoded JSON answers and the Content-Type shortcut."""
from __future__ import annotations

import asyncio
import contextlib
import io
import json
import logging
import re
import time

import pytest
from aiohttp import web

import knowledge
from bot.config import Settings
from bot.engine import Reply, Turn
from bot.logs import ACCESS_LOGGER, AccessLog, _only_json_handler, configure_logging
from bot.storage import Store
from bot.web.app import create_app
from bot.web.front import json_body_response

ALLOWED = "https://exam.example.kr"
ACCESS_KEYS = ["ts", "level", "logger", "msg", "request_id", "method", "path", "status", "duration_ms"]


class StubEngine:
    """A fixed answer (non-ASCII, quotes, a newline); "boom" is a bug in the engine."""

    def __init__(self) -> None:
        self.exam = knowledge.load_exam()
        self.store = Store(None)
        self.turn = Turn((Reply('환불은 "9. 라."\n참고', ("처음으로",)),), "refund", 0.9)

    def handle(self, session_id, text, *, channel="api", now=None):
        if text == "boom":
            raise RuntimeError("engine bug 010-1234-5678")
        return self.turn

    def feedback(self, session_id, value, note=""):
        return None


@pytest.fixture
def log_buffer():
    buffer = io.StringIO()
    handler = configure_logging("INFO", stream=buffer)
    yield buffer
    logging.getLogger().removeHandler(handler)


@contextlib.contextmanager
def alone():
    """Our handler alone on the root logger, as in `serve`: pytest adds its own capture handler for
    each test phase, which sends every record down the ordinary logging path. Put back afterwards."""
    root = logging.getLogger()
    others = [h for h in root.handlers if not getattr(h, "_applicant_bot", False)]
    for handler in others:
        root.removeHandler(handler)
    try:
        assert _only_json_handler(logging.getLogger(ACCESS_LOGGER)) is not None  # the fast path is on
        yield
    finally:
        for handler in others:
            root.addHandler(handler)


async def _chunks(total: int, size: int = 64 * 1024):
    yield b'{"session": "s", "text": "'
    for _ in range(total // size):
        yield b"x" * size
    yield b'"}'


@pytest.fixture
async def client(aiohttp_client, tmp_path):
    engine = StubEngine()
    settings = Settings(data_dir=tmp_path / "data", rate_limit=None, allowed_origins=(ALLOWED,))
    app = create_app(settings, engine=engine, store=engine.store)
    yield await aiohttp_client(app, server_kwargs={"access_log": None})
    engine.store.close()


def entries(buffer: io.StringIO, logger: str = ACCESS_LOGGER) -> list[dict]:
    found = [json.loads(line) for line in buffer.getvalue().splitlines()]
    return [e for e in found if e["logger"] == logger]


def _without_time(line: str) -> str:
    return re.sub(r'"duration_ms": [0-9.e-]+', '"duration_ms": D', re.sub(r'"ts": "[^"]*"', '"ts": T', line))


# --- the access line ----------------------------------------------------------------------------


def test_fast_access_line_is_the_line_logging_writes(log_buffer):
    """Same text, byte for byte (time fields aside), as the record through PrivacyFilter + JsonFormatter."""
    cases = [("POST", "/api/v1/chat", 200, "abc-1"), ("GET", "/x/010-1234-5678", 404, "r.2"),
             ("GET", '/a/"q\\ \u202e한글', 500, "r_3"), ("010-1234-5678", "/", 405, "r4")]
    access = AccessLog()
    with alone():
        for case in cases:  # no event loop here: written at once
            access.write(case[0], case[1], case[2], time.perf_counter(), case[3])
    fast = log_buffer.getvalue().splitlines()
    log_buffer.seek(0)
    log_buffer.truncate()
    access.logger.addFilter(lambda record: True)  # a logger filter: the ordinary logging path
    try:
        for case in cases:
            access.write(case[0], case[1], case[2], time.perf_counter(), case[3])
    finally:
        access.logger.filters.clear()
    slow = log_buffer.getvalue().splitlines()
    assert len(fast) == len(slow) == len(cases)
    assert [_without_time(line) for line in fast] == [_without_time(line) for line in slow]
    for line in fast:
        entry = json.loads(line)
        assert list(entry) == ACCESS_KEYS
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", entry["ts"])
        assert entry["level"] == "INFO" and isinstance(entry["duration_ms"], float)
    assert "1234-5678" not in "".join(fast)
    assert json.loads(fast[1])["path"] == "/x/[전화번호]" and json.loads(fast[3])["method"] == "[전화번호]"


async def test_access_line_of_a_request_names_it_and_masks_a_phone_number_in_the_path(client, log_buffer):
    with alone():
        response = await client.post("/api/v1/chat", json={"session": "s", "text": "환불"}, headers={"X-Request-Id": "trace-1"})
        missing = await client.get("/api/010-1234-5678")
    assert response.status == 200
    assert missing.status == 404 and (await missing.json())["error"] == "not_found"
    first, second = entries(log_buffer)
    assert list(first) == ACCESS_KEYS
    assert (first["method"], first["path"], first["status"], first["request_id"]) == ("POST", "/api/v1/chat", 200, "trace-1")
    assert first["msg"] == "POST /api/v1/chat 200"
    assert second["path"] == "/api/[전화번호]" and second["status"] == 404
    assert second["request_id"] == missing.headers["X-Request-Id"]
    assert "1234-5678" not in log_buffer.getvalue()


async def test_access_lines_wait_for_the_end_of_the_loop_pass_and_keep_their_order(log_buffer):
    access = AccessLog()
    with alone():
        access.write("GET", "/one", 200, time.perf_counter(), "id-1")
        access.write("GET", "/two", 200, time.perf_counter(), "id-2")
        assert log_buffer.getvalue() == ""  # waiting for the end of this pass of the loop
        logging.getLogger("bot.test").warning("after both")  # another record writes them first
        access.write("GET", "/three", 200, time.perf_counter(), "id-3")
        await asyncio.sleep(0)  # one pass of the loop
    lines = [json.loads(line) for line in log_buffer.getvalue().splitlines()]
    assert [(e["logger"], e.get("path")) for e in lines] == [
        (ACCESS_LOGGER, "/one"), (ACCESS_LOGGER, "/two"), ("bot.test", None), (ACCESS_LOGGER, "/three")]


async def test_other_handlers_see_the_access_record(client, log_buffer, caplog):
    logging.getLogger().addHandler(caplog.handler)  # a second handler: the ordinary logging path
    caplog.set_level(logging.INFO, logger=ACCESS_LOGGER)
    try:
        await client.post("/api/v1/chat", json={"session": "s", "text": "환불"})
    finally:
        logging.getLogger().removeHandler(caplog.handler)
    assert [r.path for r in caplog.records if r.name == ACCESS_LOGGER] == ["/api/v1/chat"]
    assert [e["path"] for e in entries(log_buffer)] == ["/api/v1/chat"]  # and ours still writes it once


# --- the front middleware -------------------------------------------------------------------------


async def test_every_kind_of_answer_carries_a_request_id(client, log_buffer):
    with alone():
        answers = {
            "api 404": await client.get("/api/nothing"),
            "page 404": await client.get("/nothing"),
            "405": await client.get("/api/v1/chat"),
            # chunked, no Content-Length: only aiohttp's client_max_size (256 KB) stops it, with its own 413
            "413 (aiohttp's own limit)": await client.post("/api/v1/chat", data=_chunks(300_000),
                                                           headers={"Content-Type": "application/json"}),
            "cors 403": await client.post("/api/v1/chat", json={"session": "s", "text": "a"},
                                          headers={"Origin": "https://evil.example"}),
            "preflight": await client.options("/api/v1/chat", headers={"Origin": ALLOWED, "Access-Control-Request-Method": "POST"}),
            "engine bug": await client.post("/api/v1/chat", json={"session": "s", "text": "boom"}),
            "page": await client.get("/"),
        }
    statuses = {name: r.status for name, r in answers.items()}
    assert statuses == {"api 404": 404, "page 404": 404, "405": 405, "413 (aiohttp's own limit)": 413,
                        "cors 403": 403, "preflight": 204, "engine bug": 500, "page": 200}
    ids = [r.headers.get("X-Request-Id") for r in answers.values()]
    assert all(ids) and len(set(ids)) == len(ids)
    for name in ("api 404", "405", "413 (aiohttp's own limit)", "cors 403", "engine bug"):
        assert answers[name].content_type == "application/json", name
        assert (await answers[name].json())["error"], name
    assert answers["405"].headers["Allow"] == "POST"
    assert (await answers["413 (aiohttp's own limit)"].json())["message"] == "요청 본문이 너무 커요."
    assert (await answers["cors 403"].json())["error"] == "origin_not_allowed"
    assert "Access-Control-Allow-Origin" not in answers["cors 403"].headers
    assert answers["preflight"].headers["Access-Control-Allow-Origin"] == ALLOWED
    assert "Origin" in answers["preflight"].headers.getall("Vary")
    for response in answers.values():
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in answers["page"].headers
    # one access line each, with the status the client saw and the id it was given
    logged = {e["request_id"]: e["status"] for e in entries(log_buffer)}
    assert logged == {r.headers["X-Request-Id"]: r.status for r in answers.values()}
    [bug] = entries(log_buffer, "bot.web.app")
    assert bug["level"] == "ERROR" and bug["request_id"] == answers["engine bug"].headers["X-Request-Id"]
    assert "1234-5678" not in log_buffer.getvalue()


async def test_chat_answer_is_the_same_json_with_vary_and_a_listed_origin(client):
    response = await client.post("/api/v1/chat", json={"session": "s", "text": "환불"}, headers={"Origin": ALLOWED})
    assert response.status == 200
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    assert response.headers["Access-Control-Allow-Origin"] == ALLOWED
    assert "Origin" in response.headers.getall("Vary")
    raw = await response.read()
    turn = StubEngine().turn.to_json()
    assert raw == json.dumps(turn, ensure_ascii=False, separators=(",", ":")).encode("utf-8")  # compact UTF-8


@pytest.mark.parametrize("content_type", ["application/json", "application/json; charset=utf-8", "Application/JSON"])
async def test_json_content_type_is_recognised_however_it_is_written(client, content_type):
    body = json.dumps({"session": "s", "text": "환불"}).encode()
    response = await client.post("/api/v1/chat", data=body, headers={"Content-Type": content_type})
    assert response.status == 200


@pytest.mark.parametrize("content_type", ["text/plain", "application/jsonx", "application/x-www-form-urlencoded"])
async def test_other_content_types_are_refused(client, content_type):
    response = await client.post("/api/v1/chat", data=b"{}", headers={"Content-Type": content_type})
    assert response.status == 415 and (await response.json())["error"] == "unsupported_media_type"


def test_json_body_response_matches_web_json_response():
    data = {"error": "x", "message": '따옴표 " 와\n줄바꿈', "options": ["a", 1, None, 2.5, True, 10**30]}
    ours = json_body_response(data, 422)
    theirs = web.json_response(data, status=422, dumps=lambda d: json.dumps(d, ensure_ascii=False, separators=(",", ":")))
    assert ours.body == theirs.body and ours.status == theirs.status
    assert ours.headers["Content-Type"] == theirs.headers["Content-Type"]
    assert json.loads(json_body_response({"n": 10**30}).body) == {"n": 10**30}  # beyond orjson: json takes it
