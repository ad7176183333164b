"""The listening socket of `serve`: a bound on open connections, slow request heads timed out.

    limits = ConnectionLimits.from_settings(settings)     # reads the descriptor limit once
    server = await listen(runner, host, port, limits)      # asyncio.Server; close() it before runner.cleanup()

Slow or idle clients must not use up the process's file descriptors: at the descriptor limit the
event loop can no longer accept anyone (``/healthz`` included). So:

- **Head timeout** (``APPLICANT_BOT_HEAD_TIMEOUT``): a connection must deliver a complete request
  head within that many seconds of opening, or of its previous answer; an idle keep-alive
  connection is closed after the same time. This is aiohttp's ``keepalive_timeout``, whose clock
  starts when a connection opens and is not reset by the bytes of an unfinished head.
- **Connection bound** (``APPLICANT_BOT_MAX_CONNECTIONS``): at most that many open connections,
  always below the descriptor limit with room to spare (``RESERVED_SHARE``). A connection over the
  bound does not wait: the least recently active connection is closed to make room for it, so a
  crowd of slow or idle sockets gives way to a client that talks — the newest connection is the
  last to go.
- The body timeout is per request, in ``bot.web.front`` (``APPLICANT_BOT_BODY_TIMEOUT``).

Every connection is aiohttp's own ``RequestHandler``; the subclass only tells the bound when a
connection opens, receives bytes and closes, and gives aiohttp's own error answers (a malformed
request line…) the same security headers as the app's answers.
"""
from __future__ import annotations

import asyncio
import logging
import resource
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from .front import set_security_headers

log = logging.getLogger(__name__)

DEFAULT_MAX_CONNECTIONS = 4096
ACCEPT_BACKLOG = 100  # asyncio's default: also how many sockets the loop accepts in one go
# Descriptors kept for everything else. Past the bound, a burst of accepted sockets not yet set up
# and the ones closed to make room for the burst before it are open at once for a moment (up to a
# backlog of each), besides the SQLite files, the log and Telegram's HTTP connections.
RESERVED_SHARE = 4  # a quarter of the limit …
RESERVED_AT_LEAST = 2 * ACCEPT_BACKLOG + 64  # … and never fewer than this


@dataclass(frozen=True)
class ConnectionLimits:
    max_connections: int
    head_timeout: float
    asked: int | None = None  # what APPLICANT_BOT_MAX_CONNECTIONS asked for, when it was more than fits

    @classmethod
    def from_settings(cls, settings: Any, descriptor_limit: int | None = None) -> "ConnectionLimits":
        fits = usable_connections(descriptor_limit)
        asked = settings.max_connections
        wanted = asked if asked is not None else DEFAULT_MAX_CONNECTIONS
        return cls(min(wanted, fits), settings.head_timeout, asked if asked is not None and asked > fits else None)


def usable_connections(descriptor_limit: int | None = None) -> int:
    """How many connections fit under the descriptor limit (the soft RLIMIT_NOFILE by default)."""
    if descriptor_limit is None:
        soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
        descriptor_limit = soft if soft != resource.RLIM_INFINITY else 1 << 20
    reserved = max(RESERVED_AT_LEAST, descriptor_limit // RESERVED_SHARE)
    return max(1, descriptor_limit - reserved)


class ConnectionBound:
    """The open connections, least recently active first; closes the first ones beyond ``limit``."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._open: OrderedDict[_Connection, None] = OrderedDict()
        self.evicted = 0

    def __len__(self) -> int:
        return len(self._open)

    def admit(self, connection: "_Connection") -> None:
        self._open[connection] = None
        while len(self._open) > self.limit:
            oldest, _ = self._open.popitem(last=False)
            self.evicted += 1
            oldest.evict()

    def touch(self, connection: "_Connection") -> None:
        if connection in self._open:
            self._open.move_to_end(connection)

    def discard(self, connection: "_Connection") -> None:
        self._open.pop(connection, None)


class _Connection(web.RequestHandler):
    def __init__(self, manager: web.Server, bound: ConnectionBound, **kwargs: Any) -> None:
        super().__init__(manager, **kwargs)
        self._bound = bound
        self._evicted = False
        # Admitted when the loop creates it, one step before its socket is set up: the sockets
        # closed to make room are freed as early as the loop allows (RESERVED_AT_LEAST counts on it).
        bound.admit(self)

    def evict(self) -> None:
        self._evicted = True
        self.force_close()  # no socket yet: connection_made closes it

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)
        if self._evicted:
            self.force_close()

    def data_received(self, data: bytes) -> None:
        self._bound.touch(self)
        super().data_received(data)

    def connection_lost(self, exc: BaseException | None) -> None:
        self._bound.discard(self)
        super().connection_lost(exc)

    def handle_error(self, request: Any, status: int = 500, exc: BaseException | None = None,
                     message: str | None = None) -> web.StreamResponse:
        response = super().handle_error(request, status, exc, message)
        set_security_headers(getattr(request, "path", ""), response)
        return response


async def listen(runner: web.AppRunner, host: str, port: int, limits: ConnectionLimits,
                 **handler_options: Any) -> asyncio.AbstractServer:
    """Listen on host:port for ``runner`` (after ``runner.setup()``), every connection bounded and
    timed as the module docstring says. ``handler_options`` go to aiohttp's RequestHandler."""
    server = runner.server
    assert server is not None, "runner.setup() first"
    loop = asyncio.get_running_loop()
    bound = ConnectionBound(limits.max_connections)
    # access_log=None: bot.logs writes the access lines (bot.web.front)
    options = {"keepalive_timeout": limits.head_timeout, "access_log": None, **handler_options}

    def connection() -> _Connection:
        return _Connection(server, bound, loop=loop, **options)

    listening = await loop.create_server(connection, host, port, backlog=ACCEPT_BACKLOG, reuse_address=True)
    listening.bound = bound  # type: ignore[attr-defined]  # for metrics and tests
    return listening
