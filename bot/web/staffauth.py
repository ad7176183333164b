"""Who may use the staff page: the token, login sessions that logout really ends, a throttle on guessing.

    StaffSessions()            server-side login sessions behind the staff cookie
      .open() -> cookie value   a new session (random, 12 hours)
      .valid(value) -> bool     the session is open and fresh
      .close(value)             logout: that cookie stops working everywhere, copies included
    LoginThrottle()            failed attempts per client address and in total (token buckets)
      .wait(client) -> float    seconds to wait before trying again (0.0: go ahead)
      .failed(client)           count one failed attempt
    token_matches(given, token) -> bool   constant-time compare

The cookie holds only a random session id; the server keeps the SHA-256 of each open id with its
expiry, so a logout (or the 12 hours) ends the session on the server and a copied cookie is
refused from then on. Sessions live in the process: a restart logs staff out (one process owns a
data directory, so there is no second process to share them with).

Every failed attempt — a wrong token in the login form or a wrong ``Authorization: Bearer`` —
takes a token from the client's bucket and from the global one; while either is empty every
attempt is answered 429 with ``Retry-After`` before the token is even compared, so a right guess
cannot be told from a wrong one. Staff already logged in keep working: their cookie is not an
attempt.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections import OrderedDict
from typing import Callable

from .ratelimit import Rate, TokenBuckets

COOKIE = "applicant_bot_staff"
COOKIE_TTL_SECONDS = 12 * 3600
MAX_SESSIONS = 1000  # staff logins open at once; the oldest goes first beyond that
# A person mistyping gets ten tries, then one a minute; a guesser spread over many addresses
# gets a hundred tries in all, then one every eighteen seconds for everybody.
FAILED_PER_CLIENT = Rate(10, 600.0)
FAILED_IN_TOTAL = Rate(100, 1800.0)
GLOBAL_KEY = "*"


def token_matches(given: str, token: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8"))


def _digest(value: str) -> bytes:
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).digest()


class StaffSessions:
    def __init__(self, ttl: float = COOKIE_TTL_SECONDS, clock: Callable[[], float] = time.time,
                 max_sessions: int = MAX_SESSIONS) -> None:
        self.ttl = ttl
        self.clock = clock
        self.max_sessions = max_sessions
        self._open: OrderedDict[bytes, float] = OrderedDict()  # digest of the id -> expiry, oldest first

    def __len__(self) -> int:
        return len(self._open)

    def open(self) -> str:
        now = self.clock()
        while self._open:  # expired ones first, then the oldest beyond the bound
            digest, expires = next(iter(self._open.items()))
            if expires > now and len(self._open) < self.max_sessions:
                break
            del self._open[digest]
        value = secrets.token_urlsafe(32)
        self._open[_digest(value)] = now + self.ttl
        return value

    def valid(self, value: str | None) -> bool:
        if not value or len(value) > 200:
            return False
        expires = self._open.get(_digest(value))
        return expires is not None and expires > self.clock()

    def close(self, value: str | None) -> None:
        if value and len(value) <= 200:
            self._open.pop(_digest(value), None)


class LoginThrottle:
    def __init__(self, per_client: Rate = FAILED_PER_CLIENT, in_total: Rate = FAILED_IN_TOTAL,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._clients = TokenBuckets(per_client, max_keys=50_000, clock=clock)
        self._total = TokenBuckets(in_total, max_keys=1, clock=clock)

    def wait(self, client: str) -> float:
        return max(self._clients.wait(client), self._total.wait(GLOBAL_KEY))

    def failed(self, client: str) -> None:
        self._clients.take(client)
        self._total.take(GLOBAL_KEY)
