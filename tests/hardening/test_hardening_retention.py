"""Retention, checked on the files: `applicant-bot purge --older-than DAYS` deletes old conversations,
messages, unanswered questions and feedback, says what it removed and shrinks the file (the deleted
text is gone from the bytes on disk); `serve` purges by APPLICANT_BOT_RETENTION_DAYS at start and
then daily; deleting a session deletes all its rows."""
from __future__ import annotations

import asyncio
import json
import os
import sqlite3
from datetime import timedelta

import aiohttp
import pytest

from bot.clock import seoul_now
from bot.retention import DailyPurge, cutoff
from bot.storage import DB_FILENAME, Store
from hardening_support import chat, free_port, run_bot

OLD_TEXT = "작년에 물어본 오래된 질문이에요"
FRESH_TEXT = "어제 물어본 새 질문이에요"


def fill(data_dir, *, old_days: int = 100, old_sessions: int = 300) -> None:
    """``old_sessions`` conversations last active ``old_days`` ago (each a turn, an unanswered
    question and feedback), and one from yesterday."""
    store = Store(data_dir / DB_FILENAME)
    old, fresh = seoul_now() - timedelta(days=old_days), seoul_now() - timedelta(days=1)
    for k in range(old_sessions):
        sid = f"old-{k}"
        store.save_turn(sid, {"turns": 1}, channel="web", incoming=f"{OLD_TEXT} {k}", outgoing=["답변 " * 50], at=old, defer=True)
        store.add_unanswered(sid, f"{OLD_TEXT} {k}", channel="web", at=old, defer=True)
        store.add_feedback(sid, -1, note=OLD_TEXT, at=old, defer=True)
    store.save_turn("fresh", {"turns": 1}, channel="web", incoming=FRESH_TEXT, outgoing=["새 답변"], at=fresh, defer=True)
    store.add_unanswered("fresh", FRESH_TEXT, channel="web", at=fresh, defer=True)
    store.add_feedback("fresh", 1, at=fresh, defer=True)
    store.close()


def counts(db_path) -> dict[str, int]:
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("sessions", "messages", "unanswered", "feedback")}
    finally:
        db.close()


def on_disk(data_dir) -> bytes:
    return b"".join(p.read_bytes() for p in data_dir.iterdir() if p.name.startswith(DB_FILENAME))


def size(data_dir) -> int:
    """The database file and its WAL (what purge reports)."""
    return sum(p.stat().st_size for p in (data_dir / DB_FILENAME, data_dir / f"{DB_FILENAME}-wal") if p.exists())


def env_for(data_dir, **settings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("APPLICANT_BOT_")}
    env.update({"APPLICANT_BOT_DATA_DIR": str(data_dir), **{f"APPLICANT_BOT_{k}": v for k, v in settings.items()}})
    return env


def test_purge_deletes_what_is_older_reports_it_and_shrinks_the_file(tmp_path):
    fill(tmp_path)
    size_before = size(tmp_path)
    assert OLD_TEXT.encode() in on_disk(tmp_path)

    done = run_bot("purge", "--older-than", "30", "--json", env=env_for(tmp_path))

    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["deleted"] == {"sessions": 300, "messages": 600, "unanswered": 300, "feedback": 300,
                                 "telegram_failed": 0}
    assert report["older_than_days"] == 30
    assert counts(tmp_path / DB_FILENAME) == {"sessions": 1, "messages": 2, "unanswered": 1, "feedback": 1}
    size_after = size(tmp_path)
    assert report["bytes_before"] == size_before and report["bytes_after"] == size_after
    assert size_after < size_before / 4
    data = on_disk(tmp_path)
    assert OLD_TEXT.encode() not in data  # not only unlinked from the tables: gone from the file and its WAL
    assert FRESH_TEXT.encode() in data


def test_purge_prints_what_it_removed_per_table(tmp_path):
    fill(tmp_path, old_sessions=3)
    done = run_bot("purge", "--older-than", "30", env=env_for(tmp_path))
    assert done.returncode == 0, done.stderr
    assert "대화 (sessions): 3" in done.stdout and "메시지 (messages): 6" in done.stdout
    assert "답하지 못한 질문 (unanswered): 3" in done.stdout and "피드백 (feedback): 3" in done.stdout


def test_purge_older_than_0_deletes_everything_before_now(tmp_path):
    fill(tmp_path, old_sessions=2)
    done = run_bot("purge", "--older-than", "0", "--json", env=env_for(tmp_path))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["deleted"] == {"sessions": 3, "messages": 6, "unanswered": 3, "feedback": 3,
                                                  "telegram_failed": 0}
    assert counts(tmp_path / DB_FILENAME) == {"sessions": 0, "messages": 0, "unanswered": 0, "feedback": 0}


def test_purge_defaults_to_the_retention_setting(tmp_path):
    fill(tmp_path, old_days=100, old_sessions=2)
    kept = run_bot("purge", "--json", env=env_for(tmp_path, RETENTION_DAYS="120"))
    assert kept.returncode == 0 and json.loads(kept.stdout)["deleted"]["sessions"] == 0
    default = run_bot("purge", "--json", env=env_for(tmp_path))  # 90 days
    assert default.returncode == 0 and json.loads(default.stdout)["deleted"]["sessions"] == 2


@pytest.mark.parametrize("args, env, words", [
    (("--older-than", "-1"), {}, "--older-than"),
    (("--older-than", "열흘"), {}, "--older-than"),
    ((), {"RETENTION_DAYS": "ninety"}, "APPLICANT_BOT_RETENTION_DAYS"),
])
def test_purge_refuses_bad_days_with_exit_2(tmp_path, args, env, words):
    done = run_bot("purge", *args, env=env_for(tmp_path, **env))
    assert done.returncode == 2 and words in done.stderr and "Traceback" not in done.stderr


def test_purge_without_a_database_creates_none(tmp_path):
    done = run_bot("purge", "--older-than", "0", env=env_for(tmp_path / "empty"))
    assert done.returncode == 0 and "데이터베이스가 없어요" in done.stdout
    assert not (tmp_path / "empty" / DB_FILENAME).exists()


@pytest.mark.parametrize("value", ["0", "-5", "90d", "１０", "100000"])
def test_a_bad_retention_setting_stops_serve_with_one_line_and_status_2(tmp_path, value):
    done = run_bot("serve", "--port", str(free_port()), env=env_for(tmp_path, RETENTION_DAYS=value))
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "APPLICANT_BOT_RETENTION_DAYS" in lines[0], done.stderr


async def test_serve_purges_by_the_retention_setting_at_start(server_factory, tmp_path):
    data_dir = tmp_path / "kept-data"
    fill(data_dir, old_days=40, old_sessions=50)
    server = server_factory(env={"APPLICANT_BOT_DATA_DIR": str(data_dir), "APPLICANT_BOT_RETENTION_DAYS": "30"},
                            name="retention")
    entries = server.wait_for_log(lambda entries: any(e.get("msg", "").startswith("retention:") for e in entries))
    purge = next(e for e in entries if e["msg"].startswith("retention:"))
    assert purge["level"] == "INFO" and purge["deleted"] == {
        "sessions": 50, "messages": 100, "unanswered": 50, "feedback": 50, "telegram_failed": 0}
    assert counts(data_dir / DB_FILENAME) == {"sessions": 1, "messages": 2, "unanswered": 1, "feedback": 1}
    async with aiohttp.ClientSession() as http:  # and it serves as before
        status, _ = await chat(http, server.url, "after-purge", "응시 수수료 얼마예요")
    assert status == 200
    assert counts(data_dir / DB_FILENAME)["sessions"] == 2


async def test_the_daily_purge_runs_again_after_its_interval_and_stops_cleanly(tmp_path):
    store = Store(tmp_path / DB_FILENAME)
    purge = DailyPurge(store, 30, interval=0.01)  # a day in production
    purge.start()
    try:
        await asyncio.wait_for(purge.done.wait(), 30)  # the first purge: at start
        purge.done.clear()
        store.save_turn("old", {}, channel="web", incoming="오래된 질문", at=seoul_now() - timedelta(days=31))
        await asyncio.wait_for(purge.done.wait(), 30)  # the next one deletes what became old since
        assert store.load_session("old") is None and store.messages() == []
    finally:
        await purge.stop()
        store.close()
    assert purge.runs >= 2


def test_serve_purges_in_small_transactions_and_forgets_purged_sessions(tmp_path):
    store = Store(tmp_path / DB_FILENAME)
    old = seoul_now() - timedelta(days=100)
    for k in range(1200):
        store.save_turn(f"s{k}", {"k": k}, channel="web", incoming="x", at=old, defer=True)
    store.flush()
    assert store.load_session("s5") == {"k": 5}  # in the session cache
    deleted = store.purge(cutoff(90), batch=500)
    assert deleted == {"sessions": 1200, "messages": 1200, "unanswered": 0, "feedback": 0, "telegram_failed": 0}
    assert store.load_session("s5") is None  # gone from the cache too, not only from the file
    store.close()


def test_deleting_a_session_deletes_its_messages_unanswered_questions_and_feedback(tmp_path):
    store = Store(tmp_path / DB_FILENAME)
    for sid in ("gone", "kept"):
        store.save_turn(sid, {"flow": "refund"}, channel="web", incoming=f"{sid} 질문", outgoing=[f"{sid} 답"])
        store.add_unanswered(sid, f"{sid} 모르는 질문", channel="web")
        store.add_feedback(sid, -1, note=f"{sid} 의견")
    store.delete_session("gone")
    store.close()
    with sqlite3.connect(tmp_path / DB_FILENAME) as db:
        for table in ("sessions", "messages", "unanswered", "feedback"):
            column = "id" if table == "sessions" else "session"
            sessions = {row[0] for row in db.execute(f"SELECT {column} FROM {table}")}
            assert sessions == {"kept"}, table
