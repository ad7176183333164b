"""The dialogue engine contract shared by every channel.

``Engine.handle(session_id, text, now=...) -> Turn`` takes one message (typed text or a pressed
button's text), loads the session, runs NLU → dialogue → rules → templates, saves the session and
returns the replies. Channels only render a Turn. (Skeleton: implemented by the dialogue work.)

The contract channels code against (implemented in this module by the dialogue work):

    engine = Engine(exam=None, store=None, clock=None)
        exam:  knowledge.schema.Exam (default: knowledge.load_exam())
        store: bot.storage.Store (default: an in-memory store; `serve`/`ask` pass a file store)
        clock: () -> datetime, naive Asia/Seoul wall time (default: now in Asia/Seoul);
               `--today DATE` passes a clock that returns that date with the current time.
    turn = engine.handle(session_id: str, text: str, *, channel: str = "api",
                         now: datetime | None = None) -> Turn
        Never raises on any user text; an empty/oversized text gets a polite reply.
    engine.feedback(session_id: str, value: int, note: str = "") -> None   # +1 / -1

    store = bot.storage.Store(path: str | Path | None)   # None = in-memory SQLite
    store.list_unanswered(limit: int = 100) -> list[dict]  # {"id","session","text","channel","at"}
    store.close()
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Reply:
    text: str
    buttons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Turn:
    replies: tuple[Reply, ...]
    intent: str | None
    confidence: float

    def to_json(self) -> dict:
        """The public JSON shape of `ask --json` and `POST /api/v1/chat`."""
        return {
            "replies": [{"text": r.text, "buttons": list(r.buttons)} for r in self.replies],
            "intent": self.intent,
            "confidence": round(float(self.confidence), 4),
        }
