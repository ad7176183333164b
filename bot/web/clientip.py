"""The client's address, through reverse proxies we trust and no others.

    parse_trusted_proxies(text) -> tuple[ip_network, ...]
    client_address(peer, forwarded_for_headers, trusted) -> str
    client_ip_middleware(trusted) -> aiohttp middleware (remembers the address on the request)
    client_ip(request) -> str     # what the middleware found, else the peer

``APPLICANT_BOT_TRUSTED_PROXIES`` lists addresses or CIDR blocks, separated by commas or spaces
("127.0.0.1, 10.0.0.0/8, ::1"). Unset or empty: no proxy is trusted and ``X-Forwarded-For`` is
ignored — anyone can write that header, so believing it from an untrusted peer would let a client
pick the address the rate limit counts against.

When the connecting peer is trusted, the ``X-Forwarded-For`` chain ("client, proxy1, proxy2",
every proxy appends the address it received the request from) is walked from the right: trusted
hops are skipped and the first untrusted address is the client. Entries left of it were written by
the client itself and are never used. If every hop is trusted, the leftmost is taken; an entry
that is not an address ends the walk at the last address we could vouch for.
"""
from __future__ import annotations

import ipaddress
import re
from typing import Iterable

from aiohttp import hdrs, web

__all__ = ["parse_trusted_proxies", "client_address", "client_ip", "client_ip_middleware", "remember_client_ip",
           "CLIENT_IP"]

try:  # aiohttp >= 3.12 wants typed keys for request storage; older ones take a string
    from aiohttp.web import RequestKey as _RequestKey

    CLIENT_IP = _RequestKey("client_ip", str)
except ImportError:  # pragma: no cover
    CLIENT_IP = "applicant_bot.client_ip"  # type: ignore[assignment]

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def parse_trusted_proxies(text: str | Iterable[str] | None) -> tuple[IPNetwork, ...]:
    """CIDR blocks from the variable's text (or a list of them). Raises ``ValueError`` naming the
    bad entry: a typo here must fail at start-up, not silently trust nobody (or everybody)."""
    if text is None:
        return ()
    items = re.split(r"[\s,;]+", text.strip()) if isinstance(text, str) else list(text)
    networks = []
    for item in items:
        item = item.strip()
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ValueError(
                f"APPLICANT_BOT_TRUSTED_PROXIES: {item!r} is not an IP address or CIDR block "
                "(e.g. 127.0.0.1, 10.0.0.0/8, ::1)"
            ) from None
    return tuple(networks)


def _address(text: str | None) -> IPAddress | None:
    """An address from a peer or a forwarded entry: ``1.2.3.4``, ``1.2.3.4:5678``, ``[::1]:80``,
    ``::ffff:1.2.3.4`` (read as IPv4). None when it is not an address."""
    if not text:
        return None
    text = text.strip().strip('"')
    if text.startswith("["):
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:  # IPv4 with a port
        text = text.partition(":")[0]
    try:
        address = ipaddress.ip_address(text.partition("%")[0])  # drop an IPv6 zone id
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _trusted(address: IPAddress, trusted: tuple[IPNetwork, ...]) -> bool:
    return any(address.version == net.version and address in net for net in trusted)


def client_address(peer: str | None, forwarded_for: Iterable[str], trusted: tuple[IPNetwork, ...]) -> str | None:
    """The client's address as text. ``forwarded_for``: every ``X-Forwarded-For`` header value in
    the order received (several headers count as one comma-joined list)."""
    current = _address(peer)
    if current is None or not trusted or not _trusted(current, trusted):
        return peer if current is None else str(current)
    hops = [hop for value in forwarded_for for hop in value.split(",")]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            break  # garbage written by someone: the last address we could vouch for stands
        current = address
        if not _trusted(address, trusted):
            break
    return str(current)


def client_ip(request) -> str:
    """The client address of ``request``: resolved by ``client_ip_middleware``, else the peer."""
    return request.get(CLIENT_IP) or request.remote or ""


def client_ip_middleware(trusted: tuple[IPNetwork, ...] | str | None):
    """An aiohttp middleware that works out the real client once per request and keeps it under
    ``CLIENT_IP`` (read it with ``client_ip(request)``); the rate limit counts against it.

    ``request.remote`` is left as the TCP peer on purpose: other code asks "is the peer one of our
    proxies?" (to believe X-Forwarded-Proto/Host), and that question is about the peer."""
    if trusted is None or isinstance(trusted, str):
        trusted = parse_trusted_proxies(trusted)
    trusted = tuple(trusted)

    @web.middleware
    async def middleware(request: web.Request, handler):
        remember_client_ip(request, trusted)
        return await handler(request)

    return middleware


def remember_client_ip(request, trusted: tuple[IPNetwork, ...]) -> None:
    """Keep the real client under ``CLIENT_IP`` when a trusted proxy forwarded the request."""
    if trusted:
        forwarded = request.headers.getall(hdrs.X_FORWARDED_FOR, ())
        if forwarded:
            found = client_address(request.remote, forwarded, trusted)
            if found:
                request[CLIENT_IP] = found
