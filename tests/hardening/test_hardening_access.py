"""Access control on a real server: staff token, Telegram webhook secret, CORS allow-list, the rate
limit (429 + Retry-After) and X-Forwarded-For believed only from trusted proxies."""
from __future__ import annotations

import aiohttp
import pytest

from hardening_support import STAFF_TOKEN, Server, free_port

ALLOWED = "https://exam.example.kr"
SECRET = "webhook-secret_for-tests"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    closed_port = free_port()  # nothing listens there: the Bot API is "unreachable", on loopback
    server = Server(tmp_path_factory.mktemp("access"), env={
        "APPLICANT_BOT_STAFF_TOKEN": STAFF_TOKEN,
        "APPLICANT_BOT_ALLOWED_ORIGINS": ALLOWED,
        "APPLICANT_BOT_TELEGRAM_TOKEN": "123456:TEST-token_for-hardening",
        "APPLICANT_BOT_TELEGRAM_SECRET": SECRET,
        "APPLICANT_BOT_PUBLIC_URL": "https://bot.example.kr",
        "APPLICANT_BOT_TELEGRAM_API_URL": f"http://127.0.0.1:{closed_port}/bot",
    }).start()
    yield server
    server.kill()


STAFF_REQUESTS = [
    ("GET", "/staff/api/search?q=환불", None),
    ("GET", "/staff/api/unanswered", None),
    ("POST", "/staff/api/check/refund", {"stage": "1", "on": "2023-03-25"}),
]


@pytest.mark.parametrize("method,path,payload", STAFF_REQUESTS)
async def test_staff_api_refuses_requests_without_the_token(server, method, path, payload):
    async with aiohttp.ClientSession() as http:
        for headers in ({}, {"Authorization": "Bearer wrong-token-0123456789"}, {"Authorization": STAFF_TOKEN},
                        {"Authorization": f"Basic {STAFF_TOKEN}"}, {"Cookie": "applicant_bot_staff=forged.value"}):
            async with http.request(method, server.url + path, json=payload, headers=headers) as response:
                assert response.status == 401, (path, headers, response.status)
                data = await response.text()
                assert "citations" not in data and "results" not in data and "items" not in data
        async with http.request(method, server.url + path, json=payload,
                                headers={"Authorization": f"Bearer {STAFF_TOKEN}"}) as response:
            assert response.status == 200, (path, await response.text())


async def test_staff_page_shows_the_login_form_not_the_tools(server):
    async with aiohttp.ClientSession() as http:
        async with http.get(server.url + "/staff") as anonymous:
            page = await anonymous.text()
        async with http.post(server.url + "/staff/login", data={"token": "wrong-token-0123456789"},
                             headers={"Origin": server.url}, allow_redirects=False) as wrong:
            assert wrong.status == 401
            assert "set-cookie" not in {k.lower() for k in wrong.headers}
    assert 'action="/staff/login"' in page and 'id="calculators"' not in page


async def test_staff_is_off_without_a_configured_token(tmp_path):
    server = Server(tmp_path).start()
    try:
        async with aiohttp.ClientSession() as http:
            async with http.get(server.url + "/staff/api/search?q=환불",
                                headers={"Authorization": "Bearer anything-at-all-0123"}) as response:
                assert response.status in (401, 503)
    finally:
        server.kill()


async def test_telegram_webhook_refuses_a_wrong_or_missing_secret(server):
    update = {"update_id": 1, "message": {"message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"}, "text": "hi"}}
    async with aiohttp.ClientSession() as http:
        for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"},
                        {"X-Telegram-Bot-Api-Secret-Token": SECRET + "x"}, {"X-Telegram-Bot-Api-Secret-Token": ""}):
            async with http.post(server.url + "/telegram/webhook", json=update, headers=headers) as response:
                assert response.status == 403, headers
        async with http.post(server.url + "/telegram/webhook", json=update,
                             headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}) as response:
            # the right secret passes the check (the channel itself is still connecting: 503)
            assert response.status in (200, 503)


async def test_cors_honours_the_allow_list(server):
    payload = {"session": "cors", "text": "응시수수료 얼마예요"}
    async with aiohttp.ClientSession() as http:
        async with http.post(server.url + "/api/v1/chat", json=payload, headers={"Origin": ALLOWED}) as response:
            assert response.status == 200
            assert response.headers["Access-Control-Allow-Origin"] == ALLOWED
        for origin in ("https://evil.example", "https://exam.example.kr.evil.example", "null", "http://exam.example.kr"):
            async with http.post(server.url + "/api/v1/chat", json=payload, headers={"Origin": origin}) as response:
                assert response.status == 403, origin
                assert "Access-Control-Allow-Origin" not in response.headers
        preflight = {"Origin": ALLOWED, "Access-Control-Request-Method": "POST",
                     "Access-Control-Request-Headers": "content-type"}
        async with http.options(server.url + "/api/v1/chat", headers=preflight) as response:
            assert response.status == 204
            assert response.headers["Access-Control-Allow-Origin"] == ALLOWED
            assert "POST" in response.headers["Access-Control-Allow-Methods"]
        async with http.options(server.url + "/api/v1/chat", headers={**preflight, "Origin": "https://evil.example"}) as response:
            assert response.status == 403
        async with http.post(server.url + "/api/v1/chat", json=payload) as response:  # not a browser: no CORS
            assert response.status == 200 and "Access-Control-Allow-Origin" not in response.headers


# --- rate limit and trusted proxies ------------------------------------------------------------


async def _post(http, url, sid, headers=None):
    async with http.post(f"{url}/api/v1/chat", json={"session": sid, "text": "안녕하세요"}, headers=headers or {}) as r:
        return r.status, r.headers.get("Retry-After"), await r.json()


async def test_rate_limit_per_session_and_per_client_without_trusted_proxies(tmp_path):
    # 3 per 60 s for a session, so 30 per 60 s for a client (bot.web.ratelimit.CLIENT_MULTIPLIER)
    server = Server(tmp_path, env={"APPLICANT_BOT_RATE_LIMIT": "3/60"}).start()
    try:
        async with aiohttp.ClientSession() as http:
            assert [(await _post(http, server.url, "rl-a"))[0] for _ in range(3)] == [200, 200, 200]
            status, retry_after, body = await _post(http, server.url, "rl-a")
            assert status == 429 and int(retry_after) >= 1
            assert body["error"] == "rate_limited" and body["retry_after"] == int(retry_after) and body["message"]
            assert (await _post(http, server.url, "rl-b"))[0] == 200  # another session is not held up
            # with the limit on, broken bodies still get their own 4xx from the handler, not a 429 or a 5xx
            for raw in (b"{bad", b"", b'{"session": 5}', b"[" * 5000):
                async with http.post(f"{server.url}/api/v1/chat", data=raw,
                                     headers={"Content-Type": "application/json"}) as response:
                    assert 400 <= response.status < 500 and response.status != 429, (raw[:20], response.status)
            statuses = [(await _post(http, server.url, f"rl-many-{k}"))[0] for k in range(40)]
            assert statuses.count(200) < 40 and set(statuses) == {200, 429}  # the client's own limit
            # a client behind no trusted proxy cannot escape by claiming another address
            status, _, body = await _post(http, server.url, "rl-fresh", {"X-Forwarded-For": "198.51.100.7"})
            assert status == 429 and body["scope"] == "client"
    finally:
        server.kill()


async def test_x_forwarded_for_is_believed_only_from_a_trusted_proxy(tmp_path):
    # 1 per 60 s for a session → 10 per 60 s for a client address; our peer 127.0.0.1 is the proxy
    server = Server(tmp_path, env={"APPLICANT_BOT_RATE_LIMIT": "1/60", "APPLICANT_BOT_TRUSTED_PROXIES": "127.0.0.1, ::1"}).start()
    try:
        async with aiohttp.ClientSession() as http:
            # 15 applicants behind the proxy: each has its own allowance
            for k in range(15):
                status, _, _ = await _post(http, server.url, f"xff-{k}", {"X-Forwarded-For": f"203.0.113.{k + 1}"})
                assert status == 200, k
            # one applicant: 10 then refused, however it dresses its header up
            client = "198.51.100.20"
            statuses = [(await _post(http, server.url, f"one-{k}", {"X-Forwarded-For": client}))[0] for k in range(10)]
            assert statuses == [200] * 10
            for k, forged in enumerate((client, f"6.6.6.6, {client}", f"{client}, 127.0.0.1", f"10.9.9.9, {client}")):
                status, retry_after, body = await _post(http, server.url, f"forged-{k}", {"X-Forwarded-For": forged})
                assert status == 429 and body["scope"] == "client" and int(retry_after) >= 1, forged
    finally:
        server.kill()
