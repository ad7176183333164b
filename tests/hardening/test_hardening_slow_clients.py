"""Slow clients against a real `serve`: half-sent request heads and bodies are timed out, a crowd of
them cannot use up the descriptors (``/healthz`` stays reachable), and a client that hangs up in the
middle of its body is a client event — a 4xx access line, no 5xx, no traceback."""
from __future__ import annotations

import json
import resource
import socket
import subprocess
import sys
import time

import pytest

from hardening_support import Server, free_port
from bot.web.connections import usable_connections

BOUND = 30.0  # seconds; only bounds a test that fails (every wait below ends on an event)
HALF_HEAD = b"GET /healthz HTTP/1.1\r\nHost: t\r\nUser-Agent: slow"
CHAT_HEAD = ("POST /api/v1/chat HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
             "Content-Length: {length}\r\n{extra}\r\n")
BODY = json.dumps({"session": "slow", "text": "환불 얼마예요?"}, ensure_ascii=False).encode()


def connect(server: Server) -> socket.socket:
    return socket.create_connection(("127.0.0.1", server.port), timeout=BOUND)


def closed_by_server(sock: socket.socket) -> float:
    """Read until the server closes the connection; the seconds that took."""
    started = time.monotonic()
    try:
        while sock.recv(65536):
            pass
    except ConnectionResetError:
        pass
    return time.monotonic() - started


def get_healthz(server: Server) -> bytes:
    with connect(server) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer


def problems(entries: list[dict]) -> list[dict]:
    return [e for e in entries if e["level"] in ("ERROR", "CRITICAL") or "exc" in e or e.get("status", 0) >= 500]


def test_half_sent_heads_do_not_lock_out_healthz(tmp_path):
    # 512 descriptors, 700 slow sockets; the head timeout is long, so only the bound can help
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < 2048:  # this test process holds the 700 client ends
        resource.setrlimit(resource.RLIMIT_NOFILE, (2048 if hard == resource.RLIM_INFINITY else min(2048, hard), hard))
    server = Server(tmp_path, env={"APPLICANT_BOT_HEAD_TIMEOUT": "600"}, fd_limit=512).start()
    slow = []
    try:
        for _ in range(700):
            sock = connect(server)
            sock.sendall(HALF_HEAD)
            slow.append(sock)
        answer = get_healthz(server)
        assert answer.startswith(b"HTTP/1.1 200"), answer[:200]
        assert b'"status": "ok"' in answer or b'"status":"ok"' in answer
        closed_by_server(slow[0])  # the least recently active gave way (this read ends only if it did)
        entries = server.log_entries()
        assert not [e for e in entries if "out of system resource" in e["msg"] or "Too many open files" in e.get("exc", "")]
        assert problems(entries) == []
    finally:
        for sock in slow:
            sock.close()
        server.kill()


def test_a_half_sent_head_is_closed_after_the_head_timeout(tmp_path):
    server = Server(tmp_path, env={"APPLICANT_BOT_HEAD_TIMEOUT": "1"}).start()
    try:
        with connect(server) as sock:
            sock.sendall(HALF_HEAD)
            assert closed_by_server(sock) >= 0.9
        with connect(server) as sock:  # the same on a kept-alive connection, after a full request
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
            assert sock.recv(65536).startswith(b"HTTP/1.1 200")
            sock.sendall(HALF_HEAD)
            assert closed_by_server(sock) >= 0.9
        assert problems(server.log_entries()) == []
    finally:
        server.kill()


def test_a_half_sent_body_is_closed_after_the_body_timeout_and_logged_as_a_client_event(tmp_path):
    server = Server(tmp_path, env={"APPLICANT_BOT_BODY_TIMEOUT": "1"}).start()
    try:
        with connect(server) as sock:
            sock.sendall(CHAT_HEAD.format(length=len(BODY), extra="").encode() + BODY[:10])
            assert closed_by_server(sock) >= 0.9
        entries = server.wait_for_log(lambda es: any(e.get("path") == "/api/v1/chat" and "status" in e for e in es))
        [access] = [e for e in entries if e.get("path") == "/api/v1/chat" and "status" in e]
        assert access["status"] == 408
        assert [e["level"] for e in entries if e.get("event") == "body_timeout"] == ["INFO"]
        assert problems(entries) == []
        assert get_healthz(server).startswith(b"HTTP/1.1 200")
    finally:
        server.kill()


def test_a_client_that_hangs_up_mid_body_is_a_client_event(tmp_path):
    server = Server(tmp_path).start()
    try:
        with connect(server) as sock:
            # "Expect: 100-continue": the server says "go on" once the request is being handled
            sock.sendall(CHAT_HEAD.format(length=len(BODY), extra="Expect: 100-continue\r\n").encode())
            assert sock.recv(65536).startswith(b"HTTP/1.1 100")
            sock.sendall(BODY[:10])
        entries = server.wait_for_log(lambda es: any(e.get("path") == "/api/v1/chat" and "status" in e for e in es))
        [access] = [e for e in entries if e.get("path") == "/api/v1/chat" and "status" in e]
        assert access["status"] == 499
        assert [e["level"] for e in entries if e.get("event") == "client_gone"] == ["INFO"]
        assert problems(entries) == []
    finally:
        server.kill()


def test_slow_but_steady_clients_are_answered(tmp_path):
    server = Server(tmp_path, env={"APPLICANT_BOT_HEAD_TIMEOUT": "10", "APPLICANT_BOT_BODY_TIMEOUT": "10"}).start()
    try:
        with connect(server) as sock:
            head = CHAT_HEAD.format(length=len(BODY), extra="").encode()
            for piece in (head[:20], head[20:] + BODY[:10], BODY[10:]):  # a slow phone network
                sock.sendall(piece)
                time.sleep(0.3)
            answer = sock.recv(65536)
            assert answer.startswith(b"HTTP/1.1 200"), answer[:200]
            time.sleep(0.3)  # idle for a moment, then the kept-alive connection is used again
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
            assert sock.recv(65536).startswith(b"HTTP/1.1 200")
        assert problems(server.log_entries()) == []
    finally:
        server.kill()


@pytest.mark.parametrize("name, value", [("HEAD_TIMEOUT", "0"), ("BODY_TIMEOUT", "soon"), ("MAX_CONNECTIONS", "-5"),
                                         ("HEAD_TIMEOUT", "nan")])
def test_malformed_timeouts_and_bounds_stop_the_start(tmp_path, name, value):
    server = Server(tmp_path, env={f"APPLICANT_BOT_{name}": value})
    result = subprocess.run([sys.executable, "-m", "bot", "serve", "--port", str(free_port())],
                            env=server.env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and f"APPLICANT_BOT_{name}" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_bound_leaves_descriptors_for_a_burst_of_accepts_and_everything_else():
    assert usable_connections(1024) == 760
    assert usable_connections(512) == 248
    assert usable_connections(100_000) == 75_000  # (the default bound, 4,096, is lower)
    assert usable_connections(64) == 1
