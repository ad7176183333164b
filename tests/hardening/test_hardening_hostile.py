"""Hostile input over real HTTP: every request gets a 4xx or a polite answer, never a 5xx, a
traceback or the engine's apology; the server keeps answering and logs no error."""
from __future__ import annotations

import json
import socket

import aiohttp
import pytest

from hardening_support import APOLOGY, Server, chat, reply_text

CHAT = "/api/v1/chat"
JSON = {"Content-Type": "application/json"}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    server = Server(tmp_path_factory.mktemp("hostile")).start()
    yield server
    server.kill()


@pytest.fixture(scope="module")
def limited_server(tmp_path_factory):
    """The rate limit on (never reached): every body also goes through its session peek."""
    server = Server(tmp_path_factory.mktemp("hostile-limited"), env={"APPLICANT_BOT_RATE_LIMIT": "1000000/1"}).start()
    yield server
    server.kill()


def body(session="hostile", text="안녕하세요", **extra) -> bytes:
    return json.dumps({"session": session, "text": text, **extra}, ensure_ascii=False).encode()


RAW_BODIES = {
    "truncated": b'{"session": "a", "text": ',
    "not json": b"{bad json",
    "invalid utf-8": b'{"session": "a", "text": "\xff\xfe"}',
    "utf-16": '{"session": "a", "text": "x"}'.encode("utf-16"),
    "null": b"null",
    "array": b'["a", "b"]',
    "string": b'"text"',
    "number": b"5",
    "empty object": b"{}",
    "empty": b"",
    "whitespace": b"   \n ",
    "trailing garbage": b'{"session": "a", "text": "x"} trailing',
    "NaN literal": b'{"session": "a", "text": NaN}',
    "huge exponent": b'{"session": "a", "text": 1e999999}',
    "deep nesting": b"[" * 100_000 + b"]" * 100_000,
    "deep nesting under the size limit": b"[" * 8000 + b"]" * 8000,
    "deep object under the size limit": b'{"session": "a", "text": ' + b'{"a":' * 2500 + b"1" + b"}" * 2501,
    "deep object": b'{"session": "a", "text": ' + b'{"a":' * 50_000 + b"1" + b"}" * 50_000 + b"}",
    "duplicate keys": b'{"session": "a", "text": "x", "text": "y"}',
    "lone surrogate": b'{"session": "a", "text": "\\ud800"}',
    "escaped NUL": b'{"session": "a", "text": "\\u0000\\u0000"}',
    "text int": body(text=5),
    "text float": body(text=5.5),
    "text bool": body(text=True),
    "text null": body(text=None),
    "text list": body(text=["환불"]),
    "text object": body(text={"$ne": ""}),
    "session int": body(session=5),
    "session null": body(session=None),
    "session list": body(session=["a"]),
    "session empty": body(session=""),
    "session too long": body(session="a" * 101),
    "session traversal": body(session="../../etc/passwd"),
    "session sql": body(session="a' OR '1'='1"),
    "session korean": body(session="세션"),
    "session NUL": body(session="a\u0000b"),
    "missing text": json.dumps({"session": "a"}).encode(),
    "missing session": json.dumps({"text": "환불"}).encode(),
    "extra fields": body(admin=True, __proto__={"x": 1}),
    "1 MB body": body(text="가" * 350_000),
    "100,000-character text": body(text="환" * 100_000),
    "100,000 ASCII characters": body(text="a" * 100_000),
    "1,001 characters": body(text="환불" + "가" * 999),
}


@pytest.mark.parametrize("limited", [False, True], ids=["limit-off", "limit-on"])
@pytest.mark.parametrize("name", list(RAW_BODIES))
async def test_malformed_bodies_get_a_4xx_json_error(request, name, limited):
    server = request.getfixturevalue("limited_server" if limited else "server")
    async with aiohttp.ClientSession() as http:
        async with http.post(server.url + CHAT, data=RAW_BODIES[name], headers=JSON) as response:
            raw = await response.read()
            assert response.status < 500, (name, response.status, raw[:300])
            assert b"Traceback" not in raw
            data = json.loads(raw)
            if response.status == 200:  # accepted: then it is a polite answer
                assert APOLOGY not in reply_text(data) and reply_text(data).strip()
            else:
                assert 400 <= response.status < 500
                assert data["error"] and data["message"]


CONTENT_TYPES = ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                 "application/xml", "application/json-patch+json", "", "image/png"]


@pytest.mark.parametrize("content_type", CONTENT_TYPES)
async def test_wrong_content_types_are_refused(server, content_type):
    async with aiohttp.ClientSession() as http:
        async with http.post(server.url + CHAT, data=body(), headers={"Content-Type": content_type}) as response:
            assert response.status == 415, (content_type, response.status)
            assert (await response.json())["error"]


HOSTILE_TEXTS = [
    "\u0000환불\u0000", "\u202e1차 환불\u202c", "\u200f\u200e\u2066환불\u2069", "\ufeff\u200b\u200b", "\u0007\u001b[31m빨강",
    "😀" * 1000, "👨‍👩‍👧‍👦" * 100, "🇰🇷" * 300, "ㅋ" * 1000, "Z̴̢̛a̷l̸g̷o̶" * 20, "\U0010ffff" * 10,
    "'; DROP TABLE sessions;--", "1' OR '1'='1", "환불\"); DELETE FROM messages; --", "Robert'); DROP TABLE students;--",
    "{{ 7*7 }}", "{{ config.items() }}", "{% for c in ().__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
    "${7*7}", "#{7*7}", "<%= 7*7 %>", "{{ exam.__class__.__init__.__globals__ }}", "%s%s%s%n", "{0.__class__}",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
    "../../../../etc/passwd", "C:\\Windows\\system32", "\\x00\\x01", "NaN", "Infinity", "-0", "1e309",
    "토익 -5점", "토익 99999점", "토익 점수 -5", "1차 과목 점수 -5 99999 50", "지텔프 레벨 99 65점",
    "2월 30일에 취소하면?", "2023년 2월 30일 환불", "13월 45일", "0월 0일", "2023-02-30", "2월 29일",
    " ", "\n\n\n", "?", "ㅇㅇ", "a" * 1000, "가" * 1000,
]


async def test_hostile_texts_get_polite_answers(server):
    async with aiohttp.ClientSession() as http:
        for k, text in enumerate(HOSTILE_TEXTS):
            status, data = await chat(http, server.url, f"hostile-{k}", text)
            if status != 200:
                assert 400 <= status < 500 and data["error"], (text, status, data)
                continue
            answer = reply_text(data)
            assert answer.strip() and APOLOGY not in answer, (text, answer)
            assert "Traceback" not in answer and "<class" not in answer and "__globals__" not in answer.replace(text, "")
            if "7*7" in text:
                assert "49" not in answer, (text, answer)  # a template was never evaluated


async def test_hostile_values_inside_flows_are_asked_again_politely(server):
    flows = [
        ["환불 받을 수 있나요", "2월 30일", "1차", "2월 30일", "13월 1일", "3월 25일"],
        ["영어 성적 인정되나요", "토익", "-5점", "99999점", "2021년 2월 30일", "750점"],
        ["합격 기준", "1차", "-5 99999 50 40 30"],
        ["신분증", "'; DROP TABLE sessions;--", "{{ 7*7 }}"],
        ["시각장애 편의", "😀" * 500, "\u202e중증"],
    ]
    async with aiohttp.ClientSession() as http:
        for k, flow in enumerate(flows):
            for text in flow:
                status, data = await chat(http, server.url, f"flow-{k}", text)
                assert status == 200, (text, status, data)
                answer = reply_text(data)
                assert answer.strip() and APOLOGY not in answer, (flow, text, answer)
        status, data = await chat(http, server.url, "flow-0", "처음으로")
        assert status == 200


@pytest.mark.parametrize("method,path", [
    ("GET", CHAT), ("PUT", CHAT), ("DELETE", CHAT), ("PATCH", CHAT),
    ("GET", "/api/v1/nope"), ("POST", "/api/v2/chat"), ("GET", "/static/../../pyproject.toml"),
    ("GET", "/static/%2e%2e/%2e%2e/pyproject.toml"), ("GET", "/" + "a" * 8000), ("GET", "/staff/api/../../etc/passwd"),
])
async def test_wrong_methods_and_paths_are_4xx(server, method, path):
    async with aiohttp.ClientSession() as http:
        async with http.request(method, server.url + path, data=body(), headers=JSON) as response:
            raw = await response.read()
            assert 400 <= response.status < 500, (method, path, response.status)
            assert b"[build-system]" not in raw and b"root:" not in raw


@pytest.mark.parametrize("payload", [
    b"GARBAGE\r\n\r\n",
    b"POST /api/v1/chat HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
    b"POST /api/v1/chat HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    b"POST /api/v1/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 100_000 + b"\r\n\r\n",
    b"GET / HTTP/1.1\r\n" + b"".join(b"X-H%d: v\r\n" % i for i in range(500)) + b"\r\n",
    b"GET /\x00 HTTP/1.1\r\nHost: x\r\n\r\n",
])
def test_broken_http_is_refused_with_a_4xx(server, payload):
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        try:
            sock.sendall(payload)
        except OSError:
            return  # the server hung up on it: also fine
        response = b""
        try:
            while chunk := sock.recv(65536):
                response += chunk
                if b"\r\n\r\n" in response:
                    break
        except OSError:
            return
    if response:
        status = int(response.split()[1])
        assert 400 <= status < 500, response[:200]


async def test_the_server_still_answers_and_logged_no_error(server):
    # runs after the attacks above (file order): the same server, a normal question
    async with aiohttp.ClientSession() as http:
        status, data = await chat(http, server.url, "after-attacks", "3월 25일에 1차 시험 취소하면 환불 얼마예요?")
    assert status == 200 and "환불액: 20,000원" in reply_text(data)
    entries = server.log_entries()  # every line is JSON (json.loads would raise otherwise)
    problems = [e for e in entries if e["level"] in ("ERROR", "CRITICAL") or "exc" in e]
    assert not problems, problems[:3]
    assert not [e for e in entries if e.get("status", 0) >= 500]
