"""The PTB Application over the shared engine: handlers, start (webhook or polling) and stop.

Webhook mode (APPLICANT_BOT_PUBLIC_URL set): the Application is built with ``updater(None)``; the
aiohttp route puts each checked update on ``application.update_queue``; ``set_webhook`` registers
``<PUBLIC_URL>/telegram/webhook`` with the secret at start. Polling mode: PTB's Updater long-polls
getUpdates (it removes any webhook first).

Every update first passes the ledger (group -1): an update_id seen before stops there, answered
once. Each chat is a session ``tg:<chat_id>`` in the shared store, so a restart mid-flow continues.
"""
from __future__ import annotations

import asyncio
import logging
from concurrent.futures import Executor
from functools import partial
from typing import Any

from telegram import BotCommand, LinkPreviewOptions, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from ..commands import COMMAND_TEXT
from ..config import ConfigError, Settings
from .ledger import UpdateLedger
from .ordering import PerChatOrder
from .render import keyboard, label_from_callback, split_message, to_html

log = logging.getLogger(__name__)

SESSION_PREFIX = "tg:"
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]
COMMANDS = [
    BotCommand("start", "처음 화면과 주제 목록"),
    BotCommand("help", "이렇게 물어보세요 (도움말)"),
    BotCommand("cancel", "진행 중인 질문을 멈추고 처음으로"),
]
NOT_TEXT = "글자로 질문해 주세요. 사진·음성·파일은 읽을 수 없어요. (/help 도움말)"
STALE_BUTTON = "이 버튼은 오래되어 더 이상 쓸 수 없어요. 질문을 다시 입력하거나 /start 를 눌러 주세요."
RETRY_DELAYS = (2, 5, 10, 30, 60)
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)  # the Q-Net links would fill the chat


class TelegramChannel:
    def __init__(self, settings: Settings, engine: Any, store: Any, executor: Executor, metrics: Any = None) -> None:
        assert settings.telegram_token
        self.settings = settings
        self.metrics = metrics  # bot.metrics.Metrics: updates, duplicates and turns are counted here
        self.engine = engine
        self.executor = executor
        self.mode = settings.telegram_mode
        self.status = "starting"
        bot_id = int(settings.telegram_token.split(":", 1)[0])
        self.ledger = UpdateLedger(getattr(store, "path", None), bot_id)
        builder = (
            Application.builder()
            .token(settings.telegram_token)
            .base_url(settings.telegram_api_url)
            .rate_limiter(AIORateLimiter(max_retries=2))
            .concurrent_updates(PerChatOrder(64))
        )
        if self.mode == "webhook":
            builder = builder.updater(None)
        self.application = builder.build()
        self._add_handlers()
        self._retry_task: asyncio.Task | None = None
        self._running = False

    @property
    def ready(self) -> bool:
        return self._running

    # -- lifecycle -------------------------------------------------------------------------------

    async def start(self) -> None:
        """Connect to the Bot API. A wrong token stops the start (ConfigError); an unreachable
        API is retried in the background while the web channel keeps serving."""
        try:
            await self._start_once()
        except InvalidToken:
            raise ConfigError("APPLICANT_BOT_TELEGRAM_TOKEN was refused by the Telegram Bot API (wrong token?)") from None
        except (NetworkError, TelegramError) as exc:
            log.warning("Telegram Bot API not reachable (%s); retrying in the background", exc)
            self.status = "retrying"
            self._retry_task = asyncio.create_task(self._retry_start())

    async def _start_once(self) -> None:
        app = self.application
        await app.initialize()  # getMe
        await app.bot.set_my_commands(COMMANDS)
        if self.mode == "webhook":
            await app.bot.set_webhook(
                url=self.settings.webhook_url,
                secret_token=self.settings.telegram_secret,
                allowed_updates=ALLOWED_UPDATES,
            )
        else:
            await app.updater.start_polling(allowed_updates=ALLOWED_UPDATES, timeout=20)
        await app.start()
        self._running = True
        self.status = self.mode or "off"
        log.info("Telegram on (%s) as @%s", self.mode, app.bot.username)

    async def _retry_start(self) -> None:
        for attempt in range(10_000):
            await asyncio.sleep(RETRY_DELAYS[min(attempt, len(RETRY_DELAYS) - 1)])
            try:
                await self._start_once()
                return
            except InvalidToken:
                log.error("Telegram refused the token; Telegram stays off")
                self.status = "error"
                return
            except (NetworkError, TelegramError) as exc:
                log.warning("Telegram Bot API still not reachable (%s)", exc)

    async def stop(self) -> None:
        if self._retry_task is not None:
            self._retry_task.cancel()
            await asyncio.gather(self._retry_task, return_exceptions=True)
        app = self.application
        try:
            if app.updater is not None and app.updater.running:
                await app.updater.stop()
            if app.running:
                await app.stop()
            await app.shutdown()
        except Exception:  # shutting down anyway; do not hide the store close behind this
            log.exception("error while stopping Telegram")
        finally:
            self._running = False
            self.status = "stopped"
            await asyncio.get_running_loop().run_in_executor(self.executor, self.ledger.close)

    # -- handlers --------------------------------------------------------------------------------

    def _add_handlers(self) -> None:
        app = self.application
        app.add_handler(TypeHandler(Update, self._only_once), group=-1)
        for command in COMMAND_TEXT:
            app.add_handler(CommandHandler(command, self._on_command))
        app.add_handler(MessageHandler(filters.TEXT, self._on_text))
        app.add_handler(CallbackQueryHandler(self._on_button))
        app.add_handler(MessageHandler(filters.ALL & ~filters.TEXT & ~filters.StatusUpdate.ALL, self._on_other))
        app.add_error_handler(self._on_error)

    async def _blocking(self, fn, *args, **kwargs):
        return await asyncio.get_running_loop().run_in_executor(self.executor, partial(fn, *args, **kwargs))

    async def _only_once(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        fresh = await self._blocking(self.ledger.claim, update.update_id)
        if self.metrics is not None:
            self.metrics.telegram_update(duplicate=not fresh)
        if not fresh:
            log.info("update %s already handled; not answering again", update.update_id)
            raise ApplicationHandlerStop

    async def _on_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        command = (message.text or "").split()[0].lstrip("/").split("@")[0].lower()
        await self._answer(update.effective_chat.id, COMMAND_TEXT.get(command, COMMAND_TEXT["help"]))

    async def _on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self._answer(update.effective_chat.id, update.effective_message.text or "")

    async def _on_other(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await context.bot.send_message(update.effective_chat.id, NOT_TEXT)

    async def _on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        label = label_from_callback(query.data, query.message)
        await query.answer()  # stops the button's spinner
        chat_id = update.effective_chat.id if update.effective_chat else None
        if chat_id is None:
            return
        if label is None:
            await context.bot.send_message(chat_id, STALE_BUTTON)
            return
        if isinstance(query.message, Message) and query.message.text is not None:
            # Show what was chosen and take the old keyboard away, so stale buttons are not pressed.
            try:
                await query.edit_message_text(
                    f"{query.message.text_html}\n\n▶ <i>{to_html(label)}</i>",
                    parse_mode=ParseMode.HTML, reply_markup=None,
                )
            except BadRequest as exc:  # too long, too old, or unchanged: the answer matters more
                log.info("could not mark the pressed button: %s", exc)
        await self._answer(chat_id, label)

    async def _answer(self, chat_id: int, text: str) -> None:
        turn = await self._blocking(self.engine.handle, f"{SESSION_PREFIX}{chat_id}", text, channel="telegram")
        if self.metrics is not None:
            self.metrics.turn("telegram", turn)
        bot = self.application.bot
        for reply in turn.replies:
            pieces = split_message(reply.text)
            for number, piece in enumerate(pieces):
                last = number == len(pieces) - 1
                await bot.send_message(
                    chat_id, to_html(piece), parse_mode=ParseMode.HTML,
                    reply_markup=keyboard(reply.buttons) if last else None,
                    link_preview_options=NO_PREVIEW,
                )

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        error = context.error
        if isinstance(error, Forbidden):  # the user blocked the bot: nothing to send to
            log.info("chat unreachable: %s", error)
            return
        log.error("Telegram update failed: %r", error, exc_info=error)
