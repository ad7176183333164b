"""The dialogue engine contract shared by every channel.

``Engine.handle(session_id, text, now=...) -> Turn`` takes one message (typed text or a pressed
button's text), loads the session, runs NLU → dialogue → rules → templates, saves the session and
returns the replies. Channels only render a Turn. (Skeleton: implemented by the dialogue work.)
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
