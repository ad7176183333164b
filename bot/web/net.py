"""Who is calling: origin checks, and the client address/scheme behind trusted reverse proxies.

``X-Forwarded-For`` / ``X-Forwarded-Proto`` are believed only when the direct peer is one of
APPLICANT_BOT_TRUSTED_PROXIES; anyone else could write them.
"""
from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from aiohttp import web

from .clientip import client_address
from .keys import SETTINGS


def _peer(request: web.Request):
    try:
        return ipaddress.ip_address((request.remote or "").split("%")[0])
    except ValueError:
        return None


def from_trusted_proxy(request: web.Request) -> bool:
    peer = _peer(request)
    return peer is not None and any(peer in net for net in request.app[SETTINGS].trusted_proxies)


def client_ip(request: web.Request) -> str:
    """The applicant's address: the right-most untrusted hop of X-Forwarded-For behind our proxies
    (one algorithm for the whole app: ``clientip.client_address``, which the rate limit uses too)."""
    forwarded = request.headers.getall("X-Forwarded-For", ())
    found = client_address(request.remote, forwarded, tuple(request.app[SETTINGS].trusted_proxies))
    return found or request.remote or ""


def is_https(request: web.Request) -> bool:
    if request.secure:
        return True
    if from_trusted_proxy(request):
        return request.headers.get("X-Forwarded-Proto", "").split(",")[0].strip().lower() == "https"
    return False


def same_origin(request: web.Request, origin: str) -> bool:
    """Whether a browser's Origin names this server (host and port; the scheme may be rewritten
    by a TLS-terminating proxy in front of us)."""
    if origin == "null":
        return False
    parts = urlsplit(origin)
    host = request.headers.get("X-Forwarded-Host") if from_trusted_proxy(request) else None
    host = (host or request.host or "").split(",")[0].strip().lower()
    if not parts.netloc:
        return False
    default_port = {"http": 80, "https": 443}.get(parts.scheme)
    netloc = parts.netloc.lower()
    try:
        port = parts.port
    except ValueError:
        return False
    if port is not None and port == default_port:
        netloc = parts.hostname or netloc
    if ":" in host and not host.startswith("["):
        name, _, port = host.rpartition(":")
        if port.isdigit() and int(port) in (80, 443):
            host = name
    return netloc == host
