"""Telegram when the store cannot write (a full disk): the webhook answers 5xx so Telegram delivers
the update again, long polling keeps asking for the same updates, and either way the update is
answered once it is stored — once. Also: a reply still failing after its retry budget is kept as
failed. The real PTB Bot inside the real aiohttp app, against the fake Bot API on loopback."""
from __future__ import annotations

import sqlite3

import pytest
from channels_fake_bot_api import FakeBotApi, text_update
from channels_support import make_engine, make_settings

from bot.storage import Store
from bot.web.app import create_app

TOKEN = "123456:TEST-token_for_the_fake_api"
SECRET = "webhook-Secret_42"
QUICK = {"telegram_backoff": (0.05, 0.2), "telegram_timeout": 1.0}


class FullDiskStore(Store):
    """A store whose writes fail while ``full`` is set."""

    full = False

    def flush(self) -> None:
        if self.full and self.pending:
            raise sqlite3.OperationalError("database or disk is full")
        super().flush()


@pytest.fixture
async def fake():
    api = await FakeBotApi(TOKEN).start()
    yield api
    await api.close()


@pytest.fixture
def store(tmp_path):
    s = FullDiskStore(tmp_path / "bot.db")
    yield s
    s.full = False
    s.close()


async def start_app(aiohttp_client, tmp_path, fake, store, *, webhook: bool, **changes):
    settings = make_settings(
        tmp_path, telegram_token=TOKEN, telegram_api_url=fake.base_url,
        public_url="https://bot.example.kr" if webhook else None, telegram_secret=SECRET if webhook else None,
        **{**QUICK, **changes},
    )
    return await aiohttp_client(create_app(settings, engine=make_engine(store), store=store))


async def deliver(client, update):
    return await client.post("/telegram/webhook", json=update, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})


async def test_webhook_answers_503_while_the_update_cannot_be_stored_and_answers_it_once_later(
        store, fake, aiohttp_client, tmp_path):
    client = await start_app(aiohttp_client, tmp_path, fake, store, webhook=True)
    update = text_update(801, "/help")
    store.full = True
    response = await deliver(client, update)
    assert response.status == 503 and (await response.json())["error"] == "not_stored"
    assert (await deliver(client, update)).status == 503  # Telegram retrying while the disk is still full
    store.full = False
    assert (await deliver(client, update)).status == 200  # … and once it could be written
    assert (await deliver(client, update)).status == 200  # a later duplicate: acknowledged, not answered
    assert (await deliver(client, text_update(801, "/cancel"))).status == 200
    await fake.wait_for(lambda: len(fake.sent(chat_id=801)) >= 2)
    texts = [call.params["text"] for call in fake.sent(chat_id=801)]
    assert len(texts) == 2 and "예를 들어 이렇게 물어보세요" in texts[0] and "처음" in texts[1]


async def test_polling_asks_again_for_updates_it_could_not_store(store, fake, aiohttp_client, tmp_path):
    await start_app(aiohttp_client, tmp_path, fake, store, webhook=False)
    update = text_update(802, "/help")
    uid = update["update_id"]

    def fetched() -> list:
        return [c for c in fake.sent("getUpdates") if any(u["update_id"] == uid for u in c.result or [])]

    store.full = True
    fake.push(update)
    await fake.wait_for(lambda: len(fetched()) >= 3)  # returned again and again: never confirmed
    assert not any((c.params.get("offset") or 0) > uid for c in fake.sent("getUpdates"))
    assert fake.sent(chat_id=802) == []
    store.full = False
    await fake.wait_for(lambda: fake.sent(chat_id=802))
    await fake.wait_for(lambda: any((c.params.get("offset") or 0) > uid for c in fake.sent("getUpdates")))
    assert len(fake.sent(chat_id=802)) == 1


async def test_a_reply_still_failing_after_its_budget_is_kept_as_failed(store, fake, aiohttp_client, tmp_path):
    client = await start_app(aiohttp_client, tmp_path, fake, store, webhook=True, telegram_give_up_after=0.5)
    fake.fail("sendMessage", *["json_500"] * 100, chat_id=803)
    update = text_update(803, "/help")
    assert (await deliver(client, update)).status == 200
    await fake.wait_for(lambda: store.outbox.failed())
    [item] = store.outbox.failed()
    assert item["chat_id"] == 803 and item["update_id"] == update["update_id"] and item["reason"] == "gave_up"
    assert item["attempts"] == len(fake.attempts(chat_id=803)) >= 2
    assert "Internal Server Error" in item["error"]
    health = await (await client.get("/healthz")).json()
    assert health["telegram"]["outbox"] == {"pending": 0, "oldest_pending_age_s": None, "failed": 1}
