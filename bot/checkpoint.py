"""WAL checkpoints in a thread of their own, so the event loop never waits for one.

SQLite in WAL mode appends every commit to the ``-wal`` file and, by default, the connection whose
commit makes the log pass 1,000 pages copies the log back into the database file and syncs it
(a checkpoint) — inside that commit. In `serve` that commit runs on the event loop, and under load a
checkpoint stalled every request in flight for ~7 ms, every few hundred commits (BENCHMARKS.md).

``WalCheckpointer(path)`` runs ``PRAGMA wal_checkpoint(PASSIVE)`` on its own connection every
``interval`` seconds (PASSIVE never blocks a writer; the sqlite3 module releases the GIL while it
works); the store's own connection is set to ``wal_autocheckpoint=0``. A PASSIVE checkpoint
copies the log but cannot start it over while commits keep arriving, so under sustained load the
log grows; past ``max_frames`` pages one RESTART checkpoint (which holds writers back while it
syncs, ~9 ms here) lets the next commit start the log from the beginning. Measured under wrk:
~2 such waits in 8 s instead of ~20 waits of ~7 ms inside commits (BENCHMARKS.md). Durability
does not change: a turn is safe once its commit is in the log.
"""
from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

log = logging.getLogger(__name__)

DEFAULT_INTERVAL_S = 1.0
DEFAULT_MAX_FRAMES = 8_000  # ~32 MB of log at SQLite's 4 KB pages


class WalCheckpointer:
    def __init__(self, path: str | Path, *, interval: float = DEFAULT_INTERVAL_S,
                 max_frames: int = DEFAULT_MAX_FRAMES) -> None:
        self.path, self.interval, self.max_frames = str(path), interval, max_frames
        self.checkpoints = 0  # for tests: how many have run
        self._stop = threading.Event()
        self._conn = sqlite3.connect(self.path, check_same_thread=False, timeout=10)
        self._thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.checkpoint()

    def checkpoint(self) -> tuple[int, int, int] | None:
        """One PASSIVE checkpoint (RESTART when the log has grown past ``max_frames``)."""
        try:
            busy, frames, done = self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            if frames > self.max_frames:
                busy, frames, done = self._conn.execute("PRAGMA wal_checkpoint(RESTART)").fetchone()
            self.checkpoints += 1
            return busy, frames, done
        except sqlite3.Error:  # a busy or vanished file: try again next time, never crash the thread
            log.warning("WAL checkpoint failed; trying again in %.0f s", self.interval, exc_info=True)
            return None

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=30)
        self._conn.close()
