"""`applicant-bot ask` across processes (the session lives in the file store) and `chat` on a pipe."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parents[2]


def run(args, data_dir, stdin=None):
    env = dict(os.environ, APPLICANT_BOT_DATA_DIR=str(data_dir), PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=ROOT, env=env, input=stdin,
        capture_output=True, text=True, timeout=120,
    )


def ask_json(data_dir, *text, session="cli-test"):
    done = run(["ask", "--session", session, "--today", "2023-03-01", "--json", *text], data_dir)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_ask_json_shape_and_a_session_across_processes(tmp_path):
    first = ask_json(tmp_path, "취소했는데 환불 얼마나 받아요?")
    assert set(first) == {"replies", "intent", "confidence"}
    assert isinstance(first["confidence"], float) and first["intent"] == "refund"
    assert [set(r) for r in first["replies"]] == [{"text", "buttons"}]
    assert first["replies"][0]["buttons"][:1] == ["오늘"]  # the day is asked first

    second = ask_json(tmp_path, "1차")  # a new process: the conversation comes from the file
    assert "언제" in second["replies"][0]["text"]

    third = ask_json(tmp_path, "3월", "10일")  # words are joined into one message
    assert "24,000원" in third["replies"][0]["text"]
    assert "2023. 3. 19.(일)" in third["replies"][0]["text"]

    other = ask_json(tmp_path, "1차", session="someone-else")  # another session starts afresh
    assert "24,000원" not in other["replies"][0]["text"]


def test_ask_plain_text_prints_buttons_as_numbers(tmp_path):
    done = run(["ask", "--today", "2023-03-01", "취소했는데 환불 얼마나 받아요?"], tmp_path)
    assert done.returncode == 0
    assert "[1] 오늘" in done.stdout and "[2] 처음으로" in done.stdout
    assert "--session" in done.stderr  # tells how to continue


def test_ask_rejects_a_bad_today(tmp_path):
    done = run(["ask", "--today", "2023-02-30", "환불"], tmp_path)
    assert done.returncode == 2 and "YYYY-MM-DD" in done.stderr


def test_chat_on_piped_stdin_presses_numbered_buttons(tmp_path):
    done = run(["chat", "--today", "2023-03-01"], tmp_path, stdin="취소했는데 환불 얼마나 받아요?\n1\n3월 25일\n")
    assert done.returncode == 0, done.stderr
    assert "> 오늘" in done.stdout  # "1" pressed the first button: 2023. 3. 1. is a 1차 cancellation
    assert "24,000원" in done.stdout and "20,000원" in done.stdout  # then 3. 25.: 50%


def test_personal_data_typed_in_the_cli_is_masked_on_disk(tmp_path):
    ask_json(tmp_path, "제 연락처 010-2345-6789, 주민번호 900101-1234567 인데 환불 되나요?")
    files = list(tmp_path.rglob("*"))
    raw = b"".join(p.read_bytes() for p in files if p.is_file())
    assert b"010-2345-6789" not in raw and b"900101-1234567" not in raw and b"1234567" not in raw
    db = next(p for p in files if p.name.endswith(".db"))
    texts = [r[0] for r in sqlite3.connect(db).execute("SELECT text FROM messages WHERE direction = 'in'")]
    assert any("[전화번호]" in t and "[주민등록번호]" in t for t in texts)
