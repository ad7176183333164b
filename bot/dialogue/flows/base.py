"""What every calculator flow provides to the dialogue manager.

A flow is a small form: named slots asked in order, one question at a time, each with a validator
that explains in Korean why an answer cannot be used. ``absorb`` reads *every* slot a message states
(so "2차 3월 25일 취소" fills two at once, and "아 2차요" corrects one), ``missing`` names the next
slot to ask, ``answer`` runs the rule and renders the result.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from bot.nlu.types import Understanding
    from knowledge.schema import CertLookupGuide, Exam

    from ..render import Renderer


@dataclass(frozen=True)
class Choice:
    """A button: the label shown, and the slot value it stands for."""

    label: str
    value: Any


@dataclass
class Context:
    """What a flow may use in one turn: the exam round, the guide, the caller's clock, templates."""

    exam: "Exam"
    guide: "CertLookupGuide"
    today: date
    now: datetime
    renderer: "Renderer"
    text: str = ""  # the message as typed (for a flow's own fallback parsing)
    # situations the applicant stated earlier in the conversation (for a message that states none)
    said_before: tuple[str, ...] = ()
    # the applicant's messages before this one (masked), each with the slot then awaited
    earlier_messages: tuple[tuple[str, str | None], ...] = ()

    def situations(self, u) -> list[str]:
        """What the message says of the applicant, or what they said of themselves before."""
        return u.slots.situations or list(self.said_before)

    def render(self, name: str, **variables: Any) -> str:
        return self.renderer.render(name, exam=self.exam, today=self.today, **variables)


@dataclass
class Absorbed:
    """What one message said for a flow: slots filled, and slots said but unusable (with why)."""

    filled: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.filled or self.errors)


@dataclass
class Question:
    slot: str
    text: str
    choices: tuple[Choice, ...] = ()


@dataclass
class Answer:
    text: str
    next_steps: tuple[tuple[str, dict[str, Any]], ...] = ()  # (button label, action)
    answered: bool = True  # False: the rule could not decide (shown, but not a real answer)
    ask_slot: str | None = None  # the rule needs one more choice: ask this slot with ``choices``
    error_slot: str | None = None  # the rule refused this slot's value: ``text`` says why, ask again
    drop: tuple[str, ...] = ()  # other values to forget with it (a time that went with the date)
    choices: tuple[Choice, ...] = ()


class Flow:
    """Base class; subclasses set ``name`` and implement the four methods."""

    name: str = ""
    slots: tuple[str, ...] = ()  # slot names, in asking order (values use these keys)
    # Does the rule weigh the applicant's situations (a refund reason, a score taken abroad)? If
    # not, a situation the notice answers of its own is that answer even when the rule could run.
    weighs_situations: bool = True
    # inputs that make a question about one of the topic's facts the applicant's own case: "청각장애인
    # 토익 360점이면 되나요" asks for a verdict on a score, not for the thresholds table
    own_case: tuple[str, ...] = ()
    # kinds of question (lexicon ``asks``) its answer is the figure for: right after its answer, a
    # message asking that with one of its inputs ("2차 기준으로 한 과목 몇 분이에요?") is the same case
    figure_asks: tuple[str, ...] = ()
    # kinds of question that ask for one of its inputs, slot by kind: "60% 환불은 며칠까지예요?" asks a
    # date of the refund rule, whose input is a date — the rule's table is the answer, not a computation
    input_asks: dict[str, str] = {}
    # inputs that only pick a row of the rule's table (the English test): said with a question for
    # an input ("텝스는 몇 점이에요?"), the table's row answers
    table_keys: tuple[str, ...] = ()
    # values that only let the rule assume an input ("today", when the figure is asked for now):
    # not inputs said, so what the applicant said before still counts over them
    assumes: tuple[str, ...] = ()
    # inputs that describe the applicant, not the case asked about (being hearing-impaired): said
    # once in a conversation, they hold for every later case of the calculator that does not say
    # otherwise ("저 청각장애 2급이에요" → "토익 380점인데 인정되나요?")
    of_the_applicant: tuple[str, ...] = ()
    # kinds of question its answer tells of the case (the refund's deadline, where to apply, the
    # proof): asked right after its answer with nothing new ("그럼 언제까지 어디서 신청해요?"), the
    # same case is answered again rather than the topic's general clause
    tells_of_the_case: tuple[str, ...] = ()

    def absorb(self, u: "Understanding", values: dict[str, Any], pending: str | None, ctx: Context) -> Absorbed:
        raise NotImplementedError

    def missing(self, values: dict[str, Any], ctx: Context) -> str | None:
        """The next slot to ask for, or None when the rule can run."""
        for slot in self.slots:
            if slot not in values:
                return slot
        return None

    def normalise(self, values: dict[str, Any], ctx: Context, *, changed: list[str]) -> None:
        """Drop values that a change made stale (a new test name invalidates the score check …)."""

    def question(self, slot: str, values: dict[str, Any], ctx: Context) -> Question:
        raise NotImplementedError

    def answer(self, values: dict[str, Any], ctx: Context) -> Answer:
        raise NotImplementedError

    def choices(self, slot: str, values: dict[str, Any], ctx: Context) -> tuple[Choice, ...]:
        """Buttons for a slot (used again after two failed answers)."""
        return self.question(slot, values, ctx).choices

    def describe(self, slot: str, value: Any, ctx: Context) -> str:
        """How a filled value reads in a confirmation ("2차로 바꿨어요")."""
        return str(value)


# --- parsing helpers shared by flows ---------------------------------------------------------

STAGE_WORD = re.compile(r"(?<![\d.])(\d+)\s*차")
NUMBER = re.compile(r"(?<![\d.])(-\s?)?(\d+(?:\.\d+)?)")
DAY_ONLY = re.compile(r"(\d{1,2})\s*일(?:\s*(?:이요|요|에요|이에요|날|에\s*봤어요|쯤))?[.!?]*")
NEGATIVE_NUMBER = re.compile(r"(?:^|[^\d\w])-\s?\d")


def stage_from(u: "Understanding", pending: str | None, text: str) -> tuple[int | None, str | None]:
    """The exam stage a message states: (value, error). Catches "3차" as an error of its own."""
    if u.slots.stage in (1, 2):
        return u.slots.stage, None
    match = STAGE_WORD.search(text)
    if match:
        number = int(match.group(1))
        if number in (1, 2):
            return number, None
        return None, "stage_range"
    if pending == "stage":
        bare = text.strip().rstrip("요.!? ")
        if bare in ("1", "일", "첫번째", "1번"):
            return 1, None
        if bare in ("2", "이", "두번째", "2번"):
            return 2, None
        if bare.isdigit():
            return None, "stage_range"
    return None, None


def date_to_json(value: date) -> str:
    return value.isoformat()


def date_from_json(value: str | None) -> date | None:
    if not value:
        return None
    return date.fromisoformat(value)


def time_to_json(value: time) -> str:
    return value.strftime("%H:%M")


def time_from_json(value: str | None) -> time | None:
    if not value:
        return None
    return time.fromisoformat(value)
