"""Where the rules' ids and figures become Korean, outside a chat answer: the calculators' JSON and
the messages of the errors rules raise.

Rules write no sentences (``rules.decision``): a decision says what it found as phrases — an id and
the figures its sentence needs — and an error is an id with its figures. The words are templates:
``templates/_say_<kind>.j2`` words a calculator's phrases (its macro ``it``), and the chat's answer
templates import the same file, so the staff's JSON and the applicant's answer say a decision alike;
``templates/input_error.j2`` words the errors, for the CLI, the HTTP API and the chat alike.

Importing this module gives ``InvalidInput`` its voice (``str(error)`` is the Korean message). The
``bot`` package imports it, so every shell around the rules speaks.
"""
from __future__ import annotations

import dataclasses
from functools import lru_cache
from typing import Any, Callable

from rules.decision import InvalidInput, Phrase


@lru_cache(maxsize=1)
def environment():
    """The answer templates' environment (same filters), compiled once a process, on first use."""
    from .dialogue.render import make_environment

    return make_environment()


@lru_cache(maxsize=None)
def words(kind: str) -> Callable[[Phrase], str]:
    """The macro that words a phrase of the ``kind`` calculator ("refund", "english" …)."""
    return environment().get_template(f"_say_{kind}.j2").module.it


def render(name: str, **variables: Any) -> str:
    """A whole template, stripped (``arrival_verdict.j2``)."""
    return environment().get_template(name).render(**variables).strip()


def spoken(decision, kind: str) -> dict[str, Any]:
    """The decision's fields that are phrases, in words: ``explanation`` (from ``says``), a phrase
    field as its text ("" when there is none), a tuple of phrases as a list of texts."""
    out: dict[str, Any] = {}
    for field in dataclasses.fields(decision):
        value = getattr(decision, field.name)
        name = "explanation" if field.name == "says" else field.name
        if isinstance(value, Phrase):
            out[name] = words(kind)(value)
        elif value is None and "Phrase" in str(field.type):
            out[name] = ""
        elif isinstance(value, tuple) and value and all(isinstance(v, Phrase) for v in value):
            out[name] = [words(kind)(v) for v in value]
    return out


def error_message(error: InvalidInput) -> str:
    return render("input_error.j2", code=error.code, **error.figures)


InvalidInput.voice = error_message
