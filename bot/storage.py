"""The bot's own storage: sessions, a masked message log, unanswered questions, 👍/👎 feedback.

SQLite through sqlite-utils, one file under the data directory (``Store(path)``), or in memory
(``Store(None)``) for tests and benchmarks. sqlite-utils creates and migrates the tables; the per-turn
writes are plain parameterised statements on the same connection, because they sit on the hot path
of every message.

Every text that reaches a table goes through ``bot.privacy.mask`` first — in this module and its
mixins (``bot.storage_records``: unanswered questions, feedback, the log; ``bot.storage_upkeep``:
retention), so no caller can forget it. A turn (the session state and the messages of that turn) is written in one
transaction: after a crash a session is either the old one or the new one, never half of each.
File databases run in WAL mode, so a reader (the staff page) never blocks the chat.

Group commit: ``save_turn(..., defer=True)`` keeps a turn pending and ``flush()`` writes everything
pending in one transaction. `serve` answers a web message only after the flush that wrote it
(``bot.groupcommit``), so a crash can lose only turns nobody was answered for, while the turns of one
event-loop pass share a single commit. Without ``defer`` every write is committed before it returns.

``store.outbox`` (``bot.outbox``) keeps the Telegram replies waiting to be delivered; its staged rows
are written by the same ``flush``. ``with store.staging():`` makes what is staged inside it (a turn,
its replies, the update's mark) go out in one flush, or not at all when the block raises.
"""
from __future__ import annotations

import json
import logging
import os
import re
import sqlite3
import threading
from collections import OrderedDict
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable, Iterator

import orjson
import sqlite_utils

from .ownership import DataDirLock
from .outbox import TelegramOutbox
from .privacy import mask_repeated, mask_reply
from .storage_records import StaffRecords, now_iso
from .storage_upkeep import SESSION_ROWS, Upkeep, database_files

DB_FILENAME = "applicant-bot.db"
APP_NAME = "applicant-bot"

log = logging.getLogger(__name__)


def default_data_dir() -> Path:
    """``APPLICANT_BOT_DATA_DIR`` or the per-user data folder (platformdirs) of "applicant-bot"."""
    configured = os.environ.get("APPLICANT_BOT_DATA_DIR", "").strip()
    if configured:
        return Path(configured).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return default_data_dir() / DB_FILENAME


def _dump_state(state: dict[str, Any]) -> str:
    """Compact UTF-8 JSON. orjson writes the same text as json.dumps(ensure_ascii=False) 5x faster
    (BENCHMARKS.md); json takes what orjson refuses (an integer beyond 64 bits someone typed)."""
    try:
        return orjson.dumps(state, option=orjson.OPT_NON_STR_KEYS).decode()
    except TypeError:
        return json.dumps(state, ensure_ascii=False, separators=(",", ":"))


_LONG_NUMBER = re.compile(r"\d{19}")


def _load_state(raw: str) -> Any:
    # orjson would read an integer beyond 64 bits as a float; json keeps it exact
    return json.loads(raw) if _LONG_NUMBER.search(raw) else orjson.loads(raw)


class Store(Upkeep, StaffRecords):
    """Sessions, message log, unanswered questions and feedback in one SQLite database.

    Thread-safe: one connection guarded by a lock (SQLite serialises writers anyway, and every
    operation here is short). Reads flush pending writes first, so a reader always sees them.

    ``exclusive=True`` (serve, purge): take the data directory's owner lock first (bot.ownership;
    raises ``DataDirInUse`` naming the owner) and keep it until ``close()``. The session cache below
    is only sound for the one process that owns the directory.
    """

    state_cache_size = 20_000  # sessions; a state is ~0.3 KB of JSON

    def __init__(self, path: str | Path | None = None, *, exclusive: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self._owner = None
        self.created = self.path is None or not self.path.exists()  # a new, empty database
        self.lost = False  # created in a directory another serve had owned: the old one was lost
        if self.path is None:
            conn = sqlite3.connect(":memory:", check_same_thread=False)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if exclusive:
                self._owner = DataDirLock(self.path.parent).acquire()
                self.created = not self.path.exists()  # now that no one else can create it
                self.lost = self.created and self._owner.used_before
            try:
                conn = sqlite3.connect(str(self.path), check_same_thread=False, timeout=10)
            except BaseException:
                self._release_owner()
                raise
        self._conn = conn
        self._lock = threading.RLock()
        self._closed = False
        # Written by save_turn/add_* and written out together by flush() (one transaction).
        self._pending_sessions: list[tuple] = []
        self._pending_messages: list[tuple] = []
        self._pending_unanswered: list[tuple] = []
        self._pending_feedback: list[tuple] = []
        # The latest state of recently active sessions, so a turn does not read back what this
        # process wrote itself. Sound because one process owns a data directory (see the README).
        self._states: OrderedDict[str, str] = OrderedDict()
        self.outbox = TelegramOutbox(conn, self._lock)
        self.db = sqlite_utils.Database(conn)
        self.last_write_error: str | None = None  # why the last flush failed; None once one succeeds
        try:
            if self.path is not None:
                self.db.enable_wal()
                # WAL + NORMAL: a committed turn survives a process crash (kill -9); only a power cut
                # can lose the last few, and never corrupts the file.
                conn.execute("PRAGMA synchronous=NORMAL")
            self._create_tables()
        except BaseException:
            conn.close()
            self._release_owner()
            raise
        self._files = database_files(self.path) if self.path is not None else {}

    # -- schema ------------------------------------------------------------------------------

    def _create_tables(self) -> None:
        db = self.db
        db["sessions"].create(
            {"id": str, "state": str, "channel": str, "created_at": str, "updated_at": str},
            pk="id",
            if_not_exists=True,
        )
        db["messages"].create(
            {
                "id": int,
                "session": str,
                "direction": str,  # "in" (applicant) / "out" (bot)
                "text": str,  # masked
                "intent": str,
                "confidence": float,
                "channel": str,
                "at": str,
            },
            pk="id",
            if_not_exists=True,
        )
        db["unanswered"].create(
            {
                "id": int,
                "session": str,
                "text": str,  # masked
                "channel": str,
                "at": str,
                "best_guess": str,  # closest intents, for staff triage
                "reason": str,  # "low_confidence" / "out_of_scope" / "failed_slot" …
            },
            pk="id",
            if_not_exists=True,
        )
        db["feedback"].create(
            {"id": int, "session": str, "value": int, "note": str, "intent": str, "channel": str, "at": str},
            pk="id",
            if_not_exists=True,
        )
        # No index on messages(session): nothing in the product reads one session's log back, and
        # keeping one cost ~7 µs of every turn's write (BENCHMARKS.md). An operator's one-off
        # query may scan the table.
        db["unanswered"].create_index(["at"], if_not_exists=True)
        self.outbox.create_tables()

    # -- sessions ----------------------------------------------------------------------------

    def load_session(self, session_id: str) -> dict[str, Any] | None:
        """The saved state of a session, or None when there is none (or it cannot be read)."""
        with self._lock:
            raw = self._states.get(session_id)
            if raw is not None:
                self._states.move_to_end(session_id)
            else:
                row = self._conn.execute("SELECT state FROM sessions WHERE id = ?", (session_id,)).fetchone()
                if row is None:
                    return None
                raw = row[0]
        try:
            state = _load_state(raw)
        except (TypeError, ValueError):  # orjson.JSONDecodeError is a ValueError
            return None  # an unreadable state starts a fresh conversation instead of failing
        return state if isinstance(state, dict) else None

    def save_turn(
        self,
        session_id: str,
        state: dict[str, Any],
        *,
        channel: str,
        incoming: str | None,
        outgoing: Iterable[str] = (),
        intent: str | None = None,
        confidence: float = 0.0,
        at: datetime | None = None,
        defer: bool = False,
    ) -> None:
        """Save the new session state and log the turn's messages, all in one transaction.

        ``defer=True``: keep the turn pending and return at once; it is written with the next
        ``flush()``, together with every other turn pending then (``bot.groupcommit`` flushes once
        per event-loop pass and answers only afterwards). Readers of this store see it at once."""
        stamp = at.isoformat(timespec="seconds") if at else now_iso()
        state_json = _dump_state(state)
        messages = []
        if incoming is not None:
            messages.append((session_id, "in", mask_repeated(incoming), intent, confidence, channel, stamp))
        messages.extend((session_id, "out", mask_reply(text), intent, confidence, channel, stamp) for text in outgoing)
        with self._lock:
            self._pending_sessions.append((session_id, state_json, channel, stamp, stamp))
            self._pending_messages.extend(messages)
            self._remember_state(session_id, state_json)
            if not defer:
                self.flush()

    def flush(self) -> None:
        """Write every pending turn, unanswered question and feedback in one transaction.

        On failure (disk full, a locked file) nothing is dropped: the rows stay pending for the next
        flush, and the error goes to the caller."""
        with self._lock:
            if not (self._pending_sessions or self._pending_messages or self._pending_unanswered
                    or self._pending_feedback or self.outbox.staged):
                return
            try:
                self._write_pending()
            except sqlite3.Error as error:
                self.last_write_error = str(error) or type(error).__name__
                raise
            self.last_write_error = None

    def _write_pending(self) -> None:
        # called by flush() with the lock held; the pending rows are dropped only once committed
        with self._conn:
            if self._pending_sessions:
                self._conn.executemany(
                    "INSERT INTO sessions (id, state, channel, created_at, updated_at) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT(id) DO UPDATE SET state = excluded.state, channel = excluded.channel, "
                    "updated_at = excluded.updated_at",
                    self._pending_sessions,
                )
            if self._pending_messages:
                self._conn.executemany(
                    "INSERT INTO messages (session, direction, text, intent, confidence, channel, at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    self._pending_messages,
                )
            if self._pending_unanswered:
                self._conn.executemany(
                    "INSERT INTO unanswered (session, text, channel, at, best_guess, reason) VALUES (?, ?, ?, ?, ?, ?)",
                    self._pending_unanswered,
                )
            if self._pending_feedback:
                self._conn.executemany(
                    "INSERT INTO feedback (session, value, note, intent, channel, at) VALUES (?, ?, ?, ?, ?, ?)",
                    self._pending_feedback,
                )
            self.outbox.write_staged(self._conn)
        self.outbox.staged_written()
        self._pending_sessions.clear()
        self._pending_messages.clear()
        self._pending_unanswered.clear()
        self._pending_feedback.clear()

    @property
    def pending(self) -> int:
        """Rows waiting for the next flush."""
        with self._lock:
            return (len(self._pending_sessions) + len(self._pending_messages) + len(self._pending_unanswered)
                    + len(self._pending_feedback) + self.outbox.staged)

    @contextmanager
    def staging(self) -> Iterator[None]:
        """Everything staged inside the block (deferred turns, unanswered questions, feedback, outbox
        rows, update marks) is written by one flush: no flush from another thread can fall between
        (the store's lock is held), and if the block raises, what it staged is taken back.

        Deferred writes only: the caller flushes afterwards (its group commit). The lock order is the
        store's lock, then (inside ``engine.handle``) the session's; nothing takes them the other way
        round for the sessions staged here, which only their channel's event loop handles."""
        with self._lock:
            lists = (self._pending_sessions, self._pending_messages, self._pending_unanswered, self._pending_feedback)
            lengths = [len(rows) for rows in lists]
            outbox_mark = self.outbox.staged_mark()
            try:
                yield
            except BaseException:
                touched = {row[0] for row in self._pending_sessions[lengths[0]:]}
                for rows, length in zip(lists, lengths):
                    del rows[length:]
                self.outbox.roll_back_to(outbox_mark)
                for session_id in touched:  # the cached state goes back to the last one still to be written
                    earlier = [row[1] for row in self._pending_sessions if row[0] == session_id]
                    if earlier:
                        self._remember_state(session_id, earlier[-1])
                    else:
                        self._states.pop(session_id, None)
                raise

    def _remember_state(self, session_id: str, state_json: str) -> None:
        self._states[session_id] = state_json
        self._states.move_to_end(session_id)
        if len(self._states) > self.state_cache_size:
            self._states.popitem(last=False)

    def delete_session(self, session_id: str) -> None:
        """Forget a conversation: its state, its messages, its unanswered questions and feedback."""
        with self._lock:
            self.flush()
            self._states.pop(session_id, None)
            with self._conn:
                for table, column in SESSION_ROWS:
                    self._conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (session_id,))

    def close(self) -> None:
        """Write what is pending, then close. Idempotent."""
        with self._lock:
            if self._closed:
                return
            try:
                self.flush()
            except sqlite3.Error:
                log.exception("could not write %d pending rows before closing", self.pending)
            self._closed = True
            try:
                self._conn.close()
            except sqlite3.Error:  # pragma: no cover - closing twice or during shutdown
                pass
            self._release_owner()

    def _release_owner(self) -> None:
        if self._owner is not None:
            self._owner.release()
            self._owner = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
