"""WAL checkpoints off the event loop: the serving store never checkpoints inside a commit, a
thread of its own copies the log into the database file, and a log that keeps growing is started
over. Checked on the files themselves."""
from __future__ import annotations

import logging
import shutil
import sqlite3
from datetime import datetime

from bot.checkpoint import WalCheckpointer
from bot.storage import Store

AT = datetime(2023, 3, 1, 10, 0)


def write_turns(store: Store, count: int, start: int = 0) -> None:
    for k in range(start, start + count):
        store.save_turn(f"s{k}", {"k": k, "pad": "가" * 300}, channel="web", incoming=f"질문 {k}",
                        outgoing=["답 " * 100], at=AT, defer=True)
    store.flush()


def test_the_serving_store_leaves_checkpoints_to_its_thread(tmp_path):
    store = Store(tmp_path / "bot.db", background_checkpoints=True)
    try:
        assert store._conn.execute("PRAGMA wal_autocheckpoint").fetchone() == (0,)
        assert store._checkpointer._thread.is_alive()
    finally:
        store.close()
    assert not store._checkpointer._thread.is_alive()
    plain = Store(tmp_path / "other.db")
    assert plain._conn.execute("PRAGMA wal_autocheckpoint").fetchone() == (1000,)  # SQLite's default
    plain.close()


def test_a_checkpoint_copies_the_log_into_the_database_file(tmp_path):
    store = Store(tmp_path / "bot.db", background_checkpoints=True)
    store._checkpointer.stop()  # drive it by hand
    checkpointer = WalCheckpointer(store.path, interval=3600)
    try:
        write_turns(store, 300)
        busy, frames, done = checkpointer.checkpoint()
        assert busy == 0 and frames > 0 and done == frames
        # the database file alone, without its -wal, now holds every turn
        alone = tmp_path / "copy.db"
        shutil.copy(store.path, alone)
        with sqlite3.connect(alone) as conn:
            assert conn.execute("SELECT count(*) FROM sessions").fetchone() == (300,)
    finally:
        checkpointer.stop()
        store._checkpointer = None
        store.close()


def test_a_log_past_its_limit_is_started_over(tmp_path):
    store = Store(tmp_path / "bot.db", background_checkpoints=True)
    store._checkpointer.stop()
    checkpointer = WalCheckpointer(store.path, interval=3600, max_frames=50)
    try:
        write_turns(store, 400)
        first = checkpointer.checkpoint()
        assert first[1] > 50
        write_turns(store, 5, start=400)  # this commit starts the log over from the beginning
        _, frames, _ = checkpointer.checkpoint()
        assert frames < first[1]
        with sqlite3.connect(store.path) as conn:
            assert conn.execute("SELECT count(*) FROM sessions").fetchone() == (405,)
    finally:
        checkpointer.stop()
        store._checkpointer = None
        store.close()


def test_a_failed_checkpoint_is_logged_and_the_thread_goes_on(tmp_path, caplog):
    store = Store(tmp_path / "bot.db")
    checkpointer = WalCheckpointer(store.path, interval=3600)
    checkpointer._conn.close()  # any sqlite3 error will do
    with caplog.at_level(logging.WARNING, logger="bot.checkpoint"):
        assert checkpointer.checkpoint() is None
    assert "WAL checkpoint failed" in caplog.text
    assert checkpointer._thread.is_alive()
    checkpointer._stop.set()
    checkpointer._thread.join(timeout=10)
    store.close()
