"""The one aiohttp application of `applicant-bot serve`: widget, JSON API, staff page, Telegram webhook.

``create_app(settings)`` builds everything from the settings; tests pass their own ``engine`` (and
the store it uses). The engine, the store and the Telegram channel live inside the app's cleanup
context, so starting and stopping the app (``web.run_app``, aiohttp's test client) opens and closes
them in order: the Telegram application is stopped before the store it writes to is closed.
"""
from __future__ import annotations

import asyncio
import json
import logging
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from importlib.resources import files
from typing import Any, AsyncIterator, Callable

from aiohttp import web

from ..config import Settings, ensure_data_dir
from . import api, staff
from .net import same_origin

log = logging.getLogger(__name__)

# Telegram updates and staff requests are small; the chat API checks its own, smaller limit.
CLIENT_MAX_SIZE = 256 * 1024
ENGINE_THREADS = 4

SETTINGS = web.AppKey("settings", Settings)
ENGINE = web.AppKey("engine", object)
STORE = web.AppKey("store", object)
EXECUTOR = web.AppKey("executor", ThreadPoolExecutor)
TELEGRAM = web.AppKey("telegram", object)
COMMIT = web.AppKey("group_commit", object)
SEARCH = web.AppKey("search", object)
STATIC_DIR = files("bot.web") / "static"

JSON_PREFIXES = ("/api/", "/staff/api/", "/telegram/")


def create_app(settings: Settings, *, engine: Any = None, store: Any = None) -> web.Application:
    from ..logs import request_id_middleware
    from .clientip import client_ip_middleware
    from .ratelimit import rate_limit_middleware

    app = web.Application(
        client_max_size=CLIENT_MAX_SIZE,
        middlewares=[request_id_middleware(), client_ip_middleware(settings.trusted_proxies), json_errors,
                     cors_for_api, rate_limit_middleware(settings.rate_limit, paths=("/api/", "/staff/api/"))],
    )
    app[SETTINGS] = settings
    app.cleanup_ctx.append(partial(_resources, engine=engine, store=store))
    app.on_response_prepare.append(_security_headers)
    api.add_routes(app)
    staff.add_routes(app)
    if settings.telegram_token:
        from ..telegram.webhook import add_routes as add_telegram_routes

        add_telegram_routes(app)
    return app


async def _resources(app: web.Application, *, engine: Any, store: Any) -> AsyncIterator[None]:
    """Open the store, the engine and Telegram; close them in reverse order on shutdown."""
    from ..engine import Engine, frozen_clock

    settings = app[SETTINGS]
    own_store = engine is None and store is None
    executor = ThreadPoolExecutor(max_workers=ENGINE_THREADS, thread_name_prefix="engine")
    app[EXECUTOR] = executor
    telegram = None
    try:
        if engine is None:
            if store is None:
                from ..storage import Store

                ensure_data_dir(settings)
                store = Store(settings.db_path)
            clock = frozen_clock(settings.today) if settings.today else None
            engine = Engine(store=store, clock=clock, nlu_cache=settings.nlu_cache)
        app[ENGINE] = engine
        app[STORE] = store if store is not None else getattr(engine, "store", None)
        if isinstance(engine, Engine):  # a stand-in engine (tests, benchmarks) commits its own way
            from ..groupcommit import GroupCommit

            app[COMMIT] = GroupCommit(engine.store)
        from .search import NoticeSearch

        app[SEARCH] = NoticeSearch(engine.exam)
        if settings.telegram_token:
            from ..telegram.channel import TelegramChannel

            telegram = TelegramChannel(settings, engine, app[STORE], executor)
            app[TELEGRAM] = telegram
            await telegram.start()
        yield
    finally:
        if telegram is not None:
            await telegram.stop()
        _log_batching(app)
        # The engine is CPU-only and fast, but each turn commits to SQLite; the executor's threads
        # keep a slow disk (WAL checkpoint, a busy volume) from stalling the event loop.
        executor.shutdown(wait=True)
        if own_store and store is not None:
            store.close()


def _log_batching(app: web.Application) -> None:
    """At shutdown: how well the group commit and the NLU memo did (benchmarks read this line)."""
    commit, engine = app.get(COMMIT), app.get(ENGINE)
    memo = getattr(engine, "nlu_memo", None)
    figures = {"turns": commit.waits, "commits": commit.flushes} if commit is not None else {}
    if memo is not None:
        figures.update({f"nlu_memo_{k}": v for k, v in memo.stats().items()})
    if figures:
        log.info("serving figures", extra={"figures": figures})


async def run_engine(app: web.Application, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    # Inline on the loop: a turn is CPU under the GIL, so worker threads only added hand-offs and
    # GIL contention (measured: 893 -> 780 µs of server CPU per chat request, p99 at 32 connections
    # 62 -> 38 ms; BENCHMARKS.md).
    return fn(*args, **kwargs)


async def run_turn(app: web.Application, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``engine.handle`` / ``engine.feedback`` for a web request: the rows are written by the group
    commit of this loop pass, and this returns only once they are on disk (WAL + synchronous=NORMAL:
    a write, no fsync), so a crash never loses a turn somebody was answered for."""
    commit = app.get(COMMIT)
    if commit is None:
        return await run_engine(app, fn, *args, **kwargs)
    result = await run_engine(app, fn, *args, defer_commit=True, **kwargs)
    await commit()
    return result


def json_error(status: int, code: str, message: str, **extra: Any) -> web.Response:
    body = {"error": code, "message": message, **extra}
    return web.json_response(body, status=status, dumps=partial(json.dumps, ensure_ascii=False))


_STATUS_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
    413: "body_too_large", 415: "unsupported_media_type", 422: "invalid_input", 503: "unavailable",
}
_STATUS_MESSAGES = {
    404: "이 주소에는 아무것도 없어요.",
    405: "이 주소는 이 HTTP 메서드를 받지 않아요.",
    413: "요청 본문이 너무 커요.",
}


@web.middleware
async def json_errors(request: web.Request, handler) -> web.StreamResponse:
    """API clients get a JSON error for every failure (aiohttp's own 404/405/413 included)."""
    is_api = request.path.startswith(JSON_PREFIXES)
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if not is_api or exc.status < 400 or exc.content_type == "application/json":
            raise
        message = _STATUS_MESSAGES.get(exc.status, exc.reason)
        response = json_error(exc.status, _STATUS_CODES.get(exc.status, "error"), message)
        for name in ("Allow", "WWW-Authenticate"):
            if name in exc.headers:
                response.headers[name] = exc.headers[name]
        return response
    except (asyncio.CancelledError, ConnectionResetError):
        raise
    except Exception:
        log.exception("unhandled error on %s %s", request.method, request.path)
        if is_api:
            return json_error(500, "internal_error", "죄송해요, 서버에 문제가 생겼어요. 잠시 후 다시 시도해 주세요.")
        raise


CORS_MAX_AGE = "600"


@web.middleware
async def cors_for_api(request: web.Request, handler) -> web.StreamResponse:
    """The chat API may be called from the exam sites in APPLICANT_BOT_ALLOWED_ORIGINS.

    A browser always names its page's origin on cross-site requests: an origin that is neither
    this server nor listed gets 403 (so a foreign page cannot use the API through a visitor's
    browser); requests without Origin (curl, servers) are not browsers and pass.
    """
    if not request.path.startswith("/api/"):
        return await handler(request)
    origin = request.headers.get("Origin")
    settings = request.app[SETTINGS]
    cross = origin is not None and not same_origin(request, origin)
    if cross and not (settings.allows_any_origin or origin.lower() in settings.allowed_origins):
        return json_error(403, "origin_not_allowed", "이 사이트에서는 챗봇 API를 쓸 수 없어요.")
    if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
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


_PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'self'; object-src 'none'"
)


async def _security_headers(request: web.Request, response: web.StreamResponse) -> None:
    headers = response.headers
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    if response.content_type == "text/html":
        csp = _PAGE_CSP
        if request.path.startswith("/staff"):
            csp += "; frame-ancestors 'none'"
            headers.setdefault("Cache-Control", "no-store")
        headers.setdefault("Content-Security-Policy", csp)
    if request.path in ("/widget.js", "/widget.css"):
        headers.setdefault("Cross-Origin-Resource-Policy", "cross-origin")  # embedded on exam sites
        headers.setdefault("Access-Control-Allow-Origin", "*")  # public files, no credentials
