"""The Telegram outbox: Bot API calls waiting to be delivered, in the same database as the turns.

    outbox = store.outbox                       # one per Store, on the store's connection and lock
    with store.staging():                       # one transaction with the turn of the update:
        turn = engine.handle(session, text, defer_commit=True)
        outbox.stage(bot_id, chat_id, update_id, calls)
        outbox.mark_update(bot_id, update_id)
    await group_commit()                        # store.flush(): turn + calls + mark, all or nothing

    items = outbox.claim(bot_id, owner, now=…, lease_seconds=…, limit=…)  # the due head of each chat
    outbox.delivered | retry(at=…) | fail(reason=…) | drop   (item, owner)  # what came of it

A call stays in ``telegram_outbox`` until Telegram accepted it (``delivered`` deletes it) or it is
given up (``fail`` keeps it as ``failed`` with the reason, for staff and metrics). Replies of one chat
go out in the order they were queued: only the oldest pending row of a chat (its *head*) is sent,
the next one only once the head is gone or failed.

``telegram_outbox_chats`` has one row per chat with something pending: when its head may be tried
next (backoff, a 429's retry_after) and who holds its lease. Claiming is a compare-and-set on that
row (``UPDATE … WHERE the lease is free``), so whoever wins sends that chat's head and everyone else
skips the chat: one sender per chat at a time, also for several processes on one database later
(PostgreSQL). Every change of a claimed chat counts only for the owner of its lease; a process that
dies mid-send leaves a lease that runs out after ``lease_seconds``. The chat rows keep the sender's
work proportional to the chats that are due, not to the backlog. In a PostgreSQL backend, staging
and advancing a chat must lock its chat row (``SELECT … FOR UPDATE``), so ids of one chat are
assigned in commit order and no chat row is removed under a row being added. SQLite has a single
owner per data directory (DESIGN.md), so at start every lease left behind is from a dead process
of this directory and ``recover`` frees it at once.

Delivery is at least once: Telegram has no idempotency key, so a call that timed out after Telegram
had accepted it, or a ``kill -9`` between Telegram's answer and ``delivered``, sends it again.

Update marks (``telegram_updates``, the former ledger's table) make a redelivered update a no-op:
``update_state`` is ``new``, ``pending`` (staged, not yet written: wait for the commit) or ``stored``.

The reply texts are masked (``bot.privacy.mask_reply``) before they are stored, like every text of
the store; the engine already masks personal data it would echo, so this changes nothing sent.
"""
from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from html import unescape
from typing import Any, Sequence

from .privacy import mask_reply

KEEP_UPDATE_MARKS_SECONDS = 7 * 24 * 3600  # Telegram keeps an undelivered update for 24 hours at most
PRUNE_MARKS_EVERY = 1000

_COLUMNS = ("id, bot_id, chat_id, update_id, method, params, best_effort, attempts, created_at, last_error")


@dataclass(frozen=True)
class OutboxCall:
    """One Bot API call to make: ``method`` with JSON ``params``. A best-effort call (marking the
    pressed button, stopping its spinner) is dropped on failure instead of being kept as failed."""

    method: str
    params: dict[str, Any]
    best_effort: bool = False


@dataclass(frozen=True)
class OutboxItem:
    id: int
    bot_id: int
    chat_id: int
    update_id: int | None
    method: str
    params: dict[str, Any]
    best_effort: bool
    attempts: int
    created_at: float
    last_error: str | None

    @classmethod
    def from_row(cls, row: tuple) -> "OutboxItem":
        id_, bot_id, chat_id, update_id, method, params, best_effort, attempts, created_at, last_error = row
        return cls(id_, bot_id, chat_id, update_id, method, json.loads(params), bool(best_effort), attempts,
                   created_at, last_error)


class TelegramOutbox:
    """The SQLite outbox. Staged rows live in memory until the store's ``flush`` writes them (inside
    its transaction, through ``write_staged``); every other method is its own short transaction."""

    def __init__(self, conn: Any, lock: threading.RLock) -> None:
        self._conn = conn
        self._lock = lock
        self._staged_calls: list[tuple] = []
        self._staged_marks: list[tuple[int, int, float]] = []
        self._staged_mark_keys: set[tuple[int, int]] = set()
        self._marks_written = 0
        # Counters since this process started, for metrics (Prometheus counters start at 0 anyway).
        self.counters = {"queued": 0, "delivered": 0, "retried": 0, "rate_limited": 0, "failed": 0, "dropped": 0}

    # -- schema -----------------------------------------------------------------------------------

    def create_tables(self) -> None:
        with self._lock, self._conn:
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS telegram_outbox ("
                " id INTEGER PRIMARY KEY AUTOINCREMENT, bot_id INTEGER NOT NULL, chat_id INTEGER NOT NULL,"
                " update_id INTEGER, method TEXT NOT NULL, params TEXT NOT NULL,"
                " best_effort INTEGER NOT NULL DEFAULT 0, status TEXT NOT NULL DEFAULT 'pending',"
                " attempts INTEGER NOT NULL DEFAULT 0, created_at REAL NOT NULL,"
                " last_error TEXT, reason TEXT, failed_at REAL)"
            )
            self._conn.execute("CREATE INDEX IF NOT EXISTS telegram_outbox_chat "
                               "ON telegram_outbox (status, bot_id, chat_id, id)")
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS telegram_outbox_chats ("
                " bot_id INTEGER NOT NULL, chat_id INTEGER NOT NULL, next_attempt_at REAL NOT NULL,"
                " lease_owner TEXT, lease_until REAL, PRIMARY KEY (bot_id, chat_id))"
            )
            self._conn.execute("CREATE INDEX IF NOT EXISTS telegram_outbox_chats_due "
                               "ON telegram_outbox_chats (bot_id, next_attempt_at)")
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS telegram_updates ("
                " bot_id INTEGER NOT NULL, update_id INTEGER NOT NULL, at REAL NOT NULL,"
                " PRIMARY KEY (bot_id, update_id))"
            )

    # -- staging (written by the store's next flush) ------------------------------------------------

    def stage(self, bot_id: int, chat_id: int, update_id: int | None, calls: Sequence[OutboxCall],
              now: float | None = None) -> None:
        """Raises ValueError at once for what SQLite would refuse at the flush (an id beyond 64 bits,
        text that is not UTF-8): one bad row must never make every later flush fail."""
        now = time.time() if now is None else now
        rows = []
        for call in calls:
            params = dict(call.params)
            if isinstance(params.get("text"), str):
                params["text"] = mask_reply(params["text"])
            params_json = json.dumps(params, ensure_ascii=False)
            try:
                params_json.encode("utf-8")
            except UnicodeEncodeError:
                raise ValueError("a call's parameters are not UTF-8 text") from None
            rows.append((_int64(bot_id), _int64(chat_id), None if update_id is None else _int64(update_id),
                         call.method, params_json, int(call.best_effort), now))
        with self._lock:
            self._staged_calls.extend(rows)

    def mark_update(self, bot_id: int, update_id: int, now: float | None = None) -> None:
        with self._lock:
            key = (_int64(bot_id), _int64(update_id))
            if key not in self._staged_mark_keys:
                self._staged_mark_keys.add(key)
                self._staged_marks.append((*key, time.time() if now is None else now))

    def update_state(self, bot_id: int, update_id: int) -> str:
        """``new``, ``pending`` (staged, its flush not yet done) or ``stored``."""
        key = (_int64(bot_id), _int64(update_id))
        with self._lock:
            if key in self._staged_mark_keys:
                return "pending"
            row = self._conn.execute("SELECT 1 FROM telegram_updates WHERE bot_id = ? AND update_id = ?", key).fetchone()
        return "stored" if row else "new"

    @property
    def staged(self) -> int:
        return len(self._staged_calls) + len(self._staged_marks)

    def staged_mark(self) -> tuple[int, int]:
        """Where the staged lists end now (``Store.staging`` rolls back to it on an error)."""
        return len(self._staged_calls), len(self._staged_marks)

    def roll_back_to(self, mark: tuple[int, int]) -> None:
        calls, marks = mark
        del self._staged_calls[calls:]
        for bot_id, update_id, _ in self._staged_marks[marks:]:
            self._staged_mark_keys.discard((bot_id, update_id))
        del self._staged_marks[marks:]

    def write_staged(self, conn: Any) -> None:
        """Inside the store's flush transaction: insert what was staged."""
        if self._staged_calls:
            conn.executemany(
                "INSERT INTO telegram_outbox (bot_id, chat_id, update_id, method, params, best_effort, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                self._staged_calls,
            )
            chats = {(row[0], row[1]): row[6] for row in reversed(self._staged_calls)}  # chat -> its first time
            conn.executemany(  # a chat already waiting keeps its schedule
                "INSERT OR IGNORE INTO telegram_outbox_chats (bot_id, chat_id, next_attempt_at) VALUES (?, ?, ?)",
                [(bot_id, chat_id, at) for (bot_id, chat_id), at in chats.items()],
            )
        if self._staged_marks:
            conn.executemany("INSERT OR IGNORE INTO telegram_updates (bot_id, update_id, at) VALUES (?, ?, ?)",
                             self._staged_marks)
            before, self._marks_written = self._marks_written, self._marks_written + len(self._staged_marks)
            if before // PRUNE_MARKS_EVERY != self._marks_written // PRUNE_MARKS_EVERY:
                conn.execute("DELETE FROM telegram_updates WHERE at < ?", (time.time() - KEEP_UPDATE_MARKS_SECONDS,))

    def staged_written(self) -> None:
        """After the flush committed: the staged rows are in the database now."""
        self.counters["queued"] += len(self._staged_calls)
        self._staged_calls.clear()
        self._staged_marks.clear()
        self._staged_mark_keys.clear()

    # -- the sender's side ------------------------------------------------------------------------

    def claim(self, bot_id: int, owner: str, *, now: float, lease_seconds: float, limit: int) -> list[OutboxItem]:
        """Lease every chat that is due and free (oldest due first, at most ``limit``); its head each."""
        if limit <= 0:
            return []
        claimed = []
        with self._lock, self._conn:
            chats = self._conn.execute(
                "SELECT chat_id FROM telegram_outbox_chats WHERE bot_id = ? AND next_attempt_at <= ?"
                " AND (lease_owner IS NULL OR lease_until < ?) ORDER BY next_attempt_at LIMIT ?",
                (int(bot_id), now, now, int(limit)),
            ).fetchall()
            for (chat_id,) in chats:
                won = self._conn.execute(
                    "UPDATE telegram_outbox_chats SET lease_owner = ?, lease_until = ? WHERE bot_id = ?"
                    " AND chat_id = ? AND (lease_owner IS NULL OR lease_until < ?)",
                    (owner, now + lease_seconds, int(bot_id), chat_id, now),
                ).rowcount
                if not won:
                    continue
                head = self._conn.execute(
                    f"SELECT {_COLUMNS} FROM telegram_outbox WHERE status = 'pending' AND bot_id = ?"
                    " AND chat_id = ? ORDER BY id LIMIT 1", (int(bot_id), chat_id),
                ).fetchone()
                if head is None:  # nothing left after all
                    self._conn.execute("DELETE FROM telegram_outbox_chats WHERE bot_id = ? AND chat_id = ?",
                                       (int(bot_id), chat_id))
                else:
                    claimed.append(OutboxItem.from_row(head))
        return claimed

    def next_due(self, bot_id: int) -> float | None:
        """When the earliest chat nobody holds becomes due (None: none waiting)."""
        with self._lock:
            row = self._conn.execute(
                "SELECT MIN(next_attempt_at) FROM telegram_outbox_chats WHERE bot_id = ? AND lease_owner IS NULL",
                (int(bot_id),),
            ).fetchone()
        return row[0]

    def delivered(self, item: OutboxItem, owner: str, now: float | None = None) -> bool:
        """Telegram accepted it: gone, and the chat's next call is due now. False when the lease had
        run out meanwhile (another sender may have sent it too)."""
        with self._lock, self._conn:
            self._conn.execute("DELETE FROM telegram_outbox WHERE id = ?", (item.id,))
            held = self._advance(item, owner, time.time() if now is None else now)
        self.counters["delivered"] += 1
        return held

    def retry(self, item: OutboxItem, owner: str, *, at: float, error: str, count: bool = True) -> None:
        """Try the chat's head again at ``at``; ``count=False`` for a wait Telegram asked for (429)."""
        with self._lock, self._conn:
            self._conn.execute("UPDATE telegram_outbox SET attempts = ?, last_error = ? WHERE id = ?",
                               (item.attempts + 1, error[:500], item.id))
            self._conn.execute(
                "UPDATE telegram_outbox_chats SET next_attempt_at = ?, lease_owner = NULL, lease_until = NULL"
                " WHERE bot_id = ? AND chat_id = ? AND lease_owner = ?", (at, item.bot_id, item.chat_id, owner),
            )
        self.counters["retried" if count else "rate_limited"] += 1

    def fail(self, item: OutboxItem, owner: str, *, reason: str, error: str, now: float | None = None) -> None:
        """Given up: kept as failed with the reason (``blocked``, ``chat_not_found``, ``gave_up`` …)."""
        now = time.time() if now is None else now
        with self._lock, self._conn:
            self._conn.execute(
                "UPDATE telegram_outbox SET status = 'failed', attempts = ?, reason = ?, last_error = ?, failed_at = ?"
                " WHERE id = ?", (item.attempts + 1, reason, error[:500], now, item.id),
            )
            self._advance(item, owner, now)
        self.counters["failed"] += 1

    def drop(self, item: OutboxItem, owner: str, now: float | None = None) -> None:
        """A best-effort call that did not go through: forgotten."""
        with self._lock, self._conn:
            self._conn.execute("DELETE FROM telegram_outbox WHERE id = ?", (item.id,))
            self._advance(item, owner, time.time() if now is None else now)
        self.counters["dropped"] += 1

    def _advance(self, item: OutboxItem, owner: str, now: float) -> bool:
        """The head is done: free the chat for its next call at once, or forget it when none is left."""
        key = (item.bot_id, item.chat_id)
        more = self._conn.execute("SELECT 1 FROM telegram_outbox WHERE status = 'pending' AND bot_id = ?"
                                  " AND chat_id = ? LIMIT 1", key).fetchone()
        if more:
            sql = ("UPDATE telegram_outbox_chats SET next_attempt_at = ?, lease_owner = NULL, lease_until = NULL"
                   " WHERE bot_id = ? AND chat_id = ? AND lease_owner = ?")
            return self._conn.execute(sql, (now, *key, owner)).rowcount > 0
        sql = "DELETE FROM telegram_outbox_chats WHERE bot_id = ? AND chat_id = ? AND lease_owner = ?"
        return self._conn.execute(sql, (*key, owner)).rowcount > 0

    def release(self, owner: str) -> None:
        """Give back every lease of ``owner`` (a sender stopping)."""
        with self._lock, self._conn:
            self._conn.execute("UPDATE telegram_outbox_chats SET lease_owner = NULL, lease_until = NULL"
                               " WHERE lease_owner = ?", (owner,))

    def recover(self) -> int:
        """SQLite only (one process per data directory), at start: free the leases a dead process
        left behind, and give every pending call a chat row. Returns the leases freed."""
        with self._lock, self._conn:
            freed = self._conn.execute("UPDATE telegram_outbox_chats SET lease_owner = NULL, lease_until = NULL"
                                       " WHERE lease_owner IS NOT NULL").rowcount
            self._conn.execute(
                "INSERT OR IGNORE INTO telegram_outbox_chats (bot_id, chat_id, next_attempt_at)"
                " SELECT bot_id, chat_id, MIN(created_at) FROM telegram_outbox WHERE status = 'pending'"
                " GROUP BY bot_id, chat_id")
        return freed

    # -- staff and metrics ----------------------------------------------------------------------------

    def stats(self, now: float | None = None) -> dict[str, Any]:
        """The backlog (pending, oldest pending age, failed, failed by reason) from the database, and
        the counters of this process since it started (``*_total``). For /healthz and /metrics."""
        now = time.time() if now is None else now
        with self._lock:
            pending, oldest_id = self._conn.execute(  # both from the index: ids grow with time
                "SELECT COUNT(*), MIN(id) FROM telegram_outbox WHERE status = 'pending'").fetchone()
            oldest = None if oldest_id is None else self._conn.execute(
                "SELECT created_at FROM telegram_outbox WHERE id = ?", (oldest_id,)).fetchone()[0]
            by_reason = dict(self._conn.execute(
                "SELECT reason, COUNT(*) FROM telegram_outbox WHERE status = 'failed' GROUP BY reason").fetchall())
            counters = dict(self.counters)
        return {
            "pending": pending,
            "oldest_pending_age_s": round(max(0.0, now - oldest), 1) if oldest is not None else None,
            "failed": sum(by_reason.values()),
            "failed_by_reason": by_reason,
            **{f"{name}_total": value for name, value in counters.items()},
        }

    def purge_failed(self, before: float) -> int:
        """Retention: forget the failed calls given up before ``before`` (epoch seconds)."""
        with self._lock, self._conn:
            return self._conn.execute("DELETE FROM telegram_outbox WHERE status = 'failed' AND failed_at <= ?",
                                      (before,)).rowcount

    def failed(self, limit: int = 100) -> list[dict[str, Any]]:
        """Failed calls, newest first, for staff: the reply as plain text and why it failed."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT id, chat_id, update_id, method, params, attempts, reason, last_error, created_at, failed_at"
                " FROM telegram_outbox WHERE status = 'failed' ORDER BY failed_at DESC, id DESC LIMIT ?",
                (max(0, int(limit)),),
            ).fetchall()
        return [
            {"id": id_, "chat_id": chat_id, "update_id": update_id, "method": method,
             "text": _plain(json.loads(params).get("text", "")), "attempts": attempts, "reason": reason,
             "error": error, "queued_at": _iso(created_at), "failed_at": _iso(failed_at)}
            for id_, chat_id, update_id, method, params, attempts, reason, error, created_at, failed_at in rows
        ]


def _int64(value: int) -> int:
    value = int(value)
    if not -(2 ** 63) <= value < 2 ** 63:
        raise ValueError(f"{value} does not fit in a 64-bit integer")
    return value


def _plain(html_text: str) -> str:
    return unescape(re.sub(r"</?[a-z]+>", "", html_text))


def _iso(stamp: float | None) -> str | None:
    return datetime.fromtimestamp(stamp).isoformat(timespec="seconds") if stamp is not None else None
