"""The rate-limit grammar and the token buckets (the HTTP behaviour is tested against the server)."""
from __future__ import annotations

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.web.ratelimit import (
    CLIENT_MULTIPLIER,
    DEFAULT_RATE_LIMITS,
    Rate,
    RateLimits,
    TokenBuckets,
    as_rate_limits,
    parse_rate_limit,
    rate_limit_middleware,
)


@pytest.mark.parametrize("text", ["off", "OFF", " 0 ", "false", "none", "session=off; client=off"])
def test_off_words_switch_it_off(text):
    assert parse_rate_limit(text) is None


def test_grammar():
    assert parse_rate_limit(None) == DEFAULT_RATE_LIMITS
    assert parse_rate_limit("  ") == DEFAULT_RATE_LIMITS
    k = CLIENT_MULTIPLIER
    assert parse_rate_limit("30/60") == RateLimits(Rate(30, 60.0), Rate(30 * k, 60.0))  # bot.config's N/S
    assert parse_rate_limit("20/minute") == RateLimits(Rate(20, 60.0), Rate(20 * k, 60.0))
    assert parse_rate_limit("5 per second") == RateLimits(Rate(5, 1.0), Rate(5 * k, 1.0))
    assert parse_rate_limit("20/10s") == RateLimits(Rate(20, 10.0), Rate(20 * k, 10.0))
    assert parse_rate_limit("session=10/min, client=100/h") == RateLimits(Rate(10, 60.0), Rate(100, 3600.0))
    assert parse_rate_limit("client=off") == RateLimits(DEFAULT_RATE_LIMITS.session, None)
    assert parse_rate_limit("session=7/min") == RateLimits(Rate(7, 60.0), DEFAULT_RATE_LIMITS.client)


def test_what_the_app_settings_hold_is_taken_as_it_is():
    class ConfigRateLimit:  # the shape of bot.config.RateLimit
        requests, seconds = 12, 30

    assert as_rate_limits(ConfigRateLimit()) == RateLimits(Rate(12, 30.0), Rate(12 * CLIENT_MULTIPLIER, 30.0))
    assert as_rate_limits(None) is None
    assert as_rate_limits("off") is None


@pytest.mark.parametrize("bad", ["fast", "10/fortnight", "user=10/min", "10 / ", "10/", "session=lots"])
def test_unreadable_values_fail_loudly(bad):
    with pytest.raises(ValueError, match="APPLICANT_BOT_RATE_LIMIT"):
        parse_rate_limit(bad)


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_bucket_allows_a_burst_then_one_per_interval_and_says_how_long_to_wait():
    clock = FakeClock()
    buckets = TokenBuckets(Rate(3, 60.0), clock=clock)
    assert [buckets.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert buckets.take("a") == pytest.approx(20.0)
    assert buckets.take("b") == 0.0  # another key has its own bucket
    clock.now += 20.0
    assert buckets.take("a") == 0.0
    assert buckets.take("a") == pytest.approx(20.0)


def test_idle_keys_are_evicted_and_memory_is_capped():
    clock = FakeClock()
    buckets = TokenBuckets(Rate(5, 10.0), max_keys=1000, clock=clock)
    for i in range(TokenBuckets.SWEEP_EVERY):
        buckets.take(f"old{i}")
    clock.now += 11.0  # every old bucket has refilled: forgetting it changes nothing
    for i in range(TokenBuckets.SWEEP_EVERY):
        buckets.take(f"new{i}")
    assert len(buckets) <= TokenBuckets.SWEEP_EVERY
    for i in range(5000):  # a flood of fresh keys within one period
        buckets.take(f"flood{i}")
    assert len(buckets) <= 1000


async def test_middleware_answers_429_with_retry_after_and_json():
    async def chat(request):
        return web.json_response({"ok": True})

    app = web.Application(middlewares=[rate_limit_middleware("session=2/min; client=off")])
    app.router.add_post("/api/v1/chat", chat)
    app.router.add_post("/other", chat)
    async with TestClient(TestServer(app, host="127.0.0.1")) as client:
        statuses = [(await client.post("/api/v1/chat", json={"session": "s1", "text": "x"})).status for _ in range(2)]
        assert statuses == [200, 200]
        limited = await client.post("/api/v1/chat", json={"session": "s1", "text": "x"})
        assert limited.status == 429
        assert int(limited.headers["Retry-After"]) >= 1
        body = await limited.json()
        assert body["error"] == "rate_limited" and body["retry_after"] == int(limited.headers["Retry-After"])
        assert (await client.post("/api/v1/chat", json={"session": "s2", "text": "x"})).status == 200
        assert (await client.post("/other", json={"session": "s1"})).status == 200  # not under /api/
