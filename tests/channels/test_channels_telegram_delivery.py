"""Telegram never loses an answer (issue 11): a real `serve` against a fake Bot API that fails the
way the real one does — 5xx in its three shapes, a hang, a dropped connection, an outage, 429 with
retry_after, 403 — and `kill -9` with replies still waiting.

The server's retry schedule is shortened by configuration (APPLICANT_BOT_TELEGRAM_BACKOFF,
APPLICANT_BOT_TELEGRAM_TIMEOUT) so that an outage of a few seconds shows what a 20-second one would.
Every wait is for the event itself (a call reaching the fake, a log line, a staff listing).
"""
from __future__ import annotations

import itertools
import json
import threading
import urllib.error
import urllib.request

import pytest
from channels_fake_bot_api import FakeBotApiThread, text_update
from hardening_support import STAFF_TOKEN, Server

TOKEN = "123456:TEST-token_for_the_fake_api"
SECRET = "webhook-Secret_42"
PUBLIC_URL = "https://bot.example.kr"
QUICK_RETRIES = {"APPLICANT_BOT_TELEGRAM_BACKOFF": "0.2-1", "APPLICANT_BOT_TELEGRAM_TIMEOUT": "1"}
HELP = "예를 들어 이렇게 물어보세요"  # in the /help (and /start) answer
_chats = itertools.count(9100)


def telegram_env(fake: FakeBotApiThread, *, webhook: bool = True, **extra: str) -> dict[str, str]:
    env = {"APPLICANT_BOT_TELEGRAM_TOKEN": fake.api.token, "APPLICANT_BOT_TELEGRAM_API_URL": fake.base_url,
           "APPLICANT_BOT_STAFF_TOKEN": STAFF_TOKEN, **QUICK_RETRIES}
    if webhook:
        env.update({"APPLICANT_BOT_PUBLIC_URL": PUBLIC_URL, "APPLICANT_BOT_TELEGRAM_SECRET": SECRET})
    env.update(extra)
    return env


def post_update(server: Server, update: dict, secret: str = SECRET) -> int:
    request = urllib.request.Request(
        f"{server.url}/telegram/webhook", data=json.dumps(update).encode(), method="POST",
        headers={"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def get_json(server: Server, path: str, staff: bool = False) -> dict:
    headers = {"Authorization": f"Bearer {STAFF_TOKEN}"} if staff else {}
    with urllib.request.urlopen(urllib.request.Request(f"{server.url}{path}", headers=headers), timeout=10) as response:
        assert response.status == 200
        return json.load(response)


def texts(fake: FakeBotApiThread, chat: int) -> list[str]:
    return [call.params["text"] for call in fake.sent(chat_id=chat)]


def failure_lines(server: Server, chat: int, update_id: int) -> list[dict]:
    return [e for e in server.log_entries()
            if e.get("chat_id") == chat and e.get("update_id") == update_id and e["level"] in ("WARNING", "ERROR")]


@pytest.fixture(scope="module")
def fake():
    api = FakeBotApiThread(TOKEN)
    yield api
    api.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory, fake):
    server = Server(tmp_path_factory.mktemp("delivery"), env=telegram_env(fake)).start()
    fake.wait_until(lambda: fake.sent("setWebhook"), what="setWebhook at start")
    yield server
    server.kill()


@pytest.fixture
def chat() -> int:
    return next(_chats)


# -- retries --------------------------------------------------------------------------------------


@pytest.mark.parametrize("fault", ["json_500", "http_500", "ok_false", "bad_gateway_html", "hang", "drop"])
def test_a_send_failing_twice_is_delivered_on_the_third_try(server, fake, chat, fault):
    update = text_update(chat, "/help")
    fake.fail("sendMessage", fault, fault, chat_id=chat)
    assert post_update(server, update) == 200
    fake.wait_until(lambda: fake.sent(chat_id=chat), what="the reply")
    assert [call.fault for call in fake.attempts(chat_id=chat)] == [fault, fault, None]
    assert HELP in texts(fake, chat)[0]
    # each failed try is logged with the chat and the update it answers
    entries = server.wait_for_log(lambda _: len(failure_lines(server, chat, update["update_id"])) >= 2)
    assert all("retry" in e["msg"] for e in entries if e.get("chat_id") == chat and e["level"] == "WARNING")


def test_updates_during_an_outage_are_all_delivered_after_it_in_order(server, fake):
    first, second = next(_chats), next(_chats)
    messages = [(first, "환불"), (second, "/help"), (first, "1차"), (second, "신분증"), (first, "오늘")]
    fake.outage(True)
    try:
        for chat_id, text in messages:
            assert post_update(server, text_update(chat_id, text)) == 200  # stored, so acknowledged
        # the sender keeps trying (and backing off) while the API is unreachable
        fake.wait_until(lambda: len(fake.attempts(chat_id=first)) >= 3, what="retries during the outage")
        health = get_json(server, "/healthz")  # liveness does not fail for a Telegram outage
        assert health["status"] == "ok"
        assert health["telegram"]["state"] == "webhook" and health["telegram"]["api"] == "failing"
        assert health["telegram"]["outbox"]["pending"] >= 5
        assert health["telegram"]["outbox"]["oldest_pending_age_s"] > 0
        assert fake.sent(chat_id=first) == fake.sent(chat_id=second) == []
    finally:
        fake.outage(False)
    fake.wait_until(lambda: len(fake.sent(chat_id=first)) == 3 and len(fake.sent(chat_id=second)) == 2,
                    timeout=20, what="every reply after the outage")
    first_texts, second_texts = texts(fake, first), texts(fake, second)
    assert "언제 취소" in first_texts[0] and "1차 시험 접수를 언제" in first_texts[1] and "24,000원" in first_texts[2]
    assert HELP in second_texts[0] and "신분증" in second_texts[1]
    health = get_json(server, "/healthz")
    assert health["telegram"]["api"] == "ok"


def test_a_429_for_one_chat_does_not_delay_another(server, fake):
    limited, other = next(_chats), next(_chats)
    wait = 3
    fake.fail("sendMessage", "retry_after", chat_id=limited, retry_after=wait)
    assert post_update(server, text_update(limited, "/help")) == 200
    fake.wait_until(lambda: fake.attempts(chat_id=limited), what="the 429")
    refused = fake.attempts(chat_id=limited)[0]
    assert post_update(server, text_update(other, "/help")) == 200
    fake.wait_until(lambda: fake.sent(chat_id=other), what="the other chat's reply")
    fake.wait_until(lambda: fake.sent(chat_id=limited), timeout=wait + 10, what="the limited chat's reply")
    other_sent, limited_sent = fake.sent(chat_id=other)[0], fake.sent(chat_id=limited)[0]
    assert other_sent.at < refused.at + wait  # went out while the limited chat was still waiting
    assert limited_sent.at >= refused.at + wait - 0.05  # which waited what Telegram asked, and no more tries
    assert len(fake.attempts(chat_id=limited)) == 2


# -- permanent failures -----------------------------------------------------------------------------


def test_a_403_marks_the_reply_failed_and_shows_it_to_staff(server, fake, chat):
    fake.block(chat)
    update = text_update(chat, "/help")
    assert post_update(server, update) == 200

    def listed() -> list[dict]:
        items = get_json(server, "/staff/api/telegram/failed", staff=True)["items"]
        return [item for item in items if item["chat_id"] == chat]

    fake.wait_until(listed, what="the failed reply in the staff listing")
    [item] = listed()
    assert item["update_id"] == update["update_id"] and item["reason"] == "blocked"
    assert "blocked" in item["error"] and HELP in item["text"]
    assert len(fake.attempts(chat_id=chat)) == 1  # a permanent refusal is not retried
    assert get_json(server, "/healthz")["telegram"]["outbox"]["failed"] >= 1
    server.wait_for_log(lambda _: any(e["level"] == "ERROR" for e in failure_lines(server, chat, update["update_id"])))
    found = scrape_metrics(server)
    assert found[("applicant_bot_telegram_outbox_failed", (("reason", "blocked"),))] >= 1
    assert found[("applicant_bot_telegram_replies_failed_total", ())] >= 1
    assert ("applicant_bot_telegram_outbox_pending", ()) in found


def scrape_metrics(server: Server) -> dict[tuple[str, tuple], float]:
    from prometheus_client.parser import text_string_to_metric_families

    with urllib.request.urlopen(f"{server.url}/metrics", timeout=10) as response:
        text = response.read().decode()
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


# -- exactly one answer -----------------------------------------------------------------------------


def test_a_duplicate_update_is_answered_once(server, fake, chat):
    update = text_update(chat, "/help")
    fake.fail("sendMessage", "json_500", chat_id=chat)  # the first send fails …
    assert post_update(server, update) == 200
    fake.wait_until(lambda: fake.attempts(chat_id=chat), what="the failed first send")
    statuses: list[int] = []
    redeliveries = [threading.Thread(target=lambda: statuses.append(post_update(server, update))) for _ in range(4)]
    for thread in redeliveries:  # … and Telegram delivers the same update again, several times at once
        thread.start()
    for thread in redeliveries:
        thread.join()
    assert statuses == [200] * 4
    assert post_update(server, text_update(chat, "/cancel")) == 200
    # replies of one chat go out in order, so once /cancel's is there every earlier one is too
    fake.wait_until(lambda: len(fake.sent(chat_id=chat)) >= 2, what="both replies")
    sent = texts(fake, chat)
    assert len(sent) == 2 and HELP in sent[0] and "처음" in sent[1]


# -- restarts ----------------------------------------------------------------------------------------


def test_pending_replies_are_delivered_after_kill_9(tmp_path):
    fake = FakeBotApiThread(TOKEN)
    server = Server(tmp_path, env=telegram_env(fake), name="killed")
    try:
        server.start()
        first, second = next(_chats), next(_chats)
        fake.outage(True)
        for chat_id, text in [(first, "환불"), (second, "/help"), (first, "1차")]:
            assert post_update(server, text_update(chat_id, text)) == 200
        fake.wait_until(lambda: fake.attempts(chat_id=first) and fake.attempts(chat_id=second), what="failed sends")
        server.kill()  # kill -9 with three replies waiting
        fake.outage(False)
        server.start()
        fake.wait_until(lambda: len(fake.sent(chat_id=first)) == 2 and fake.sent(chat_id=second), timeout=20,
                        what="the waiting replies after the restart")
        assert "언제 취소" in texts(fake, first)[0] and "1차 시험 접수를 언제" in texts(fake, first)[1]
        assert HELP in texts(fake, second)[0]
    finally:
        server.kill()
        fake.close()


@pytest.mark.parametrize("how", ["webhook, SIGTERM while the reply backs off", "polling, kill -9 once Telegram forgot the update"])
def test_a_reply_still_failing_goes_out_after_a_restart(tmp_path, how):
    webhook = how.startswith("webhook")
    fake = FakeBotApiThread(TOKEN)
    server = Server(tmp_path, env=telegram_env(fake, webhook=webhook), name="restarted")
    chat = next(_chats)
    update = text_update(chat, "/help")
    try:
        server.start()
        fake.fail("sendMessage", *["json_500"] * 100, chat_id=chat)
        if webhook:
            assert post_update(server, update) == 200
            fake.wait_until(lambda: len(fake.attempts(chat_id=chat)) >= 3, what="retries under way")
            assert server.terminate() == 0  # not held up by the sender (it once could hang here for good)
        else:
            fake.push(update)
            # Telegram forgets the update once a getUpdates asks past it; then the send fails
            fake.wait_until(lambda: fake.attempts(chat_id=chat) and any(
                c.params.get("offset", 0) > update["update_id"] for c in fake.attempts("getUpdates")),
                what="the update confirmed and a failed send")
            server.kill()
        fake.clear_faults()
        server.start()
        fake.wait_until(lambda: fake.sent(chat_id=chat), timeout=20, what="the reply after the restart")
        assert len(fake.sent(chat_id=chat)) == 1 and HELP in texts(fake, chat)[0]
    finally:
        server.kill()
        fake.close()


# -- secrets -----------------------------------------------------------------------------------------


def test_no_token_or_secret_reaches_the_log_at_any_level(tmp_path):
    token = "7301234567:AAHfj3Kq_xZb-LmNoPqRsTuVwXyZ_abcDEF"
    fake = FakeBotApiThread(token)
    # no APPLICANT_BOT_TELEGRAM_SECRET: the server makes one and registers it with setWebhook
    env = telegram_env(fake, APPLICANT_BOT_LOG_LEVEL="DEBUG")
    del env["APPLICANT_BOT_TELEGRAM_SECRET"]
    server = Server(tmp_path, env=env, name="secrets")
    try:
        server.start()
        fake.wait_until(lambda: fake.sent("setWebhook"), what="setWebhook")
        secret = fake.sent("setWebhook")[0].params["secret_token"]
        ok, failing, blocked = next(_chats), next(_chats), next(_chats)
        fake.fail("sendMessage", "json_500", "bad_gateway_html", chat_id=failing)
        fake.block(blocked)
        for chat_id in (ok, failing, blocked):
            assert post_update(server, text_update(chat_id, "/help"), secret=secret) == 200
        assert post_update(server, text_update(ok, "/help"), secret="wrong") == 403
        # the staff token travels in a header; the log must not carry it either
        urllib.request.urlopen(urllib.request.Request(
            f"{server.url}/staff/api/unanswered", headers={"Authorization": f"Bearer {STAFF_TOKEN}"}), timeout=10).close()
        fake.wait_until(lambda: fake.sent(chat_id=ok) and fake.attempts(chat_id=failing)
                        and fake.attempts(chat_id=blocked), what="the sends, failed ones included")
    finally:
        server.terminate()
        fake.close()
    log = server.log_path.read_text(encoding="utf-8")
    bot_id, secret_half = token.split(":")
    for value in (token, secret_half, bot_id, secret, STAFF_TOKEN):
        assert value not in log
    entries = [json.loads(line) for line in log.splitlines() if line.startswith("{")]
    assert any(e["level"] == "DEBUG" for e in entries)
    # the lines that carried the token are there, with the token masked
    assert any(e["logger"] == "httpx" and "/bot[secret]/sendMessage" in e["msg"] for e in entries)
    assert any(e["logger"].startswith("telegram") and e["level"] == "DEBUG" for e in entries)
