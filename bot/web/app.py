"""The one aiohttp application of `applicant-bot serve`: widget, JSON API, staff page, Telegram webhook.

``create_app(settings)`` builds everything from the settings; tests pass their own ``engine`` (and
the store it uses). The engine, the store and the Telegram channel live inside the app's cleanup
context, so starting and stopping the app (``web.run_app``, aiohttp's test client) opens and closes
them in order: the Telegram application is stopped before the store it writes to is closed.
"""
from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from importlib.resources import files
from pathlib import Path
from typing import Any, AsyncIterator, Callable

from aiohttp import web

from ..config import Settings, ensure_data_dir
from . import api, assets, staff
from .front import (  # noqa: F401  (json_error and JSON_PREFIXES are imported from here by others)
    JSON_PREFIXES,
    front_middleware,
    json_body_response,
    json_error,
    security_headers,
)

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
ASSETS = web.AppKey("assets", assets.Assets)
RETENTION = web.AppKey("retention", object)
STATIC_DIR = files("bot.web") / "static"


def create_app(settings: Settings, *, engine: Any = None, store: Any = None) -> web.Application:
    from .ratelimit import rate_limit_middleware

    # Request id + access line, client address, JSON errors and CORS are one middleware (front.py);
    # the rate limit is a second one only when it is on (off, it would be a pass-through layer).
    middlewares = [front_middleware(settings)]
    rate_limit = rate_limit_middleware(settings.rate_limit, paths=("/api/", "/staff/api/"))
    if rate_limit.active:
        middlewares.append(rate_limit)
    app = web.Application(client_max_size=CLIENT_MAX_SIZE, middlewares=middlewares)
    app[SETTINGS] = settings
    app.cleanup_ctx.append(partial(_resources, engine=engine, store=store))
    app.on_response_prepare.append(security_headers)
    app.on_response_prepare.append(assets.compress_response)
    app[ASSETS] = assets.Assets.load(Path(str(STATIC_DIR)))
    assets.add_routes(app, app[ASSETS])
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
    telegram = retention = None
    try:
        if engine is None:
            if store is None:
                from ..retention import DailyPurge
                from ..storage import Store

                ensure_data_dir(settings)
                store = Store(settings.db_path, exclusive=True)  # DataDirInUse: another process owns it
                _log_opened(store)
                retention = app[RETENTION] = DailyPurge(store, settings.retention_days)
                retention.start()
            clock = frozen_clock(settings.now) if settings.now else None
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
        if retention is not None:
            await retention.stop()
        _log_batching(app)
        # The engine is CPU-only and fast, but each turn commits to SQLite; the executor's threads
        # keep a slow disk (WAL checkpoint, a busy volume) from stalling the event loop.
        executor.shutdown(wait=True)
        if own_store and store is not None:
            store.close()


def _log_opened(store: Any) -> None:
    # A lost database shows at the next start as a new one: say so, so it is not silent.
    if store.lost:
        log.warning("no database at %s, though a serve owned this data directory before: starting a new, empty "
                    "one (sessions, message log, unanswered questions and feedback of before are not in it)", store.path)
    else:
        log.info("%s database %s", "new" if store.created else "opened", store.path)


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

