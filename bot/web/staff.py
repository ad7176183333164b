"""The help-desk staff page at /staff and its JSON API under /staff/api/, behind APPLICANT_BOT_STAFF_TOKEN.

Without a configured token the staff page is off (503 with a page that says how to turn it on):
nothing is generated or printed, so no password ends up in a log.

Authentication, both compared in constant time:
- ``Authorization: Bearer <token>`` (scripts, curl), or
- the login form, which sets an HttpOnly, SameSite=Strict cookie ``<expiry>.<HMAC(token, expiry)>``
  valid for 12 hours. The cookie is not the token itself, and changing the token logs everyone out.
Cookie-authenticated POSTs must come from this site's own pages (Origin check), so another site
cannot make a logged-in browser run anything.
"""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import inspect
import time
from html import escape
from pathlib import Path
from typing import Any

from aiohttp import web

from .net import is_https, same_origin

COOKIE = "applicant_bot_staff"
COOKIE_TTL_SECONDS = 12 * 3600
FAILED_LOGIN_DELAY = 0.5  # seconds; slows password guessing without a lockout to abuse
MAX_QUERY_CHARS = 200
STAFF_CALCULATORS = ("refund", "english", "id", "accommodation", "payment", "pass", "exemption", "office")
MAX_OPTION_CHARS = 500


def add_routes(app: web.Application) -> None:
    from .app import STATIC_DIR

    pages = Path(str(STATIC_DIR)).parent / "pages"
    html = {name: (pages / f"{name}.html").read_text(encoding="utf-8") for name in ("staff", "login", "staff_disabled")}

    async def page(request: web.Request) -> web.Response:
        if not _token(request):
            return _html(html["staff_disabled"], status=503)
        if _authorized(request):
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
        if not hmac.compare_digest(given.strip().encode("utf-8"), token.encode("utf-8")):
            await asyncio.sleep(FAILED_LOGIN_DELAY)
            return _html(_login_message(html["login"], "토큰이 맞지 않아요. 다시 입력해 주세요."), status=401)
        response = web.HTTPSeeOther("/staff")
        response.set_cookie(
            COOKIE, _make_cookie(token), max_age=COOKIE_TTL_SECONDS, path="/staff", httponly=True,
            samesite="Strict", secure=is_https(request),
        )
        raise response

    async def logout(request: web.Request) -> web.StreamResponse:
        response = web.HTTPSeeOther("/staff")
        response.del_cookie(COOKIE, path="/staff")
        raise response

    app.router.add_get("/staff", page, name="staff")
    app.router.add_post("/staff/login", login, name="staff_login")
    app.router.add_post("/staff/logout", logout, name="staff_logout")
    app.router.add_get("/staff/api/search", _guard(search), name="staff_search")
    app.router.add_post("/staff/api/check/{kind}", _guard(check), name="staff_check")
    app.router.add_get("/staff/api/unanswered", _guard(unanswered), name="staff_unanswered")


# -- auth -------------------------------------------------------------------------------------


def _token(request: web.Request) -> str | None:
    from .app import SETTINGS

    return request.app[SETTINGS].staff_token


def _cookie_signature(token: str, expires: int) -> str:
    key = hashlib.sha256(b"applicant-bot staff cookie\x00" + token.encode("utf-8")).digest()
    return hmac.new(key, str(expires).encode(), hashlib.sha256).hexdigest()


def _make_cookie(token: str, now: float | None = None) -> str:
    expires = int((now if now is not None else time.time()) + COOKIE_TTL_SECONDS)
    return f"{expires}.{_cookie_signature(token, expires)}"


def _cookie_valid(token: str, value: str, now: float | None = None) -> bool:
    expires_text, _, signature = value.partition(".")
    if not expires_text.isdigit() or len(expires_text) > 12:
        return False
    expires = int(expires_text)
    fresh = expires > (now if now is not None else time.time())
    return hmac.compare_digest(signature.encode(), _cookie_signature(token, expires).encode()) and fresh


def _authorized(request: web.Request) -> bool:
    token = _token(request)
    if not token:
        return False
    header = request.headers.get("Authorization", "")
    if header[:7].lower() == "bearer ":
        return hmac.compare_digest(header[7:].strip().encode("utf-8"), token.encode("utf-8"))
    cookie = request.cookies.get(COOKIE)
    return bool(cookie) and _cookie_valid(token, cookie)


def _from_our_pages(request: web.Request) -> bool:
    origin = request.headers.get("Origin")
    return origin is None or same_origin(request, origin)


def _guard(handler):
    from .app import json_error

    async def guarded(request: web.Request) -> web.StreamResponse:
        if not _token(request):
            return json_error(503, "staff_disabled", "직원 페이지가 꺼져 있어요 (APPLICANT_BOT_STAFF_TOKEN 미설정).")
        if not _authorized(request):
            response = json_error(401, "unauthorized", "직원 토큰이 필요해요. /staff 에서 로그인해 주세요.")
            response.headers["WWW-Authenticate"] = 'Bearer realm="applicant-bot staff"'
            return response
        bearer = request.headers.get("Authorization", "")[:7].lower() == "bearer "
        if request.method == "POST" and not bearer and not _from_our_pages(request):
            return json_error(403, "forbidden", "다른 사이트에서 온 요청은 받지 않아요.")
        return await handler(request)

    return guarded


def _html(text: str, status: int = 200) -> web.Response:
    return web.Response(text=text, status=status, content_type="text/html")


def _login_message(page: str, message: str) -> str:
    return page.replace("<!--MESSAGE-->", f'<p class="error" role="alert">{escape(message)}</p>')


# -- the staff API ------------------------------------------------------------------------------


async def search(request: web.Request) -> web.Response:
    from .app import SEARCH, json_error

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
    from rules.types import AmbiguousInput, InvalidInput

    from .. import calculators
    from ..cli.check_cmd import render_text
    from .api import BadRequest, read_json_object
    from .app import ENGINE, json_error

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
    from .api import BadRequest

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
    from .app import STORE, json_error, run_engine

    limit = _int_param(request, "limit", 100, 1, 500)
    if limit is None:
        return json_error(422, "invalid_limit", "limit은 1~500 사이의 숫자여야 해요.")
    store = request.app[STORE]
    items = await run_engine(request.app, store.list_unanswered, limit)
    return web.json_response({"items": items})


def _int_param(request: web.Request, name: str, default: int, low: int, high: int) -> int | None:
    raw = request.query.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isdigit():
        return None
    value = int(raw)
    return value if low <= value <= high else None
