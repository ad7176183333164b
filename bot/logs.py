"""Structured logs: one JSON object a line, a request id on every line, personal data masked.

    configure_logging(level="INFO", stream=None, path=None) -> logging.Handler
    request_id_middleware(logger_name="applicant_bot.access") -> aiohttp middleware
    current_request_id() -> str | None

Every line looks like (``ts`` in UTC)
``{"ts": "2023-03-01T01:00:00.123+00:00", "level": "INFO", "logger": "…", "msg": "…",
"request_id": "…", …extras}``. Extras are whatever a caller passed as ``extra={…}``.

Privacy: the handler's filter runs the formatted message, every extra (nested lists/dicts too) and
any traceback through ``bot.redact.redact`` (the bot token, the webhook and staff secrets) and
``bot.privacy.mask`` before the formatter sees them, so neither a secret nor a 주민등록번호, phone
number, e-mail or certificate number ever reaches a log line, whoever logged it. The filter sits
on the *handler* (not a logger) because logger filters do not see records propagated from child
loggers. The masking, the filter and the formatter are in ``bot.log_lines``; this module sets them
up and writes the access log.

The middleware takes the caller's ``X-Request-Id`` when it is a short token (letters, digits,
``._-``; anything else could smuggle text into the logs), otherwise makes one, keeps it in a context
variable for the duration of the request (so the engine's log lines carry it too), returns it as
``X-Request-Id`` and writes one access line per request: method, path, status, duration_ms.
"""
from __future__ import annotations

import itertools
import json
import logging
import re
import secrets
import sys
import time
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import IO

from .log_lines import (  # noqa: F401  (mask, current_request_id: imported from here)
    JsonFormatter,
    PrivacyFilter,
    current_request_id,
    mask,
    mask_cached,
    pending_access_lines,
    request_id_var,
)
from .redact import on_change as _on_secrets_change

__all__ = [
    "JsonFormatter",
    "PrivacyFilter",
    "configure_logging",
    "current_request_id",
    "request_id_middleware",
    "REQUEST_ID_HEADER",
]

REQUEST_ID_HEADER = "X-Request-Id"
ACCESS_LOGGER = "applicant_bot.access"
_VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._\-]{1,64}")


def configure_logging(
    level: str | int = "INFO", *, stream: IO[str] | None = None, path: str | Path | None = None
) -> logging.Handler:
    """Send every log record (root logger) as masked JSON lines to ``path`` or ``stream`` (stderr).

    Replaces handlers installed by an earlier call, so calling it twice does not double the lines.
    Returns the handler (tests attach it to a buffer).
    """
    if path is not None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
    else:
        handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    handler.addFilter(PrivacyFilter())
    handler.setFormatter(JsonFormatter())
    handler._applicant_bot = True  # type: ignore[attr-defined]
    pending_access_lines.flush()
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_applicant_bot", False)]:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    root.setLevel(level.upper() if isinstance(level, str) else level)
    return handler


# A fresh id: 12 random hex digits per process, then a counter — unique without a system call each.
_ID_PREFIX = secrets.token_hex(6)
_ID_COUNTER = itertools.count(1)


def incoming_request_id(value: str | None) -> str:
    """The caller's ``X-Request-Id`` when it is a safe short token, else a fresh id. Either way the
    result is letters, digits and ``._-`` only: safe to put in a header or a JSON string as it is."""
    if value and _VALID_REQUEST_ID.fullmatch(value) and mask_cached(value) == value:  # no phone number as an id
        return value
    return f"{_ID_PREFIX}-{next(_ID_COUNTER):x}"


_incoming_request_id = incoming_request_id  # the name earlier code imported


# bind_request_id(id) -> token makes ``id`` the current request id (log lines carry it);
# unbind_request_id(token) restores the previous one. The context variable's own methods: no wrapper
# call on every request.
bind_request_id = request_id_var.set
unbind_request_id = request_id_var.reset


class AccessLog:
    """Writes the one access line per request, as the ``logger_name`` logger would.

    The line is what ``PrivacyFilter`` + ``JsonFormatter`` make of the record
    ``logger.info("%s %s %d", method, path, status, extra={method, path, status, duration_ms})``:
    ``{"ts", "level", "logger", "msg", "request_id", "method", "path", "status", "duration_ms"}``,
    method, path and message masked. Going through ``logging`` for it cost ~20 µs a request
    (LogRecord, filter, formatter, the logger tree), a quarter of the web layer. So when the record
    would reach exactly one handler, ours from ``configure_logging`` (the normal case), the line is
    built here and written to that handler's stream under its lock, with the same flush; the masked
    parts are cached per (method, path, status). Any other set-up (a second handler, a filter on the
    logger, pytest's caplog, no configure_logging at all) takes the ordinary ``logging`` path, so
    what each handler sees is unchanged.
    """

    def __init__(self, logger_name: str = ACCESS_LOGGER) -> None:
        self.logger = logging.getLogger(logger_name)

    def write(self, method: str, path: str, status: int, started: float, request_id: str | None) -> None:
        logger = self.logger
        if not logger.isEnabledFor(logging.INFO):
            return
        duration_ms = round((time.perf_counter() - started) * 1000, 2)
        handler = _only_json_handler(logger)
        if handler is not None:
            head, tail = _access_parts(logger.name, method, path, status)
            request_id = request_id or request_id_var.get()
            line = (
                f'{{"ts": "{_iso_ts(time.time())}", "level": "INFO", {head}, "request_id": '
                f'{"null" if request_id is None else _json_str(request_id)}, {tail}, "duration_ms": {duration_ms!r}}}'
            )
            if pending_access_lines.add(handler, line + handler.terminator):
                return
            try:
                with handler.lock:  # what StreamHandler.emit + flush do, minus their method calls
                    stream = handler.stream
                    stream.write(line + handler.terminator)
                    stream.flush()
                return
            except Exception:  # a closed or broken stream: let logging report it its usual way
                pass
        # Built here rather than with logger.info(): no caller lookup on every request.
        record = logging.LogRecord(logger.name, logging.INFO, __file__, 0, "%s %s %d", (method, path, status), None)
        record.method, record.path, record.status = method, path, status
        record.duration_ms = duration_ms
        record.request_id = request_id
        logger.handle(record)


def _only_json_handler(logger: logging.Logger) -> logging.StreamHandler | None:
    """The handler an INFO record of ``logger`` would reach if it is the only one and it is ours
    (a stream or file handler with just PrivacyFilter and JsonFormatter), else None."""
    if logger.disabled or logger.filters:
        return None
    found = None
    current: logging.Logger | None = logger
    while current is not None:
        for handler in current.handlers:
            if found is not None:
                return None
            found = handler
        if not current.propagate:
            break
        current = current.parent  # type: ignore[assignment]
    if (
        found is None
        or not getattr(found, "_applicant_bot", False)
        or found.level > logging.INFO
        or type(found) not in (logging.StreamHandler, logging.FileHandler)
        or type(found.formatter) is not JsonFormatter
        or len(found.filters) != 1
        or type(found.filters[0]) is not PrivacyFilter
        or getattr(found, "stream", None) is None
    ):
        return None
    return found  # type: ignore[return-value]


_json_str = json.encoder.encode_basestring  # type: ignore[attr-defined]  # json.dumps(s, ensure_ascii=False)


@lru_cache(maxsize=1024)
def _access_parts(logger_name: str, method: str, path: str, status: int) -> tuple[str, str]:
    """The JSON of ``"logger", "msg"`` and of ``"method", "path", "status"``, masked as the
    PrivacyFilter would (the message is masked whole, as it is formatted)."""
    message = mask_cached("%s %s %d" % (method, path, status))
    head = json.dumps({"logger": logger_name, "msg": message}, ensure_ascii=False)
    tail = json.dumps({"method": mask_cached(method), "path": mask_cached(path), "status": status}, ensure_ascii=False)
    return head[1:-1], tail[1:-1]


_ts_cache: tuple[int, str] = (-1, "")  # (a second since the epoch, its ISO text): one tuple, swapped whole


def _iso_ts(now: float) -> str:
    """``datetime.fromtimestamp(now, timezone.utc).isoformat(timespec="milliseconds")``, with the
    part up to the second computed once a second."""
    global _ts_cache
    second = int(now)
    cached_second, prefix = _ts_cache
    if second != cached_second:
        prefix = datetime.fromtimestamp(second, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
        _ts_cache = (second, prefix)
    return f"{prefix}.{int((now - second) * 1000):03d}+00:00"


def request_id_middleware(logger_name: str = ACCESS_LOGGER):
    """An aiohttp middleware: request id in/out, one access log line per request."""
    from aiohttp import web

    access = AccessLog(logger_name)

    @web.middleware
    async def middleware(request: web.Request, handler):
        request_id = incoming_request_id(request.headers.get(REQUEST_ID_HEADER))
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        status = 500
        try:
            response = await handler(request)
            status = response.status
            if not response.prepared:
                response.headers[REQUEST_ID_HEADER] = request_id
            return response
        except web.HTTPException as exc:  # 404, 405, 413 … raised by aiohttp or a handler
            status = exc.status
            exc.headers[REQUEST_ID_HEADER] = request_id
            raise
        except BaseException as exc:  # CancelledError (client went away) or a bug: aiohttp answers 500
            status = 499 if isinstance(exc, _cancelled_types()) else 500
            raise
        finally:
            access.write(request.method, request.path, status, started, request_id)
            request_id_var.reset(token)

    return middleware


def _cancelled_types() -> tuple[type[BaseException], ...]:
    import asyncio

    return (asyncio.CancelledError,)


_on_secrets_change(_access_parts.cache_clear)  # a secret hidden later must not survive in a cached line
