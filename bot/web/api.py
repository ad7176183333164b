"""The public HTTP API (chat, start, feedback, health, OpenAPI) and the chat page (the files: assets.py).

Request bodies are checked here, field by field, before the engine sees them: anything malformed
gets a 4xx JSON error ``{"error": code, "message": Korean text}`` and never reaches the dialogue.
Web sessions are stored as ``web:<session>`` so a browser can never continue a Telegram chat.
"""
from __future__ import annotations

import json
import logging
import re
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from aiohttp import hdrs, web

from ..commands import HELP_TEXT
from ..engine import MAX_TEXT_CHARS
from . import openapi as _openapi
from .front import json_body_response, json_error
from .keys import ASSETS, ENGINE, METRICS, PAGES_DIR, SETTINGS, STORE, TELEGRAM
from .ratelimit import PARSED_BODY
from .turns import run_turn

log = logging.getLogger(__name__)


def _version() -> str:
    try:
        return version("applicant-bot")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"


VERSION = _version()
MAX_CHAT_BODY_BYTES = 16 * 1024  # 1,000 Korean characters are 3 KB as UTF-8, 6 KB as \\u escapes
MAX_SESSION_CHARS = 100
MAX_NOTE_CHARS = 500
SESSION_PATTERN = re.compile(r"^[A-Za-z0-9_.:-]{1,100}$")
WEB_SESSION_PREFIX = "web:"


class BadRequest(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def add_routes(app: web.Application) -> None:
    index_html = app[ASSETS].versioned((Path(str(PAGES_DIR)) / "index.html").read_text(encoding="utf-8"))

    async def index(request: web.Request) -> web.Response:
        return web.Response(text=index_html, content_type="text/html")

    app.router.add_get("/", index, name="index")
    app.router.add_post("/api/v1/chat", chat, name="chat")
    app.router.add_post("/api/v1/start", start, name="start")
    app.router.add_post("/api/v1/feedback", feedback, name="feedback")
    app.router.add_get("/healthz", healthz, name="healthz")
    app.router.add_get("/openapi.json", openapi, name="openapi")


# -- body checks ------------------------------------------------------------------------------


async def read_json_object(request: web.Request, max_bytes: int) -> dict[str, Any]:
    # The exact header every client of ours sends spares parsing it; anything else is parsed.
    if request.headers.get(hdrs.CONTENT_TYPE) != "application/json" and request.content_type != "application/json":
        raise BadRequest(415, "unsupported_media_type", "Content-Type: application/json 으로 보내 주세요.")
    if request.content_length is not None and request.content_length > max_bytes:
        raise BadRequest(413, "body_too_large", f"요청 본문은 {max_bytes:,}바이트까지 받을 수 있어요.")
    raw = await request.read()  # aiohttp itself refuses bodies over client_max_size (413)
    if len(raw) > max_bytes:
        raise BadRequest(413, "body_too_large", f"요청 본문은 {max_bytes:,}바이트까지 받을 수 있어요.")
    try:
        body = request[PARSED_BODY] if PARSED_BODY in request else json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BadRequest(400, "invalid_json", "요청 본문이 올바른 JSON이 아니에요.") from None
    if not isinstance(body, dict):
        raise BadRequest(422, "invalid_body", "요청 본문은 JSON 객체({...})여야 해요.")
    return body


def session_field(body: dict[str, Any]) -> str:
    session = body.get("session")
    if session is None:
        raise BadRequest(422, "missing_session", "session 값이 필요해요.")
    if not isinstance(session, str):
        raise BadRequest(422, "invalid_session", "session은 문자열이어야 해요.")
    if not SESSION_PATTERN.match(session):
        raise BadRequest(
            422, "invalid_session",
            f"session은 영문·숫자·_ . : - 로 된 1~{MAX_SESSION_CHARS}자 문자열이어야 해요.",
        )
    return WEB_SESSION_PREFIX + session


def text_field(body: dict[str, Any], name: str = "text", *, max_chars: int = MAX_TEXT_CHARS, required: bool = True) -> str:
    value = body.get(name)
    if value is None:
        if required:
            raise BadRequest(422, f"missing_{name}", f"{name} 값이 필요해요.")
        return ""
    if not isinstance(value, str):
        raise BadRequest(422, f"invalid_{name}", f"{name}은(는) 문자열이어야 해요.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate from "\\ud800" in the JSON
        raise BadRequest(422, f"invalid_{name}", f"{name}에 쓸 수 없는 문자가 있어요.") from None
    if required and not value.strip():
        raise BadRequest(422, f"empty_{name}", "메시지가 비어 있어요. 질문을 입력해 주세요.")
    if len(value) > max_chars:
        raise BadRequest(422, f"{name}_too_long", f"{name}은(는) {max_chars:,}자까지 보낼 수 있어요.")
    return value


def _bad(exc: BadRequest) -> web.Response:
    return json_error(exc.status, exc.code, exc.message)


# -- handlers ---------------------------------------------------------------------------------


async def chat(request: web.Request) -> web.Response:
    try:
        body = await read_json_object(request, MAX_CHAT_BODY_BYTES)
        session = session_field(body)
        text = text_field(body)
    except BadRequest as exc:
        return _bad(exc)
    turn = await run_turn(request.app, request.app[ENGINE].handle, session, text, channel="web")
    return _turn_response(request, turn)


async def start(request: web.Request) -> web.Response:
    """The greeting with the topic menu, for a widget opened the first time."""
    try:
        session = session_field(await read_json_object(request, MAX_CHAT_BODY_BYTES))
    except BadRequest as exc:
        return _bad(exc)
    turn = await run_turn(request.app, request.app[ENGINE].handle, session, HELP_TEXT, channel="web")
    return _turn_response(request, turn)


async def feedback(request: web.Request) -> web.Response:
    try:
        body = await read_json_object(request, MAX_CHAT_BODY_BYTES)
        session = session_field(body)
        value = body.get("value")
        if value is None:
            raise BadRequest(422, "missing_value", "value 값(1 또는 -1)이 필요해요.")
        if isinstance(value, bool) or not isinstance(value, int) or value not in (1, -1):
            raise BadRequest(422, "invalid_value", "value는 1(도움이 됐어요) 또는 -1(아니에요)이어야 해요.")
        note = text_field(body, "note", max_chars=MAX_NOTE_CHARS, required=False)
    except BadRequest as exc:
        return _bad(exc)
    await run_turn(request.app, request.app[ENGINE].feedback, session, value, note)
    request.app[METRICS].feedback("web", value)
    return web.json_response({"ok": True})


async def healthz(request: web.Request) -> web.Response:
    """Serving (200) only while the engine is up and the database it writes to is still the file
    at its path and writable; 503 with the reason otherwise (and an ERROR line in the log)."""
    engine = request.app.get(ENGINE)
    telegram = request.app.get(TELEGRAM)
    exam = getattr(engine, "exam", None)
    checks = getattr(request.app.get(STORE), "problem", None)
    problem = checks() if checks is not None else None
    if problem:
        log.error("health check failed: %s", problem)
    status = "starting" if engine is None else ("error" if problem else "ok")
    return web.json_response({
        "status": status,
        "version": VERSION,
        "exam": getattr(exam, "notice_label", None),
        "database": problem or ("ok" if checks is not None else "unknown"),
        "telegram": telegram.health() if telegram is not None else {
            "state": "off" if not request.app[SETTINGS].telegram_token else "starting"},
    }, status=200 if status == "ok" else 503)


async def openapi(request: web.Request) -> web.Response:
    return web.json_response(_openapi.document(request.app, version=VERSION), dumps=lambda d: json.dumps(d, ensure_ascii=False))


def _turn_response(request: web.Request, turn) -> web.Response:
    request.app[METRICS].turn("web", turn)
    return json_body_response(turn.to_json())
