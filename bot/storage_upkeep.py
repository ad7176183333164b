"""The store's upkeep: retention (purge, reclaim) and the health of its database file.

A mixin of ``bot.storage.Store`` (it uses the store's connection, lock and session cache), kept in a
file of its own so that storage.py stays the hot path of every turn. ``bot.retention`` decides when
to purge; ``/healthz`` asks ``problem()``.
"""
from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

from .clock import KST

# The rows of one conversation, and the column each table's retention is counted by.
SESSION_ROWS = (("sessions", "id"), ("messages", "session"), ("unanswered", "session"), ("feedback", "session"))
STAMPED_ROWS = (("sessions", "updated_at"), ("messages", "at"), ("unanswered", "at"), ("feedback", "at"))
MAX_BATCH = 500  # rows a purge transaction deletes by key (well under SQLite's bound-parameter limit)


def database_files(path: Path) -> dict[Path, tuple[int, int]]:
    """(device, inode) of the database file and its WAL (once SQLite has made it) as they are now."""
    files = {}
    for candidate in (path, _wal(path)):
        try:
            st = os.stat(candidate)
        except FileNotFoundError:
            continue
        files[candidate] = (st.st_dev, st.st_ino)
    return files


def _wal(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


class Upkeep:
    """Retention and health for ``Store`` (see the module doc)."""

    path: Path | None
    last_write_error: str | None
    _conn: sqlite3.Connection
    _lock: Any
    _states: dict[str, str]
    _files: dict[Path, tuple[int, int]]
    outbox: Any

    def purge(self, before: datetime, *, batch: int | None = None, stop: Any = None) -> dict[str, int]:
        """Delete every conversation last active before ``before`` and every message, unanswered
        question and feedback row stamped before it, and the Telegram replies given up before it (stamps are whole seconds: the second of
        ``before`` counts as before, so 0 days deletes everything written until now); the rows
        deleted per table.

        ``batch``: at most that many rows a transaction, the lock let go in between (serve: turns
        go on while it purges); None: each table in one transaction. ``stop`` (a threading.Event):
        when set, the purge ends after the transaction under way."""
        stamp = before.isoformat(timespec="seconds")
        counts = {table: 0 for table, _ in STAMPED_ROWS}
        self.flush()
        for table, column in STAMPED_ROWS:
            if not batch:
                with self._lock, self._conn:
                    counts[table] = self._conn.execute(f"DELETE FROM {table} WHERE {column} <= ?", (stamp,)).rowcount
                    if table == "sessions":
                        self._states.clear()  # a cache: what is still there is read back on demand
                continue
            key = "id" if table == "sessions" else "rowid"
            size = min(int(batch), MAX_BATCH)
            while not (stop is not None and stop.is_set()):
                with self._lock, self._conn:
                    keys = [row[0] for row in self._conn.execute(
                        f"SELECT {key} FROM {table} WHERE {column} <= ? LIMIT ?", (stamp, size))]
                    if not keys:
                        break
                    self._conn.execute(f"DELETE FROM {table} WHERE {key} IN ({','.join('?' * len(keys))})", keys)
                    if table == "sessions":
                        for session_id in keys:
                            self._states.pop(session_id, None)
                counts[table] += len(keys)
        # Telegram replies given up (chat id and masked reply): kept for staff as long as conversations
        counts["telegram_failed"] = self.outbox.purge_failed(before.replace(tzinfo=KST).timestamp())
        return counts

    def reclaim(self) -> int:
        """Give the space of deleted rows back to the file system (VACUUM, then the WAL emptied);
        the bytes of the database and its WAL afterwards."""
        if self.path is None:
            return 0
        with self._lock:
            self.flush()
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._conn.execute("VACUUM")
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._files = database_files(self.path)
        return self.disk_bytes()

    def disk_bytes(self) -> int:
        """The size of the database file and its WAL."""
        return 0 if self.path is None else sum(p.stat().st_size for p in (self.path, _wal(self.path)) if p.exists())

    def checkpoint(self) -> None:
        """Copy the WAL into the database without waiting for readers (freed pages are reused)."""
        with self._lock:
            self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)")

    # -- health ------------------------------------------------------------------------------

    def problem(self) -> str | None:
        """Why this store cannot keep what it writes, or None: the database file (and its WAL)
        deleted or replaced under it — SQLite would go on writing to a file nobody can open again —,
        not writable, or the last write failed."""
        if self.path is None:
            return None
        with self._lock:
            if _wal(self.path) not in self._files:  # made by SQLite after the store opened
                self._files.update({p: i for p, i in database_files(self.path).items() if p not in self._files})
            for path, identity in self._files.items():
                try:
                    now = os.stat(path)
                except FileNotFoundError:
                    return f"the database file {str(path)!r} was deleted while serving; what is written now is lost at the next start"
                except OSError as error:
                    return f"the database file {str(path)!r} cannot be checked: {error.strerror or error}"
                if (now.st_dev, now.st_ino) != identity:
                    return f"the database file {str(path)!r} was replaced while serving; this process still writes to the old one"
            if not os.access(self.path, os.W_OK):
                return f"the database file {str(self.path)!r} is not writable"
            if self.last_write_error:
                return f"writing to the database fails: {self.last_write_error}"
        return None

