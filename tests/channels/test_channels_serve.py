"""`applicant-bot serve` as a real process: no configuration, --today, clean SIGTERM/SIGINT, one-line
configuration errors with exit status 2."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

# The console script the install created, next to this interpreter; else the same entry point.
SCRIPT = Path(sys.executable).parent / "applicant-bot"
SERVE = [str(SCRIPT), "serve"] if SCRIPT.exists() else [
    sys.executable, "-c", "import sys; from bot.cli import main; sys.exit(main(sys.argv[1:]))", "serve"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def clean_env(tmp_path: Path, **settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("APPLICANT_BOT_")}
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    env["HOME"] = str(tmp_path / "home")
    env.update({f"APPLICANT_BOT_{k}": v for k, v in settings.items()})
    return env


def start(tmp_path: Path, *args: str, **settings: str) -> subprocess.Popen:
    return subprocess.Popen(
        [*SERVE, *args], env=clean_env(tmp_path, **settings),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def wait_healthy(port: int, process: subprocess.Popen, timeout: float = 30.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"serve exited {process.returncode}: {process.stderr.read()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response:
                return json.load(response)
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.1)
    raise AssertionError("serve did not become healthy")


def chat(port: int, session: str, text: str) -> dict:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1/chat", data=json.dumps({"session": session, "text": text}).encode(),
        headers={"Content-Type": "application/json"}, method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def stop(process: subprocess.Popen, signum=signal.SIGTERM) -> tuple[int, str]:
    process.send_signal(signum)
    try:
        _, err = process.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        raise
    return process.returncode, err


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_serve_runs_with_no_configuration_and_stops_cleanly(tmp_path, signum):
    port = free_port()
    process = start(tmp_path, "--port", str(port))
    try:
        health = wait_healthy(port, process)
        assert health["status"] == "ok" and health["telegram"] == {"state": "off"}
        assert chat(port, "s1", "환불")["intent"] == "refund"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
            assert b"widget.js" in response.read()
    finally:
        code, err = stop(process, signum)
    assert code == 0, err
    assert "stopping" in err and "Traceback" not in err
    db = tmp_path / "xdg" / "applicant-bot" / "applicant-bot.db"  # the default data directory
    assert db.exists()
    import sqlite3

    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM messages WHERE session = 'web:s1'").fetchone()[0] == 2


def test_today_option_freezes_the_date(tmp_path):
    port = free_port()
    process = start(tmp_path, "--port", str(port), "--today", "2023-03-30", DATA_DIR=str(tmp_path / "data"))
    try:
        wait_healthy(port, process)
        chat(port, "s", "환불")
        chat(port, "s", "1차")
        answer = chat(port, "s", "오늘")["replies"][0]["text"]
        assert "2023. 3. 30.(목)" in answer and "환불 불가" in answer  # from 3. 30. nothing is refunded
    finally:
        code, err = stop(process)
    assert code == 0, err
    assert (tmp_path / "data" / "applicant-bot.db").exists()


CONFIG_ERRORS = [
    ({"PUBLIC_URL": "http://bot.example.kr"}, (), "APPLICANT_BOT_PUBLIC_URL"),
    ({"TELEGRAM_SECRET": "no spaces allowed"}, (), "APPLICANT_BOT_TELEGRAM_SECRET"),
    ({"TELEGRAM_TOKEN": "nonsense"}, (), "APPLICANT_BOT_TELEGRAM_TOKEN"),
    ({"STAFF_TOKEN": "short"}, (), "APPLICANT_BOT_STAFF_TOKEN"),
    ({"STAFF_TOKEN": "aaaaaaaaaaaaaaaa"}, (), "APPLICANT_BOT_STAFF_TOKEN"),
    ({"STAFF_TOKEN": "abababababababababab"}, (), "APPLICANT_BOT_STAFF_TOKEN"),
    ({"RATE_LIMIT": "lots"}, (), "APPLICANT_BOT_RATE_LIMIT"),
    ({"ALLOWED_ORIGINS": "*.example.kr"}, (), "APPLICANT_BOT_ALLOWED_ORIGINS"),
    ({}, ("--port", "99999"), "--port"),
    ({}, ("--today", "2023-02-30"), "--today"),
]


@pytest.mark.parametrize("settings, args, name", CONFIG_ERRORS,
                         ids=[f"{c[2]}={next(iter(c[0].values()), '')[:8]}" for c in CONFIG_ERRORS])
def test_malformed_settings_stop_the_start_with_one_line_and_status_2(tmp_path, settings, args, name):
    result = subprocess.run(
        [*SERVE, "--port", str(free_port()), *args],
        env=clean_env(tmp_path, **settings), capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and name in lines[0] and "configuration error" in lines[0], result.stderr


def test_unwritable_data_dir_is_a_configuration_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = subprocess.run(
        [*SERVE, "--port", str(free_port())],
        env=clean_env(tmp_path, DATA_DIR=str(blocker / "data")), capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2
    assert "APPLICANT_BOT_DATA_DIR" in result.stderr and "Traceback" not in result.stderr


def test_busy_port_is_one_line_not_a_traceback(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [*SERVE, "--port", str(port)],
            env=clean_env(tmp_path), capture_output=True, text=True, timeout=60,
        )
    assert result.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and "Traceback" not in result.stderr
