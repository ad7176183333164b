"""Telegram: the real PTB Application inside the real aiohttp app, against our fake Bot API on
loopback — by webhook (updates POSTed to /telegram/webhook like Telegram does) and by long polling."""
from __future__ import annotations

import asyncio
import json
import re

import pytest
from channels_fake_bot_api import FakeBotApi, button_update, text_update
from channels_support import make_engine, make_settings

from bot.storage import Store
from bot.web.app import create_app
from bot.web.keys import METRICS

TOKEN = "123456:TEST-token_for_the_fake_api"
SECRET = "webhook-Secret_42"
PUBLIC_URL = "https://bot.example.kr"
ALLOWED_TAGS = {"b", "i"}


@pytest.fixture
async def fake():
    api = await FakeBotApi(TOKEN).start()
    yield api
    await api.close()


def telegram_settings(tmp_path, fake, *, webhook=True, **changes):
    return make_settings(
        tmp_path, telegram_token=TOKEN, telegram_api_url=fake.base_url,
        public_url=PUBLIC_URL if webhook else None, telegram_secret=SECRET if webhook else None, **changes,
    )


@pytest.fixture
async def webhook_client(store, fake, aiohttp_client, tmp_path):  # the store outlives the app
    app = create_app(telegram_settings(tmp_path, fake), engine=make_engine(store), store=store)
    return await aiohttp_client(app)


async def deliver(client, update, secret=SECRET):
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
    return await client.post("/telegram/webhook", json=update, headers=headers)


def tags(html_text: str) -> set[str]:
    return {name for _, name in re.findall(r"<(/?)([A-Za-z]+)", html_text)}


def buttons(call) -> list[str]:
    markup = call.params.get("reply_markup") or {}
    return [b["text"] for row in markup.get("inline_keyboard", []) for b in row]


async def next_reply(fake, chat_id, count_before):
    await fake.wait_for(lambda: len(fake.sent(chat_id=chat_id)) > count_before)
    return fake.sent(chat_id=chat_id)[count_before]


# -- webhook mode --------------------------------------------------------------------------------


async def test_webhook_mode_registers_webhook_and_commands_at_start(webhook_client, fake):
    methods = [c.method for c in fake.calls]
    assert methods[0] == "getMe"
    assert "setMyCommands" in methods and "setWebhook" in methods and "deleteWebhook" not in methods
    assert "getUpdates" not in methods  # no polling in webhook mode
    hook = fake.sent("setWebhook")[0].params
    assert hook["url"] == f"{PUBLIC_URL}/telegram/webhook"
    assert hook["secret_token"] == SECRET
    assert hook["allowed_updates"] == ["message", "callback_query"]
    commands = fake.sent("setMyCommands")[0].params["commands"]
    assert [c["command"] for c in commands] == ["start", "help", "cancel"]
    health = await (await webhook_client.get("/healthz")).json()
    assert health["telegram"]["state"] == "webhook" and health["telegram"]["api"] == "ok"
    assert health["telegram"]["outbox"] == {"pending": 0, "oldest_pending_age_s": None, "failed": 0}


async def test_webhook_secret_is_checked(webhook_client, fake):
    for secret in (None, "", "wrong", SECRET[:-1] + "x", SECRET + "x"):
        response = await deliver(webhook_client, text_update(501, "/start"), secret=secret)
        assert response.status == 403, secret
    response = await webhook_client.post(
        "/telegram/webhook", data=b"not json", headers={"X-Telegram-Bot-Api-Secret-Token": "wrong", "Content-Type": "application/json"},
    )
    assert response.status == 403  # the secret is checked before the body is even read
    await asyncio.sleep(0.2)
    assert fake.sent(chat_id=501) == []
    response = await deliver(webhook_client, text_update(501, "/start"))
    assert response.status == 200
    await next_reply(fake, 501, 0)


async def test_webhook_rejects_malformed_updates_with_4xx(webhook_client):
    response = await webhook_client.post(
        "/telegram/webhook", data=b"{", headers={"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"},
    )
    assert response.status == 400
    response = await deliver(webhook_client, {"message": {}})
    assert response.status == 400 and (await response.json())["error"] == "invalid_update"


async def test_start_sends_the_topic_menu_as_html_with_an_inline_keyboard(webhook_client, fake):
    await deliver(webhook_client, text_update(502, "/start"))
    call = await next_reply(fake, 502, 0)
    assert call.params["parse_mode"] == "HTML"
    assert "1644-8000" in call.params["text"]
    labels = buttons(call)
    assert {"수수료 환불 계산", "영어성적 인정 확인", "신분증 인정 확인", "장애인 등 응시 편의"} <= set(labels)
    for row in call.params["reply_markup"]["inline_keyboard"]:
        for button in row:
            assert len(button["callback_data"].encode("utf-8")) <= 64


async def test_retried_update_is_answered_once(webhook_client, fake):
    update = text_update(503, "/help")
    first = await deliver(webhook_client, update)
    again = await deliver(webhook_client, update)  # Telegram retrying the same delivery
    assert first.status == again.status == 200  # both acknowledged, so Telegram stops retrying
    await deliver(webhook_client, text_update(503, "/cancel"))
    await fake.wait_for(lambda: len(fake.sent(chat_id=503)) >= 2)
    await asyncio.sleep(0.2)
    replies = fake.sent(chat_id=503)
    assert len(replies) == 2  # /help once, /cancel once
    assert "처음으로 돌아왔어요" in replies[1].params["text"]


async def test_updates_duplicates_and_turns_are_counted_in_the_metrics(webhook_client, fake):
    update = text_update(509, "/help")
    await deliver(webhook_client, update)
    await deliver(webhook_client, update)  # a retried delivery
    metrics = webhook_client.server.app[METRICS]
    await fake.wait_for(lambda: sum(metrics.telegram_updates.values()) == 2 and len(fake.sent(chat_id=509)) == 1)
    text = await (await webhook_client.get("/metrics")).text()
    assert 'applicant_bot_telegram_updates_total{outcome="new"} 1.0' in text
    assert 'applicant_bot_telegram_updates_total{outcome="duplicate"} 1.0' in text
    assert 'applicant_bot_turns_total{channel="telegram"' in text
    assert 'applicant_bot_http_requests_total{route="telegram_webhook",status="200"} 2.0' in text


async def test_refund_flow_by_pressing_buttons(webhook_client, fake):
    chat = 504
    await deliver(webhook_client, text_update(chat, "/start"))
    menu = (await next_reply(fake, chat, 0)).result

    await deliver(webhook_client, button_update(chat, menu, "수수료 환불 계산"))
    ask_date = await next_reply(fake, chat, 1)  # the day first: it says the stage too
    assert "언제 취소하셨나요" in ask_date.params["text"] and "오늘" in buttons(ask_date)
    edited = fake.sent("editMessageText")[-1].params
    assert edited["message_id"] == menu["message_id"] and "▶ <i>수수료 환불 계산</i>" in edited["text"]
    assert "reply_markup" not in edited or not edited["reply_markup"]  # the old keyboard is removed
    assert len(fake.sent("answerCallbackQuery")) == 1

    await deliver(webhook_client, button_update(chat, ask_date.result, "오늘"))
    answer = await next_reply(fake, chat, 2)
    text = answer.params["text"]
    assert "20,000원" in text and "50%" in text  # 2023. 3. 25. is in the 50% period (3. 20. ~ 3. 29.)
    assert "<b>근거:</b> 9. 라. 수수료 환불" in text
    assert "2023년도 제34회 공고 기준" in text
    assert tags(text) <= ALLOWED_TAGS
    assert "👍" in buttons(answer)
    assert len(fake.sent("answerCallbackQuery")) == 2


async def test_user_text_is_escaped_in_html(webhook_client, fake):
    await deliver(webhook_client, text_update(505, "<script>alert(1)</script> & <b>굵게</b>"))
    text = (await next_reply(fake, 505, 0)).params["text"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;굵게&lt;/b&gt;" in text
    assert "<script>" not in text and tags(text) <= ALLOWED_TAGS


async def test_non_text_messages_get_a_polite_note(webhook_client, fake):
    update = text_update(506, "x")
    del update["message"]["text"]
    update["message"]["sticker"] = {
        "file_id": "f", "file_unique_id": "u", "width": 1, "height": 1, "is_animated": False, "is_video": False, "type": "regular",
    }
    await deliver(webhook_client, update)
    reply = await next_reply(fake, 506, 0)
    assert "글자로 질문해 주세요" in reply.params["text"]


async def test_one_chat_in_order_while_other_chats_go_on(webhook_client, fake):
    a, b = 507, 508
    # three messages of chat A sent back to back, before any is answered, with chat B in between
    for update in (text_update(a, "환불"), text_update(b, "/help"), text_update(a, "1차"), text_update(a, "오늘")):
        assert (await deliver(webhook_client, update)).status == 200
    await fake.wait_for(lambda: len(fake.sent(chat_id=a)) == 3 and len(fake.sent(chat_id=b)) == 1)
    texts = [c.params["text"] for c in fake.sent(chat_id=a)]
    assert "언제 취소" in texts[0]
    assert "1차 시험 접수를 언제" in texts[1]
    assert "20,000원" in texts[2]


async def test_restart_mid_flow_continues_and_still_dedupes(aiohttp_client, tmp_path, fake):
    db = tmp_path / "bot.db"
    chat = 509
    store = Store(db)
    client = await aiohttp_client(create_app(telegram_settings(tmp_path, fake), engine=make_engine(store), store=store))
    await deliver(client, text_update(chat, "/start"))
    menu = (await next_reply(fake, chat, 0)).result
    pressed_topic = button_update(chat, menu, "수수료 환불 계산")
    await deliver(client, pressed_topic)
    ask_date = (await next_reply(fake, chat, 1)).result
    await client.close()
    store.close()

    store = Store(db)  # a new process: new store, new engine, new PTB application
    client = await aiohttp_client(create_app(telegram_settings(tmp_path, fake), engine=make_engine(store), store=store))
    assert (await deliver(client, pressed_topic)).status == 200  # Telegram re-sending an old update
    await deliver(client, button_update(chat, ask_date, "오늘"))
    answer = await next_reply(fake, chat, 2)
    assert "20,000원" in answer.params["text"]  # the flow went on where it was before the restart
    await asyncio.sleep(0.2)
    assert len(fake.sent(chat_id=chat)) == 3  # and the re-sent update got no second answer
    await client.close()
    store.close()


# -- polling mode --------------------------------------------------------------------------------


@pytest.fixture
async def polling_client(store, fake, aiohttp_client, tmp_path):
    app = create_app(telegram_settings(tmp_path, fake, webhook=False), engine=make_engine(store), store=store)
    return await aiohttp_client(app)


async def test_polling_mode_answers_updates_from_get_updates(polling_client, fake):
    methods = [c.method for c in fake.calls]
    assert "deleteWebhook" in methods and "setWebhook" not in methods and "setMyCommands" in methods
    fake.push(text_update(601, "/start"))
    menu = (await next_reply(fake, 601, 0)).result
    fake.push(button_update(601, menu, "수수료 환불 계산"))
    reply = await next_reply(fake, 601, 1)
    assert "언제 취소" in reply.params["text"]
    assert any(c.method == "getUpdates" and c.params.get("allowed_updates") == ["message", "callback_query"] for c in fake.calls)
    health = await (await polling_client.get("/healthz")).json()
    assert health["telegram"]["state"] == "polling"
    # without a configured secret nobody may push updates to the webhook route
    assert (await deliver(polling_client, text_update(601, "/help"), secret="")).status == 403


async def test_polling_redelivered_update_is_answered_once(polling_client, fake):
    update = text_update(602, "/help")
    fake.push(update)
    await next_reply(fake, 602, 0)
    fake.push(update, redeliver=True)  # Telegram sending it again although it was confirmed
    fake.push(text_update(602, "/cancel"))
    await fake.wait_for(lambda: len(fake.sent(chat_id=602)) >= 2)
    await asyncio.sleep(0.2)
    assert len(fake.sent(chat_id=602)) == 2


async def test_wrong_token_fails_the_start(store, fake, aiohttp_client, tmp_path):
    from bot.config import ConfigError

    settings = telegram_settings(tmp_path, fake).with_overrides(telegram_token="999:not-the-fake-token")
    with pytest.raises(ConfigError, match="TELEGRAM_TOKEN"):
        await aiohttp_client(create_app(settings, engine=make_engine(store), store=store))



async def test_unreachable_bot_api_keeps_the_web_up_and_retries(store, aiohttp_client, tmp_path):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}/bot"
    settings = make_settings(tmp_path, telegram_token=TOKEN, telegram_api_url=dead, public_url=PUBLIC_URL, telegram_secret=SECRET)
    client = await aiohttp_client(create_app(settings, engine=make_engine(store), store=store))
    health = await (await client.get("/healthz")).json()
    assert health["status"] == "ok" and health["telegram"]["state"] == "retrying"
    assert health["telegram"]["api"] == "failing" and health["telegram"]["last_error"]
    assert (await client.post("/api/v1/chat", json={"session": "w", "text": "환불"})).status == 200
    # an update Telegram delivers meanwhile is stored with its reply, which waits in the outbox
    assert (await deliver(client, text_update(701, "/start"))).status == 200
    health = await (await client.get("/healthz")).json()
    assert health["telegram"]["outbox"]["pending"] == 1


async def test_updates_no_database_could_hold_are_refused_and_writing_goes_on(webhook_client, fake, store):
    huge = text_update(510, "/help")
    huge["update_id"] = 2 ** 70
    assert (await deliver(webhook_client, huge)).status == 400
    surrogate = text_update(510, "x")
    raw = json.dumps(surrogate).replace('"text": "x"', '"text": "\\ud800"')
    response = await webhook_client.post("/telegram/webhook", data=raw, headers={
        "X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"})
    assert response.status == 400
    far_chat = text_update(2 ** 70, "/help")  # an id SQLite cannot store: the update is skipped, nothing wedges
    assert (await deliver(webhook_client, far_chat)).status == 200
    assert store.pending == 0
    assert (await deliver(webhook_client, text_update(510, "/help"))).status == 200
    await next_reply(fake, 510, 0)
