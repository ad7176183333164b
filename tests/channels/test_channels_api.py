"""The JSON API through aiohttp's test client (a real server on loopback), the real engine behind it."""
from __future__ import annotations

import json

import pytest
from channels_support import make_engine, make_settings

from bot.web.app import create_app

CHAT = "/api/v1/chat"


@pytest.fixture
async def client(aiohttp_client, tmp_path, store):
    app = create_app(make_settings(tmp_path, allowed_origins=("https://exam.example.kr",)), engine=make_engine(store), store=store)
    return await aiohttp_client(app)


async def chat(client, session, text, **headers):
    response = await client.post(CHAT, json={"session": session, "text": text}, headers=headers)
    return response.status, await response.json()


async def test_chat_returns_the_turn_json_and_keeps_the_flow_per_session(client, store):
    status, body = await chat(client, "abc", "환불")
    assert status == 200
    assert set(body) == {"replies", "intent", "confidence"}
    assert body["intent"] == "refund"
    assert body["replies"][0]["buttons"][:1] == ["오늘"]  # the day first: it says the stage too
    # pressing a button = sending its text
    status, body = await chat(client, "abc", "1차")
    assert "오늘" in body["replies"][0]["buttons"]
    status, body = await chat(client, "abc", "오늘")
    text = body["replies"][0]["text"]
    assert "20,000원" in text and "근거: 9. 라. 수수료 환불" in text and "2023년도 제34회 공고 기준" in text
    # another session is another conversation, and the web session cannot reach a Telegram one
    status, body = await chat(client, "other", "1차")
    assert "20,000원" not in body["replies"][0]["text"]
    assert {m["session"] for m in store.messages()} == {"web:abc", "web:other"}


async def test_a_whole_question_typed_at_once(client):
    status, body = await chat(client, "typed", "3월 25일에 1차 접수 취소하면 환불 얼마예요?")
    assert status == 200 and body["intent"] == "refund"
    assert "20,000원" in body["replies"][0]["text"] and "9. 라." in body["replies"][0]["text"]


async def test_start_gives_the_topic_menu(client):
    response = await client.post("/api/v1/start", json={"session": "new-one"})
    body = await response.json()
    assert response.status == 200
    assert "수수료 환불 계산" in body["replies"][0]["buttons"]
    assert "1644-8000" in body["replies"][0]["text"]


BAD_BODIES = [
    # (description, raw body, content type, expected status, expected error code)
    ("malformed JSON", b'{"session": "a", "text": ', "application/json", 400, "invalid_json"),
    ("not UTF-8", b'{"session": "a", "text": "\xff"}', "application/json", 400, "invalid_json"),
    ("deeply nested", b"[" * 5000 + b"]" * 5000, "application/json", 400, "invalid_json"),
    ("JSON array", b'["a", "b"]', "application/json", 422, "invalid_body"),
    ("JSON string", b'"hello"', "application/json", 422, "invalid_body"),
    ("JSON null", b"null", "application/json", 422, "invalid_body"),
    ("empty body", b"", "application/json", 400, "invalid_json"),
    ("missing session", '{"text": "환불"}'.encode(), "application/json", 422, "missing_session"),
    ("missing text", b'{"session": "a"}', "application/json", 422, "missing_text"),
    ("session not a string", b'{"session": 12, "text": "x"}', "application/json", 422, "invalid_session"),
    ("session empty", b'{"session": "", "text": "x"}', "application/json", 422, "invalid_session"),
    ("session with spaces", b'{"session": "a b", "text": "x"}', "application/json", 422, "invalid_session"),
    ("session too long", json.dumps({"session": "a" * 101, "text": "x"}).encode(), "application/json", 422, "invalid_session"),
    ("text a number", b'{"session": "a", "text": 5}', "application/json", 422, "invalid_text"),
    ("text a list", b'{"session": "a", "text": ["x"]}', "application/json", 422, "invalid_text"),
    ("text null", b'{"session": "a", "text": null}', "application/json", 422, "missing_text"),
    ("text empty", b'{"session": "a", "text": ""}', "application/json", 422, "empty_text"),
    ("text only spaces", b'{"session": "a", "text": "  \\n "}', "application/json", 422, "empty_text"),
    ("text lone surrogate", b'{"session": "a", "text": "\\ud800"}', "application/json", 422, "invalid_text"),
    ("text too long", json.dumps({"session": "a", "text": "가" * 1001}).encode(), "application/json", 422, "text_too_long"),
    ("form post", b"session=a&text=x", "application/x-www-form-urlencoded", 415, "unsupported_media_type"),
    ("text/plain", b'{"session": "a", "text": "x"}', "text/plain", 415, "unsupported_media_type"),
    ("body over the chat limit", json.dumps({"session": "a", "text": "x", "pad": "y" * 20_000}).encode(), "application/json", 413, "body_too_large"),
]


@pytest.mark.parametrize("description, raw, content_type, status, code", BAD_BODIES, ids=[b[0] for b in BAD_BODIES])
async def test_bad_bodies_get_a_4xx_json_error(client, store, description, raw, content_type, status, code):
    response = await client.post(CHAT, data=raw, headers={"Content-Type": content_type})
    assert response.status == status, description
    assert response.content_type == "application/json"
    body = await response.json()
    assert body["error"] == code and body["message"]
    assert store.messages() == []  # nothing reached the engine


async def test_a_body_over_the_app_limit_is_refused_with_413_json(client):
    response = await client.post(CHAT, data=b"x" * 300_000, headers={"Content-Type": "application/json"})
    assert response.status == 413
    assert (await response.json())["error"] == "body_too_large"


async def test_exactly_the_longest_text_is_accepted(client):
    status, body = await chat(client, "abc", "가" * 1000)
    assert status == 200 and body["replies"]


async def test_unknown_routes_and_methods_are_json_under_api(client):
    response = await client.get(CHAT)
    assert response.status == 405 and (await response.json())["error"] == "method_not_allowed"
    response = await client.post("/api/v2/chat", json={})
    assert response.status == 404 and (await response.json())["error"] == "not_found"


async def test_feedback(client, store):
    await chat(client, "abc", "환불")
    response = await client.post("/api/v1/feedback", json={"session": "abc", "value": -1, "note": "틀렸어요 010-1234-5678"})
    assert response.status == 200 and await response.json() == {"ok": True}
    saved = store.list_feedback()
    assert saved[0]["value"] == -1 and saved[0]["session"] == "web:abc"
    assert "1234-5678" not in saved[0]["note"]  # masked by the store
    for bad, code in [
        ({"session": "abc"}, "missing_value"),
        ({"session": "abc", "value": 2}, "invalid_value"),
        ({"session": "abc", "value": True}, "invalid_value"),
        ({"session": "abc", "value": "1"}, "invalid_value"),
        ({"session": "abc", "value": 1, "note": 5}, "invalid_note"),
        ({"session": "abc", "value": 1, "note": "x" * 501}, "note_too_long"),
        ({"value": 1}, "missing_session"),
    ]:
        response = await client.post("/api/v1/feedback", json=bad)
        assert response.status == 422, bad
        assert (await response.json())["error"] == code


async def test_healthz(client):
    response = await client.get("/healthz")
    body = await response.json()
    assert response.status == 200
    assert body["status"] == "ok" and body["exam"] == "2023년도 제34회 공고 기준" and body["telegram"] == {"state": "off"}


# -- CORS ----------------------------------------------------------------------------------------


async def test_cors_allows_the_configured_origin(client):
    origin = "https://exam.example.kr"
    preflight = await client.options(CHAT, headers={
        "Origin": origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type",
    })
    assert preflight.status == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == origin
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert "content-type" in preflight.headers["Access-Control-Allow-Headers"].lower()
    status, body = await chat(client, "cors", "환불", Origin=origin)
    response = await client.post(CHAT, json={"session": "cors", "text": "1차"}, headers={"Origin": origin})
    assert response.status == 200
    assert response.headers["Access-Control-Allow-Origin"] == origin
    assert "Origin" in response.headers.getall("Vary")


async def test_cors_refuses_other_origins(client, store):
    evil = "https://evil.example.com"
    preflight = await client.options(CHAT, headers={"Origin": evil, "Access-Control-Request-Method": "POST"})
    assert preflight.status == 403
    assert "Access-Control-Allow-Origin" not in preflight.headers
    response = await client.post(CHAT, json={"session": "x", "text": "환불"}, headers={"Origin": evil})
    assert response.status == 403 and (await response.json())["error"] == "origin_not_allowed"
    assert "Access-Control-Allow-Origin" not in response.headers
    # an origin that only starts like the allowed one is another origin
    response = await client.post(CHAT, json={"session": "x", "text": "환불"}, headers={"Origin": "https://exam.example.kr.evil.com"})
    assert response.status == 403
    assert store.messages() == []


async def test_same_origin_and_originless_requests_pass(client):
    own = f"http://{client.server.host}:{client.server.port}"
    response = await client.post(CHAT, json={"session": "x", "text": "환불"}, headers={"Origin": own})
    assert response.status == 200 and "Access-Control-Allow-Origin" not in response.headers
    status, _ = await chat(client, "y", "환불")  # curl, server-to-server: no Origin
    assert status == 200


async def test_no_allowed_origins_means_same_origin_only(aiohttp_client, tmp_path, store):
    client = await aiohttp_client(create_app(make_settings(tmp_path), engine=make_engine(store), store=store))
    response = await client.post(CHAT, json={"session": "x", "text": "환불"}, headers={"Origin": "https://exam.example.kr"})
    assert response.status == 403


async def test_widget_files_are_served_for_embedding(client):
    response = await client.get("/widget.js")
    assert response.status == 200 and "javascript" in response.content_type
    assert response.headers["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert "attachShadow" in await response.text()
    response = await client.get("/")
    html = await response.text()
    assert response.status == 200 and 'src="/widget.js?v=' in html  # the version names the release (caching)
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


async def test_telegram_webhook_is_not_served_without_a_token(client):
    response = await client.post("/telegram/webhook", json={"update_id": 1})
    assert response.status == 404


# -- OpenAPI -------------------------------------------------------------------------------------


async def test_openapi_is_valid_and_documents_every_route(client):
    from openapi_spec_validator import validate

    response = await client.get("/openapi.json")
    document = await response.json()
    validate(document)  # OpenAPI 3.1 schema check
    assert document["openapi"].startswith("3.1")
    documented = {(path, method.upper()) for path, ops in document["paths"].items() for method in ops}
    served = set()
    for route in client.app.router.routes():
        if route.method in ("HEAD", "OPTIONS"):
            continue
        info = route.resource.get_info()
        path = info.get("path") or info.get("formatter") or (info.get("prefix", "").rstrip("/") + "/{path}")
        served.add((path, route.method))
    served |= {("/telegram/webhook", "POST")}  # documented always; routed only with a token
    assert served <= documented, served - documented
    assert documented - served <= {("/telegram/webhook", "POST")}
    chat_op = document["paths"]["/api/v1/chat"]["post"]
    assert chat_op["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("ChatRequest")
    assert {"400", "413", "415", "422"} <= set(chat_op["responses"])
