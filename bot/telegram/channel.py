"""The Telegram channel: updates in (webhook or long polling), replies out through the outbox.

An update is taken in one synchronous step on the event loop (``_stage``): if its update_id was
not seen, the engine runs the turn and its replies and the update's mark are staged, all inside
``store.staging()``; then one group commit writes turn, replies and mark together. Only then is the
update acknowledged — 200 to the webhook, the getUpdates offset moved past it — and the sender
woken. A write that fails gets a 5xx (Telegram delivers the update again) or keeps the offset, and
a redelivered update is recognised by its mark and answered once.

Webhook mode (APPLICANT_BOT_PUBLIC_URL set): ``set_webhook`` registers ``<PUBLIC_URL>/telegram/webhook``
with the secret at start. Polling mode: ``polling.poll`` (the webhook is removed first). Either way
the Bot API may be unreachable at start: updates are still taken and stored, connecting is retried
in the background, and the sender delivers once Telegram answers again.
"""
from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Callable, Sequence

from telegram import Bot, BotCommand, Update
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.request import HTTPXRequest

from ..config import ConfigError, Settings
from ..outbox import OutboxCall
from .delivery import describe
from .inbound import message, read_update, replies
from .polling import POLL_SECONDS, poll
from .sender import MAX_IN_FLIGHT, ApiHealth, Sender

log = logging.getLogger(__name__)

SESSION_PREFIX = "tg:"
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]
COMMANDS = [
    BotCommand("start", "처음 화면과 주제 목록"),
    BotCommand("help", "이렇게 물어보세요 (도움말)"),
    BotCommand("cancel", "진행 중인 질문을 멈추고 처음으로"),
]
RETRY_DELAYS = (2, 5, 10, 30, 60)


def flush_now(store: Any) -> Callable[[], Awaitable[bool]]:
    """A commit for a store without a group commit (a stand-in engine): flush at once."""
    async def commit() -> bool:
        try:
            store.flush()
            return True
        except Exception:
            log.exception("could not write a Telegram update")
            return False
    return commit


def _report_crash(task: asyncio.Task) -> None:
    """A background task that should run until the stop ended on a bug: say so (replies and
    unconfirmed updates wait for the next start)."""
    if not task.cancelled() and task.exception() is not None:
        log.error("%s stopped: %r", task.get_name(), task.exception(), exc_info=task.exception())


class TelegramChannel:
    def __init__(self, settings: Settings, engine: Any, store: Any,
                 commit: Callable[[], Awaitable[bool]] | None = None, metrics: Any = None) -> None:
        assert settings.telegram_token
        self.settings = settings
        self.metrics = metrics  # bot.metrics.Metrics: updates, duplicates and turns are counted here
        self.engine = engine
        self.store = getattr(engine, "store", None) or store  # the outbox lives where the turns do
        self.outbox = self.store.outbox
        self.mode = settings.telegram_mode
        self.status = "starting"
        self.bot_id = int(settings.telegram_token.split(":", 1)[0])
        timeout = settings.telegram_timeout
        self.bot = Bot(
            settings.telegram_token, base_url=settings.telegram_api_url,
            request=HTTPXRequest(connection_pool_size=MAX_IN_FLIGHT + 4, read_timeout=timeout,
                                 write_timeout=timeout, connect_timeout=timeout, pool_timeout=timeout),
            get_updates_request=HTTPXRequest(connection_pool_size=1, read_timeout=POLL_SECONDS + timeout,
                                             write_timeout=timeout, connect_timeout=timeout, pool_timeout=timeout),
        )
        self.api_health = ApiHealth()
        self.sender = Sender(self.outbox, self.bot, bot_id=self.bot_id, health=self.api_health,
                             backoff_seconds=settings.telegram_backoff,
                             give_up_after=settings.telegram_give_up_after, timeout=timeout)
        self._commit = commit or flush_now(self.store)
        self._tasks: list[asyncio.Task] = []  # connecting, polling

    @property
    def ready(self) -> bool:
        """Updates are taken from the start: they are stored and answered once Telegram answers."""
        return self.status != "stopped"

    # -- lifecycle ---------------------------------------------------------------------------------

    async def start(self) -> None:
        """Connect to the Bot API. A wrong token stops the start (ConfigError); an unreachable
        API is retried in the background while every channel keeps taking messages."""
        self.sender.start().add_done_callback(_report_crash)
        try:
            await self._connect()
        except InvalidToken:
            await self.stop()
            raise ConfigError("APPLICANT_BOT_TELEGRAM_TOKEN was refused by the Telegram Bot API (wrong token?)") from None
        except (NetworkError, TelegramError) as exc:
            log.warning("Telegram Bot API not reachable (%s); retrying in the background", describe(exc))
            self.api_health.failing(describe(exc))
            self.status = "retrying"
            self._tasks.append(asyncio.create_task(self._retry_connect(), name="telegram-connect"))

    async def _connect(self) -> None:
        bot = self.bot
        await bot.initialize()  # getMe
        await bot.set_my_commands(COMMANDS)
        if self.mode == "webhook":
            await bot.set_webhook(url=self.settings.webhook_url, secret_token=self.settings.telegram_secret,
                                  allowed_updates=ALLOWED_UPDATES)
        else:
            await bot.delete_webhook()
            polling = asyncio.create_task(poll(
                bot, self.accept_batch, self.api_health, allowed_updates=ALLOWED_UPDATES,
                timeout=self.settings.telegram_timeout, backoff_seconds=self.settings.telegram_backoff,
                running=lambda: self.status != "stopped",
            ), name="telegram-polling")
            polling.add_done_callback(_report_crash)
            self._tasks.append(polling)
        self.api_health.ok()
        self.status = self.mode or "off"
        log.info("Telegram on (%s) as @%s", self.mode, bot.username)

    async def _retry_connect(self) -> None:
        for attempt in range(10_000):
            await asyncio.sleep(RETRY_DELAYS[min(attempt, len(RETRY_DELAYS) - 1)])
            if self.status == "stopped":
                return
            try:
                await self._connect()
                return
            except InvalidToken:
                log.error("Telegram refused the token; Telegram stays off")
                self.api_health.failing("token refused", token_refused=True)
                self.status = "error"
                return
            except (NetworkError, TelegramError) as exc:
                self.api_health.failing(describe(exc))
                log.warning("Telegram Bot API still not reachable (%s)", describe(exc))

    async def stop(self) -> None:
        """No more updates; the sends under way may finish (briefly); what is left waits in the
        outbox for the next start."""
        self.status = "stopped"
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks.clear()
        try:
            await self.sender.stop()
        finally:
            try:
                await self.bot.shutdown()
            except Exception:  # shutting down anyway; do not hide the store close behind this
                log.exception("error while stopping Telegram")

    # -- updates in --------------------------------------------------------------------------------

    async def accept(self, update: Update) -> bool:
        """Take one update (webhook). True once it and its replies are on disk (or were already)."""
        return await self.accept_batch([update])

    async def accept_batch(self, updates: Sequence[Update]) -> bool:
        """Take updates (a getUpdates batch): one commit for all. True once they are on disk."""
        states = [self._stage_or_skip(update) for update in updates]
        if all(state == "stored" for state in states):
            return True
        written = await self._commit()
        if written:
            self.sender.wake()
            return True
        for update in updates:
            chat = update.effective_chat.id if update.effective_chat else None
            log.warning("could not store Telegram update %s (chat %s); Telegram will deliver it again",
                        update.update_id, chat, extra={"update_id": update.update_id, "chat_id": chat})
        return False

    def _stage_or_skip(self, update: Update) -> str:
        try:
            return self._stage(update)
        except Exception:  # a bug, not the store: skipping the update beats blocking every later one
            log.exception("could not take Telegram update %s; skipped", update.update_id,
                          extra={"update_id": update.update_id,
                                 "chat_id": update.effective_chat.id if update.effective_chat else None})
            self.outbox.mark_update(self.bot_id, update.update_id)
            return "pending"

    def _stage(self, update: Update) -> str:
        """``stored`` (seen before), or ``pending`` once this update's turn, replies and mark are
        staged for the next commit (or were by an earlier delivery whose commit failed)."""
        state = self.outbox.update_state(self.bot_id, update.update_id)
        if self.metrics is not None:
            self.metrics.telegram_update(duplicate=state != "new")
        if state == "stored":
            log.info("update %s already taken; not answering again", update.update_id,
                     extra={"update_id": update.update_id})
        if state != "new":
            return state
        inbound = read_update(update)
        with self.store.staging():
            calls: list[OutboxCall] = list(inbound.first)
            if inbound.chat_id is not None and inbound.text is not None:
                turn = self.engine.handle(f"{SESSION_PREFIX}{inbound.chat_id}", inbound.text, channel="telegram",
                                          defer_commit=True)
                if self.metrics is not None:
                    self.metrics.turn("telegram", turn)
                calls += replies(inbound.chat_id, turn)
            elif inbound.chat_id is not None and inbound.note is not None:
                calls += message(inbound.chat_id, inbound.note)
            if calls:
                self.outbox.stage(self.bot_id, inbound.chat_id or 0, update.update_id, calls)
            self.outbox.mark_update(self.bot_id, update.update_id)
        return "pending"

    # -- health ------------------------------------------------------------------------------------

    def health(self) -> dict[str, Any]:
        """The "telegram" section of /healthz: mode/state, how the API answers, the outbox backlog."""
        try:
            stats = self.outbox.stats()
            outbox: dict[str, Any] | None = {key: stats[key] for key in ("pending", "oldest_pending_age_s", "failed")}
        except Exception:  # the database's own health is reported elsewhere; liveness stays up
            log.exception("could not read the Telegram outbox for /healthz")
            outbox = None
        return {"state": self.status, **self.api_health.to_json(), "outbox": outbox}
