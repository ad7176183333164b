"""The one aiohttp application of `applicant-bot serve`: widget, JSON API, staff page, Telegram webhook.

``create_app(settings)`` builds everything from the settings; tests pass their own ``engine`` (and
the store it uses). The engine, the store and the Telegram channel live inside the app's cleanup
context, so starting and stopping the app (``web.run_app``, aiohttp's test client) opens and closes
them in order: the Telegram application is stopped before the store it writes to is closed.
State reaches the handlers through the ``AppKey``s of ``bot.web.keys``.
"""
from __future__ import annotations

import logging
from functools import partial
from pathlib import Path
from typing import Any, AsyncIterator

from aiohttp import web

from ..config import Settings, ensure_data_dir
from ..engine import Engine, frozen_clock
from ..groupcommit import GroupCommit
from ..metrics import Metrics
from ..retention import DailyPurge
from ..storage import Store
from . import api, assets, scrape, staff
from .front import front_middleware, security_headers
from .keys import ASSETS, COMMIT, ENGINE, METRICS, RETENTION, SEARCH, SETTINGS, STATIC_DIR, STORE, TELEGRAM
from .ratelimit import rate_limit_middleware
from .search import NoticeSearch

__all__ = ["create_app", "COMMIT", "ENGINE", "SETTINGS", "STORE", "TELEGRAM"]

log = logging.getLogger(__name__)

# Telegram updates and staff requests are small; the chat API checks its own, smaller limit.
CLIENT_MAX_SIZE = 256 * 1024


def create_app(settings: Settings, *, engine: Any = None, store: Any = None) -> web.Application:
    # Request id + access line, client address, JSON errors and CORS are one middleware (front.py);
    # the rate limit is a second one only when it is on (off, it would be a pass-through layer).
    metrics = Metrics()
    middlewares = [front_middleware(settings, metrics)]
    rate_limit = rate_limit_middleware(settings.rate_limit, paths=("/api/", "/staff/api/"), refused=metrics.refused)
    if rate_limit.active:
        middlewares.append(rate_limit)
    hide_secrets(settings)
    app = web.Application(client_max_size=CLIENT_MAX_SIZE, middlewares=middlewares)
    app[SETTINGS] = settings
    app[METRICS] = metrics
    app.cleanup_ctx.append(partial(_resources, engine=engine, store=store))
    app.on_response_prepare.append(security_headers(settings))
    app.on_response_prepare.append(assets.compress_response)
    app[ASSETS] = assets.Assets.load(Path(str(STATIC_DIR)))
    assets.add_routes(app, app[ASSETS])
    api.add_routes(app)
    staff.add_routes(app)
    scrape.add_routes(app)
    if settings.telegram_token:
        # python-telegram-bot takes ~150 ms to import: only when Telegram is on.
        from ..telegram.webhook import add_routes as add_telegram_routes

        add_telegram_routes(app)
    return app


def hide_secrets(settings: Settings) -> None:
    """Before anything can log them: the bot token (both halves), the webhook secret, the staff token."""
    from ..redact import hide, hide_token

    hide_token(settings.telegram_token)
    hide(settings.telegram_secret, settings.staff_token)


async def _resources(app: web.Application, *, engine: Any, store: Any) -> AsyncIterator[None]:
    """Open the store, the engine and Telegram; close them in reverse order on shutdown."""
    settings = app[SETTINGS]
    metrics = app[METRICS]
    own_store = engine is None and store is None
    telegram = retention = None
    try:
        if engine is None:
            if store is None:
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
            app[COMMIT] = GroupCommit(engine.store, on_flush=metrics.commit_batch)
        memo = getattr(engine, "nlu_memo", None)
        if memo is not None:
            metrics.sources["nlu_memo"] = memo.stats
        app[SEARCH] = NoticeSearch(engine.exam)
        if settings.telegram_token:
            from ..telegram.channel import TelegramChannel  # python-telegram-bot: only when on

            telegram = TelegramChannel(settings, engine, app[STORE], app.get(COMMIT), metrics=metrics)
            app[TELEGRAM] = telegram
            metrics.sources["telegram_outbox"] = app[STORE].outbox.stats
            await telegram.start()
        yield
    finally:
        if telegram is not None:
            await telegram.stop()
        if retention is not None:
            await retention.stop()
        _log_batching(app)
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
