"""A fake Telegram Bot API on 127.0.0.1 for the Telegram tests: a real aiohttp HTTP server that the
real python-telegram-bot Application talks to (``base_url`` = ``<fake>/bot``).

It implements getMe, getUpdates (long polling with offsets), sendMessage, editMessageText,
answerCallbackQuery, setWebhook, deleteWebhook, setMyCommands and getWebhookInfo, and records every
call with its decoded parameters, in order, for the tests to assert on.

It fails the way the real one does when told to (``fail``, ``block``, ``outage``): an HTTP 500 with
a JSON error body or with plain text, ``{"ok": false, "error_code": 500}`` under HTTP 200, a 502 HTML
page from a proxy, a request that hangs, a dropped connection, a 429 with ``retry_after``, a 403
(the user blocked the bot) and a 400 "chat not found". ``FakeBotApiThread`` runs it on its own event
loop in a thread, for tests that drive a real ``serve`` subprocess.
"""
from __future__ import annotations

import asyncio
import html
import itertools
import json
import re
import threading
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
    at: float = field(default_factory=time.monotonic)
    fault: str | None = None  # the failure answered instead of a result


HANG_SECONDS = 60.0  # a hanging request is answered (too late) after this, or when the fake closes


def _error(code: int, description: str, **parameters) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.json_response(body, status=code)


# How the real Bot API (or the proxies in front of it) fails; each takes the fault's retry_after.
FAULTS: dict[str, Callable[[int], web.Response]] = {
    "json_500": lambda _: _error(500, "Internal Server Error"),
    "http_500": lambda _: web.Response(status=500, text="Internal Server Error"),
    "ok_false": lambda _: web.json_response({"ok": False, "error_code": 500, "description": "Internal Server Error"}),
    "bad_gateway_html": lambda _: web.Response(
        status=502, content_type="text/html",
        text="<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center>"
             "<hr><center>nginx</center></body></html>"),
    "retry_after": lambda seconds: _error(429, f"Too Many Requests: retry after {seconds}", retry_after=seconds),
    "forbidden": lambda _: _error(403, "Forbidden: bot was blocked by the user"),
    "chat_not_found": lambda _: _error(400, "Bad Request: chat not found"),
}
SLOW_FAULTS = {"hang", "drop"}  # no HTTP answer at all


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
        self._loop: asyncio.AbstractEventLoop | None = None
        self._closing = asyncio.Event()
        # (method, chat_id or None) -> faults answered to the next calls, one per call
        self._faults: dict[tuple[str, int | None], list[tuple[str, int]]] = {}
        self.blocked: set[int] = set()  # chats whose user blocked the bot: every send is a 403
        self.down = False  # an outage: every request loses its connection

    # -- server ----------------------------------------------------------------------------------

    async def start(self) -> "FakeBotApi":
        self._loop = asyncio.get_running_loop()
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self.runner = web.AppRunner(app, access_log=None, handler_cancellation=True, shutdown_timeout=1)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def close(self) -> None:
        self._closing.set()
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
        fault = self._fault_for(method, params)
        if fault is not None:
            call.fault = fault[0]
            return await self._answer_fault(request, *fault)
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)
        call.result = await handler(params)
        return web.json_response({"ok": True, "result": call.result})

    def _fault_for(self, method: str, params: dict[str, Any]) -> tuple[str, int] | None:
        if self.down:
            return ("drop", 0)
        chat_id = params.get("chat_id")
        if method == "sendMessage" and chat_id in self.blocked:
            return ("forbidden", 0)
        for key in ((method, chat_id), (method, None)):
            queued = self._faults.get(key)
            if queued:
                return queued.pop(0)
        return None

    async def _answer_fault(self, request: web.Request, kind: str, retry_after: int) -> web.StreamResponse:
        if kind == "drop":  # the connection goes away without an answer, as when the API is unreachable
            if request.transport is not None:
                request.transport.abort()
            return web.Response(status=503)  # never reaches the client
        if kind == "hang":  # the request is read, then nothing comes back
            try:
                await asyncio.wait_for(self._closing.wait(), HANG_SECONDS)
            except asyncio.TimeoutError:
                pass
            return _error(504, "Gateway Timeout")
        return FAULTS[kind](retry_after)

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
        (Telegram re-sending what a crashed bot never confirmed). Safe from any thread."""
        self._pending.append({**update, **({"_redeliver": True} if redeliver else {})})
        self._notify()

    def _notify(self) -> None:
        if self._loop is None:
            self._changed.set()
        else:
            self._loop.call_soon_threadsafe(self._changed.set)

    def fail(self, method: str, *kinds: str, chat_id: int | None = None, retry_after: int = 1) -> None:
        """Answer the next calls of ``method`` (to ``chat_id`` only, when given) with these faults,
        one per call, in order (see FAULTS, plus "hang" and "drop")."""
        for kind in kinds:
            assert kind in FAULTS or kind in SLOW_FAULTS, kind
        self._faults.setdefault((method, chat_id), []).extend((kind, retry_after) for kind in kinds)

    def clear_faults(self) -> None:
        """Forget the faults queued with ``fail`` that were not answered yet."""
        self._faults.clear()

    def block(self, chat_id: int) -> None:
        """The user of ``chat_id`` blocked the bot: every sendMessage to it is refused with 403."""
        self.blocked.add(chat_id)

    def outage(self, down: bool = True) -> None:
        """Start (or end) an outage: every request loses its connection, as if the API were unreachable."""
        self.down = down

    def attempts(self, method: str = "sendMessage", chat_id: int | None = None) -> list[Call]:
        """Every call, answered or failed."""
        return [c for c in list(self.calls)
                if c.method == method and (chat_id is None or c.params.get("chat_id") == chat_id)]

    def sent(self, method: str = "sendMessage", chat_id: int | None = None) -> list[Call]:
        """The calls that succeeded (what reached the user)."""
        return [c for c in self.attempts(method, chat_id) if c.fault is None]

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


class FakeBotApiThread:
    """A ``FakeBotApi`` serving from its own event loop in a daemon thread, so that a test (sync or
    async) can block on a real ``serve`` subprocess while the fake keeps answering it."""

    def __init__(self, token: str) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="fake-bot-api", daemon=True)
        self._thread.start()
        self.api: FakeBotApi = self._run(self._start(token))

    async def _start(self, token: str) -> FakeBotApi:
        return await FakeBotApi(token).start()

    def _run(self, coroutine, timeout: float = 10.0):
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout)

    def __getattr__(self, name: str):  # fail, block, outage, push, sent, attempts, calls, base_url …
        return getattr(self.api, name)

    def wait_until(self, condition: Callable[[], bool], timeout: float = 15.0, what: str = "") -> None:
        """Block until ``condition()`` holds (checked every 20 ms); the timeout only bounds a failing test."""
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                summary = [(c.method, c.params.get("chat_id"), c.fault) for c in list(self.api.calls)[-12:]]
                raise AssertionError(f"timed out waiting for {what or condition}; last calls: {summary}")
            time.sleep(0.02)

    def close(self) -> None:
        try:
            self._run(self.api.close())
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(5)


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
