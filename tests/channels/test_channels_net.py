"""Client address, scheme and origin behind reverse proxies: X-Forwarded-* only from trusted ones."""
from __future__ import annotations

from unittest import mock

import pytest
from aiohttp import web
from aiohttp.test_utils import make_mocked_request

from bot.config import Settings, parse_proxies
from bot.web.app import SETTINGS
from bot.web.net import client_ip, is_https, same_origin


def request(peer: str, headers: dict, proxies: str = "", host: str = "bot.example.kr"):
    app = web.Application()
    app[SETTINGS] = Settings(data_dir=mock.MagicMock(), trusted_proxies=parse_proxies(proxies or None))
    transport = mock.Mock()
    transport.get_extra_info.side_effect = lambda name, default=None: (peer, 12345) if name == "peername" else default
    return make_mocked_request("POST", "/api/v1/chat", headers={"Host": host, **headers}, app=app, transport=transport)


def test_forwarded_headers_are_ignored_from_untrusted_peers():
    r = request("203.0.113.9", {"X-Forwarded-For": "1.2.3.4", "X-Forwarded-Proto": "https"})
    assert client_ip(r) == "203.0.113.9"
    assert is_https(r) is False


def test_forwarded_headers_are_believed_from_trusted_proxies():
    r = request("10.0.0.5", {"X-Forwarded-For": "1.2.3.4, 10.0.0.7", "X-Forwarded-Proto": "https"}, proxies="10.0.0.0/8")
    assert client_ip(r) == "1.2.3.4"  # the right-most address that is not one of our proxies
    assert is_https(r) is True
    spoofed = request("10.0.0.5", {"X-Forwarded-For": "6.6.6.6, 1.2.3.4"}, proxies="10.0.0.0/8")
    assert client_ip(spoofed) == "1.2.3.4"  # what the client wrote itself (6.6.6.6) is not taken


@pytest.mark.parametrize("origin, host, same", [
    ("https://bot.example.kr", "bot.example.kr", True),
    ("http://bot.example.kr", "bot.example.kr", True),  # TLS ended at the proxy
    ("https://bot.example.kr:443", "bot.example.kr", True),
    ("http://127.0.0.1:8080", "127.0.0.1:8080", True),
    ("http://127.0.0.1:8081", "127.0.0.1:8080", False),
    ("https://evil.example.kr", "bot.example.kr", False),
    ("https://bot.example.kr.evil.com", "bot.example.kr", False),
    ("null", "bot.example.kr", False),
    ("https://bot.example.kr:notaport", "bot.example.kr", False),
])
def test_same_origin(origin, host, same):
    assert same_origin(request("127.0.0.1", {}, host=host), origin) is same
