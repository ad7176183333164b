"""What every log line goes through: masking (secrets, then personal data), the handler's filter
that masks a record and attaches the request id, the JSON formatter, and the access lines waiting to
be written in one go. ``bot.logs`` configures logging with these and writes the access log."""
from __future__ import annotations

import asyncio
import atexit
import contextvars
import json
import logging
import threading
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any

from .privacy import mask as _mask_personal
from .redact import on_change as _on_secrets_change
from .redact import redact


def mask(text: str) -> str:
    """Secrets, then personal data, masked: what every text of a log line goes through."""
    return _mask_personal(redact(text))


# the id of the request being handled (bot.logs binds it for each request); None outside one
request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)

# Attributes every LogRecord has; anything else on a record came from ``extra={…}``.
_STANDARD_ATTRS = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "request_id",
    "taskName",
}


def current_request_id() -> str | None:
    """The id of the request being handled in this context, or None outside a request."""
    return request_id_var.get()


@lru_cache(maxsize=4096)
def _mask_short(text: str) -> str:
    return mask(text)


def mask_cached(text: str) -> str:
    """``mask``; short strings (methods, paths, the access line, most messages) repeat from request
    to request, so their results are cached (bounded, process memory only)."""
    return _mask_short(text) if len(text) <= 256 else mask(text)


def _masked(value: Any, depth: int = 0) -> Any:
    """``value`` with every string inside it masked; other scalars kept as they are."""
    if isinstance(value, str):
        return mask_cached(value)
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if depth > 4:  # a log extra is never legitimately this deep; do not recurse forever
        return mask(repr(value))
    if isinstance(value, dict):
        return {mask_cached(str(k)): _masked(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_masked(v, depth + 1) for v in value]
    return mask(str(value))


class PrivacyFilter(logging.Filter):
    """Mask the message, the extras and the traceback of every record; attach the request id."""

    def filter(self, record: logging.LogRecord) -> bool:
        if pending_access_lines.lines:  # access lines still waiting go out first: the file keeps its order
            pending_access_lines.flush()
        if getattr(record, "_masked", False):  # several handlers share one record
            return True
        _quiet_client_error(record)
        try:
            message = record.getMessage()
        except Exception:  # a bad %-format must not lose the line
            message = f"{record.msg!r} {record.args!r}"
        record.msg = mask_cached(message)
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
            record.request_id = request_id_var.get()
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
            "request_id": getattr(record, "request_id", None) or request_id_var.get(),
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


class _PendingLines:
    """Access lines of one event-loop iteration, written to their handler's stream in one write.

    A write system call per line was the largest single cost of the access log (~5 µs of CPU a
    request, more under load than the line itself). Lines of the requests finished in one pass of
    the event loop are joined and written by a callback at the end of that pass, before the loop
    waits for the network again: microseconds later, never after the next request starts. Any
    other record that reaches our handler (PrivacyFilter runs first) writes the waiting lines
    before itself, so the file keeps the order things happened in; a handler change, a different
    loop, or the process exiting write them too.
    """

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.handler: logging.StreamHandler | None = None
        self.loop: asyncio.AbstractEventLoop | None = None
        self._lock = threading.Lock()

    def add(self, handler: logging.StreamHandler, line: str) -> bool:
        """Queue ``line`` for ``handler``; False when there is no running loop (write it now)."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return False
        if self.lines and (handler is not self.handler or loop is not self.loop):
            self.flush()
        with self._lock:
            self.lines.append(line)
            if len(self.lines) > 1:
                return True
            self.handler, self.loop = handler, loop
        loop.call_soon(self.flush)
        return True

    def flush(self) -> None:
        with self._lock:
            lines, handler = self.lines, self.handler
            self.lines = []
        if not lines or handler is None:
            return
        try:
            with handler.lock:
                stream = handler.stream
                stream.write("".join(lines))
                stream.flush()
        except Exception:  # a closed or broken stream: reported the way StreamHandler.emit does
            handler.handleError(logging.makeLogRecord({"msg": "%d access lines", "args": (len(lines),)}))


pending_access_lines = _PendingLines()  # bot.logs's AccessLog adds to it
atexit.register(pending_access_lines.flush)


def _forget_masked() -> None:
    _mask_short.cache_clear()


_on_secrets_change(_forget_masked)  # a secret hidden later must not survive in a cached line
