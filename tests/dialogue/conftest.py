"""Fixtures for the dialogue tests: an engine on the real knowledge, rules and NLU."""
from __future__ import annotations

from datetime import datetime

import pytest

from bot.engine import Engine
from bot.storage import Store

# 2023-03-01 10:00 Seoul: after the 1차 application closed, inside the 60% refund period.
from dialogue_support import NOW  # noqa: E402  (shared with the script tests)


class Chat:
    """One conversation: ``chat("text")`` returns the reply text; ``chat.buttons``/``chat.intent``."""

    def __init__(self, engine: Engine, session: str = "test-session", now: datetime = NOW) -> None:
        self.engine, self.session, self.now = engine, session, now
        self.turn = None

    def __call__(self, text: str) -> str:
        self.turn = self.engine.handle(self.session, text, channel="test", now=self.now)
        return "\n".join(r.text for r in self.turn.replies)

    @property
    def buttons(self) -> list[str]:
        return list(self.turn.replies[-1].buttons)

    @property
    def intent(self) -> str | None:
        return self.turn.intent


@pytest.fixture(scope="session")
def shared_engine() -> Engine:
    return Engine(store=Store(None), clock=lambda: NOW)


@pytest.fixture
def chat(shared_engine, request) -> Chat:
    return Chat(shared_engine, session=f"t-{request.node.name}")
