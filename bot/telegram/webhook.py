"""``POST /telegram/webhook``: the secret header first (constant time), then the update.

200 only once the update, its turn and its replies are on disk (``TelegramChannel.accept``); a 503
when they could not be written, so that Telegram delivers the update again. A retried delivery of an
update already taken is recognised by its update_id and acknowledged without a second answer.
"""
from __future__ import annotations

import hmac
import json
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
    update_id = body.get("update_id")
    if isinstance(update_id, bool) or not isinstance(update_id, int) or not 0 <= update_id < 2 ** 63:
        return json_error(400, "invalid_update", "an update needs an integer update_id")
    try:  # "\ud800" in the JSON: a text no database column can hold
        json.dumps(body, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return json_error(400, "invalid_update", "an update's texts must be UTF-8")
    try:
        update = Update.de_json(body, channel.bot)
    except Exception as exc:  # a malformed update: refuse it, never crash the route
        log.warning("unreadable Telegram update %s: %s", body.get("update_id"), exc)
        return json_error(400, "invalid_update", "unreadable update")
    if not await channel.accept(update):
        return json_error(503, "not_stored", "the update could not be stored; deliver it again")
    return web.Response(status=200)
