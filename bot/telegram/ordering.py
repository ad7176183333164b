"""Updates of one chat in the order they came; different chats at the same time.

PTB's ``concurrent_updates`` runs every update as its own task, started in arrival order. This
processor makes the tasks of one chat wait for each other on a per-chat asyncio.Lock (FIFO), so a
quick second message can never be answered before the first; other chats are not held up.
"""
from __future__ import annotations

import asyncio
from typing import Any, Awaitable

from telegram import Update
from telegram.ext import BaseUpdateProcessor


class PerChatOrder(BaseUpdateProcessor):
    def __init__(self, max_concurrent_updates: int = 64) -> None:
        super().__init__(max_concurrent_updates)
        self._chats: dict[int, tuple[asyncio.Lock, list[int]]] = {}

    @staticmethod
    def chat_of(update: object) -> int | None:
        if isinstance(update, Update) and update.effective_chat is not None:
            return update.effective_chat.id
        return None

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = self.chat_of(update)
        if chat is None:
            await coroutine
            return
        lock, users = self._chats.setdefault(chat, (asyncio.Lock(), [0]))
        users[0] += 1
        try:
            async with lock:
                await coroutine
        finally:
            users[0] -= 1
            if users[0] == 0:
                self._chats.pop(chat, None)

    @property
    def busy_chats(self) -> int:
        return len(self._chats)

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass
