"""The outbox's sender: delivers every chat's calls in order, within Telegram's limits, until each
one is accepted or given up.

One loop claims the due head of each chat (``TelegramOutbox.claim``: a lease, so a later process on
a shared database skips chats someone else is sending to) and sends each in its own task; a chat's
next call is claimed only once its head is gone. Pacing: ~1 message a second per chat (a burst of
3 allowed, as Telegram does; edits and button answers are not messages to the chat) and 30 calls a
second for the bot, Telegram's published limits. A 429 sets the next try of that chat alone to what
Telegram asked; other chats keep flowing. Failures go through ``delivery.judge``: a retry waits an
exponential backoff, and a reply still failing after its budget (APPLICANT_BOT_TELEGRAM_GIVE_UP_AFTER)
or refused for good (403, 400) is kept as failed with its reason. Every failure is logged with the
chat and the update it answers.
"""
from __future__ import annotations

import asyncio
import logging
import os
import random
import secrets
import socket
import time
from dataclasses import dataclass
from typing import Any, Callable

from telegram import InlineKeyboardMarkup, LinkPreviewOptions

from ..outbox import OutboxItem, TelegramOutbox
from ..web.ratelimit import Rate, TokenBuckets
from .delivery import GAVE_UP, Verdict, backoff, judge

log = logging.getLogger(__name__)

PER_CHAT = Rate(3, 3.0)  # a bucket of 3 messages, refilled at one a second
PER_BOT = Rate(30, 1.0)
MAX_IN_FLIGHT = 32
IDLE_CHECK_SECONDS = 5.0  # look for due rows this often even without a wake-up (rows of other processes)
MIN_WAIT_SECONDS = 0.02  # never spin when a due row cannot be claimed yet
METHODS = {"sendMessage": "send_message", "editMessageText": "edit_message_text",
           "answerCallbackQuery": "answer_callback_query"}
CHAT_MESSAGES = {"sendMessage"}  # what counts against a chat's pace (edits and button answers: only the bot's)


@dataclass
class ApiHealth:
    """How the Bot API answered lately, for /healthz: ``unknown`` until the first call, then ``ok``,
    ``failing`` (5xx, timeouts, unreachable) or ``token_refused``."""

    state: str = "unknown"
    last_error: str | None = None
    failing_since: float | None = None

    def ok(self) -> None:
        self.state, self.failing_since = "ok", None

    def failing(self, error: str, *, token_refused: bool = False, now: float | None = None) -> None:
        if self.failing_since is None:
            self.failing_since = time.time() if now is None else now
        self.state, self.last_error = ("token_refused" if token_refused else "failing"), error

    def to_json(self, now: float | None = None) -> dict[str, Any]:
        now = time.time() if now is None else now
        failing_for = round(now - self.failing_since, 1) if self.failing_since is not None else None
        return {"api": self.state, "last_error": self.last_error, "failing_for_s": failing_for}


async def call(bot: Any, method: str, params: dict[str, Any], timeout: float) -> Any:
    """One stored call through python-telegram-bot (its error classes tell 429/403/400/5xx apart)."""
    kwargs = dict(params)
    if "reply_markup" in kwargs:
        kwargs["reply_markup"] = InlineKeyboardMarkup.de_json(kwargs["reply_markup"], None)
    if "link_preview_options" in kwargs:
        kwargs["link_preview_options"] = LinkPreviewOptions(**kwargs["link_preview_options"])
    send = getattr(bot, METHODS[method])
    return await send(**kwargs, read_timeout=timeout, write_timeout=timeout, connect_timeout=timeout,
                      pool_timeout=timeout)


class Sender:
    def __init__(
        self, outbox: TelegramOutbox, bot: Any, *, bot_id: int, health: ApiHealth,
        backoff_seconds: tuple[float, float], give_up_after: float, timeout: float,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.outbox, self.bot, self.bot_id, self.health = outbox, bot, bot_id, health
        self.first_backoff, self.longest_backoff = backoff_seconds
        self.give_up_after, self.timeout, self.clock = give_up_after, timeout, clock
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
        self.lease_seconds = max(60.0, 4 * timeout)  # longer than a send can take, pacing included
        self._wake = asyncio.Event()
        self._stopping = False
        self._loop_task: asyncio.Task | None = None
        self._in_flight: set[asyncio.Task] = set()
        self._chat_pace = TokenBuckets(PER_CHAT)
        self._bot_pace = TokenBuckets(PER_BOT)

    def wake(self) -> None:
        """New rows were committed (or a send finished): look at the outbox now."""
        self._wake.set()

    def start(self) -> asyncio.Task:
        self._loop_task = asyncio.create_task(self._run(), name="telegram-sender")
        return self._loop_task

    async def _run(self) -> None:
        try:
            freed = self.outbox.recover()  # SQLite: one process per data directory (see bot.outbox)
            if freed:
                log.info("resuming %d Telegram sends a previous process had started", freed)
        except Exception:
            log.exception("could not free the outbox leases of a previous process; they run out by themselves")
        while not self._stopping:
            self._wake.clear()
            try:
                wait = self._start_due()
            except Exception:  # the database is unwell (locked, full, gone): look again in a while
                log.exception("could not read the Telegram outbox; trying again in %.0f s", IDLE_CHECK_SECONDS)
                wait = IDLE_CHECK_SECONDS
            try:
                await asyncio.wait_for(self._wake.wait(), max(MIN_WAIT_SECONDS, wait))
            except asyncio.TimeoutError:
                pass

    def _start_due(self) -> float:
        """Claim and start what is due; the seconds until something more may be."""
        free = MAX_IN_FLIGHT - len(self._in_flight)
        for item in self.outbox.claim(self.bot_id, self.owner, now=self.clock(),
                                      lease_seconds=self.lease_seconds, limit=free):
            task = asyncio.create_task(self._deliver(item))
            self._in_flight.add(task)
            task.add_done_callback(self._finished)
        due = self.outbox.next_due(self.bot_id) if free > 0 else None
        return IDLE_CHECK_SECONDS if due is None else min(IDLE_CHECK_SECONDS, due - self.clock())

    def _finished(self, task: asyncio.Task) -> None:
        self._in_flight.discard(task)
        self._wake.set()

    async def stop(self, grace: float = 2.0) -> None:
        """Claim nothing more, let the sends under way finish for ``grace`` seconds, cancel the rest,
        give back the leases (what was not delivered goes out after the next start). The loop is told
        to end rather than cancelled: Python 3.11's ``wait_for`` can swallow a cancellation that
        arrives as its event is set, and the loop would then never end."""
        self._stopping = True
        self._wake.set()
        if self._loop_task is not None:
            await asyncio.gather(self._loop_task, return_exceptions=True)
        if self._in_flight:
            await asyncio.wait(set(self._in_flight), timeout=grace)
        for task in list(self._in_flight):
            task.cancel()
        await asyncio.gather(*self._in_flight, return_exceptions=True)
        try:
            self.outbox.release(self.owner)
        except Exception:  # they run out by themselves
            log.exception("could not give back the outbox leases")

    # -- one call ---------------------------------------------------------------------------------

    async def _deliver(self, item: OutboxItem) -> None:
        try:
            if item.method in CHAT_MESSAGES:
                await _pace(self._chat_pace, str(item.chat_id))
            await _pace(self._bot_pace, "bot")
            try:
                # the client's timeouts are per read: a trickle of bytes must not hold the chat forever
                await asyncio.wait_for(call(self.bot, item.method, item.params, self.timeout), 3 * self.timeout)
            except Exception as error:  # noqa: BLE001 - every failure is judged, none may escape
                self._after_failure(item, judge(error))
            else:
                self.health.ok()
                if not self.outbox.delivered(item, self.owner):
                    log.warning("Telegram %s to chat %s (update %s) was delivered after its lease ran out",
                                item.method, item.chat_id, item.update_id, extra=_where(item))
        except asyncio.CancelledError:
            raise
        except Exception:  # a bug here: the lease runs out and the call is tried again then
            log.exception("could not deliver Telegram %s to chat %s (update %s)", item.method, item.chat_id,
                          item.update_id, extra=_where(item))

    def _after_failure(self, item: OutboxItem, verdict: Verdict) -> None:
        now, owner, tries = self.clock(), self.owner, item.attempts + 1
        where = _where(item, attempt=tries, error=verdict.error)
        if verdict.action == "wait":
            self.outbox.retry(item, owner, at=now + verdict.after, error=verdict.error, count=False)
            log.warning("Telegram asked to wait %.0f s before the next message to chat %s (update %s); "
                        "retrying then", verdict.after, item.chat_id, item.update_id, extra=where)
            return
        if verdict.action == "retry":
            self.health.failing(verdict.error, token_refused=verdict.token_refused, now=now)
        if item.best_effort:  # marking a button, stopping a spinner: not worth holding the answer back
            self.outbox.drop(item, owner)
            log.info("Telegram %s to chat %s (update %s) skipped: %s", item.method, item.chat_id,
                     item.update_id, verdict.error, extra=where)
            return
        if verdict.action == "fail":
            self._give_up(item, verdict.reason or "refused", verdict.error, where)
            return
        delay = backoff(tries, self.first_backoff, self.longest_backoff, random.random())
        age = now - item.created_at
        if age + delay > self.give_up_after:
            self._give_up(item, GAVE_UP, f"{tries} tries over {age:.0f} s, last: {verdict.error}", where)
            return
        self.outbox.retry(item, owner, at=now + delay, error=verdict.error)
        log.warning("Telegram %s to chat %s (update %s) failed (try %d): %s; retry in %.1f s", item.method,
                    item.chat_id, item.update_id, tries, verdict.error, delay, extra=where)

    def _give_up(self, item: OutboxItem, reason: str, error: str, where: dict) -> None:
        self.outbox.fail(item, self.owner, reason=reason, error=error)
        log.error("Telegram reply to chat %s (update %s) not delivered (%s): %s; kept as failed for staff",
                  item.chat_id, item.update_id, reason, error, extra={**where, "reason": reason})


async def _pace(buckets: TokenBuckets, key: str) -> None:
    while (wait := buckets.take(key)) > 0:
        await asyncio.sleep(wait)


def _where(item: OutboxItem, **more: Any) -> dict[str, Any]:
    return {"chat_id": item.chat_id, "update_id": item.update_id, "outbox_id": item.id, "method": item.method, **more}
