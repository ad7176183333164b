"""Group commit: deferred turns reach the disk together, never before the answer is sent, and a
failed write loses nothing. The file is always read back through a second SQLite connection, the
way a restarted server would read it."""
from __future__ import annotations

import asyncio
import json
import sqlite3
import sys
from datetime import datetime
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "channels"))
from channels_support import make_engine, make_settings  # noqa: E402

from bot.groupcommit import GroupCommit  # noqa: E402
from bot.storage import Store  # noqa: E402
from bot.web.app import COMMIT, create_app  # noqa: E402

AT = datetime(2023, 3, 1, 10, 0)


def on_disk(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "bot.db")
    yield s
    s.close()


def test_a_deferred_turn_is_seen_by_the_store_at_once_but_reaches_the_disk_only_with_flush(store):
    store.save_turn("s", {"flow": "refund"}, channel="web", incoming="환불", outgoing=["몇 차?"], at=AT, defer=True)
    store.add_unanswered("s", "뭐지", channel="web", at=AT, defer=True)
    store.add_feedback("s", 1, at=AT, defer=True)
    assert store.pending == 5  # session + 2 messages + unanswered + feedback
    assert on_disk(store.path, "SELECT count(*) FROM sessions") == [(0,)]
    assert store.load_session("s") == {"flow": "refund"}  # the next turn of this session sees it

    store.flush()
    assert store.pending == 0
    assert on_disk(store.path, "SELECT id, state FROM sessions") == [("s", '{"flow":"refund"}')]
    assert on_disk(store.path, "SELECT direction, text FROM messages ORDER BY id") == [("in", "환불"), ("out", "몇 차?")]
    assert on_disk(store.path, "SELECT count(*) FROM unanswered") == [(1,)]
    assert on_disk(store.path, "SELECT value FROM feedback") == [(1,)]


def test_without_defer_every_write_is_on_disk_when_it_returns(store):
    store.save_turn("s", {"step": 1}, channel="api", incoming="a", at=AT)
    assert on_disk(store.path, "SELECT state FROM sessions") == [('{"step":1}',)]
    assert store.pending == 0


def test_readers_of_the_log_see_pending_rows(store):
    store.save_turn("s", {}, channel="web", incoming="첫 질문", at=AT, defer=True)
    store.add_unanswered("s", "모르는 질문", channel="web", at=AT, defer=True)
    assert [m["text"] for m in store.messages("s")] == ["첫 질문"]
    assert [u["text"] for u in store.list_unanswered()] == ["모르는 질문"]


def test_pending_rows_are_masked_before_they_are_kept(store):
    store.save_turn("s", {}, channel="web", incoming="제 번호는 010-1234-5678", at=AT, defer=True)
    assert not any("1234-5678" in str(row) for row in store._pending_messages)


def test_a_failed_flush_keeps_every_row_for_the_next_one(store, tmp_path):
    store.save_turn("s", {"step": 1}, channel="web", incoming="a", at=AT, defer=True)
    blocker = sqlite3.connect(store.path, timeout=0)
    blocker.execute("BEGIN IMMEDIATE")  # another writer holds the database
    store._conn.execute("PRAGMA busy_timeout = 0")
    with pytest.raises(sqlite3.OperationalError):
        store.flush()
    assert store.pending == 2
    blocker.rollback()
    blocker.close()
    store.flush()
    assert on_disk(store.path, "SELECT state FROM sessions") == [('{"step":1}',)]
    assert on_disk(store.path, "SELECT text FROM messages") == [("a",)]


def test_close_writes_what_is_pending(tmp_path):
    store = Store(tmp_path / "bot.db")
    store.save_turn("s", {"step": 9}, channel="web", incoming="x", at=AT, defer=True)
    store.close()
    store.close()  # twice is harmless
    assert on_disk(tmp_path / "bot.db", "SELECT state FROM sessions") == [('{"step":9}',)]


def test_the_latest_of_several_deferred_states_wins(store):
    for step in range(5):
        store.save_turn("s", {"step": step}, channel="web", incoming=str(step), at=AT, defer=True)
    store.flush()
    assert on_disk(store.path, "SELECT state FROM sessions") == [('{"step":4}',)]
    assert on_disk(store.path, "SELECT text FROM messages ORDER BY id") == [(str(k),) for k in range(5)]


def test_a_session_beyond_the_state_cache_is_read_back_from_the_file(tmp_path):
    store = Store(tmp_path / "bot.db")
    store.state_cache_size = 2
    for k in range(4):
        store.save_turn(f"s{k}", {"k": k}, channel="web", incoming="x", at=AT)
    assert list(store._states) == ["s2", "s3"]
    assert store.load_session("s0") == {"k": 0}
    store.close()


async def test_one_loop_pass_of_turns_shares_one_commit(store):
    commit = GroupCommit(store)

    async def turn(k: int) -> bool:
        store.save_turn(f"s{k}", {"k": k}, channel="web", incoming=f"질문 {k}", at=AT, defer=True)
        await commit()
        # answered only now: the turn must be on disk already
        return on_disk(store.path, f"SELECT count(*) FROM sessions WHERE id = 's{k}'") == [(1,)]

    results = await asyncio.gather(*(turn(k) for k in range(50)))
    assert all(results)
    assert commit.waits == 50
    assert commit.flushes == 1


async def test_a_waiter_that_goes_away_does_not_cancel_its_neighbours(store):
    commit = GroupCommit(store)
    store.save_turn("a", {}, channel="web", incoming="x", at=AT, defer=True)
    first = asyncio.ensure_future(commit())
    store.save_turn("b", {}, channel="web", incoming="y", at=AT, defer=True)
    second = asyncio.ensure_future(commit())
    first.cancel()  # the client of the first request disconnected
    await second
    assert on_disk(store.path, "SELECT id FROM sessions ORDER BY id") == [("a",), ("b",)]


async def test_a_failed_group_flush_answers_and_keeps_the_rows(store, caplog):
    commit = GroupCommit(store)
    store.save_turn("s", {}, channel="web", incoming="x", at=AT, defer=True)
    blocker = sqlite3.connect(store.path, timeout=0)
    blocker.execute("BEGIN IMMEDIATE")
    store._conn.execute("PRAGMA busy_timeout = 0")
    await asyncio.wait_for(commit(), timeout=5)  # the request is answered all the same
    assert "could not write" in caplog.text
    assert store.pending == 2
    blocker.rollback()
    blocker.close()
    store.flush()
    assert on_disk(store.path, "SELECT count(*) FROM messages") == [(1,)]


async def test_the_chat_api_answers_only_after_the_turn_is_on_disk(aiohttp_client, tmp_path, store):
    app = create_app(make_settings(tmp_path), engine=make_engine(store), store=store)
    client = await aiohttp_client(app)

    async def ask(k: int) -> tuple[int, list]:
        response = await client.post("/api/v1/chat", json={"session": f"u{k}", "text": "3월 25일에 1차 취소하면 환불 얼마?"})
        body = await response.json()
        rows = on_disk(store.path, f"SELECT state FROM sessions WHERE id = 'web:u{k}'")
        return response.status, body, rows

    results = await asyncio.gather(*(ask(k) for k in range(40)))
    for status, body, rows in results:
        assert status == 200 and "20,000원" in body["replies"][0]["text"]
        assert len(rows) == 1 and json.loads(rows[0][0])["turns"] == 1
    commit = app[COMMIT]
    assert commit.waits == 40
    assert commit.flushes <= 40


def test_the_clean_text_cache_never_keeps_personal_data():
    from bot import privacy

    privacy._known_clean.clear()
    for text in ("010-1234-5678", "제 메일은 a@b.kr", "3월 25일 환불", "1차"):
        assert privacy.mask_repeated(text) == privacy.mask(text)
    assert set(privacy._known_clean) == {"3월 25일 환불", "1차"}


def test_a_state_orjson_refuses_is_still_saved(store):
    huge = 10**30  # someone typed a 31-digit number
    store.save_turn("s", {"score": huge, "나": "한글"}, channel="web", incoming="x", at=AT)
    assert on_disk(store.path, "SELECT state FROM sessions") == [('{"score":' + str(huge) + ',"나":"한글"}',)]
    assert store.load_session("s") == {"score": huge, "나": "한글"}
