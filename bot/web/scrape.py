"""``GET /metrics``: the Prometheus text format of ``bot.metrics`` for a scraper.

Who may read it:
- with ``APPLICANT_BOT_METRICS_TOKEN`` set: whoever sends ``Authorization: Bearer <that token>``
  (compared in constant time), and nobody else — set it whenever a reverse proxy runs on the same
  host, since its requests arrive from 127.0.0.1 too;
- without it: only a client on this machine (a loopback peer, with no ``X-Forwarded-For`` or
  ``Forwarded`` header that a proxy would have added). Everyone else gets 403.

The figures are counts and timings only — no message text, no session or client address.
"""
from __future__ import annotations

import ipaddress

from aiohttp import hdrs, web

from ..metrics import CONTENT_TYPE
from .front import json_error
from .keys import METRICS, SETTINGS
from .staffauth import token_matches

_FORWARDING_HEADERS = (hdrs.X_FORWARDED_FOR, hdrs.FORWARDED, "X-Real-IP")


def add_routes(app: web.Application) -> None:
    app.router.add_get("/metrics", metrics, name="metrics")


def may_scrape(request: web.Request) -> bool:
    token = request.app[SETTINGS].metrics_token
    if token:
        header = request.headers.get(hdrs.AUTHORIZATION, "")
        return header[:7].lower() == "bearer " and token_matches(header[7:].strip(), token)
    try:
        peer = ipaddress.ip_address((request.remote or "").split("%")[0])
    except ValueError:
        return False
    return peer.is_loopback and not any(name in request.headers for name in _FORWARDING_HEADERS)


async def metrics(request: web.Request) -> web.Response:
    if not may_scrape(request):
        return json_error(403, "forbidden", "지표는 이 서버 안에서나 APPLICANT_BOT_METRICS_TOKEN으로만 볼 수 있어요.")
    response = web.Response(body=request.app[METRICS].render())
    response.headers[hdrs.CONTENT_TYPE] = CONTENT_TYPE
    response.headers[hdrs.CACHE_CONTROL] = "no-store"
    return response
