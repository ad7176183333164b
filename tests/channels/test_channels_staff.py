"""The staff page and its API: token auth (header and cookie), search, calculators equal to the CLI,
unanswered questions, undelivered Telegram replies."""
from __future__ import annotations

import json

import pytest
from channels_support import TODAY, make_engine, make_settings

from bot.cli import main as cli
from bot.web.app import create_app
from bot.web.staffauth import COOKIE, StaffSessions

STAFF_TOKEN = "staff-token-for-tests-0123"
BEARER = {"Authorization": f"Bearer {STAFF_TOKEN}"}


@pytest.fixture
async def client(aiohttp_client, tmp_path, store):
    app = create_app(make_settings(tmp_path, staff_token=STAFF_TOKEN), engine=make_engine(store), store=store)
    return await aiohttp_client(app)


async def login(client, token=STAFF_TOKEN, **headers):
    return await client.post("/staff/login", data={"token": token}, allow_redirects=False, headers=headers)


async def test_without_a_token_the_staff_page_says_it_is_off(aiohttp_client, tmp_path, store):
    client = await aiohttp_client(create_app(make_settings(tmp_path), engine=make_engine(store), store=store))
    response = await client.get("/staff")
    assert response.status == 503 and "꺼져 있어요" in await response.text()
    response = await client.get("/staff/api/search", params={"q": "환불"}, headers={"Authorization": "Bearer anything"})
    assert response.status == 503 and (await response.json())["error"] == "staff_disabled"
    assert (await login(client, "anything")).status == 503


async def test_login_form_cookie_and_logout(client):
    page = await client.get("/staff")
    html = await page.text()
    assert page.status == 200 and 'action="/staff/login"' in html and "공고 검색" not in html
    assert page.headers["Cache-Control"] == "no-store" and "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]

    wrong = await login(client, "wrong-token-wrong-token")
    assert wrong.status == 401 and "토큰이 맞지 않아요" in await wrong.text()
    assert COOKIE not in wrong.cookies

    ok = await login(client)
    assert ok.status == 303 and ok.headers["Location"] == "/staff"
    set_cookie = ok.headers["Set-Cookie"]
    assert "HttpOnly" in set_cookie and "SameSite=Strict" in set_cookie and "Path=/staff" in set_cookie
    assert STAFF_TOKEN not in set_cookie  # the cookie is a random session id, not the token
    page = await client.get("/staff")
    assert "공고 검색" in await page.text()
    assert (await client.get("/staff/api/unanswered")).status == 200

    out = await client.post("/staff/logout", allow_redirects=False)
    assert out.status == 303
    assert (await client.get("/staff/api/unanswered")).status == 401


async def test_forged_cookies_are_refused(client):
    for value in ("1", "9999999999.deadbeef", "A" * 43, "가" * 300):
        response = await client.get("/staff/api/unanswered", cookies={COOKIE: value})
        assert response.status == 401, value
    value = (await login(client)).cookies[COOKIE].value
    response = await client.get("/staff/api/unanswered", cookies={COOKIE: value})
    assert response.status == 200


def test_sessions_expire_close_and_stay_bounded():
    now = [1000.0]
    sessions = StaffSessions(ttl=60, clock=lambda: now[0], max_sessions=2)
    first = sessions.open()
    assert sessions.valid(first) and not sessions.valid(first + "x") and not sessions.valid(None)
    now[0] += 61
    assert not sessions.valid(first)
    second, third = sessions.open(), sessions.open()
    assert len(sessions) == 2  # the expired one went first
    fourth = sessions.open()
    assert len(sessions) == 2 and not sessions.valid(second) and sessions.valid(third) and sessions.valid(fourth)
    sessions.close(third)
    assert not sessions.valid(third) and sessions.valid(fourth)


async def test_bearer_header(client):
    assert (await client.get("/staff/api/unanswered", headers=BEARER)).status == 200
    for header in ("Bearer wrong", f"Bearer {STAFF_TOKEN}x", f"Basic {STAFF_TOKEN}", ""):
        response = await client.get("/staff/api/unanswered", headers={"Authorization": header})
        assert response.status == 401
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
        assert (await response.json())["error"] == "unauthorized"


async def test_cross_site_requests_with_the_cookie_are_refused(client):
    await login(client)
    evil = {"Origin": "https://evil.example.com"}
    response = await client.post("/staff/api/check/refund", json={"stage": "1", "on": "2023-03-25"}, headers=evil)
    assert response.status == 403
    assert (await login(client, **evil)).status == 403  # no login from another site either
    # a script holding the token itself (bearer) is not a browser riding on a cookie
    response = await client.post("/staff/api/check/refund", json={"stage": "1", "on": "2023-03-25"}, headers={**evil, **BEARER})
    assert response.status == 200


# -- search ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("query, clause", [
    ("환불", "9. 라."),
    ("환블 기간", "9. 라."),  # a typo inside a syllable
    ("모바일 신분증", "12. 2."),
    ("토익 기준점수", "8. 가."),
    ("시각장애 시간 연장", "9. 사."),
    ("전자계산기", "12. 9."),
])
async def test_search_finds_the_right_clause(client, query, clause):
    response = await client.get("/staff/api/search", params={"q": query}, headers=BEARER)
    body = await response.json()
    assert response.status == 200 and body["query"] == query
    clauses = [hit["clause"] for hit in body["results"][:3]]
    assert clause in clauses, (query, clauses)
    assert all(hit["snippet"] and hit["title"] for hit in body["results"])


async def test_search_nonsense_finds_nothing_and_bad_queries_are_422(client):
    body = await (await client.get("/staff/api/search", params={"q": "qwxz zzqv"}, headers=BEARER)).json()
    assert body["results"] == []
    for params in ({}, {"q": "  "}, {"q": "가" * 201}, {"q": "환불", "limit": "0"}, {"q": "환불", "limit": "x"}):
        response = await client.get("/staff/api/search", params=params, headers=BEARER)
        assert response.status == 422, params


# -- calculators: the same JSON as `applicant-bot check … --json` -------------------------------------


CALCULATIONS = [
    ("refund", {"stage": "1", "on": "2023-03-25"}, ["--stage", "1", "--on", "2023-03-25"]),
    ("refund", {"stage": "2", "on": "2023-07-20", "reason": "입원"}, ["--stage", "2", "--on", "2023-07-20", "--reason", "입원"]),
    ("english", {"test": "토익", "score": "750", "taken": "2022-05-01"}, ["--test", "토익", "--score", "750", "--taken", "2022-05-01"]),
    ("english", {"test": "텝스", "score": "250", "taken": "2022-05-01", "hearing_impaired": True},
     ["--test", "텝스", "--score", "250", "--taken", "2022-05-01", "--hearing-impaired"]),
    ("id", {"document": "모바일 운전면허증"}, ["--document", "모바일 운전면허증"]),
    ("id", {"document": "학생증", "group": "학생"}, ["--document", "학생증", "--group", "학생"]),
    ("accommodation", {"disability": "시각 중증", "stage": "1"}, ["--disability", "시각 중증", "--stage", "1"]),
]


@pytest.mark.parametrize("kind, options, argv", CALCULATIONS, ids=[f"{c[0]}-{i}" for i, c in enumerate(CALCULATIONS)])
async def test_calculators_give_what_the_cli_gives(client, capsys, kind, options, argv):
    response = await client.post(f"/staff/api/check/{kind}", json=options, headers=BEARER)
    body = await response.json()
    assert response.status == 200, body
    assert cli(["check", kind, *argv, "--today", TODAY.isoformat(), "--json"]) == 0
    from_cli = json.loads(capsys.readouterr().out)
    assert body["result"] == from_cli
    assert body["result"]["citations"] and body["result"]["explanation"]
    assert cli(["check", kind, *argv, "--today", TODAY.isoformat()]) == 0
    assert body["text"] == capsys.readouterr().out.rstrip("\n")  # the readable text staff copy


async def test_calculator_errors(client):
    response = await client.post("/staff/api/check/refund", json={"stage": "3", "on": "2023-03-25"}, headers=BEARER)
    body = await response.json()
    assert response.status == 422 and body["error"] == "invalid_input" and "1차 또는 2차" in body["message"]
    response = await client.post("/staff/api/check/refund", json={"stage": "1", "on": "2023-02-30"}, headers=BEARER)
    assert response.status == 422 and "없는 날짜" in (await response.json())["message"]
    response = await client.post("/staff/api/check/refund", json={"stage": "1", "bogus": "x"}, headers=BEARER)
    assert response.status == 422 and (await response.json())["error"] == "unknown_option"
    response = await client.post("/staff/api/check/refund", json={"stage": ["1"]}, headers=BEARER)
    assert response.status == 422 and (await response.json())["error"] == "invalid_option"
    response = await client.post("/staff/api/check/lottery", json={}, headers=BEARER)
    assert response.status == 404 and (await response.json())["error"] == "unknown_calculator"
    response = await client.post("/staff/api/check/refund", data=b"{", headers={**BEARER, "Content-Type": "application/json"})
    assert response.status == 400


# -- unanswered ------------------------------------------------------------------------------------


async def test_unanswered_questions_are_listed_masked(client):
    await client.post("/api/v1/chat", json={"session": "u1", "text": "제 번호 010-1234-5678로 연락 주세요 자격증 분실"})
    body = await (await client.get("/staff/api/unanswered", headers=BEARER)).json()
    assert body["items"], "the question the bot could not answer is listed"
    item = body["items"][0]
    assert item["session"] == "web:u1" and item["channel"] == "web"
    assert "1234-5678" not in item["text"]
    assert (await client.get("/staff/api/unanswered", params={"limit": "0"}, headers=BEARER)).status == 422


# -- Telegram replies that could not be delivered ---------------------------------------------------


async def test_undelivered_telegram_replies_are_listed_for_staff_only(client, store):
    import time

    from bot.outbox import OutboxCall

    with store.staging():
        store.outbox.stage(1, 77, 5, [OutboxCall("sendMessage", {"chat_id": 77, "text": "<b>근거:</b> 환불 &amp; 접수"})])
        store.outbox.mark_update(1, 5)
    store.flush()
    [item] = store.outbox.claim(1, "test", now=time.time(), lease_seconds=60, limit=1)
    store.outbox.fail(item, "test", reason="chat_not_found", error="BadRequest: Chat not found")
    assert (await client.get("/staff/api/telegram/failed")).status == 401
    body = await (await client.get("/staff/api/telegram/failed", headers=BEARER)).json()
    assert body["failed"] == 1
    [listed] = body["items"]
    assert listed["chat_id"] == 77 and listed["update_id"] == 5 and listed["reason"] == "chat_not_found"
    assert listed["text"] == "근거: 환불 & 접수" and listed["error"] == "BadRequest: Chat not found"
    assert (await client.get("/staff/api/telegram/failed", params={"limit": "x"}, headers=BEARER)).status == 422
    page = await (await client.get("/staff", headers=BEARER)).text()
    assert "전하지 못한 텔레그램 답변" in page
