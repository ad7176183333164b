"""The help-desk staff page at /staff and its JSON API under /staff/api/, behind APPLICANT_BOT_STAFF_TOKEN.

Without a configured token the staff page is off (503 with a page that says how to turn it on):
nothing is generated or printed, so no password ends up in a log.

Authentication (``bot.web.staffauth``), the token always compared in constant time:
- ``Authorization: Bearer <token>`` (scripts, curl), or
- the login form, which opens a server-side session behind an HttpOnly, SameSite=Strict cookie
  valid for 12 hours; logout ends that session on the server, so a copy of the cookie stops working.
Failed attempts are throttled per client address and in total (429 with ``Retry-After``).
Cookie-authenticated POSTs must come from this site's own pages (Origin check), so another site
cannot make a logged-in browser run anything.
"""
from __future__ import annotations

import asyncio
import inspect
import math
from html import escape
from pathlib import Path
from typing import Any

from aiohttp import web

from rules.types import AmbiguousInput, InvalidInput

from .. import calculators
from ..cli.check_cmd import render_text
from .api import BadRequest, read_json_object
from .clientip import client_ip
from .front import json_error
from .keys import ENGINE, METRICS, PAGES_DIR, SEARCH, SETTINGS, STAFF_SESSIONS, STAFF_THROTTLE, STORE
from .net import is_https, same_origin
from .staffauth import COOKIE, COOKIE_TTL_SECONDS, LoginThrottle, StaffSessions, token_matches
from .turns import run_engine

FAILED_LOGIN_DELAY = 0.5  # seconds; slows one client's guessing, the throttle bounds parallel guessing
MAX_QUERY_CHARS = 200
STAFF_CALCULATORS = ("refund", "english", "id", "accommodation", "payment", "pass", "exemption", "office")
MAX_OPTION_CHARS = 500


def add_routes(app: web.Application) -> None:
    pages = Path(str(PAGES_DIR))
    html = {name: (pages / f"{name}.html").read_text(encoding="utf-8") for name in ("staff", "login", "staff_disabled")}
    app[STAFF_SESSIONS] = StaffSessions()
    app[STAFF_THROTTLE] = LoginThrottle()

    async def page(request: web.Request) -> web.Response:
        if not _token(request):
            return _html(html["staff_disabled"], status=503)
        if await _authorized(request) is True:
            return _html(html["staff"])
        return _html(html["login"].replace("<!--MESSAGE-->", ""))

    async def login(request: web.Request) -> web.StreamResponse:
        token = _token(request)
        if not token:
            return _html(html["staff_disabled"], status=503)
        if not _from_our_pages(request):
            return _html(_login_message(html["login"], "다른 사이트에서 온 로그인 요청은 받지 않아요."), status=403)
        given = ""
        if request.content_type == "application/x-www-form-urlencoded":
            form = await request.post()
            value = form.get("token")
            given = value if isinstance(value, str) else ""
        verdict = await _attempt(request, given.strip(), token)
        if verdict is not True:
            if verdict:  # throttled: the seconds to wait
                message = f"로그인 시도가 너무 많아요. {verdict}초 뒤에 다시 해 주세요."
                return _html(_login_message(html["login"], message), status=429, retry_after=verdict)
            return _html(_login_message(html["login"], "토큰이 맞지 않아요. 다시 입력해 주세요."), status=401)
        response = web.HTTPSeeOther("/staff")
        response.set_cookie(
            COOKIE, request.app[STAFF_SESSIONS].open(), max_age=COOKIE_TTL_SECONDS, path="/staff",
            httponly=True, samesite="Strict", secure=is_https(request),
        )
        raise response

    async def logout(request: web.Request) -> web.StreamResponse:
        request.app[STAFF_SESSIONS].close(request.cookies.get(COOKIE))
        response = web.HTTPSeeOther("/staff")
        response.del_cookie(COOKIE, path="/staff")
        raise response

    app.router.add_get("/staff", page, name="staff")
    app.router.add_post("/staff/login", login, name="staff_login")
    app.router.add_post("/staff/logout", logout, name="staff_logout")
    app.router.add_get("/staff/api/search", _guard(search), name="staff_search")
    app.router.add_post("/staff/api/check/{kind}", _guard(check), name="staff_check")
    app.router.add_get("/staff/api/unanswered", _guard(unanswered), name="staff_unanswered")
    app.router.add_get("/staff/api/telegram/failed", _guard(telegram_failed), name="staff_telegram_failed")


# -- auth -------------------------------------------------------------------------------------


def _token(request: web.Request) -> str | None:
    return request.app[SETTINGS].staff_token


async def _attempt(request: web.Request, given: str, token: str) -> bool | int:
    """True when ``given`` is the token; else False, or the whole seconds to wait when throttled.

    The throttle is checked and charged with no ``await`` in between, so parallel guesses cannot
    all pass the check before any of them is counted."""
    throttle, client = request.app[STAFF_THROTTLE], client_ip(request) or "?"
    wait = throttle.wait(client)
    if wait:
        request.app[METRICS].refused("staff_login")
        return max(1, math.ceil(wait))
    if token_matches(given, token):
        return True
    throttle.failed(client)
    await asyncio.sleep(FAILED_LOGIN_DELAY)
    return False


async def _authorized(request: web.Request) -> bool | int:
    """True for the right Bearer token or an open session's cookie; a wrong Bearer token is a failed
    attempt (False, or the seconds to wait when throttled)."""
    token = _token(request)
    if not token:
        return False
    header = request.headers.get("Authorization", "")
    if header[:7].lower() == "bearer ":
        return await _attempt(request, header[7:].strip(), token)
    return request.app[STAFF_SESSIONS].valid(request.cookies.get(COOKIE))


def _from_our_pages(request: web.Request) -> bool:
    origin = request.headers.get("Origin")
    return origin is None or same_origin(request, origin)


def _guard(handler):
    async def guarded(request: web.Request) -> web.StreamResponse:
        if not _token(request):
            return json_error(503, "staff_disabled", "직원 페이지가 꺼져 있어요 (APPLICANT_BOT_STAFF_TOKEN 미설정).")
        verdict = await _authorized(request)
        if verdict is not True:
            if verdict:
                response = json_error(429, "too_many_attempts",
                                      f"인증 실패가 너무 많아요. {verdict}초 뒤에 다시 시도해 주세요.", retry_after=verdict)
                response.headers["Retry-After"] = str(verdict)
                return response
            response = json_error(401, "unauthorized", "직원 토큰이 필요해요. /staff 에서 로그인해 주세요.")
            response.headers["WWW-Authenticate"] = 'Bearer realm="applicant-bot staff"'
            return response
        bearer = request.headers.get("Authorization", "")[:7].lower() == "bearer "
        if request.method == "POST" and not bearer and not _from_our_pages(request):
            return json_error(403, "forbidden", "다른 사이트에서 온 요청은 받지 않아요.")
        return await handler(request)

    return guarded


def _html(text: str, status: int = 200, retry_after: int | None = None) -> web.Response:
    response = web.Response(text=text, status=status, content_type="text/html")
    if retry_after is not None:
        response.headers["Retry-After"] = str(retry_after)
    return response


def _login_message(page: str, message: str) -> str:
    return page.replace("<!--MESSAGE-->", f'<p class="error" role="alert">{escape(message)}</p>')


# -- the staff API ------------------------------------------------------------------------------


async def search(request: web.Request) -> web.Response:
    query = request.query.get("q", "").strip()
    if not query:
        return json_error(422, "missing_q", "검색어(q)를 입력해 주세요.")
    if len(query) > MAX_QUERY_CHARS:
        return json_error(422, "q_too_long", f"검색어는 {MAX_QUERY_CHARS}자까지 쓸 수 있어요.")
    limit = _int_param(request, "limit", 10, 1, 50)
    if limit is None:
        return json_error(422, "invalid_limit", "limit은 1~50 사이의 숫자여야 해요.")
    hits = request.app[SEARCH].search(query, limit=limit)
    return web.json_response({"query": query, "results": [h.to_json() for h in hits]})


async def check(request: web.Request) -> web.Response:
    """One calculator with the options staff typed; the same function `applicant-bot check` calls."""
    kind = request.match_info["kind"]
    if kind not in STAFF_CALCULATORS or kind not in calculators.CALCULATORS:
        return json_error(404, "unknown_calculator", f"'{kind}' 계산기는 없어요: {', '.join(STAFF_CALCULATORS)}")
    try:
        body = await read_json_object(request, 16 * 1024)
        options = _calculator_options(kind, calculators.CALCULATORS[kind], body)
    except BadRequest as exc:
        return json_error(exc.status, exc.code, exc.message)
    engine = request.app[ENGINE]
    try:
        result = calculators.CALCULATORS[kind](engine.exam, today=engine.clock().date(), **options)
    except AmbiguousInput as exc:
        return json_error(422, "ambiguous_input", str(exc), options=list(exc.options or ()))
    except InvalidInput as exc:
        return json_error(422, "invalid_input", str(exc))
    return web.json_response({"result": result, "text": render_text(result)})


def _calculator_options(kind: str, fn, body: dict[str, Any]) -> dict[str, Any]:
    accepted = {name for name in inspect.signature(fn).parameters if name not in ("exam", "today")}
    options: dict[str, Any] = {}
    for name, value in body.items():
        if name not in accepted:
            raise BadRequest(422, "unknown_option", f"'{name}'은(는) {kind} 계산기에 없는 항목이에요: {', '.join(sorted(accepted))}")
        if value is None or value == "":
            continue
        if isinstance(value, str):
            if len(value) > MAX_OPTION_CHARS:
                raise BadRequest(422, "option_too_long", f"'{name}' 값이 너무 길어요.")
        elif not isinstance(value, (bool, int, float)):
            raise BadRequest(422, "invalid_option", f"'{name}' 값은 글자, 숫자 또는 참/거짓이어야 해요.")
        options[name] = value
    for name, parameter in inspect.signature(fn).parameters.items():
        # a required option left out: the calculator's own polite "…을(를) 알려 주세요" (422), not a TypeError
        if parameter.kind is parameter.KEYWORD_ONLY and parameter.default is parameter.empty and name != "today":
            options.setdefault(name, None)
    if kind == "english":
        options["hearing_impaired"] = bool(options.get("hearing_impaired", False))
        options["special"] = bool(options.get("special", False))
    return options


async def unanswered(request: web.Request) -> web.Response:
    limit = _int_param(request, "limit", 100, 1, 500)
    if limit is None:
        return json_error(422, "invalid_limit", "limit은 1~500 사이의 숫자여야 해요.")
    store = request.app[STORE]
    items = await run_engine(request.app, store.list_unanswered, limit)
    return web.json_response({"items": items})


async def telegram_failed(request: web.Request) -> web.Response:
    """Telegram replies that could not be delivered (blocked, chat gone, retries used up), newest first."""
    limit = _int_param(request, "limit", 100, 1, 500)
    if limit is None:
        return json_error(422, "invalid_limit", "limit은 1~500 사이의 숫자여야 해요.")
    outbox = request.app[STORE].outbox
    return web.json_response({"items": outbox.failed(limit), "failed": outbox.stats()["failed"]})


def _int_param(request: web.Request, name: str, default: int, low: int, high: int) -> int | None:
    raw = request.query.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isdigit():
        return None
    value = int(raw)
    return value if low <= value <= high else None
