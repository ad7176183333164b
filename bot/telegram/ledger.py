"""The update_ids already handled, in SQLite, so a retried or re-fetched update is answered once.

Telegram delivers at least once: a webhook call that timed out is sent again, and after a restart
long polling re-fetches whatever was not yet confirmed. The ledger lives in the bot's database file
(its own table and connection; WAL lets it sit beside the store's), so a restart also remembers.
Keys are (bot id, update_id): another bot token starts its own numbering.
"""
from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

KEEP_SECONDS = 7 * 24 * 3600  # Telegram keeps an undelivered update for 24 hours at most
PRUNE_EVERY = 1000


class UpdateLedger:
    def __init__(self, path: str | Path | None, bot_id: int) -> None:
        self.bot_id = int(bot_id)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(str(path) if path else ":memory:", check_same_thread=False, timeout=10)
        with self._conn:
            if path:
                self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS telegram_updates ("
                " bot_id INTEGER NOT NULL, update_id INTEGER NOT NULL, at REAL NOT NULL,"
                " PRIMARY KEY (bot_id, update_id))"
            )
        self._claims = 0

    def claim(self, update_id: int, now: float | None = None) -> bool:
        """True the first time an update_id is seen; False for every repeat."""
        now = time.time() if now is None else now
        with self._lock, self._conn:
            cursor = self._conn.execute(
                "INSERT OR IGNORE INTO telegram_updates (bot_id, update_id, at) VALUES (?, ?, ?)",
                (self.bot_id, int(update_id), now),
            )
            fresh = cursor.rowcount == 1
            self._claims += 1
            if self._claims % PRUNE_EVERY == 0:
                self._conn.execute("DELETE FROM telegram_updates WHERE at < ?", (now - KEEP_SECONDS,))
        return fresh

    def close(self) -> None:
        with self._lock:
            self._conn.close()
