"""The store: sessions survive a new connection, everything written is masked, WAL on files."""
import sqlite3

from bot.storage import Store, default_db_path

SECRETS = ("900101-1234567", "010-9876-5432", "hong@example.com", "87654321")
TEXT_WITH_SECRETS = "주민번호 900101-1234567, 전화 010-9876-5432, 메일 hong@example.com, 자격증번호 87654321"


def test_session_round_trip_on_a_file(tmp_path):
    path = tmp_path / "bot.db"
    store = Store(path)
    store.save_turn("s1", {"flow": "refund", "values": {"stage": 1}}, channel="api", incoming="환불", outgoing=["1차?"])
    store.close()
    again = Store(path)
    assert again.load_session("s1") == {"flow": "refund", "values": {"stage": 1}}
    assert again.load_session("nobody") is None
    assert [m["direction"] for m in again.messages("s1")] == ["in", "out"]
    again.close()


def test_file_database_runs_in_wal_mode(tmp_path):
    store = Store(tmp_path / "bot.db")
    assert store.db.journal_mode == "wal"
    store.close()


def test_in_memory_store_works_without_a_file():
    store = Store(None)
    store.save_turn("s", {"a": 1}, channel="api", incoming="x")
    assert store.load_session("s") == {"a": 1}
    store.close()


def test_a_later_turn_replaces_the_state():
    store = Store(None)
    store.save_turn("s", {"step": 1}, channel="api", incoming="a")
    store.save_turn("s", {"step": 2}, channel="web", incoming="b")
    assert store.load_session("s") == {"step": 2}


def test_unreadable_state_starts_afresh():
    store = Store(None)
    store._conn.execute("INSERT INTO sessions (id, state) VALUES ('bad', 'not json')")
    assert store.load_session("bad") is None


def test_unanswered_newest_first_with_the_contract_fields():
    store = Store(None)
    store.add_unanswered("s1", "첫 질문", channel="web", best_guess=["refund", "fees"])
    store.add_unanswered("s2", "두 번째", channel="telegram", reason="out_of_scope")
    rows = store.list_unanswered(limit=10)
    assert [r["text"] for r in rows] == ["두 번째", "첫 질문"]
    assert {"id", "session", "text", "channel", "at"} <= set(rows[0])
    assert rows[1]["best_guess"] == "refund,fees"
    assert store.list_unanswered(limit=1)[0]["session"] == "s2"


def test_feedback_values():
    store = Store(None)
    store.add_feedback("s", 1, intent="refund")
    store.add_feedback("s", -1, note="틀렸어요 010-1111-2222")
    rows = store.list_feedback()
    assert [r["value"] for r in rows] == [-1, 1]
    assert "010-1111-2222" not in rows[0]["note"]


def test_nothing_unmasked_reaches_the_file_on_disk(tmp_path):
    path = tmp_path / "bot.db"
    store = Store(path)
    store.save_turn("s", {"flow": None}, channel="api", incoming=TEXT_WITH_SECRETS, outgoing=[TEXT_WITH_SECRETS])
    store.add_unanswered("s", TEXT_WITH_SECRETS, channel="api")
    store.add_feedback("s", -1, note=TEXT_WITH_SECRETS)
    store.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir())  # the database, its WAL and shm files
    for secret in SECRETS:
        assert secret.encode() not in raw
    rows = sqlite3.connect(path).execute("SELECT text FROM messages").fetchall()
    assert any("[주민등록번호]" in r[0] for r in rows)


def test_default_path_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("APPLICANT_BOT_DATA_DIR", str(tmp_path / "data"))
    assert default_db_path() == tmp_path / "data" / "applicant-bot.db"
