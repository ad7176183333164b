"""Per-session and per-client rate limits for the web API (token buckets, bounded memory).

    parse_rate_limit(text) -> RateLimits | None          # None = off
    rate_limit_middleware(limits, *, paths=("/api/",)) -> aiohttp middleware

``APPLICANT_BOT_RATE_LIMIT`` (``bot.config`` checks it at start: ``N/S`` or ``off``):

    unset or ""                          the default: 30/60 (session), 300/60 (client)
    off  (also 0, false, no, none)       no limit at all (the benchmark runs like this)
    N/S                                  N messages per S seconds for each session, and
                                         CLIENT_MULTIPLIER × N per S seconds for each client
    this module also reads               20/minute, 5 per second, 20/10s, and the two apart:
                                         session=20/min; client=200/min (``client=off`` …)

A limit "N per period" is a token bucket of N tokens refilled at N per period: a burst of N is
fine, then one request per period/N. A session is the ``session`` field of the JSON body of a POST
(the chat API); a client is its address as ``bot.web.clientip`` resolved it through trusted
proxies (the TCP peer without them). The client limit is generous on purpose: a school or an office puts many
applicants behind one address.

Over the limit the answer is ``429`` with ``Retry-After`` (whole seconds, at least 1) and
``{"error": "rate_limited", "message": "<polite Korean>", "retry_after": N}``.

Memory is bounded: keys live in an LRU ordered by last use; a key whose bucket has refilled is
indistinguishable from a new one and is dropped by a sweep every few hundred requests, and at most
``max_keys`` keys are kept (the oldest go first).
"""
from __future__ import annotations

import json
import math
import re
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Callable

from aiohttp import web

from .clientip import client_ip

__all__ = [
    "Rate",
    "RateLimits",
    "TokenBuckets",
    "as_rate_limits",
    "parse_rate_limit",
    "rate_limit_middleware",
    "DEFAULT_RATE_LIMITS",
]


@dataclass(frozen=True)
class Rate:
    requests: int
    per_seconds: float

    def __str__(self) -> str:
        return f"{self.requests}/{self.per_seconds:g}s"


@dataclass(frozen=True)
class RateLimits:
    session: Rate | None
    client: Rate | None


# Many applicants can share one address (a school, an office, a mobile carrier's NAT).
CLIENT_MULTIPLIER = 10
DEFAULT_RATE_LIMITS = RateLimits(session=Rate(30, 60.0), client=Rate(30 * CLIENT_MULTIPLIER, 60.0))
_OFF_WORDS = {"off", "0", "false", "no", "none", "disabled", "disable"}
_UNITS = {
    "s": 1.0, "sec": 1.0, "secs": 1.0, "second": 1.0, "seconds": 1.0,
    "m": 60.0, "min": 60.0, "mins": 60.0, "minute": 60.0, "minutes": 60.0,
    "h": 3600.0, "hr": 3600.0, "hour": 3600.0, "hours": 3600.0,
}
_RATE = re.compile(r"(\d+)\s*(?:/|per)\s*(\d+(?:\.\d+)?)?\s*([a-z]*)")


def _parse_rate(text: str, whole: str) -> Rate | None:
    text = text.strip().lower()
    if text in _OFF_WORDS:
        return None
    m = _RATE.fullmatch(text)
    if not m or not (m.group(2) or m.group(3)) or (m.group(3) or "s") not in _UNITS:
        raise ValueError(
            f"APPLICANT_BOT_RATE_LIMIT={whole!r}: cannot read {text!r}; "
            "write e.g. '30/minute', 'session=30/min; client=300/min' or 'off'"
        )
    requests = int(m.group(1))
    period = float(m.group(2) or 1) * _UNITS[m.group(3) or "s"]
    if requests <= 0 or period <= 0:
        return None
    return Rate(requests, period)


def parse_rate_limit(text: str | None) -> RateLimits | None:
    """The limits ``APPLICANT_BOT_RATE_LIMIT`` asks for; ``None`` when they are off. Raises
    ``ValueError`` (naming the variable) on a value it cannot read: a typo must not silently
    remove the protection."""
    if text is None or not text.strip():
        return DEFAULT_RATE_LIMITS
    whole = text
    text = text.strip()
    if text.lower() in _OFF_WORDS:
        return None
    parts = [p for p in re.split(r"[;,]", text) if p.strip()]
    if len(parts) == 1 and "=" not in parts[0]:
        rate = _parse_rate(parts[0], whole)
        return None if rate is None else _from_session_rate(rate)
    values = {"session": DEFAULT_RATE_LIMITS.session, "client": DEFAULT_RATE_LIMITS.client}
    for part in parts:
        key, sep, value = part.partition("=")
        key = key.strip().lower()
        if not sep or key not in values:
            raise ValueError(
                f"APPLICANT_BOT_RATE_LIMIT={whole!r}: {part.strip()!r} is not 'session=…' or 'client=…'"
            )
        values[key] = _parse_rate(value, whole)
    if values["session"] is None and values["client"] is None:
        return None
    return RateLimits(**values)


def _from_session_rate(rate: Rate) -> RateLimits:
    return RateLimits(session=rate, client=Rate(rate.requests * CLIENT_MULTIPLIER, rate.per_seconds))


def as_rate_limits(value) -> RateLimits | None:
    """``RateLimits`` from what a caller has: ours, the raw variable text, or ``bot.config``'s
    ``RateLimit(requests, seconds)`` (any object with those two attributes); None = off."""
    if value is None or isinstance(value, RateLimits):
        return value
    if isinstance(value, str):
        return parse_rate_limit(value)
    requests, seconds = getattr(value, "requests", None), getattr(value, "seconds", None)
    if isinstance(requests, int) and isinstance(seconds, (int, float)) and requests > 0 and seconds > 0:
        return _from_session_rate(Rate(requests, float(seconds)))
    raise TypeError(f"not a rate limit: {value!r}")


class TokenBuckets:
    """Token buckets keyed by a string, all with one rate; memory bounded by ``max_keys``."""

    SWEEP_EVERY = 256

    def __init__(self, rate: Rate, *, max_keys: int = 50_000, clock: Callable[[], float] = time.monotonic):
        self.capacity = float(rate.requests)
        self.refill_per_second = rate.requests / rate.per_seconds
        self.full_after = rate.per_seconds  # an idle bucket is full again after one period
        self.max_keys = max_keys
        self.clock = clock
        # key -> (tokens, time of the last update); ordered from least to most recently used
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._calls = 0

    def __len__(self) -> int:
        return len(self._buckets)

    def take(self, key: str) -> float:
        """Take one token for ``key``. Returns 0.0 when allowed, otherwise the seconds to wait."""
        now = self.clock()
        buckets = self._buckets
        entry = buckets.get(key)
        if entry is None:
            tokens = self.capacity
        else:
            tokens = min(self.capacity, entry[0] + (now - entry[1]) * self.refill_per_second)
            buckets.move_to_end(key)
        if tokens >= 1.0:
            buckets[key] = (tokens - 1.0, now)
            wait = 0.0
        else:
            buckets[key] = (tokens, now)
            wait = (1.0 - tokens) / self.refill_per_second
        self._calls += 1
        if self._calls % self.SWEEP_EVERY == 0 or len(buckets) > self.max_keys:
            self._sweep(now)
        return wait

    def wait(self, key: str) -> float:
        """The seconds until ``key`` has a token again, without taking one (0.0: it has one now)."""
        entry = self._buckets.get(key)
        if entry is None:
            return 0.0
        tokens = min(self.capacity, entry[0] + (self.clock() - entry[1]) * self.refill_per_second)
        return 0.0 if tokens >= 1.0 else (1.0 - tokens) / self.refill_per_second

    def _sweep(self, now: float) -> None:
        buckets = self._buckets
        # Least recently used first: stop at the first key that was used within one period.
        while buckets:
            key, (_, last) = next(iter(buckets.items()))
            if now - last < self.full_after and len(buckets) <= self.max_keys:
                break
            del buckets[key]


def _too_many(wait: float, scope: str):
    seconds = max(1, math.ceil(wait))
    body = {
        "error": "rate_limited",
        "message": f"요청이 너무 많아요. {seconds}초 뒤에 다시 보내 주세요.",
        "retry_after": seconds,
        "scope": scope,
    }
    return web.json_response(body, status=429, headers={"Retry-After": str(seconds)})


# Bodies larger than this are not opened for a session (the handler refuses them anyway).
MAX_PEEK_BYTES = 64 * 1024


PARSED_BODY = web.RequestKey("parsed_json_body", object)  # the request's JSON body, once parsed


async def _session_of(request) -> str | None:
    """The ``session`` field of a JSON body, or None (the handler itself answers a bad body).

    The body is read through ``request.read()``, which keeps it for the handler. Only a JSON body
    of a declared, small length is opened: a chunked or huge one is left to the handler, so this
    never turns a 413/415 into something else."""
    if (
        request.method != "POST"
        or request.content_type != "application/json"
        or request.content_length is None
        or request.content_length > MAX_PEEK_BYTES
    ):
        return None
    try:
        data = json.loads((await request.read()).decode("utf-8"))
    except (ValueError, RecursionError):  # malformed, not UTF-8, nested too deep: the handler says so
        return None
    request[PARSED_BODY] = data  # parsed exactly as the handler would: it takes this one
    if isinstance(data, dict) and isinstance(data.get("session"), (str, int)):
        return str(data["session"])[:200]
    return None


def rate_limit_middleware(
    limits,
    *,
    paths: tuple[str, ...] = ("/api/",),
    max_keys: int = 50_000,
    clock: Callable[[], float] = time.monotonic,
    refused: Callable[[str], None] | None = None,
):
    """An aiohttp middleware enforcing ``limits`` on requests whose path starts with one of
    ``paths``. ``limits``: anything ``as_rate_limits`` takes (``settings.rate_limit`` as it is).
    ``refused(scope)`` hears of every 429 ("session" or "client"; bot.metrics counts them).
    Off → a pass-through middleware (so the app factory need not branch). Put it after
    ``client_ip_middleware`` so the client is the real one behind a trusted proxy."""
    limits = as_rate_limits(limits)
    per_session = TokenBuckets(limits.session, max_keys=max_keys, clock=clock) if limits and limits.session else None
    per_client = TokenBuckets(limits.client, max_keys=max_keys, clock=clock) if limits and limits.client else None

    active = per_session is not None or per_client is not None

    @web.middleware
    async def middleware(request: web.Request, handler):
        if active and request.method != "OPTIONS" and request.path.startswith(paths):
            if per_client is not None:
                wait = per_client.take(client_ip(request) or "?")
                if wait:
                    if refused is not None:
                        refused("client")
                    return _too_many(wait, "client")
            if per_session is not None:
                session = await _session_of(request)
                if session is not None:
                    wait = per_session.take(session)
                    if wait:
                        if refused is not None:
                            refused("session")
                        return _too_many(wait, "session")
        return await handler(request)

    middleware.active = active  # type: ignore[attr-defined]  # off: the app leaves it out
    middleware.per_session = per_session  # type: ignore[attr-defined]  # for tests and metrics
    middleware.per_client = per_client  # type: ignore[attr-defined]
    return middleware
