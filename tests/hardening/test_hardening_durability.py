"""Faults and data safety against a real `applicant-bot serve`: WAL, kill -9 in the middle of a
flow, no half-written session after a crash under load, graceful SIGTERM with requests in flight."""
from __future__ import annotations

import asyncio
import json
import select
import signal
import socket
import sqlite3
import time
from datetime import datetime

import aiohttp
import pytest

from bot.dialogue import State
from hardening_support import APOLOGY, chat, reply_text


def read_db(path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    return conn


async def test_database_is_in_wal_mode(server_factory):
    server = server_factory()
    async with aiohttp.ClientSession() as http:
        assert (await chat(http, server.url, "wal", "안녕하세요"))[0] == 200
    with read_db(server.db_path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


async def test_a_flow_survives_kill_9_and_continues_after_restart(server_factory):
    server = server_factory(name="crash")
    async with aiohttp.ClientSession() as http:
        assert "언제 취소하셨나요" in reply_text((await chat(http, server.url, "mid-flow", "환불 받을 수 있나요"))[1])
        assert "1차 시험 접수를 언제" in reply_text((await chat(http, server.url, "mid-flow", "1차"))[1])
    server.kill()  # SIGKILL: nothing flushed or closed on the way out

    restarted = server_factory(env={"APPLICANT_BOT_DATA_DIR": str(server.data_dir)}, name="restart")
    async with aiohttp.ClientSession() as http:
        status, body = await chat(http, restarted.url, "mid-flow", "4월 20일")
    answer = reply_text(body)
    assert status == 200
    # The stage given before the crash is still known: 4. 20. is after the 1차 exam, so the reason
    # for not sitting it is asked — not the stage (a day between the stages says none by itself).
    assert "사유" in answer and "1차 시험인가요" not in answer


async def _hammer(url: str, sessions: int, answered: dict[str, int], stop: asyncio.Event) -> None:
    """Send turns on many sessions until ``stop``; count the answers each session received."""
    texts = ["환불 받을 수 있나요", "1차", "3월 25일", "다른 날짜로 다시 계산", "3월 10일", "신분증", "모바일 운전면허증"]

    async def one(http, k):
        sid = f"load-{k}"
        turn = 0
        while not stop.is_set():
            try:
                status, _ = await chat(http, url, sid, texts[turn % len(texts)])
            except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
                return  # the server died under us
            if status == 200:
                answered[f"web:{sid}"] = answered.get(f"web:{sid}", 0) + 1
            turn += 1

    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=sessions)) as http:
        await asyncio.gather(*(one(http, k) for k in range(sessions)))


async def test_kill_9_under_load_leaves_no_half_written_session(server_factory):
    server = server_factory(name="load")
    answered: dict[str, int] = {}
    stop = asyncio.Event()
    load = asyncio.create_task(_hammer(server.url, 40, answered, stop))
    deadline = time.monotonic() + 20
    while sum(answered.values()) < 400 and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    server.kill()  # mid-write, with dozens of requests in flight
    stop.set()
    await load
    assert sum(answered.values()) >= 400

    with read_db(server.db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        states = {row["id"]: row["state"] for row in conn.execute("SELECT id, state FROM sessions")}
        incoming = dict(conn.execute(
            "SELECT session, COUNT(*) FROM messages WHERE direction = 'in' GROUP BY session").fetchall())
    assert set(answered) <= set(states), "an answered session is missing after the crash"
    for sid, raw in states.items():
        state = State.from_dict(json.loads(raw))  # every stored state is whole and loadable
        # The state and the turn's log rows are one transaction: they agree after any crash.
        assert state.turns == incoming.get(sid, 0), (sid, state.turns, incoming.get(sid))
        # An answer the client received was saved before it was sent.
        assert state.turns >= answered.get(sid, 0), (sid, state.turns, answered.get(sid))

    # and the server starts again on that file and carries on
    restarted = server_factory(env={"APPLICANT_BOT_DATA_DIR": str(server.data_dir)}, name="reload")
    async with aiohttp.ClientSession() as http:
        status, body = await chat(http, restarted.url, "load-0", "처음으로")
    assert status == 200 and APOLOGY not in reply_text(body)


def _connect(port: int) -> socket.socket:
    """A keep-alive connection the server has accepted and served once (so it is surely open)."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    sock.sendall(f"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
    _read_response(sock)
    return sock


def _chat_request(port: int, sid: str) -> bytes:
    body = json.dumps({"session": sid, "text": "3월 25일에 1차 취소하면 환불 얼마?"}, ensure_ascii=False).encode()
    return (f"POST /api/v1/chat HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode() + body


def _read_response(sock: socket.socket) -> tuple[int, dict]:
    """One HTTP/1.1 response with a Content-Length body."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError(f"closed without a response: {data!r}")
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = int(next(line.split(b":")[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")))
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed in the middle of a response")
        body += chunk
    return int(head.split()[1]), json.loads(body)


def _entry_time(entry: dict) -> float:
    return datetime.fromisoformat(entry["ts"]).timestamp()


def test_sigterm_lets_in_flight_requests_finish_and_flushes_their_writes(server_factory):
    server = server_factory(name="graceful")
    count = 300
    sockets = [_connect(server.port) for _ in range(count)]
    for k, sock in enumerate(sockets):
        sock.sendall(_chat_request(server.port, f"inflight-{k}"))
    # As soon as the server is visibly busy with them (a first answer is ready), stop it: the rest
    # are being handled or queued for the engine at that moment.
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        ready, _, _ = select.select(sockets, [], [], 0.005)
        if ready:
            break
    server.process.send_signal(signal.SIGTERM)
    signalled = time.time()
    results = [_read_response(sock) for sock in sockets]
    for sock in sockets:
        sock.close()
    assert server.process.wait(timeout=30) == 0
    assert all(status == 200 for status, _ in results), [status for status, _ in results if status != 200]
    assert all("환불액: 20,000원" in reply_text(body) for _, body in results)
    finished_after_signal = [e for e in server.log_entries()
                             if e.get("path") == "/api/v1/chat" and _entry_time(e) > signalled - 0.01]
    assert finished_after_signal, "every request had finished before the signal: nothing was in flight"

    with read_db(server.db_path) as conn:  # every answered turn is on disk after the stop
        saved = {row[0] for row in conn.execute("SELECT id FROM sessions WHERE id LIKE 'web:inflight-%'")}
    assert saved == {f"web:inflight-{k}" for k in range(count)}
    with pytest.raises(OSError):  # and the server really went away
        socket.create_connection(("127.0.0.1", server.port), timeout=1).close()
