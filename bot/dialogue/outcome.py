"""What one turn of the dialogue produces: reply texts, buttons (label → action), and what the
engine logs (intent, confidence, whether it was answered, why not)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import topics

Button = tuple[str, dict[str, Any]]

FEEDBACK_BUTTONS = (("👍", {"do": "feedback", "value": 1}), ("👎", {"do": "feedback", "value": -1}))
HOME_BUTTON = ("처음으로", {"do": "cancel"})
HELPDESK_BUTTON = ("고객센터 안내", {"do": "helpdesk"})


@dataclass
class Outcome:
    texts: list[str] = field(default_factory=list)
    buttons: list[Button] = field(default_factory=list)
    intent: str | None = None
    confidence: float = 0.0
    answered: bool = False  # a real answer (fact or rule result) was given
    unanswered_reason: str | None = None  # log the question for staff
    guesses: tuple[str, ...] = ()
    feedback: int | None = None
    pressed: bool = False  # the message was one of our own buttons, not the applicant's words

    def say(self, text: str) -> None:
        if text:
            self.texts.append(text)

    def offer(self, *buttons: Button) -> None:
        seen = {label for label, _ in self.buttons}
        for label, action in buttons:
            if label not in seen:
                self.buttons.append((label, action))
                seen.add(label)


def topic_button(intent: str) -> Button:
    return (topics.label(intent), {"do": "intent", "intent": intent})
