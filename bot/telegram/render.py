"""A Turn as Telegram messages: HTML parse mode with every text escaped, buttons as inline keyboards.

Callback data may be at most 64 bytes, and Korean takes 3 bytes a character. A button whose label
fits is sent as ``t:<label>`` (self-contained, still works after a restart); a longer label becomes
``h:<hash>``, resolved by finding the pressed button in the message's own keyboard, which Telegram
sends back with the callback query. Either way the engine receives the button's text, exactly as
if it had been typed.
"""
from __future__ import annotations

import hashlib
from html import escape

from telegram import Message

from ..bounded import keep

MAX_CALLBACK_BYTES = 64
MAX_MESSAGE_CHARS = 4096
SHORT_LABEL_CHARS = 10  # two such buttons share a row on a phone


def callback_data(label: str) -> str:
    data = "t:" + label
    if len(data.encode("utf-8")) <= MAX_CALLBACK_BYTES:
        return data
    return "h:" + hashlib.sha256(label.encode("utf-8")).hexdigest()[:24]


def label_from_callback(data: str | None, message: object) -> str | None:
    """The label of the pressed button, or None when it cannot be known (a stale long label)."""
    if not data:
        return None
    if data.startswith("t:"):
        return data[2:] or None
    if data.startswith("h:") and isinstance(message, Message) and message.reply_markup:
        for row in message.reply_markup.inline_keyboard:
            for button in row:
                if button.callback_data == data:
                    return button.text
    return None


def keyboard(labels: tuple[str, ...] | list[str]) -> dict | None:
    """The inline keyboard as the Bot API's ``reply_markup`` JSON (short labels two to a row), or
    None without buttons. The same buttons come back message after message, so each layout is
    remembered (bounded); the result is shared: never change it."""
    if not labels:
        return None
    key = tuple(labels)
    markup = _keyboards.get(key)
    if markup is None:
        rows: list[list[dict[str, str]]] = []
        for label in key:
            button = {"text": label, "callback_data": callback_data(label)}
            short = len(label) <= SHORT_LABEL_CHARS
            if short and rows and len(rows[-1]) == 1 and len(rows[-1][0]["text"]) <= SHORT_LABEL_CHARS:
                rows[-1].append(button)
            else:
                rows.append([button])
        markup = keep(_keyboards, KEYBOARDS_KEPT, key, {"inline_keyboard": rows})
    return markup


_keyboards: dict[tuple[str, ...], dict] = {}
KEYBOARDS_KEPT = 1024


def to_html(text: str) -> str:
    """The reply as Telegram HTML: everything escaped; the notice header and the clause in bold."""
    lines = []
    for number, line in enumerate(text.split("\n")):
        if number == 0 and line.startswith("[") and "]" in line:
            lines.append(f"<b>{escape(line, quote=False)}</b>")
        elif line.startswith("근거:"):
            lines.append(f"<b>근거:</b>{escape(line[3:], quote=False)}")
        else:
            lines.append(escape(line, quote=False))
    return "\n".join(lines)


def split_message(text: str, limit: int = MAX_MESSAGE_CHARS - 96) -> list[str]:
    """Plain text cut at line ends into pieces whose escaped HTML stays under Telegram's limit
    (the margin leaves room for the bold tags ``to_html`` adds)."""

    def size(piece: str) -> int:
        return len(escape(piece, quote=False))

    if size(text) <= limit:
        return [text]
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        while size(line) > limit:  # one enormous line: cut it by characters
            cut = limit
            while size(line[:cut]) > limit:
                cut -= max(1, (size(line[:cut]) - limit) // 5)
            if current:
                pieces.append(current)
                current = ""
            pieces.append(line[:cut])
            line = line[cut:]
        candidate = f"{current}\n{line}" if current else line
        if current and size(candidate) > limit:
            pieces.append(current)
            current = line
        else:
            current = candidate
    if current:
        pieces.append(current)
    return pieces
