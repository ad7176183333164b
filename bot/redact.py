"""Secrets that must never reach a log line: the bot token (both halves), the webhook secret, the
staff token. ``bot.logs`` runs every message, extra and traceback through ``redact`` before the
personal-data mask, whichever logger wrote it (httpx and python-telegram-bot put the token in every
request URL, and PTB logs a call's parameters, the webhook secret among them, at DEBUG).

    hide_token("123456:AAH…")   # the whole token, its secret half, and the bot id as a number
    hide("webhook-secret", …)
    redact(text) -> text with each of them replaced by "[secret]"
"""
from __future__ import annotations

import re
from typing import Callable

SECRET = "[secret]"
MIN_CHARS = 8  # shorter values would mask ordinary words; every real secret here is far longer
MIN_ID_DIGITS = 5

_values: set[str] = set()
_numbers: set[str] = set()
_pattern: re.Pattern[str] | None = None
_listeners: list[Callable[[], None]] = []


def hide(*values: str | None) -> None:
    """Never log these strings."""
    _add({v for v in values if v and len(v) >= MIN_CHARS}, set())


def hide_token(token: str | None) -> None:
    """A bot token ``<bot id>:<secret>``: the token, the secret half, and the bot id wherever it
    stands as a number of its own."""
    if not token:
        return
    bot_id, _, secret = token.partition(":")
    _add({v for v in (token, secret) if len(v) >= MIN_CHARS},
         {bot_id} if bot_id.isdigit() and len(bot_id) >= MIN_ID_DIGITS else set())


def redact(text: str) -> str:
    if _pattern is None or not text:
        return text
    return _pattern.sub(SECRET, text)


def on_change(listener: Callable[[], None]) -> None:
    """Call ``listener`` whenever a secret is added (caches of already-masked text must be emptied)."""
    _listeners.append(listener)


def _add(values: set[str], numbers: set[str]) -> None:
    global _pattern
    if values <= _values and numbers <= _numbers:
        return
    _values.update(values)
    _numbers.update(numbers)
    # the longest first, so the whole token goes before its halves
    parts = [re.escape(v) for v in sorted(_values, key=len, reverse=True)]
    parts += [rf"(?<!\d){re.escape(n)}(?!\d)" for n in sorted(_numbers, key=len, reverse=True)]
    _pattern = re.compile("|".join(parts))
    for listener in _listeners:
        listener()
