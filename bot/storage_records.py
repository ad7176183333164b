"""What staff read of the store: the questions the bot could not answer, 👍/👎 feedback, and the
(masked) message log.

A mixin of ``bot.storage.Store`` (it uses the store's connection, lock and pending rows; ``flush``
writes what it adds), kept apart from storage.py, which is the hot path of every turn. Texts are
masked here, before they are stored, like every text the store keeps.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Iterable

from .clock import seoul_now
from .privacy import mask


def now_iso() -> str:
    # Seoul wall time, real even when the bot's clock is frozen (--now): retention counts real days.
    return seoul_now().isoformat(timespec="seconds")


def _rows(cursor) -> list[dict[str, Any]]:
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


class StaffRecords:
    """Unanswered questions, feedback and the message log for ``Store`` (see the module doc)."""

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
        defer: bool = False,
    ) -> None:
        stamp = at.isoformat(timespec="seconds") if at else now_iso()
        with self._lock:
            self._pending_unanswered.append((session_id, mask(text), channel, stamp, ",".join(best_guess), reason))
            if not defer:
                self.flush()

    def list_unanswered(self, limit: int = 100) -> list[dict[str, Any]]:
        """Newest first: ``{"id", "session", "text", "channel", "at"}`` (plus best_guess, reason)."""
        with self._lock:
            self.flush()
            cursor = self._conn.execute(
                "SELECT id, session, text, channel, at, best_guess, reason FROM unanswered "
                "ORDER BY id DESC LIMIT ?",
                (max(0, int(limit)),),
            )
            return _rows(cursor)

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
        defer: bool = False,
    ) -> None:
        if value not in (1, -1):
            raise ValueError("feedback value must be +1 or -1")
        stamp = at.isoformat(timespec="seconds") if at else now_iso()
        with self._lock:
            self._pending_feedback.append((session_id, value, mask(note), intent, channel, stamp))
            if not defer:
                self.flush()

    def list_feedback(self, limit: int = 100) -> list[dict[str, Any]]:
        with self._lock:
            self.flush()
            cursor = self._conn.execute(
                "SELECT id, session, value, note, intent, channel, at FROM feedback ORDER BY id DESC LIMIT ?",
                (max(0, int(limit)),),
            )
            return _rows(cursor)

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
            self.flush()
            cursor = self._conn.execute(sql, (*params, max(0, int(limit))))
            return _rows(cursor)
