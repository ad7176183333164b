"""The outbox behind the store: one transaction with the turn, per-chat order, leases that give one
sender per chat, update marks, failed replies kept for staff — on a real SQLite file."""
from __future__ import annotations

import sqlite3

import pytest

from bot.outbox import OutboxCall
from bot.storage import Store

BOT = 42


def send(chat: int, text: str) -> OutboxCall:
    return OutboxCall("sendMessage", {"chat_id": chat, "text": text, "parse_mode": "HTML"})


@pytest.fixture
def db(tmp_path):
    store = Store(tmp_path / "bot.db")
    yield store
    store.close()


def stage_turn(store: Store, chat: int, update_id: int, text: str) -> None:
    with store.staging():
        store.save_turn(f"tg:{chat}", {"turns": update_id}, channel="telegram", incoming="q", outgoing=(text,), defer=True)
        store.outbox.stage(BOT, chat, update_id, [send(chat, text)], now=100.0 + update_id)
        store.outbox.mark_update(BOT, update_id)


def test_turn_replies_and_mark_are_written_by_one_flush_and_only_then_claimable(db):
    stage_turn(db, 1, 10, "답 1")
    assert db.outbox.update_state(BOT, 10) == "pending"
    assert db.outbox.claim(BOT, "a", now=1e12, lease_seconds=60, limit=10) == []  # not on disk yet: not sent
    raw = sqlite3.connect(db.path)
    assert raw.execute("SELECT count(*) FROM telegram_outbox").fetchone()[0] == 0
    db.flush()
    counts = [raw.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("sessions", "telegram_outbox", "telegram_updates")]
    assert counts == [1, 1, 1]
    assert db.outbox.update_state(BOT, 10) == "stored" and db.outbox.update_state(BOT + 1, 10) == "new"
    raw.close()


def test_a_failing_block_takes_back_everything_it_staged(db):
    stage_turn(db, 1, 10, "먼저 답")
    with pytest.raises(RuntimeError):
        with db.staging():
            db.save_turn("tg:1", {"turns": 99}, channel="telegram", incoming="q", outgoing=("x",), defer=True)
            db.outbox.stage(BOT, 1, 11, [send(1, "x")])
            db.outbox.mark_update(BOT, 11)
            raise RuntimeError("a bug while staging")
    assert db.outbox.update_state(BOT, 11) == "new"
    assert db.load_session("tg:1") == {"turns": 10}  # back to the state still to be written
    db.flush()
    assert [item.params["text"] for item in db.outbox.claim(BOT, "a", now=1e12, lease_seconds=60, limit=10)] == ["먼저 답"]


def test_a_failed_flush_keeps_everything_pending_for_the_next(db, monkeypatch):
    stage_turn(db, 1, 10, "답")
    real = db._conn
    monkeypatch.setattr(db, "_conn", _Broken(real))
    with pytest.raises(sqlite3.OperationalError):
        db.flush()
    assert db.outbox.update_state(BOT, 10) == "pending"
    monkeypatch.setattr(db, "_conn", real)
    db.flush()
    assert db.outbox.update_state(BOT, 10) == "stored"
    assert len(db.outbox.claim(BOT, "a", now=1e12, lease_seconds=60, limit=10)) == 1


class _Broken:
    """A connection whose writes fail, like a full disk."""

    def __init__(self, conn):
        self._conn = conn

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def executemany(self, *args):
        raise sqlite3.OperationalError("database or disk is full")

    execute = executemany


def test_one_chat_in_order_only_its_head_is_claimable(db):
    for update_id, (chat, text) in enumerate([(1, "1-a"), (2, "2-a"), (1, "1-b"), (1, "1-c")], start=1):
        stage_turn(db, chat, update_id, text)
    db.flush()
    outbox = db.outbox
    first = outbox.claim(BOT, "a", now=1e12, lease_seconds=60, limit=10)
    assert sorted(item.params["text"] for item in first) == ["1-a", "2-a"]  # one head per chat
    assert outbox.claim(BOT, "a", now=1e12, lease_seconds=60, limit=10) == []  # heads are leased
    by_chat = {item.chat_id: item for item in first}
    assert outbox.delivered(by_chat[2], "a")
    outbox.retry(by_chat[1], "a", at=2e12, error="HTTP 500")  # chat 1 waits; its later replies wait with it
    assert outbox.claim(BOT, "a", now=1e12 + 1, lease_seconds=60, limit=10) == []
    assert outbox.next_due(BOT) == pytest.approx(2e12)
    [again] = outbox.claim(BOT, "a", now=2e12, lease_seconds=60, limit=10)
    assert again.params["text"] == "1-a" and again.attempts == 1 and again.last_error == "HTTP 500"
    assert outbox.delivered(again, "a")
    [after] = outbox.claim(BOT, "a", now=2e12, lease_seconds=60, limit=10)
    assert after.params["text"] == "1-b"
    outbox.fail(after, "a", reason="blocked", error="403")
    [last] = outbox.claim(BOT, "a", now=2e12, lease_seconds=60, limit=10)  # a failed head lets the next go
    assert last.params["text"] == "1-c"


def test_a_lease_gives_one_sender_per_chat_and_a_dead_senders_lease_runs_out(db):
    stage_turn(db, 1, 1, "a")
    db.flush()
    outbox = db.outbox
    [mine] = outbox.claim(BOT, "process-1", now=1000.0, lease_seconds=60, limit=10)
    assert outbox.claim(BOT, "process-2", now=1010.0, lease_seconds=60, limit=10) == []
    assert outbox.next_due(BOT) is None  # nothing free: process-2 looks again on its idle check
    # process-1 died mid-send: after its lease anybody may send, and process-1's late answer no longer counts
    [theirs] = outbox.claim(BOT, "process-2", now=1061.0, lease_seconds=60, limit=10)
    assert theirs.id == mine.id
    assert outbox.delivered(mine, "process-1") is False
    assert outbox.delivered(theirs, "process-2") is True
    assert outbox.stats(now=2000.0)["pending"] == 0


def test_recover_frees_what_a_killed_process_left_leased(tmp_path):
    store = Store(tmp_path / "bot.db")
    stage_turn(store, 1, 1, "a")
    store.flush()
    assert store.outbox.claim(BOT, "killed", now=1e12, lease_seconds=3600, limit=10)
    store.close()
    again = Store(tmp_path / "bot.db")  # the next start of `serve` on this data directory
    assert again.outbox.claim(BOT, "new", now=1e12, lease_seconds=60, limit=10) == []
    assert again.outbox.recover() == 1
    assert len(again.outbox.claim(BOT, "new", now=1e12, lease_seconds=60, limit=10)) == 1
    again.close()


def test_failed_replies_are_listed_for_staff_and_counted(db):
    stage_turn(db, 5, 50, "<b>근거:</b> 9. 라. &lt;환불&gt; 010-1234-5678")
    db.flush()
    [item] = db.outbox.claim(BOT, "a", now=1e12, lease_seconds=60, limit=10)
    db.outbox.fail(item, "a", reason="blocked", error="Forbidden: bot was blocked by the user", now=1e9)
    [listed] = db.outbox.failed()
    assert listed["chat_id"] == 5 and listed["update_id"] == 50 and listed["reason"] == "blocked"
    assert listed["text"] == "근거: 9. 라. <환불> [전화번호]"  # plain text, personal data masked before storing
    stats = db.outbox.stats(now=1e12)
    assert stats["failed"] == 1 and stats["failed_by_reason"] == {"blocked": 1} and stats["pending"] == 0
    assert stats["failed_total"] == 1 and stats["queued_total"] == 1


def test_stats_report_the_oldest_pending_reply(db):
    stage_turn(db, 1, 1, "a")  # queued at 101
    stage_turn(db, 2, 2, "b")  # at 102
    db.flush()
    stats = db.outbox.stats(now=131.0)
    assert stats["pending"] == 2 and stats["oldest_pending_age_s"] == 30.0
    assert db.outbox.stats(now=131.0)["failed"] == 0


def test_a_new_reply_for_a_chat_in_backoff_waits_behind_its_head(db):
    stage_turn(db, 1, 1, "첫 답")
    db.flush()
    [head] = db.outbox.claim(BOT, "a", now=1e12, lease_seconds=60, limit=10)
    db.outbox.retry(head, "a", at=3e12, error="HTTP 502")
    stage_turn(db, 1, 2, "둘째 답")  # the applicant writes again meanwhile
    db.flush()
    assert db.outbox.claim(BOT, "a", now=2e12, lease_seconds=60, limit=10) == []
    assert db.outbox.next_due(BOT) == pytest.approx(3e12)
    [again] = db.outbox.claim(BOT, "a", now=3e12, lease_seconds=60, limit=10)
    assert again.params["text"] == "첫 답"


def test_recover_gives_every_pending_reply_a_schedule(db):
    stage_turn(db, 1, 1, "a")
    db.flush()
    with db._conn:
        db._conn.execute("DELETE FROM telegram_outbox_chats")  # e.g. a crash of a later backend between two steps
    assert db.outbox.claim(BOT, "a", now=1e12, lease_seconds=60, limit=10) == []
    db.outbox.recover()
    assert [item.params["text"] for item in db.outbox.claim(BOT, "a", now=1e12, lease_seconds=60, limit=10)] == ["a"]


def test_retention_forgets_failed_replies_given_up_before_its_cutoff(db):
    from datetime import datetime

    from bot.clock import KST

    for update_id, failed_at in ((1, datetime(2023, 1, 1, 9, 0)), (2, datetime(2023, 3, 1, 9, 0))):
        stage_turn(db, update_id, update_id, f"답 {update_id}")
        db.flush()
        [item] = db.outbox.claim(BOT, "a", now=1e12, lease_seconds=60, limit=1)
        db.outbox.fail(item, "a", reason="blocked", error="403", now=failed_at.replace(tzinfo=KST).timestamp())
    deleted = db.purge(datetime(2023, 2, 1))  # Seoul wall time, as every cutoff
    assert deleted["telegram_failed"] == 1
    assert [item["update_id"] for item in db.outbox.failed()] == [2]
