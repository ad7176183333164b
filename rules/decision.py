"""What every rule returns, whatever it decides: a decision or what it still needs, the clauses it
rests on, and what it has to say as ids and figures.

Rules write no sentences. A decision says what it found as ``Phrase``s — an id ("cancel",
"below_threshold") and the figures, dates and names its sentence needs — and an input a rule cannot
use is an ``InvalidInput`` with an error id and its figures. The words are in ``templates/``
alone: ``templates/_say_<kind>.j2`` for each rule's phrases, ``templates/input_error.j2`` for the
errors (``bot.speech`` renders them for the calculators' JSON and for ``str(error)``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, ClassVar


@dataclass(frozen=True)
class Citation:
    """One clause of a source document, e.g. ``Citation("9. 라.", "수수료 환불", "시험시행일 20일 전까지 …")``."""

    clause: str
    title: str
    quote: str
    doc: str = "notice"  # "notice" (the exam notice) or "cert_guide" (certificate-lookup guide)

    def label(self) -> str:
        return f"{self.clause} {self.title}".strip()


@dataclass(frozen=True)
class Phrase:
    """One thing a decision says: which (``id``) and the figures its sentence needs, e.g.
    ``phrase("cancel", percent=60, amount=24000, …)``. Templates read a figure as an attribute
    (``p.percent``). Immutable and hashable, so answers built from it can be remembered."""

    id: str
    figures: tuple[tuple[str, Any], ...] = ()

    def __getattr__(self, name: str) -> Any:
        if not name.startswith("__"):
            for key, value in object.__getattribute__(self, "figures"):
                if key == name:
                    return value
        raise AttributeError(name)


def phrase(id: str, **figures: Any) -> Phrase:
    return Phrase(id, tuple(figures.items()))


QUOTE = "quote"


def quote(text: str) -> Phrase:
    """Words of the knowledge file (a note of the notice) said as they are written there."""
    return Phrase(QUOTE, (("text", text),))


@dataclass(frozen=True)
class Decision:
    """What every rule returns: what it has to say, the reasons, and where it comes from.

    ``says`` is the explanation (None: the answer's template says it all from the figures)."""

    says: Phrase | None
    citations: tuple[Citation, ...]
    notice_label: str  # "2023년도 제34회 공고 기준"
    reasons: tuple[Phrase, ...] = ()

    def __post_init__(self) -> None:
        if not self.citations:
            raise ValueError("a decision must cite at least one clause")

    def outcome(self) -> object:
        """What the applicant came for (a percentage, a verdict, a multiplier): two decisions with
        the same outcome answer the question alike. None: not comparable."""
        return None


@dataclass(frozen=True)
class Needs:
    """What a rule returns when it cannot decide yet: the request fields whose values would change
    its decision, the most decisive first. Nothing else is ever asked "for completeness"."""

    inputs: tuple[str, ...]

    def __post_init__(self) -> None:
        if not self.inputs:
            raise ValueError("Needs must name at least one input")


@dataclass(frozen=True)
class Unanimous:
    """Every value of a missing closed input (the stage, a severity) gives the same outcome: the
    decision for each value, in the order tried. The answer states the common outcome and offers
    each value's detail."""

    input: str
    decisions: tuple[tuple[object, "Decision"], ...]

    @property
    def first(self) -> "Decision":
        return self.decisions[0][1]


class InvalidInput(ValueError):
    """Input a rule cannot decide on (unknown test name, stage 3, score -5 …): ``code`` says what is
    wrong and ``figures`` hold what the message needs. ``str(error)`` is the polite Korean message,
    fit to show to an applicant as it is, in the words of ``templates/input_error.j2``: the shell
    gives the words (``voice``, set by ``bot.speech``); rules only say which."""

    voice: ClassVar[Callable[["InvalidInput"], str] | None] = None

    def __init__(self, code: str, /, **figures: Any) -> None:
        super().__init__(code)
        self.code = code
        self.figures = figures

    def __str__(self) -> str:
        voice = InvalidInput.voice
        if voice is None:  # no shell around the rules (a bare import): the id and its figures
            return f"{self.code} {self.figures}"
        return voice(self)


class AmbiguousInput(InvalidInput):
    """The input names several things the rule would answer differently ("토플": PBT or iBT?,
    "시각": 중증 or 경증?). ``options`` are the choices to offer (button labels)."""

    def __init__(self, code: str, /, options: tuple[str, ...] = (), **figures: Any) -> None:
        super().__init__(code, options=tuple(options), **figures)
        self.options = tuple(options)
