"""The staff login against a real `serve`: logout ends the session on the server, failed attempts
are throttled per client address and in total, and a weak token stops the start."""
from __future__ import annotations

import asyncio
import subprocess
import sys

import aiohttp
import pytest

from hardening_support import STAFF_TOKEN, Server, free_port

COOKIE = "applicant_bot_staff"


@pytest.fixture
def staff_server(tmp_path):
    # 127.0.0.1 is a trusted proxy here, so a test can speak for many client addresses
    server = Server(tmp_path, env={"APPLICANT_BOT_STAFF_TOKEN": STAFF_TOKEN,
                                   "APPLICANT_BOT_TRUSTED_PROXIES": "127.0.0.1"}).start()
    yield server
    server.kill()


def _client() -> aiohttp.ClientSession:
    return aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar())  # cookies go only where we put them


async def _login(http, url, token=STAFF_TOKEN, client="127.0.0.1"):
    async with http.post(f"{url}/staff/login", data={"token": token}, allow_redirects=False,
                         headers={"X-Forwarded-For": client}) as response:
        return response.status, response.headers.get("Retry-After"), response.cookies.get(COOKIE)


async def _unanswered(http, url, cookie):
    async with http.get(f"{url}/staff/api/unanswered", headers={"Cookie": f"{COOKIE}={cookie}"}) as response:
        return response.status


async def test_logout_ends_the_session_for_every_copy_of_the_cookie(staff_server):
    url = staff_server.url
    async with _client() as http:
        status, _, morsel = await _login(http, url)
        assert status == 303 and morsel is not None
        cookie = morsel.value
        assert await _unanswered(http, url, cookie) == 200
        async with http.post(f"{url}/staff/logout", allow_redirects=False,
                             headers={"Cookie": f"{COOKIE}={cookie}"}) as response:
            assert response.status == 303
    async with _client() as thief:  # someone who copied the cookie before the logout
        assert await _unanswered(thief, url, cookie) == 401
        async with thief.get(f"{url}/staff", headers={"Cookie": f"{COOKIE}={cookie}"}) as response:
            page = await response.text()
        assert 'action="/staff/login"' in page and "공고 검색" not in page


async def test_parallel_guesses_from_one_client_are_throttled(staff_server):
    url = staff_server.url
    async with _client() as http:
        answers = await asyncio.gather(*(_login(http, url, f"wrong-guess-{n:04d}-abcdefgh", "198.51.100.7")
                                         for n in range(60)))
        statuses = [status for status, _, _ in answers]
        assert statuses.count(401) == 10 and statuses.count(429) == 50
        assert all(int(retry) >= 1 for status, retry, _ in answers if status == 429)
        # the right token from that address waits too: a throttled answer tells nothing about the guess
        status, retry, cookie = await _login(http, url, STAFF_TOKEN, "198.51.100.7")
        assert status == 429 and int(retry) >= 1 and cookie is None
        # another applicant desk is not locked out by it
        status, _, cookie = await _login(http, url, STAFF_TOKEN, "198.51.100.8")
        assert status == 303 and cookie is not None


async def test_guesses_spread_over_many_addresses_meet_the_global_limit(staff_server):
    url = staff_server.url
    async with _client() as http:
        status, _, morsel = await _login(http, url)  # a colleague logged in before the attack
        assert status == 303
        answers = await asyncio.gather(*(_login(http, url, f"wrong-guess-{n:04d}-abcdefgh", f"10.1.{n // 200}.{n % 200}")
                                         for n in range(130)))
        statuses = [status for status, _, _ in answers]
        assert statuses.count(401) == 100 and statuses.count(429) == 30
        status, retry, _ = await _login(http, url, STAFF_TOKEN, "192.0.2.99")
        assert status == 429 and int(retry) >= 1
        assert await _unanswered(http, url, morsel.value) == 200  # an open session is not an attempt


async def test_wrong_bearer_tokens_count_as_failed_attempts(staff_server):
    url = staff_server.url
    async with _client() as http:
        async def call(token):
            async with http.get(f"{url}/staff/api/unanswered", headers={
                    "Authorization": f"Bearer {token}", "X-Forwarded-For": "203.0.113.5"}) as response:
                return response.status, response.headers.get("Retry-After"), await response.json()

        answers = await asyncio.gather(*(call(f"wrong-bearer-{n:04d}-abcdef") for n in range(15)))
        assert [s for s, _, _ in answers].count(401) == 10
        throttled = [(retry, body) for s, retry, body in answers if s == 429]
        assert len(throttled) == 5
        assert all(int(retry) >= 1 and body["error"] == "too_many_attempts" for retry, body in throttled)


@pytest.mark.parametrize("token", ["aaaaaaaaaaaaaaaa", "abcabcabcabcabcabcabc", "0000000011111111"])
def test_a_weak_staff_token_stops_the_start(tmp_path, token):
    server = Server(tmp_path)
    server.env["APPLICANT_BOT_STAFF_TOKEN"] = token
    result = subprocess.run([sys.executable, "-m", "bot", "serve", "--port", str(free_port())],
                            env=server.env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "APPLICANT_BOT_STAFF_TOKEN is too weak" in lines[0] and token not in lines[0]
