"""What to do after a Bot API call failed, and when to try again — pure functions, no I/O.

``judge(error)`` sorts a failure into: ``wait`` (429: Telegram says when, for that chat), ``retry``
(5xx, a 502 page from a proxy, a timeout, a lost connection, an answer that is not Telegram's JSON:
the next try may work), or ``fail`` (403 the user blocked the bot, 400 chat not found or a request
Telegram will never take: trying again cannot help). ``backoff(attempt, …)`` is the exponential
schedule with jitter, so chats that failed together do not all come back in the same instant.
"""
from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import timedelta

from telegram.error import BadRequest, ChatMigrated, Forbidden, InvalidToken, RetryAfter, TelegramError

# Reasons kept with a failed reply (staff listing, metrics).
BLOCKED = "blocked"  # 403: the user blocked the bot or deleted the account
CHAT_NOT_FOUND = "chat_not_found"  # 400: the chat does not exist (any more)
REFUSED = "refused"  # 400 otherwise: Telegram will not take this request as it is
MIGRATED = "migrated"  # a group became a supergroup
GAVE_UP = "gave_up"  # still failing when its retry budget ran out


@dataclass(frozen=True)
class Verdict:
    action: str  # "wait" | "retry" | "fail"
    error: str  # one line for the log and the staff listing
    reason: str | None = None  # for "fail"
    after: float = 0.0  # for "wait": the seconds Telegram asked for
    token_refused: bool = False


def judge(error: BaseException) -> Verdict:
    text = describe(error)
    if isinstance(error, RetryAfter):
        return Verdict("wait", text, after=max(1.0, _seconds(error)))
    if isinstance(error, Forbidden):
        return Verdict("fail", text, BLOCKED)
    if isinstance(error, ChatMigrated):
        return Verdict("fail", text, MIGRATED)
    if isinstance(error, BadRequest):
        return Verdict("fail", text, CHAT_NOT_FOUND if "chat not found" in text.lower() else REFUSED)
    if isinstance(error, InvalidToken):  # the bot's problem, not the reply's: keep it for later
        return Verdict("retry", text, token_refused=True)
    return Verdict("retry", text)  # NetworkError, TimedOut, other TelegramError, anything unexpected


def describe(error: BaseException) -> str:
    if isinstance(error, (asyncio.TimeoutError, TimeoutError)):
        return "timed out"
    kind = type(error).__name__
    if isinstance(error, TelegramError):
        return f"{kind}: {error.message}"[:300]
    return f"{kind}: {error}"[:300]


def _seconds(error: RetryAfter) -> float:
    value = getattr(error, "_retry_after", None)  # PTB 22 keeps a timedelta; the public int is deprecated
    if isinstance(value, timedelta):
        return value.total_seconds()
    return float(error.retry_after)  # type: ignore[arg-type]


def backoff(attempt: int, first: float, longest: float, jitter: float = 0.5) -> float:
    """Seconds before try ``attempt + 1`` after ``attempt`` failed ones: first, 2×first, 4×first …
    up to ``longest``, each scaled by a factor in [0.8, 1.2] given by ``jitter`` in [0, 1]."""
    base = min(longest, first * 2 ** max(0, attempt - 1))
    return base * (0.8 + 0.4 * min(1.0, max(0.0, jitter)))
