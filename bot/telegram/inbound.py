"""What an update asks for, and the Bot API calls that answer it — pure functions, no I/O.

``read_update(update)`` says what to do with an update: the text the engine should read (a typed
message, a command's text, a pressed button's label), or a fixed note (not text, a stale button),
and the calls that come first (stop the button's spinner, mark the pressed button). ``replies(chat,
turn)`` turns the engine's Turn into sendMessage calls: Telegram HTML, long replies split under the
size limit, the keyboard on the last piece. The channel stages all of them in the outbox.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram import Message, MessageEntity, Update
from telegram.ext import filters

from ..commands import COMMAND_TEXT
from ..outbox import OutboxCall
from .render import keyboard, label_from_callback, split_message, to_html

NOT_TEXT = "글자로 질문해 주세요. 사진·음성·파일은 읽을 수 없어요. (/help 도움말)"
STALE_BUTTON = "이 버튼은 오래되어 더 이상 쓸 수 없어요. 질문을 다시 입력하거나 /start 를 눌러 주세요."
NO_PREVIEW = {"is_disabled": True}  # the Q-Net links would fill the chat


@dataclass(frozen=True)
class Inbound:
    update_id: int
    chat_id: int | None
    text: str | None = None  # for the engine
    note: str | None = None  # a fixed reply instead of a turn
    first: tuple[OutboxCall, ...] = ()


def read_update(update: Update) -> Inbound:
    chat = update.effective_chat.id if update.effective_chat is not None else None
    if update.callback_query is not None:
        return _pressed(update, chat)
    message = update.message
    if message is None or chat is None:
        return Inbound(update.update_id, chat)  # nothing this bot answers (allowed_updates keeps them rare)
    if message.text is not None:
        return Inbound(update.update_id, chat, text=_command_text(message) or message.text)
    if filters.StatusUpdate.ALL.check_update(update):
        return Inbound(update.update_id, chat)  # someone joined, a title changed …: no answer
    return Inbound(update.update_id, chat, note=NOT_TEXT)


def _command_text(message: Message) -> str | None:
    """The engine's text for /start, /help, /cancel (also ``/help@this_bot``); None for anything else."""
    entity = message.entities[0] if message.entities else None
    if entity is None or entity.type != MessageEntity.BOT_COMMAND or entity.offset != 0:
        return None
    command = message.text[1:entity.length].split("@")[0].lower()
    return COMMAND_TEXT.get(command)


def _pressed(update: Update, chat: int | None) -> Inbound:
    query = update.callback_query
    spinner = OutboxCall("answerCallbackQuery", {"callback_query_id": query.id}, best_effort=True)
    label = label_from_callback(query.data, query.message)
    if chat is None:
        return Inbound(update.update_id, None, first=(spinner,))
    if label is None:
        return Inbound(update.update_id, chat, note=STALE_BUTTON, first=(spinner,))
    first: tuple[OutboxCall, ...] = (spinner,)
    if isinstance(query.message, Message) and query.message.text is not None:
        # Show what was chosen and take the old keyboard away, so stale buttons are not pressed.
        mark = OutboxCall("editMessageText", {
            "chat_id": chat, "message_id": query.message.message_id, "parse_mode": "HTML",
            "text": f"{query.message.text_html}\n\n▶ <i>{to_html(label)}</i>",
        }, best_effort=True)
        first = (spinner, mark)
    return Inbound(update.update_id, chat, text=label, first=first)


def replies(chat_id: int, turn: Any) -> list[OutboxCall]:
    calls = []
    for reply in turn.replies:
        calls.extend(message(chat_id, reply.text, reply.buttons))
    return calls


def message(chat_id: int, text: str, buttons: tuple[str, ...] | list[str] = ()) -> list[OutboxCall]:
    """sendMessage calls for one reply: pieces under Telegram's limit, the keyboard under the last."""
    pieces = split_message(text)
    calls = []
    for number, piece in enumerate(pieces):
        params: dict[str, Any] = {"chat_id": chat_id, "text": to_html(piece), "parse_mode": "HTML",
                                  "link_preview_options": NO_PREVIEW}
        markup = keyboard(buttons) if number == len(pieces) - 1 else None
        if markup is not None:
            params["reply_markup"] = markup
        calls.append(OutboxCall("sendMessage", params))
    return calls
