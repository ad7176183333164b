"""``GET /metrics`` against a real `serve`: Prometheus text that prometheus-client's own parser
reads, every name prefixed ``applicant_bot_``, the figures equal to what the test did, and access
only from this machine or with APPLICANT_BOT_METRICS_TOKEN."""
from __future__ import annotations

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families

from hardening_support import STAFF_TOKEN, Server, chat

METRICS_TOKEN = "metrics-token-for-tests-0123456789"


def samples(text: str) -> dict[tuple[str, tuple], float]:
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def value(found: dict, name: str, **labels) -> float:
    return found.get((name, tuple(sorted(labels.items()))), 0.0)


async def scrape(http: aiohttp.ClientSession, server: Server, **headers) -> tuple[int, str]:
    async with http.get(f"{server.url}/metrics", headers=headers) as response:
        return response.status, await response.text()


@pytest.fixture
def server(tmp_path):
    server = Server(tmp_path, env={"APPLICANT_BOT_RATE_LIMIT": "4/60",
                                   "APPLICANT_BOT_STAFF_TOKEN": STAFF_TOKEN}).start()
    yield server
    server.kill()


async def test_the_figures_count_what_happened(server):
    url = server.url
    async with aiohttp.ClientSession() as http:
        before = samples((await scrape(http, server))[1])
        statuses = [(await chat(http, url, "m1", text))[0] for text in ("환불", "1차", "환불", "1차", "환불")]
        assert statuses == [200, 200, 200, 200, 429]  # the session limit of 4
        for text in ("감사합니다", "👍"):  # thanks, then its 👍 button
            assert (await chat(http, url, "t", text))[0] == 200
        assert (await chat(http, url, "m2", "ㅁㄴㅇㄹ 퓨퓨 블라"))[0] == 200  # not understood
        assert (await chat(http, url, "m3", "환불"))[0] == 200  # the same text again: from the NLU memo
        async with http.post(f"{url}/api/v1/feedback", json={"session": "m3", "value": -1}) as response:
            assert response.status == 200
        for _ in range(11):  # the 11th wrong login from one address is throttled
            async with http.post(f"{url}/staff/login", data={"token": "wrong-token-abcdefgh"}, allow_redirects=False):
                pass
        status, text = await scrape(http, server)
    assert status == 200
    found = samples(text)
    assert all(name.startswith("applicant_bot_") for name, _ in found)

    assert value(found, "applicant_bot_http_requests_total", route="chat", status="200") == 8
    assert value(found, "applicant_bot_http_requests_total", route="chat", status="429") == 1
    assert value(found, "applicant_bot_http_requests_total", route="metrics", status="200") == \
        value(before, "applicant_bot_http_requests_total", route="metrics", status="200") + 1
    assert value(found, "applicant_bot_chat_latency_seconds_count") == 9
    assert value(found, "applicant_bot_chat_latency_seconds_bucket", le="+Inf") == 9
    assert 0 < value(found, "applicant_bot_chat_latency_seconds_sum") < 9 * 5

    assert value(found, "applicant_bot_turns_total", channel="web", intent="refund") == 5
    assert value(found, "applicant_bot_turns_total", channel="web", intent="thanks") == 1
    assert value(found, "applicant_bot_turns_total", channel="web", intent="none") == 2  # 👍 and the gibberish
    assert sum(v for (name, labels), v in found.items() if name == "applicant_bot_turns_total") == 8
    assert value(found, "applicant_bot_fallbacks_total", channel="web", reason="low_confidence") == 1
    assert value(found, "applicant_bot_feedback_total", channel="web", value="up") == 1  # the 👍 button
    assert value(found, "applicant_bot_feedback_total", channel="web", value="down") == 1  # the API
    assert value(found, "applicant_bot_rate_limited_total", scope="session") == 1
    assert value(found, "applicant_bot_rate_limited_total", scope="staff_login") == 1

    # every turn and the feedback went through a group commit: the batch sizes add up to them
    assert value(found, "applicant_bot_group_commit_batch_size_sum") == 8 + 1
    assert value(found, "applicant_bot_group_commit_batch_size_count") >= 1
    assert value(found, "applicant_bot_nlu_memo_hits_total") >= 1
    assert value(found, "applicant_bot_nlu_memo_misses_total") >= 1
    assert value(found, "applicant_bot_connections_open") >= 1
    assert value(found, "applicant_bot_connections_max") > 0


async def test_metrics_are_for_this_machine_only_without_a_token(server):
    async with aiohttp.ClientSession() as http:
        assert (await scrape(http, server))[0] == 200
        # a proxy on this host forwarding an outside request is not "this machine"
        for header in ({"X-Forwarded-For": "203.0.113.9"}, {"Forwarded": "for=203.0.113.9"}, {"X-Real-IP": "203.0.113.9"}):
            status, body = await scrape(http, server, **header)
            assert status == 403 and "applicant_bot_" not in body


async def test_with_a_metrics_token_only_the_token_opens_them(tmp_path):
    server = Server(tmp_path, env={"APPLICANT_BOT_METRICS_TOKEN": METRICS_TOKEN}).start()
    try:
        async with aiohttp.ClientSession() as http:
            assert (await scrape(http, server))[0] == 403  # loopback is not enough any more
            assert (await scrape(http, server, Authorization="Bearer wrong-token-0123456789"))[0] == 403
            status, text = await scrape(http, server, Authorization=f"Bearer {METRICS_TOKEN}")
            assert status == 200 and "applicant_bot_http_requests_total" in text
    finally:
        server.kill()


def test_histogram_buckets_are_cumulative_and_inclusive():
    from bot.metrics import Metrics

    metrics = Metrics()
    for size in (1, 2, 3, 256, 1000):
        metrics.commit_batch(size)
    found = samples(metrics.render().decode())
    bucket = {labels[0][1]: v for (name, labels), v in found.items() if name.endswith("batch_size_bucket")}
    assert bucket["1.0"] == 1 and bucket["2.0"] == 2 and bucket["4.0"] == 3 and bucket["256.0"] == 4
    assert bucket["+Inf"] == 5 and value(found, "applicant_bot_group_commit_batch_size_sum") == 1262
