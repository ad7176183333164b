"""X-Forwarded-For is believed only from trusted proxies, walked right to left."""
from __future__ import annotations

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.web.clientip import client_address, client_ip, client_ip_middleware, parse_trusted_proxies

TRUSTED = parse_trusted_proxies("127.0.0.1, 10.0.0.0/8, ::1")


def test_parse_accepts_addresses_blocks_and_separators():
    nets = parse_trusted_proxies(" 192.168.0.0/16 ;fd00::/8  127.0.0.1 ")
    assert [str(n) for n in nets] == ["192.168.0.0/16", "fd00::/8", "127.0.0.1/32"]
    assert parse_trusted_proxies("") == ()
    assert parse_trusted_proxies(None) == ()


@pytest.mark.parametrize("bad", ["10.0.0.0/33", "localhost", "1.2.3", "10.0.0.0/8, nope"])
def test_parse_rejects_what_is_not_an_address_naming_it(bad):
    with pytest.raises(ValueError, match="APPLICANT_BOT_TRUSTED_PROXIES"):
        parse_trusted_proxies(bad)


def test_untrusted_peer_is_the_client_whatever_it_claims():
    assert client_address("203.0.113.9", ["1.1.1.1"], TRUSTED) == "203.0.113.9"
    assert client_address("203.0.113.9", ["1.1.1.1"], ()) == "203.0.113.9"


def test_trusted_peer_walks_the_chain_skipping_trusted_hops():
    # the client forged "6.6.6.6"; proxy 10.0.0.5 appended the real peer 198.51.100.7; our
    # proxy 10.0.0.2 appended 10.0.0.5 and connected to us
    chain = ["6.6.6.6, 198.51.100.7, 10.0.0.5"]
    assert client_address("10.0.0.2", chain, TRUSTED) == "198.51.100.7"


def test_several_headers_are_one_list_and_ports_and_mapped_v4_are_read():
    assert client_address("127.0.0.1", ["6.6.6.6", "198.51.100.7:5555"], TRUSTED) == "198.51.100.7"
    assert client_address("::ffff:127.0.0.1", ["[2001:db8::1]:443"], TRUSTED) == "2001:db8::1"


def test_all_trusted_takes_the_leftmost_and_garbage_stops_at_the_last_known_address():
    assert client_address("127.0.0.1", ["10.1.1.1, 10.2.2.2"], TRUSTED) == "10.1.1.1"
    assert client_address("127.0.0.1", ["198.51.100.7, not-an-ip"], TRUSTED) == "127.0.0.1"
    assert client_address("127.0.0.1", ["garbage, 10.9.9.9"], TRUSTED) == "10.9.9.9"


async def _remote_seen(trusted: str, headers: dict) -> str:
    async def whoami(request: web.Request):
        return web.json_response({"remote": client_ip(request), "peer": request.remote})

    app = web.Application(middlewares=[client_ip_middleware(trusted)])
    app.router.add_get("/who", whoami)
    async with TestClient(TestServer(app, host="127.0.0.1")) as client:
        response = await client.get("/who", headers=headers)
        seen = await response.json()
        assert seen["peer"] == "127.0.0.1"  # the TCP peer itself is never rewritten
        return seen["remote"]


async def test_middleware_resolves_the_client_only_for_trusted_peers():
    forwarded = {"X-Forwarded-For": "6.6.6.6, 198.51.100.7"}
    assert await _remote_seen("127.0.0.1", forwarded) == "198.51.100.7"
    assert await _remote_seen("10.0.0.0/8", forwarded) == "127.0.0.1"
    assert await _remote_seen("", forwarded) == "127.0.0.1"
