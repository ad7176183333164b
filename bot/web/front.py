"""What every request goes through before its handler, in one middleware, and the JSON error shape.

    front_middleware(settings, metrics=None) -> aiohttp middleware
    json_error(status, code, message, **extra) -> web.Response
    json_body_response(data, status=200) -> web.Response   # UTF-8 JSON, non-ASCII as it is
    security_headers(settings) -> on_response_prepare signal handler
    set_security_headers(path, response, chat_page_framers=())   # CSP, framing, no version banner

``front_middleware`` does, outermost first, what used to be four stacked middlewares (each layer
cost a partial, a coroutine and an await chain on every request, ~10 % of the web layer):

1. request id: the caller's ``X-Request-Id`` when it is a safe token, else a new one; current for
   the request (log lines carry it), returned as ``X-Request-Id`` on every response and error, and
   one access line per request (``bot.logs.AccessLog``) and its count in ``bot.metrics``.
2. client address: ``X-Forwarded-For`` walked only behind APPLICANT_BOT_TRUSTED_PROXIES
   (``bot.web.clientip``), kept on the request for the rate limit.
3. JSON errors: on API paths (``/api/``, ``/staff/api/``, ``/telegram/``) every failure is JSON,
   aiohttp's own 404/405/413 included; an unexpected exception is logged and becomes a JSON 500.
4. CORS for ``/api/``: a browser's foreign Origin not in APPLICANT_BOT_ALLOWED_ORIGINS gets 403,
   preflights get 204 with the allowed methods, answers get ``Access-Control-Allow-Origin`` for a
   listed origin and ``Vary: Origin``.
5. body timeout: a request whose body has not all arrived when its handler starts gets
   APPLICANT_BOT_BODY_TIMEOUT seconds for the rest, then the connection is closed. A client that
   goes away in the middle of its body (or is closed that way) is a client event: one INFO line,
   the access line says 499 (it left) or 408 (too slow), never a 500 or a traceback.

The rate limit, when it is on, stays a middleware of its own inside this one (``bot.web.ratelimit``).
"""
from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any

import orjson
from aiohttp import hdrs, web

from ..logs import REQUEST_ID_HEADER, AccessLog, bind_request_id, incoming_request_id, unbind_request_id
from .clientip import remember_client_ip
from .net import same_origin

log = logging.getLogger("bot.web.app")  # the logger these lines always had

JSON_PREFIXES = ("/api/", "/staff/api/", "/telegram/")
CORS_PREFIX = "/api/"
CORS_MAX_AGE = "600"
_JSON_CONTENT_TYPE = "application/json; charset=utf-8"

_STATUS_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
    413: "body_too_large", 415: "unsupported_media_type", 422: "invalid_input", 503: "unavailable",
}
_STATUS_MESSAGES = {
    404: "이 주소에는 아무것도 없어요.",
    405: "이 주소는 이 HTTP 메서드를 받지 않아요.",
    413: "요청 본문이 너무 커요.",
}

_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode  # one encoder, not one a call


def _json_bytes(data: Any) -> bytes:
    """Compact UTF-8 JSON. orjson is ~6x faster than json on an answer; json takes what orjson
    refuses (an integer beyond 64 bits)."""
    try:
        return orjson.dumps(data)
    except TypeError:
        return _dumps(data).encode("utf-8")


def json_body_response(data: Any, status: int = 200) -> web.Response:
    """``web.json_response(data)`` with UTF-8 text instead of \\u escapes and compact separators,
    the same headers, encoded by orjson."""
    return web.Response(body=_json_bytes(data), status=status,
                        headers={hdrs.CONTENT_TYPE: _JSON_CONTENT_TYPE})


def json_error(status: int, code: str, message: str, **extra: Any) -> web.Response:
    return json_body_response({"error": code, "message": message, **extra}, status)


def _json_error_for(exc: web.HTTPException) -> web.Response:
    message = _STATUS_MESSAGES.get(exc.status, exc.reason)
    response = json_error(exc.status, _STATUS_CODES.get(exc.status, "error"), message)
    for name in ("Allow", "WWW-Authenticate"):
        if name in exc.headers:
            response.headers[name] = exc.headers[name]
    return response


def front_middleware(settings: Any, metrics: Any = None):
    """The one outer middleware of the app (see the module docstring); ``settings``: bot.config.Settings,
    ``metrics``: bot.metrics.Metrics (or None)."""
    access = AccessLog()
    count = metrics.request if metrics is not None else None
    trusted = tuple(settings.trusted_proxies)
    allows_any_origin = settings.allows_any_origin
    allowed_origins = settings.allowed_origins
    body_timeout = settings.body_timeout

    async def cors(request: web.Request, handler) -> web.StreamResponse:
        """A browser always names its page's origin on cross-site requests: an origin that is neither
        this server nor listed gets 403 (a foreign page cannot use the API through a visitor's
        browser); requests without Origin (curl, servers) are not browsers and pass."""
        origin = request.headers.get(hdrs.ORIGIN)
        cross = origin is not None and not same_origin(request, origin)
        if cross and not (allows_any_origin or origin.lower() in allowed_origins):
            return json_error(403, "origin_not_allowed", "이 사이트에서는 챗봇 API를 쓸 수 없어요.")
        if request.method == "OPTIONS" and hdrs.ACCESS_CONTROL_REQUEST_METHOD in request.headers:
            response: web.StreamResponse = web.Response(status=204)
            response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
            response.headers["Access-Control-Allow-Headers"] = "Content-Type"
            response.headers["Access-Control-Max-Age"] = CORS_MAX_AGE
        else:
            response = await handler(request)
        if cross:
            response.headers["Access-Control-Allow-Origin"] = origin
        response.headers.add("Vary", "Origin")
        return response

    @web.middleware
    async def front(request: web.Request, handler) -> web.StreamResponse:
        request_id = incoming_request_id(request.headers.get(REQUEST_ID_HEADER))
        token = bind_request_id(request_id)
        started = time.perf_counter()
        status = 500
        body_clock = None
        try:
            remember_client_ip(request, trusted)
            path = request.path
            if not request.content.is_eof():  # the body is still on its way (usually it came with the head)
                body_clock = asyncio.get_running_loop().call_later(body_timeout, _body_too_slow, request)
            try:
                if path.startswith(CORS_PREFIX):
                    response = await cors(request, handler)
                else:
                    response = await handler(request)
            except web.HTTPException as exc:
                if exc.status < 400 or exc.content_type == "application/json" or not path.startswith(JSON_PREFIXES):
                    raise
                response = _json_error_for(exc)
            except asyncio.CancelledError:
                raise
            except ConnectionResetError:  # reading the body of a client that is gone: nobody to answer
                response = _client_gone(request, body_timeout, metrics)
            except Exception:
                log.exception("unhandled error on %s %s", request.method, path)
                if not path.startswith(JSON_PREFIXES):
                    raise
                response = json_error(500, "internal_error", "죄송해요, 서버에 문제가 생겼어요. 잠시 후 다시 시도해 주세요.")
            status = response.status
            if not response.prepared:
                response.headers[REQUEST_ID_HEADER] = request_id
            return response
        except web.HTTPException as exc:  # 404, 405, 413 … off the API paths: aiohttp answers them
            status = exc.status
            exc.headers[REQUEST_ID_HEADER] = request_id
            raise
        except BaseException as exc:  # CancelledError (client went away) or a bug: aiohttp answers 500
            status = 499 if isinstance(exc, asyncio.CancelledError) else 500
            raise
        finally:
            if body_clock is not None:
                body_clock.cancel()
            access.write(request.method, request.path, status, started, request_id)
            if count is not None:
                count(request.match_info.route.name or "unmatched", status, started)
            unbind_request_id(token)

    return front


BODY_TOO_SLOW = web.RequestKey("body_too_slow", bool)


def _body_too_slow(request: web.Request) -> None:
    """The body timeout's clock ran out: close the connection (the handler's read then fails)."""
    if not request.content.is_eof():
        request[BODY_TOO_SLOW] = True
        request.protocol.force_close()


def _client_gone(request: web.Request, body_timeout: float, metrics: Any) -> web.Response:
    """A client event, not a server error: one INFO line and a 4xx status for the access line (the
    answer itself cannot be delivered any more)."""
    too_slow = bool(request.get(BODY_TOO_SLOW))
    if metrics is not None:
        metrics.client_event("body_timeout" if too_slow else "client_gone")
    if too_slow:
        log.info("request body not complete after %g s: connection closed", body_timeout,
                 extra={"event": "body_timeout", "method": request.method, "path": request.path})
        return json_error(408, "request_timeout", "요청 본문이 제때 도착하지 않았어요.")
    log.info("client closed the connection before its request body was complete",
             extra={"event": "client_gone", "method": request.method, "path": request.path})
    return json_error(499, "client_closed_request", "요청을 보내는 중에 연결이 끊겼어요.")


_PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'self'; object-src 'none'; frame-ancestors "
)
_NOT_A_PAGE_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
_PUBLIC_FILES = ("/widget.js", "/widget.css")
CHAT_PAGE = "/"
SERVER_NAME = "applicant-bot"  # instead of aiohttp's "Python/3.x aiohttp/3.y": no versions to look up


def set_security_headers(path: str, response: web.StreamResponse, chat_page_framers: tuple[str, ...] = ()) -> None:
    """A CSP and a framing policy on every answer, and no version banner.

    Pages allow only this site's own scripts, styles and API; nothing else (JSON, files, errors)
    may load anything. No page may be framed, except the chat page by the origins in
    ``chat_page_framers`` (APPLICANT_BOT_FRAME_ANCESTORS); the widget is embedded with a script tag,
    which a framing policy does not touch."""
    headers = response.headers
    headers[hdrs.SERVER] = SERVER_NAME
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    # Reading the raw header first spares parsing it on every JSON answer; the parsed type decides.
    if "text/html" in headers.get(hdrs.CONTENT_TYPE, "").lower() and response.content_type == "text/html":
        framers = chat_page_framers if path == CHAT_PAGE else ()
        headers.setdefault("Content-Security-Policy", _PAGE_CSP + (" ".join(framers) or "'none'"))
        if path.startswith("/staff"):
            headers.setdefault("Cache-Control", "no-store")
    else:
        framers = ()
        headers.setdefault("Content-Security-Policy", _NOT_A_PAGE_CSP)
    if not framers:
        headers.setdefault("X-Frame-Options", "DENY")  # for browsers that predate frame-ancestors
    if path in _PUBLIC_FILES:
        headers.setdefault("Cross-Origin-Resource-Policy", "cross-origin")  # embedded on exam sites
        headers.setdefault("Access-Control-Allow-Origin", "*")  # public files, no credentials


def security_headers(settings: Any):
    """The ``on_response_prepare`` signal handler: ``set_security_headers`` on every answer of the app."""
    framers = tuple(settings.frame_ancestors)

    async def on_prepare(request: web.Request, response: web.StreamResponse) -> None:
        set_security_headers(request.path, response, framers)

    return on_prepare
