"""A fake Telegram Bot API on 127.0.0.1 for the Telegram tests: a real aiohttp HTTP server that the
real python-telegram-bot Application talks to (``base_url`` = ``<fake>/bot``).

It implements getMe, getUpdates (long polling with offsets), sendMessage, editMessageText,
answerCallbackQuery, setWebhook, deleteWebhook, setMyCommands and getWebhookInfo, and records every
call with its decoded parameters, in order, for the tests to assert on.
"""
from __future__ import annotations

import asyncio
import html
import itertools
import json
import re
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from aiohttp import web

JSON_PARAMS = {"reply_markup", "allowed_updates", "commands", "link_preview_options", "entities", "scope"}
INT_PARAMS = {"chat_id", "message_id", "offset", "limit", "timeout", "max_connections"}


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    result: Any = None


@dataclass
class FakeBotApi:
    token: str
    calls: list[Call] = field(default_factory=list)
    webhook: dict[str, Any] = field(default_factory=dict)
    bot_user: dict[str, Any] = field(default_factory=lambda: {
        "id": 1234567, "is_bot": True, "first_name": "수험안내봇", "username": "applicant_test_bot",
        "can_join_groups": False, "can_read_all_group_messages": False, "supports_inline_queries": False,
    })

    def __post_init__(self) -> None:
        self._pending: list[dict] = []  # updates for getUpdates
        self._changed = asyncio.Event()
        self._message_ids = itertools.count(1000)
        self.runner: web.AppRunner | None = None
        self.url = ""

    # -- server ----------------------------------------------------------------------------------

    async def start(self) -> "FakeBotApi":
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self.runner = web.AppRunner(app, access_log=None)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def close(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"{self.url}/bot"

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        method = request.match_info["method"]
        params = await self._params(request)
        call = Call(method, params)
        self.calls.append(call)
        self._changed.set()
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)
        call.result = await handler(params)
        return web.json_response({"ok": True, "result": call.result})

    @staticmethod
    async def _params(request: web.Request) -> dict[str, Any]:
        if request.content_type == "application/json":
            return await request.json()
        form = await request.post()
        params: dict[str, Any] = {}
        for key, value in form.items():
            if key in JSON_PARAMS:
                params[key] = json.loads(value)
            elif key in INT_PARAMS:
                params[key] = int(value)
            else:
                params[key] = value
        return params

    # -- Bot API methods ---------------------------------------------------------------------------

    async def _api_getMe(self, params):
        return self.bot_user

    async def _api_setMyCommands(self, params):
        return True

    async def _api_setWebhook(self, params):
        self.webhook = params
        return True

    async def _api_deleteWebhook(self, params):
        self.webhook = {}
        return True

    async def _api_getWebhookInfo(self, params):
        return {"url": self.webhook.get("url", ""), "has_custom_certificate": False, "pending_update_count": len(self._pending)}

    async def _api_getUpdates(self, params):
        offset = params.get("offset") or 0
        # what was confirmed (offset) is gone for good, as on Telegram's side
        self._pending = [u for u in self._pending if u["update_id"] >= offset or u.get("_redeliver")]
        deadline = time.monotonic() + min(float(params.get("timeout") or 0), 1.0)
        while not self._pending and time.monotonic() < deadline:
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), deadline - time.monotonic())
            except asyncio.TimeoutError:
                break
        batch = [{k: v for k, v in u.items() if k != "_redeliver"} for u in self._pending]
        for u in self._pending:
            u.pop("_redeliver", None)
        return batch

    async def _api_sendMessage(self, params):
        return self._message(params["chat_id"], params["text"], params.get("reply_markup"))

    async def _api_editMessageText(self, params):
        return self._message(params["chat_id"], params["text"], params.get("reply_markup"), params["message_id"])

    async def _api_answerCallbackQuery(self, params):
        return True

    def _message(self, chat_id, text, reply_markup=None, message_id=None) -> dict:
        message = {
            "message_id": message_id or next(self._message_ids), "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private", "first_name": "수험생"},
            "from": self.bot_user,
            "text": plain(text),  # Telegram returns the text without the HTML markup
        }
        if reply_markup:
            message["reply_markup"] = reply_markup
        return message

    # -- for the tests -----------------------------------------------------------------------------

    def push(self, update: dict, *, redeliver: bool = False) -> None:
        """Queue an update for getUpdates; ``redeliver`` returns it again even below the offset
        (Telegram re-sending what a crashed bot never confirmed)."""
        self._pending.append({**update, **({"_redeliver": True} if redeliver else {})})
        self._changed.set()

    def sent(self, method: str = "sendMessage", chat_id: int | None = None) -> list[Call]:
        return [c for c in self.calls if c.method == method and (chat_id is None or c.params.get("chat_id") == chat_id)]

    def transcript(self) -> list[str]:
        """One line per call, for the report: method and the interesting parameters."""
        lines = []
        for c in self.calls:
            if c.method == "getUpdates":
                continue
            p = dict(c.params)
            if "reply_markup" in p and p["reply_markup"]:
                p["reply_markup"] = [[b["text"] for b in row] for row in p["reply_markup"].get("inline_keyboard", [])]
            lines.append(f"{c.method} {json.dumps(p, ensure_ascii=False)}")
        return lines

    async def wait_for(self, condition: Callable[[], bool], timeout: float = 8.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out; calls so far: {[c.method for c in self.calls]}")
            await asyncio.sleep(0.02)


def plain(text: str) -> str:
    return html.unescape(re.sub(r"</?[a-z]+>", "", text))


_update_ids = itertools.count(1)
_message_ids = itertools.count(1)


def user(chat_id: int) -> dict:
    return {"id": chat_id, "is_bot": False, "first_name": "수험생", "language_code": "ko"}


def text_update(chat_id: int, text: str, update_id: int | None = None) -> dict:
    message = {
        "message_id": next(_message_ids), "date": int(time.time()),
        "chat": {"id": chat_id, "type": "private", "first_name": "수험생"}, "from": user(chat_id), "text": text,
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"update_id": update_id if update_id is not None else next(_update_ids), "message": message}


def button_update(chat_id: int, sent_message: dict, label: str, update_id: int | None = None) -> dict:
    """The callback query Telegram sends when the user presses ``label`` under ``sent_message``
    (a message as returned by the fake's sendMessage)."""
    data = next(
        button["callback_data"]
        for row in sent_message["reply_markup"]["inline_keyboard"] for button in row if button["text"] == label
    )
    return {
        "update_id": update_id if update_id is not None else next(_update_ids),
        "callback_query": {
            "id": f"cq{next(_message_ids)}", "from": user(chat_id), "chat_instance": "ci-1",
            "data": data, "message": sent_message,
        },
    }


def next_update_id() -> int:
    return next(_update_ids)
