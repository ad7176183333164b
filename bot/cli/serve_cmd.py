"""`applicant-bot serve [--host H] [--port P] [--now YYYY-MM-DDTHH:MM | --today YYYY-MM-DD]` — every channel in one process.

Web widget at /, staff page at /staff, JSON API, /healthz, /openapi.json, and Telegram when a
token is configured. Settings come from APPLICANT_BOT_* (see bot/config.py); the options here
override them. A malformed setting (an unknown APPLICANT_BOT_EXAM included) stops the start with
one line and exit status 2, and so does a data directory another process owns (bot.ownership);
SIGINT or SIGTERM stop it gracefully (Telegram stopped, requests finished, store closed) with status 0.
"""
from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys

from .options import add_clock_options

EXIT_CONFIG = 2
EXIT_RUNTIME = 1
SHUTDOWN_TIMEOUT = 10.0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve", help="웹 위젯·직원 페이지·API·텔레그램 서버 실행",
        description="웹 위젯(/), 직원 페이지(/staff), JSON API, 텔레그램(토큰이 있을 때)을 한 프로세스로 실행합니다.",
    )
    p.add_argument("--host", help="받을 주소 (기본 127.0.0.1; 컨테이너에서는 0.0.0.0)")
    p.add_argument("--port", help="포트 (기본 8080)")
    add_clock_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..config import ConfigError, Settings
    from ..ownership import DataDirInUse

    _configure_logging()
    try:
        settings = Settings.from_env(host=args.host, port=args.port, today=args.today, now=args.now)
    except ConfigError as error:
        print(f"applicant-bot serve: configuration error: {error}", file=sys.stderr)
        return EXIT_CONFIG
    try:
        _load_exam()  # an unknown or broken APPLICANT_BOT_EXAM stops the start before anything is opened
        asyncio.run(serve(settings))
    except ConfigError as error:
        print(f"applicant-bot serve: configuration error: {error}", file=sys.stderr)
        return EXIT_CONFIG
    except DataDirInUse as error:
        print(f"applicant-bot serve: {error}", file=sys.stderr)
        return EXIT_CONFIG
    except OSError as error:
        print(f"applicant-bot serve: cannot listen on {settings.host}:{settings.port}: {error.strerror or error}",
              file=sys.stderr)
        return EXIT_RUNTIME
    except _KnowledgeFailure as error:  # the exam round is configuration (APPLICANT_BOT_EXAM)
        print(f"applicant-bot serve: configuration error: cannot load the exam data: {error}", file=sys.stderr)
        return EXIT_CONFIG
    return 0


class _KnowledgeFailure(Exception):
    pass


def _load_exam() -> None:
    from knowledge import KnowledgeError, load_exam

    try:
        load_exam()  # kept by the loader: the engine gets this same object
    except KnowledgeError as error:
        raise _KnowledgeFailure(str(error)) from None


async def serve(settings, *, started: asyncio.Event | None = None, stop: asyncio.Event | None = None) -> None:
    """Run until SIGINT/SIGTERM (or ``stop`` is set, for tests)."""
    from aiohttp import web

    from knowledge import KnowledgeError

    from ..web.app import create_app
    from ..web.connections import ConnectionLimits, listen
    from ..web.keys import METRICS

    app = create_app(settings)
    runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=SHUTDOWN_TIMEOUT, access_log=None)  # bot.logs writes the access lines
    try:
        await runner.setup()  # opens the store, loads the exam, starts Telegram
    except KnowledgeError as error:
        await runner.cleanup()
        raise _KnowledgeFailure(str(error)) from None
    except BaseException:
        await runner.cleanup()
        raise
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(signum, stop.set)
        except (NotImplementedError, RuntimeError):  # not the main thread / not supported
            pass
    listening = None
    try:
        limits = ConnectionLimits.from_settings(settings)
        if limits.asked is not None:
            logging.getLogger(__name__).warning(
                "APPLICANT_BOT_MAX_CONNECTIONS=%d does not fit under this process's descriptor limit: %d it is",
                limits.asked, limits.max_connections)
        listening = await listen(runner, settings.host, settings.port, limits)
        bound = listening.bound
        app[METRICS].sources["connections"] = lambda: {
            "open": len(bound), "max": bound.limit, "closed_for_room": bound.evicted}
        logging.getLogger(__name__).info(_banner(settings, limits))  # a JSON log line like every other
        if started is not None:
            started.set()
        await stop.wait()
        logging.getLogger(__name__).info("applicant-bot serve: stopping…")
    finally:
        if listening is not None:
            listening.close()  # no new connections; runner.cleanup() lets the open ones finish
        for signum in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.remove_signal_handler(signum)
            except (NotImplementedError, RuntimeError):
                pass
        await runner.cleanup()  # Telegram stopped, then the store closed (app cleanup context)


def _banner(settings, limits) -> str:
    host = f"[{settings.host}]" if ":" in settings.host else settings.host
    telegram = {"webhook": f"webhook {settings.webhook_url}", "polling": "long polling"}.get(settings.telegram_mode, "off")
    staff = "on" if settings.staff_token else "off: set APPLICANT_BOT_STAFF_TOKEN"
    today = f", clock frozen at {settings.now.isoformat(timespec='minutes')}" if settings.now else ""
    return (
        f"applicant-bot serve: http://{host}:{settings.port}/ — widget /, staff page /staff ({staff}), "
        f"API /api/v1/chat, Telegram {telegram}; data {settings.data_dir}{today}; "
        f"at most {limits.max_connections} connections, head timeout {settings.head_timeout:g} s, "
        f"body timeout {settings.body_timeout:g} s"
    )


def _configure_logging() -> None:
    from ..logs import configure_logging  # JSON lines, personal data masked, request ids

    level = os.environ.get("APPLICANT_BOT_LOG_LEVEL", "INFO").upper()
    configure_logging(level if isinstance(logging.getLevelName(level), int) else "INFO")
    logging.captureWarnings(True)  # library warnings too become masked JSON lines, not raw stderr
