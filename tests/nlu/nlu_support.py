"""Shared helpers of the NLU tests: the question corpus (tests/corpus/*.yaml)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path

import yaml

CORPUS_DIR = Path(__file__).resolve().parent.parent / "corpus"

# corpus slot name → Slots attribute
SLOT_NAMES = {"reason": "refund_reason"}


@dataclass(frozen=True)
class Case:
    file: str
    text: str
    intent: str | None
    today: date
    year: int
    expecting: str | None = None
    slots: dict = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.file}:{self.text}"


def load_corpus(pattern: str = "*.yaml") -> list[Case]:
    cases: list[Case] = []
    for path in sorted(CORPUS_DIR.glob(pattern)):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for raw in data["cases"]:
            cases.append(Case(
                file=path.name, text=str(raw["text"]), intent=raw.get("intent"), today=data["today"],
                year=data["year"], expecting=raw.get("expecting"), slots=raw.get("slots") or {},
            ))
    return cases


def slot_mismatches(expected: dict, slots) -> list[str]:
    """Human-readable differences between a corpus case's expected slots and the parsed ones."""
    problems = []
    for name, want in expected.items():
        got = getattr(slots, SLOT_NAMES.get(name, name))
        if name == "time":
            got = got.strftime("%H:%M") if isinstance(got, time) else got
        elif name == "subject_scores":
            want = [float(v) for v in want]
        elif name == "score":
            want = float(want)
        if got != want:
            problems.append(f"{name}: want {want!r}, got {got!r}")
    return problems
