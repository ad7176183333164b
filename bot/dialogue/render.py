"""Answers come from jinja2 templates in ``templates/`` — compiled once, when the engine starts.

Safety: user text only ever reaches a template as a *variable* value; it is never template source,
so "{{ 7*7 }}" typed by an applicant comes back as those characters. The templates are this
package's own files, so the environment is jinja2's plain one, not its sandbox: a sandbox guards
against untrusted template *source*, which never exists here, and its per-attribute checks cost
~8% of a chat turn (BENCHMARKS.md). StrictUndefined makes a missing variable a bug that fails
loudly in tests, not an empty hole in an answer. Output is
plain text: autoescape is off here; the channels escape for HTML themselves (Telegram, web).

Filters (from ``rules.formatting``, so the staff calculators and the chat print the same way):
``kdate`` 2023. 3. 19.(일) · ``kdatetime`` 2023. 2. 10.(금) 18:00 · ``won`` 24,000원 ·
``kdaterange`` · ``kdeadline`` (date, or date and time when not end of day) · ``num`` (750.0 → 750) ·
``josa`` (주민등록증|josa("은") → 주민등록증은).
"""
from __future__ import annotations

import re
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from rules import formatting as fmt

from bot.bounded import keep
from bot.privacy import holds_personal_data

from .freeze import Unfreezable, freeze

import templates as _templates_package

# The `templates` package ships the .j2 files (package data), installed or in a checkout alike.
TEMPLATES_DIR = Path(_templates_package.__file__).resolve().parent

_BLANK_LINES = re.compile(r"\n{3,}")
_TRAILING_SPACES = re.compile(r"[ \t]+\n")


def _num(value: Any) -> str:
    """750.0 → "750", 4.5 → "4.5": scores as people write them."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _cite(citations: Any) -> str:
    """Citations → "9. 라. 수수료 환불" (several joined by " · ", duplicates dropped)."""
    labels: list[str] = []
    for c in citations or ():
        label = c.label() if hasattr(c, "label") else f"{c.clause} {c.title}".strip()
        if label not in labels:
            labels.append(label)
    return " · ".join(labels)


def _kdaterange(start: date | datetime | None, end: date | datetime | None) -> str:
    if start is None and end is None:
        return ""
    if start is None:
        return f"~ {fmt.format_date(end)}"
    if end is None:
        return f"{fmt.format_date(start)} ~"
    return f"{fmt.format_date(start)} ~ {fmt.format_date(end)}"


def _kdeadline(value: date | datetime | None) -> str:
    """A deadline: the date alone when it runs to the end of the day, else with its time."""
    if value is None:
        return ""
    if isinstance(value, datetime) and value.time() not in (time(23, 59, 59), time(23, 59), time(0, 0)):
        return fmt.format_datetime(value)
    return fmt.format_date(value)


def make_environment(directory: Path = TEMPLATES_DIR) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(directory)),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        cache_size=-1,
    )
    env.filters.update(
        kdate=fmt.format_date,
        kdatetime=fmt.format_datetime,
        won=fmt.format_krw,
        kdaterange=_kdaterange,
        kdeadline=_kdeadline,
        josa=fmt.josa,
        num=_num,
        cite=_cite,
        months=fmt.format_months,
        kmonth=_kmonth,
    )
    return env


def _kmonth(said: tuple[int, int | None]) -> str:
    """A test month as the applicant said it: "2021년 3월", or "2019년" when only the year was said."""
    year, month = said
    return f"{year}년" if month is None else f"{year}년 {month}월"


class Renderer:
    """All templates, compiled when the engine starts; ``render(name, **vars) -> str``.

    A template's text depends on nothing but its variables (the filters are pure, nothing reads
    a clock), and the same answers come again and again (the same question, the same refund
    period), so renderings are remembered by an exact key of the variables (``freeze``); variables
    that cannot be keyed exactly are rendered every time. Bounded: ``kept`` texts (0: off)."""

    kept = 4096

    def __init__(self, directory: Path = TEMPLATES_DIR) -> None:
        self.env = make_environment(directory)
        self._templates = {
            name: self.env.get_template(name) for name in self.env.list_templates(extensions=["j2"])
        }
        self._texts: dict[tuple, str] = {}
        self._fact_templates: dict[str, Any] = {}

    def render(self, name: str, **variables: Any) -> str:
        template = self._templates[name]
        if self.kept <= 0 or any(type(v) is str and holds_personal_data(v) for v in variables.values()):
            return self._render(template, variables)  # off, or text from the applicant holding PII: not kept
        try:
            key = (name, freeze(variables))
        except Unfreezable:
            return self._render(template, variables)
        text = self._texts.get(key)
        if text is None:
            text = keep(self._texts, self.kept, key, self._render(template, variables))
        return text

    @staticmethod
    def _render(template, variables: dict[str, Any]) -> str:
        text = template.render(**variables)
        text = _TRAILING_SPACES.sub("\n", text)
        return _BLANK_LINES.sub("\n\n", text).strip()

    def fact_answer(self, fact, variables: dict[str, Any]) -> str:
        """A fact's answer; one that quotes the round's computed dates ("{{ refund[1][60] | kdate }}")
        is a template over them, compiled once."""
        if "{{" not in fact.answer:
            return fact.answer
        template = self._fact_templates.get(fact.answer)  # by text: one fact has an answer per stage
        if template is None:
            template = self._fact_templates[fact.answer] = self.env.from_string(fact.answer)
        return template.render(**variables)

    def names(self) -> list[str]:
        return sorted(self._templates)
