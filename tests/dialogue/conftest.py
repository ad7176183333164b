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


# -- scripts of issue 9's understanding tests: t = talk(); reply = t("…"); t.asked ----------------

BEFORE_FIRST_EXAM = datetime(2023, 3, 15, 12, 0)


@pytest.fixture(scope="module")
def talk_engine() -> Engine:
    return Engine(store=Store(None))


class Talk:
    def __init__(self, engine: Engine, name: str, now: datetime) -> None:
        self.engine, self.session, self.now = engine, name, now
        self.turn = None

    def __call__(self, text: str) -> str:
        self.turn = self.engine.handle(self.session, text, now=self.now)
        return self.turn.replies[0].text

    @property
    def buttons(self) -> tuple[str, ...]:
        return self.turn.replies[0].buttons

    @property
    def asked(self) -> bool:
        """Did the bot end on a question for an input (a slot pending)?"""
        return bool((self.engine.store.load_session(self.session) or {}).get("pending"))


@pytest.fixture
def talk(talk_engine, request):
    """A conversation of its own per call, on the clock given (``talk()``, ``talk(datetime(…))``)."""
    def start(now: datetime = BEFORE_FIRST_EXAM) -> Talk:
        return Talk(talk_engine, f"u-{request.node.name}-{id(now)}", now)
    return start
