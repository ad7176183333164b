"""Structured logs: one JSON object a line, a request id on every line, personal data masked.

    configure_logging(level="INFO", stream=None, path=None) -> logging.Handler
    request_id_middleware(logger_name="applicant_bot.access") -> aiohttp middleware
    current_request_id() -> str | None

Every line looks like (``ts`` in UTC)
``{"ts": "2023-03-01T01:00:00.123+00:00", "level": "INFO", "logger": "…", "msg": "…",
"request_id": "…", …extras}``. Extras are whatever a caller passed as ``extra={…}``.

Privacy: the handler's filter runs the formatted message, every extra (nested lists/dicts too) and
any traceback through ``bot.privacy.mask`` before the formatter sees them, so a 주민등록번호, phone
number, e-mail or certificate number never reaches a log line, whoever logged it. The filter sits
on the *handler* (not a logger) because logger filters do not see records propagated from child
loggers.

The middleware takes the caller's ``X-Request-Id`` when it is a short token (letters, digits,
``._-``; anything else could smuggle text into the logs), otherwise makes one, keeps it in a context
variable for the duration of the request (so the engine's log lines carry it too), returns it as
``X-Request-Id`` and writes one access line per request: method, path, status, duration_ms.
"""
from __future__ import annotations

import contextvars
import json
import logging
import re
import sys
import time
import itertools
import secrets
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from .privacy import mask

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
_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)
_VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._\-]{1,64}")

# Attributes every LogRecord has; anything else on a record came from ``extra={…}``.
_STANDARD_ATTRS = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "request_id",
    "taskName",
}


def current_request_id() -> str | None:
    """The id of the request being handled in this context, or None outside a request."""
    return _request_id.get()


@lru_cache(maxsize=4096)
def _mask_short(text: str) -> str:
    return mask(text)


def _mask(text: str) -> str:
    """``mask``; short strings (methods, paths, the access line, most messages) repeat from request
    to request, so their results are cached (bounded, process memory only)."""
    return _mask_short(text) if len(text) <= 256 else mask(text)


def _masked(value: Any, depth: int = 0) -> Any:
    """``value`` with every string inside it masked; other scalars kept as they are."""
    if isinstance(value, str):
        return _mask(value)
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if depth > 4:  # a log extra is never legitimately this deep; do not recurse forever
        return mask(repr(value))
    if isinstance(value, dict):
        return {_mask(str(k)): _masked(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_masked(v, depth + 1) for v in value]
    return mask(str(value))


class PrivacyFilter(logging.Filter):
    """Mask the message, the extras and the traceback of every record; attach the request id."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "_masked", False):  # several handlers share one record
            return True
        _quiet_client_error(record)
        try:
            message = record.getMessage()
        except Exception:  # a bad %-format must not lose the line
            message = f"{record.msg!r} {record.args!r}"
        record.msg = _mask(message)
        record.args = None
        for key, value in list(vars(record).items()):
            if key not in _STANDARD_ATTRS and not key.startswith("_"):
                setattr(record, key, _masked(value))
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask(record.exc_text)
        record.exc_info = None  # the masked text above is all a formatter may print
        if record.stack_info:
            record.stack_info = mask(record.stack_info)
        if getattr(record, "request_id", None) is None:
            record.request_id = _request_id.get()
        record._masked = True
        return True


def _quiet_client_error(record: logging.LogRecord) -> None:
    """aiohttp logs a malformed HTTP request (bad header, bad chunk size, a NUL in the path …) as an
    ERROR with a traceback, though it answers 400 and nothing is wrong with the server. Anyone could
    fill the error log that way, so such records become one WARNING line with the parser's reason."""
    if record.name != "aiohttp.server" or not record.exc_info:
        return
    exc = record.exc_info[1]
    status = getattr(exc, "code", None) or getattr(exc, "status", None)
    if type(exc).__module__.startswith("aiohttp") and isinstance(status, int) and 400 <= status < 500:
        reason = str(getattr(exc, "message", "") or exc).strip().splitlines()[0][:200]
        record.msg, record.args = "%s: %s %s", (record.getMessage(), status, reason)
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info, record.exc_text = None, None


class JsonFormatter(logging.Formatter):
    """One JSON object a line (newlines inside values are escaped by JSON itself)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or _request_id.get(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD_ATTRS and not key.startswith("_") and key not in entry:
                entry[key] = value
        if record.exc_text:
            entry["exc"] = record.exc_text
        elif record.exc_info:  # a record that did not pass the filter: still no raw traceback
            entry["exc"] = mask(self.formatException(record.exc_info))
        if record.stack_info:
            entry["stack"] = record.stack_info
        return json.dumps(entry, ensure_ascii=False, default=lambda v: mask(str(v)))


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


def _incoming_request_id(value: str | None) -> str:
    if value and _VALID_REQUEST_ID.fullmatch(value) and _mask(value) == value:  # no phone number as an id
        return value
    return f"{_ID_PREFIX}-{next(_ID_COUNTER):x}"


def request_id_middleware(logger_name: str = ACCESS_LOGGER):
    """An aiohttp middleware: request id in/out, one access log line per request."""
    from aiohttp import web

    access = logging.getLogger(logger_name)

    @web.middleware
    async def middleware(request: web.Request, handler):
        request_id = _incoming_request_id(request.headers.get(REQUEST_ID_HEADER))
        token = _request_id.set(request_id)
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
            if access.isEnabledFor(logging.INFO):
                # Built here rather than with access.info(): no caller lookup on every request.
                record = logging.LogRecord(access.name, logging.INFO, __file__, 0, "%s %s %d",
                                           (request.method, request.path, status), None)
                record.method, record.path, record.status = request.method, request.path, status
                record.duration_ms = round((time.perf_counter() - started) * 1000, 2)
                record.request_id = request_id
                access.handle(record)
            _request_id.reset(token)

    return middleware


def _cancelled_types() -> tuple[type[BaseException], ...]:
    import asyncio

    return (asyncio.CancelledError,)
