"""``POST /telegram/webhook``: the secret header first (constant time), then the update to PTB.

The update is acknowledged with 200 as soon as it is queued; the ledger (channel.py) makes a
retried delivery of the same update_id a no-op, so Telegram's at-least-once delivery answers once.
"""
from __future__ import annotations

import hmac
import logging

from aiohttp import web
from telegram import Update

from ..web.api import BadRequest, read_json_object
from ..web.front import json_error
from ..web.keys import SETTINGS, TELEGRAM

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_UPDATE_BYTES = 256 * 1024


def add_routes(app: web.Application) -> None:
    app.router.add_post("/telegram/webhook", webhook, name="telegram_webhook")


def secret_matches(expected: str | None, given: str | None) -> bool:
    if not expected:
        return False  # polling without a configured secret: nobody may push updates
    return hmac.compare_digest((given or "").encode("utf-8"), expected.encode("utf-8"))


async def webhook(request: web.Request) -> web.Response:
    if not secret_matches(request.app[SETTINGS].telegram_secret, request.headers.get(SECRET_HEADER)):
        return json_error(403, "forbidden", "wrong or missing secret token")
    channel = request.app.get(TELEGRAM)
    if channel is None or not channel.ready:
        return json_error(503, "unavailable", "Telegram channel is starting")  # Telegram retries later
    try:
        body = await read_json_object(request, MAX_UPDATE_BYTES)
    except BadRequest as exc:
        return json_error(exc.status, exc.code, exc.message)
    if isinstance(body.get("update_id"), bool) or not isinstance(body.get("update_id"), int):
        return json_error(400, "invalid_update", "an update needs an integer update_id")
    try:
        update = Update.de_json(body, channel.application.bot)
    except Exception as exc:  # a malformed update: refuse it, never crash the route
        log.warning("unreadable Telegram update %s: %s", body.get("update_id"), exc)
        return json_error(400, "invalid_update", "unreadable update")
    await channel.application.update_queue.put(update)
    return web.Response(status=200)
