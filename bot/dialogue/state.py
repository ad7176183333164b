"""A conversation's state, as plain JSON-safe data (saved to the store after every turn).

Slot values are kept JSON-safe (dates as "YYYY-MM-DD", times as "HH:MM"); the flows convert them.
``buttons`` remembers what each button of the last reply means, so that a pressed button (whose
text comes back as the next message) is acted on exactly, without going through the classifier.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

STATE_VERSION = 1
SITUATIONS_KEPT = 6
MESSAGES_KEPT = 3


@dataclass
class Suspended:
    """A flow put aside by a topic switch, offered back with a "이어서 하기" button."""

    flow: str
    values: dict[str, Any]
    pending: str | None
    turn: int = 0  # the turn it was put aside on


@dataclass
class State:
    flow: str | None = None  # the flow being filled, e.g. "refund"
    values: dict[str, Any] = field(default_factory=dict)  # its slot values so far
    pending: str | None = None  # the slot the last question asked for
    failures: int = 0  # failed answers to the pending question in a row
    last_flow: str | None = None  # the last flow that produced an answer (for corrections)
    last_values: dict[str, Any] = field(default_factory=dict)
    last_intent: str | None = None  # intent of the last answered message (feedback is filed under it)
    last_fact: str | None = None  # the id of the last fact quoted ("2차는요?" asks it for the other stage)
    suspended: Suspended | None = None
    buttons: dict[str, dict[str, Any]] = field(default_factory=dict)  # label -> action
    turns: int = 0
    # the last question the applicant asked (masked), to read a short follow-up against
    # ("1차 면제 서류 어디로 내요?" → "광주요"); kept after answers and after "not sure" replies
    context: str = ""
    # what the applicant said of themselves in this conversation (lexicon situation names, never
    # their words): "작년에 1차 합격했어요" still holds when they ask how to apply
    situations: list[str] = field(default_factory=list)
    # the applicant's last messages (masked), each with the slot the bot was waiting for as it came
    # (so it is read again as it was read then): what they said of their case ("저 청각장애 있어요")
    # is an input of the calculator a later question starts
    said: list[list] = field(default_factory=list)

    def heard(self, text: str, expecting: str | None) -> None:
        if text:
            self.said = [*self.said, [text, expecting]][-MESSAGES_KEPT:]

    def remember(self, said: list[str]) -> None:
        if said:
            kept = [s for s in self.situations if s not in said] + list(said)
            self.situations = kept[-SITUATIONS_KEPT:]

    # -- flow bookkeeping ----------------------------------------------------------------------

    def start(self, flow: str, values: dict[str, Any] | None = None) -> None:
        self.flow, self.values, self.pending, self.failures = flow, dict(values or {}), None, 0

    def finish(self) -> None:
        """The flow produced its answer: remember it for corrections, clear the form."""
        if self.flow:
            self.last_flow, self.last_values = self.flow, dict(self.values)
        self.flow, self.values, self.pending, self.failures = None, {}, None, 0

    def suspend(self) -> None:
        if self.flow:
            self.suspended = Suspended(self.flow, dict(self.values), self.pending, self.turns)
        self.flow, self.values, self.pending, self.failures = None, {}, None, 0

    def resume(self) -> bool:
        if not self.suspended:
            return False
        s = self.suspended
        self.flow, self.values, self.pending, self.failures = s.flow, dict(s.values), s.pending, 0
        self.suspended = None
        return True

    def reset(self) -> None:
        turns = self.turns
        self.__init__()  # type: ignore[misc]
        self.turns = turns

    # -- (de)serialisation ---------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        # Written out by hand: dataclasses.asdict deep-copies recursively and was a third of a turn.
        s = self.suspended
        return {
            "v": STATE_VERSION,
            "flow": self.flow,
            "values": self.values,
            "pending": self.pending,
            "failures": self.failures,
            "last_flow": self.last_flow,
            "last_values": self.last_values,
            "last_intent": self.last_intent,
            "last_fact": self.last_fact,
            "suspended": None if s is None else {"flow": s.flow, "values": s.values, "pending": s.pending, "turn": s.turn},
            "buttons": self.buttons,
            "turns": self.turns,
            "context": self.context,
            "situations": self.situations,
            "said": self.said,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> "State":
        """Read a saved state; anything unreadable or from another version starts afresh."""
        if not isinstance(data, dict) or data.get("v") != STATE_VERSION:
            return cls()
        try:
            suspended = data.get("suspended")
            return cls(
                flow=data.get("flow"),
                values=dict(data.get("values") or {}),
                pending=data.get("pending"),
                failures=int(data.get("failures") or 0),
                last_flow=data.get("last_flow"),
                last_values=dict(data.get("last_values") or {}),
                last_intent=data.get("last_intent"),
                last_fact=data.get("last_fact"),
                suspended=Suspended(**suspended) if isinstance(suspended, dict) else None,
                buttons={str(k): dict(v) for k, v in (data.get("buttons") or {}).items()},
                turns=int(data.get("turns") or 0),
                context=str(data.get("context") or ""),
                situations=[str(x) for x in (data.get("situations") or [])][-SITUATIONS_KEPT:],
                said=[[str(x[0]), x[1] if isinstance(x[1], str) else None] for x in (data.get("said") or [])
                      if isinstance(x, list) and len(x) == 2][-MESSAGES_KEPT:],
            )
        except (TypeError, ValueError):
            return cls()
