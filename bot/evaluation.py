"""Score the bot on a set of conversations: `applicant-bot eval FILE.yaml`.

An evaluation file holds conversations (the applicant's messages in order) and, for the last reply,
the regular expressions it must and must not contain, and the kind of reply a good bot gives
(``answer``, ``question`` or ``fallback``). Operators run it on their own question logs when next
year's notice arrives; developers run it on blind sets written by someone who never saw the tuning
corpus.

Every conversation ends in one of five outcomes:

- ``right``: every ``must`` pattern matches and no ``must_not`` does;
- ``honest_fallback``: not right, but the bot said it was not sure (fallback / out of scope);
- ``unnecessary_question``: not right, the bot asked for an input where it should have answered;
- ``wrong_fact``: the bot answered, without the decisive fact, but said nothing contradicting it;
- ``confident_wrong``: the bot answered with something the notice contradicts (a ``must_not``
  matched), or answered where it should have declined (another year, nonsense …).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

OUTCOMES = ("right", "honest_fallback", "unnecessary_question", "wrong_fact", "confident_wrong")
NOON = time(12, 0)


class EvalError(ValueError):
    """The evaluation file cannot be used (with the file and the field in the message)."""


def parse_clock(value: Any) -> datetime:
    """``YYYY-MM-DD`` (that day at 12:00) or ``YYYY-MM-DDTHH:MM``."""
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, NOON)
    text = str(value).strip()
    try:
        if "T" in text or " " in text:
            return datetime.fromisoformat(text)
        return datetime.combine(date.fromisoformat(text), NOON)
    except ValueError:
        raise ValueError(f"not a date or date-time: {text!r} (YYYY-MM-DD or YYYY-MM-DDTHH:MM)") from None


class Conversation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    turns: list[str] = Field(min_length=1)
    expect: Literal["answer", "question", "fallback"] = "answer"
    must: list[str] = Field(default_factory=list)
    must_not: list[str] = Field(default_factory=list)
    kind: str = Field(default="", alias="class")  # the writer's class, for the breakdown
    today: datetime | None = None
    note: str = ""

    @field_validator("today", mode="before")
    @classmethod
    def _clock(cls, value: Any) -> datetime | None:
        return None if value is None else parse_clock(value)

    @field_validator("turns", "must", "must_not", mode="before")
    @classmethod
    def _strings(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [str(v) for v in value]
        return value

    @field_validator("must", "must_not")
    @classmethod
    def _regexes(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as error:
                raise ValueError(f"bad regular expression {pattern!r}: {error}") from None
        return patterns


class EvalSet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = ""
    today: datetime = datetime(2023, 3, 15, 12, 0)
    conversations: list[Conversation] = Field(min_length=1)

    @field_validator("today", mode="before")
    @classmethod
    def _clock(cls, value: Any) -> datetime:
        return parse_clock(value)

    @model_validator(mode="after")
    def _unique_ids(self) -> "EvalSet":
        seen = Counter(c.id for c in self.conversations)
        repeated = sorted(i for i, n in seen.items() if n > 1)
        if repeated:
            raise ValueError(f"conversation ids used more than once: {', '.join(repeated)}")
        return self


def load_eval_set(path: str | Path) -> EvalSet:
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise EvalError(f"{path}: cannot read: {error.strerror or error}") from None
    except yaml.YAMLError as error:
        raise EvalError(f"{path}: not valid YAML: {error}") from None
    except ValueError as error:  # YAML reads 2023-02-30 as a date and fails on it
        raise EvalError(f"{path}: today: {error}") from None
    try:
        return EvalSet.model_validate(data if isinstance(data, dict) else {"conversations": data})
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or '(top)'}: {e['msg']}" for e in error.errors()[:5]
        )
        raise EvalError(f"{path}: {problems}") from None


@dataclass(frozen=True)
class Result:
    conversation: Conversation
    outcome: str
    reply: str
    kind: str  # what the bot did: answer | question | fallback
    intent: str | None
    confidence: float
    missing: tuple[str, ...] = ()  # must patterns that did not match
    forbidden: tuple[str, ...] = ()  # must_not patterns that matched


@dataclass
class Report:
    name: str
    results: list[Result] = field(default_factory=list)

    @property
    def right(self) -> int:
        return sum(r.outcome == "right" for r in self.results)

    @property
    def score(self) -> float:
        return self.right / len(self.results) if self.results else 0.0

    def outcomes(self) -> Counter:
        return Counter(r.outcome for r in self.results)

    def by_class(self) -> dict[str, Counter]:
        table: dict[str, Counter] = {}
        for r in self.results:
            table.setdefault(r.conversation.kind or "-", Counter())[r.outcome] += 1
        return dict(sorted(table.items()))

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "conversations": len(self.results),
            "right": self.right,
            "score": round(self.score, 4),
            "outcomes": {o: self.outcomes().get(o, 0) for o in OUTCOMES},
            "by_class": {k: {o: c.get(o, 0) for o in OUTCOMES} for k, c in self.by_class().items()},
            "failures": [
                {"id": r.conversation.id, "class": r.conversation.kind, "outcome": r.outcome, "kind": r.kind,
                 "intent": r.intent, "confidence": r.confidence, "missing": list(r.missing),
                 "forbidden": list(r.forbidden), "turns": r.conversation.turns, "reply": r.reply}
                for r in self.results if r.outcome != "right"
            ],
        }


def judge(conversation: Conversation, reply: str, kind: str, intent: str | None, confidence: float) -> Result:
    missing = tuple(p for p in conversation.must if not re.search(p, reply))
    forbidden = tuple(p for p in conversation.must_not if re.search(p, reply))
    if not missing and not forbidden:
        outcome = "right"
    elif kind == "fallback":
        outcome = "honest_fallback"
    elif forbidden or conversation.expect == "fallback":
        outcome = "confident_wrong"
    elif kind == "question":
        outcome = "unnecessary_question" if conversation.expect == "answer" else "wrong_fact"
    else:
        outcome = "wrong_fact"
    return Result(conversation, outcome, reply, kind, intent, confidence, missing, forbidden)


def run(eval_set: EvalSet, engine_factory) -> Report:
    """Play every conversation through a fresh engine session; judge its last reply."""
    from .nlu.intents import OUT_OF_SCOPE

    engine = engine_factory()
    report = Report(eval_set.name)
    try:
        for number, conversation in enumerate(eval_set.conversations):
            now = conversation.today or eval_set.today
            session = f"eval-{number}"
            turn = None
            for text in conversation.turns:
                turn = engine.handle(session, text, channel="eval", now=now)
            assert turn is not None
            reply = "\n".join(r.text + ("\n" + " | ".join(r.buttons) if r.buttons else "") for r in turn.replies)
            pending = (engine.store.load_session(session) or {}).get("pending")
            if turn.intent in (None, OUT_OF_SCOPE):
                kind = "fallback"
            elif pending:
                kind = "question"
            else:
                kind = "answer"
            report.results.append(judge(conversation, reply, kind, turn.intent, float(turn.confidence)))
    finally:
        engine.store.close()
    return report
