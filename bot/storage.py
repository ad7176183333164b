"""The bot's own storage: sessions, a masked message log, unanswered questions, 👍/👎 feedback.

SQLite through sqlite-utils, one file under the data directory (``Store(path)``), or in memory
(``Store(None)``) for tests and benchmarks. sqlite-utils creates and migrates the tables; the per-turn
writes are plain parameterised statements on the same connection, because they sit on the hot path
of every message.

Every text that reaches a table goes through ``bot.privacy.mask`` first — in this module, so no
caller can forget it. A turn (the session state and the messages of that turn) is written in one
transaction: after a crash a session is either the old one or the new one, never half of each.
File databases run in WAL mode, so a reader (the staff page) never blocks the chat.
"""
from __future__ import annotations

import json
import os
import sqlite3
import threading
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable

import sqlite_utils

from .privacy import mask

DB_FILENAME = "applicant-bot.db"
APP_NAME = "applicant-bot"


def default_data_dir() -> Path:
    """``APPLICANT_BOT_DATA_DIR`` or the per-user data folder (platformdirs) of "applicant-bot"."""
    configured = os.environ.get("APPLICANT_BOT_DATA_DIR", "").strip()
    if configured:
        return Path(configured).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return default_data_dir() / DB_FILENAME


def _now_iso() -> str:
    return datetime.now().isoformat(timespec="seconds")


class Store:
    """Sessions, message log, unanswered questions and feedback in one SQLite database.

    Thread-safe: one connection guarded by a lock (SQLite serialises writers anyway, and every
    operation here is short).
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else None
        if self.path is None:
            conn = sqlite3.connect(":memory:", check_same_thread=False)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(self.path), check_same_thread=False, timeout=10)
        self._conn = conn
        self._lock = threading.RLock()
        self.db = sqlite_utils.Database(conn)
        if self.path is not None:
            self.db.enable_wal()
            # WAL + NORMAL: a committed turn survives a process crash (kill -9); only a power cut
            # can lose the last few, and never corrupts the file.
            conn.execute("PRAGMA synchronous=NORMAL")
        self._create_tables()

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
        db["messages"].create_index(["session", "id"], if_not_exists=True)
        db["unanswered"].create_index(["at"], if_not_exists=True)

    # -- sessions ----------------------------------------------------------------------------

    def load_session(self, session_id: str) -> dict[str, Any] | None:
        """The saved state of a session, or None when there is none (or it cannot be read)."""
        with self._lock:
            row = self._conn.execute("SELECT state FROM sessions WHERE id = ?", (session_id,)).fetchone()
        if row is None:
            return None
        try:
            state = json.loads(row[0])
        except (TypeError, ValueError):
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
    ) -> None:
        """Save the new session state and log the turn's messages, all in one transaction."""
        stamp = at.isoformat(timespec="seconds") if at else _now_iso()
        state_json = json.dumps(state, ensure_ascii=False, separators=(",", ":"))
        rows = []
        if incoming is not None:
            rows.append((session_id, "in", mask(incoming), intent, confidence, channel, stamp))
        rows.extend((session_id, "out", mask(text), intent, confidence, channel, stamp) for text in outgoing)
        with self._lock, self._conn:
            self._conn.execute(
                "INSERT INTO sessions (id, state, channel, created_at, updated_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET state = excluded.state, channel = excluded.channel, "
                "updated_at = excluded.updated_at",
                (session_id, state_json, channel, stamp, stamp),
            )
            if rows:
                self._conn.executemany(
                    "INSERT INTO messages (session, direction, text, intent, confidence, channel, at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    rows,
                )

    def delete_session(self, session_id: str) -> None:
        with self._lock, self._conn:
            self._conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))

    # -- unanswered questions ----------------------------------------------------------------

    def add_unanswered(
        self,
        session_id: str,
        text: str,
        *,
        channel: str,
        best_guess: Iterable[str] = (),
        reason: str = "low_confidence",
        at: datetime | None = None,
    ) -> None:
        stamp = at.isoformat(timespec="seconds") if at else _now_iso()
        with self._lock, self._conn:
            self._conn.execute(
                "INSERT INTO unanswered (session, text, channel, at, best_guess, reason) VALUES (?, ?, ?, ?, ?, ?)",
                (session_id, mask(text), channel, stamp, ",".join(best_guess), reason),
            )

    def list_unanswered(self, limit: int = 100) -> list[dict[str, Any]]:
        """Newest first: ``{"id", "session", "text", "channel", "at"}`` (plus best_guess, reason)."""
        with self._lock:
            cursor = self._conn.execute(
                "SELECT id, session, text, channel, at, best_guess, reason FROM unanswered "
                "ORDER BY id DESC LIMIT ?",
                (max(0, int(limit)),),
            )
            names = [c[0] for c in cursor.description]
            return [dict(zip(names, row)) for row in cursor.fetchall()]

    # -- feedback ----------------------------------------------------------------------------

    def add_feedback(
        self,
        session_id: str,
        value: int,
        *,
        note: str = "",
        intent: str | None = None,
        channel: str = "api",
        at: datetime | None = None,
    ) -> None:
        if value not in (1, -1):
            raise ValueError("feedback value must be +1 or -1")
        stamp = at.isoformat(timespec="seconds") if at else _now_iso()
        with self._lock, self._conn:
            self._conn.execute(
                "INSERT INTO feedback (session, value, note, intent, channel, at) VALUES (?, ?, ?, ?, ?, ?)",
                (session_id, value, mask(note), intent, channel, stamp),
            )

    def list_feedback(self, limit: int = 100) -> list[dict[str, Any]]:
        with self._lock:
            cursor = self._conn.execute(
                "SELECT id, session, value, note, intent, channel, at FROM feedback ORDER BY id DESC LIMIT ?",
                (max(0, int(limit)),),
            )
            names = [c[0] for c in cursor.description]
            return [dict(zip(names, row)) for row in cursor.fetchall()]

    # -- reading the log (staff, tests) ------------------------------------------------------

    def messages(self, session_id: str | None = None, limit: int = 1000) -> list[dict[str, Any]]:
        """Logged messages in order (masked text), optionally of one session."""
        sql = "SELECT id, session, direction, text, intent, confidence, channel, at FROM messages"
        params: tuple[Any, ...] = ()
        if session_id is not None:
            sql += " WHERE session = ?"
            params = (session_id,)
        sql += " ORDER BY id LIMIT ?"
        with self._lock:
            cursor = self._conn.execute(sql, (*params, max(0, int(limit))))
            names = [c[0] for c in cursor.description]
            return [dict(zip(names, row)) for row in cursor.fetchall()]

    def close(self) -> None:
        with self._lock:
            try:
                self._conn.close()
            except sqlite3.Error:  # pragma: no cover - closing twice or during shutdown
                pass

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
