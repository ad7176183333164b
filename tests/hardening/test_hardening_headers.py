"""Security headers against a real `serve`: every answer — pages, JSON, files, errors, aiohttp's own
answer to a malformed request — carries a CSP with a framing policy, and no version banner."""
from __future__ import annotations

import socket

import aiohttp
import pytest

from hardening_support import STAFF_TOKEN, Server

EXAM_SITE = "https://exam.example.kr"
GETS = ["/", "/staff", "/widget.js", "/widget.css", "/static/page.css", "/healthz", "/openapi.json",
        "/no-such-page", "/api/no-such-route"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    server = Server(tmp_path_factory.mktemp("headers"), env={"APPLICANT_BOT_STAFF_TOKEN": STAFF_TOKEN}).start()
    yield server
    server.kill()


@pytest.fixture(scope="module")
def framed_server(tmp_path_factory):
    server = Server(tmp_path_factory.mktemp("headers-framed"), env={
        "APPLICANT_BOT_STAFF_TOKEN": STAFF_TOKEN, "APPLICANT_BOT_FRAME_ANCESTORS": EXAM_SITE}).start()
    yield server
    server.kill()


async def answers(server: Server) -> dict[str, tuple[int, dict]]:
    found = {}
    async with aiohttp.ClientSession() as http:
        for path in GETS:
            async with http.get(server.url + path) as response:
                found[path] = response.status, dict(response.headers)
        async with http.post(server.url + "/api/v1/chat", json={"session": "h", "text": "환불"}) as response:
            found["POST /api/v1/chat"] = response.status, dict(response.headers)
        async with http.post(server.url + "/api/v1/chat", data=b"{bad", headers={"Content-Type": "application/json"}) as response:
            found["POST /api/v1/chat (bad JSON)"] = response.status, dict(response.headers)
    return found


def raw_answer_head(server: Server, request: bytes) -> tuple[int, dict]:
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
        sock.sendall(request)
        data = b""
        while b"\r\n\r\n" not in data and (chunk := sock.recv(65536)):
            data += chunk
    status_line, *lines = data.split(b"\r\n\r\n")[0].decode("latin-1").split("\r\n")
    return int(status_line.split()[1]), {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in lines)}


def frame_ancestors(headers: dict) -> str:
    csp = headers.get("Content-Security-Policy", "")
    policies = [p.strip() for p in csp.split(";") if p.strip().startswith("frame-ancestors")]
    assert len(policies) <= 1, csp
    return policies[0] if policies else f"no frame-ancestors in {csp!r}"


def assert_no_banner(headers: dict) -> None:
    assert headers["Server"] == "applicant-bot"
    assert not any(ch.isdigit() for ch in headers["Server"])


async def test_every_answer_has_a_csp_a_framing_policy_and_no_version_banner(server):
    found = await answers(server)
    found["malformed request line"] = raw_answer_head(server, b"GET /\x01 HTTP/1.1\r\nHost: t\r\n\r\n")
    assert found["/"][0] == 200 and found["/no-such-page"][0] == 404 and found["malformed request line"][0] == 400
    for what, (status, headers) in found.items():
        assert frame_ancestors(headers) == "frame-ancestors 'none'", what
        assert headers["X-Frame-Options"] == "DENY", what
        assert headers["X-Content-Type-Options"] == "nosniff", what
        assert_no_banner(headers)
    # pages may use this site's scripts and API; nothing else may load anything at all
    assert "script-src 'self'" in found["/"][1]["Content-Security-Policy"]
    for what in ("/healthz", "/widget.js", "POST /api/v1/chat", "/api/no-such-route"):
        assert found[what][1]["Content-Security-Policy"].startswith("default-src 'none'"), what


async def test_the_widget_files_stay_embeddable_by_script_tag(server):
    found = await answers(server)
    for path in ("/widget.js", "/widget.css"):
        status, headers = found[path]
        assert status == 200
        assert headers["Cross-Origin-Resource-Policy"] == "cross-origin" and headers["Access-Control-Allow-Origin"] == "*"


async def test_only_the_chat_page_may_be_framed_and_only_by_the_configured_sites(framed_server):
    found = await answers(framed_server)
    status, headers = found["/"]
    assert status == 200 and frame_ancestors(headers) == f"frame-ancestors {EXAM_SITE}"
    assert "X-Frame-Options" not in headers  # it cannot name a site; frame-ancestors decides
    for what in ("/staff", "/healthz", "/no-such-page"):
        assert frame_ancestors(found[what][1]) == "frame-ancestors 'none'", what
        assert found[what][1]["X-Frame-Options"] == "DENY"
