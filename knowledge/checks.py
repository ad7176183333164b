"""Cross-field checks that a schema alone cannot express.

Each check yields ``(field path, problem in plain words)``. They catch the mistakes a person makes
when copying next year's notice: dates out of order, refund tiers in the wrong order, duplicated ids,
an alias that points two ways, a quote that is not in the notice.
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from typing import Iterable, Iterator

from pydantic import BaseModel

from .schema import CertLookupGuide, Exam, Source

Found = Iterator[tuple[str, str]]


def cross_check(model: BaseModel, path: Path) -> list[tuple[str, str]]:
    if isinstance(model, Exam):
        checks = (_stages, _payment, _refund, _english, _ids, _accommodation, _exemption, _offices,
                  _facts, _unique_ids)
        found = [problem for check in checks for problem in check(model)]
        return found + list(_quotes_verbatim(model, path, model.notice_file, "notice"))
    if isinstance(model, CertLookupGuide):
        return list(_guide(model)) + list(_quotes_verbatim(model, path, model.source_file, "cert_guide"))
    return []


def _duplicates(values: Iterable[str]) -> list[str]:
    return sorted(value for value, count in Counter(values).items() if count > 1)


def _minutes_between(start, end) -> int:
    day = datetime(2000, 1, 1)
    return int((datetime.combine(day, end) - datetime.combine(day, start)).total_seconds() // 60)


# --- exam ---------------------------------------------------------------------------------------


def _stages(exam: Exam) -> Found:
    numbers = sorted(stage.number for stage in exam.stages)
    if numbers != [1, 2]:
        yield "stages", f"there must be exactly one stage 1 and one stage 2, found numbers {numbers}"
    for i, stage in enumerate(exam.stages):
        at = f"stages[{i}]"
        window = stage.application
        if not window.start < window.end:
            yield f"{at}.application", f"application start {window.start} is not before its end {window.end}"
        if not window.end.date() < stage.exam_date:
            yield f"{at}.exam_date", f"exam date {stage.exam_date} is not after the application end {window.end}"
        if not stage.result_at.date() > stage.exam_date:
            yield f"{at}.result_at", f"results {stage.result_at} are not after the exam date {stage.exam_date}"
        if stage.provisional_answers and not stage.provisional_answers.start < stage.provisional_answers.end:
            yield f"{at}.provisional_answers", "start is not before end"
        previous_end = None
        for j, period in enumerate(stage.periods):
            where = f"{at}.periods[{j}]"
            if not period.entry <= period.start < period.end:
                yield where, f"times out of order: entry {period.entry}, start {period.start}, end {period.end}"
            elif _minutes_between(period.start, period.end) != period.minutes:
                yield f"{where}.minutes", (f"{period.minutes} minutes, but {period.start}–{period.end} is "
                                           f"{_minutes_between(period.start, period.end)} minutes")
            if previous_end and period.entry < previous_end:
                yield f"{where}.entry", f"entry {period.entry} is before the previous period ends ({previous_end})"
            previous_end = period.end
    if len(exam.stages) == 2 and numbers == [1, 2]:
        first, second = exam.stage(1), exam.stage(2)
        if not first.exam_date < second.exam_date:
            yield "stages", "the stage 1 exam date must come before the stage 2 exam date"
    if exam.year not in {stage.exam_date.year for stage in exam.stages}:
        yield "year", f"year {exam.year} is not the year of any exam date"


def _payment(exam: Exam) -> Found:
    start, end = exam.payment.last_day_blackout
    if not start < end:
        yield "payment.last_day_blackout", f"{start} is not before {end}"


def _refund(exam: Exam) -> Found:
    tiers = exam.refund.tiers
    for i in range(1, len(tiers)):
        if not (tiers[i - 1].percent > tiers[i].percent and tiers[i - 1].days_before_exam > tiers[i].days_before_exam):
            yield (f"refund.tiers[{i}]", "tiers must be sorted by percent and days_before_exam, both descending "
                   f"(tier {i - 1}: {tiers[i - 1].percent}%/{tiers[i - 1].days_before_exam} days, "
                   f"tier {i}: {tiers[i].percent}%/{tiers[i].days_before_exam} days)")
    if tiers and tiers[0].percent >= exam.refund.in_period_percent:
        yield "refund.tiers[0].percent", "a cancellation tier must refund less than cancelling inside the application period"
    for stage in exam.stages:
        if tiers:
            first_day = stage.exam_date - timedelta(days=tiers[0].days_before_exam)
            if first_day <= stage.application.end.date():
                yield ("refund.tiers[0].days_before_exam",
                       f"for stage {stage.number} the {tiers[0].percent}% period would end ({first_day}) "
                       "before the application period is over")
    for reason in _duplicates(case.reason for case in exam.refund.cases):
        yield "refund.cases", f"reason {reason!r} appears more than once"


def _english(exam: Exam) -> Found:
    english = exam.english
    if not english.taken_from < english.issued_by:
        yield "english.taken_from", f"{english.taken_from} is not before issued_by {english.issued_by}"
    if english.submission_window and not english.submission_window.start < english.submission_window.end:
        yield "english.submission_window", "start is not before end"
    aliases: dict[str, str] = {}
    for i, test in enumerate(english.tests):
        if test.general > test.max_score:
            yield f"english.tests[{i}].general", f"threshold {test.general} is above the maximum score {test.max_score}"
        if test.hearing_impaired is not None and test.hearing_impaired > test.general:
            yield f"english.tests[{i}].hearing_impaired", "the hearing-impaired threshold is above the general one"
        for alias in test.aliases:
            key = alias.casefold()
            if key in aliases and aliases[key] != test.id:
                yield f"english.tests[{i}].aliases", f"alias {alias!r} also names test {aliases[key]!r}"
            aliases[key] = test.id
    known = {test.id for test in english.tests}
    yield from _ambiguous("english", english.ambiguous_aliases, {k: repr(v) for k, v in aliases.items()}, known, "test id")


def _ambiguous(section: str, ambiguous: dict, plain: dict[str, str], known: set[str], what: str) -> Found:
    """A word listed as ambiguous (asked, not guessed) must not also be a plain alias, and every
    option it offers must exist."""
    for word, targets in ambiguous.items():
        if word.casefold() in plain:
            yield f"{section}.ambiguous_aliases.{word}", f"{word!r} is also a plain alias of {plain[word.casefold()]}"
        for target in targets:
            if target not in known:
                yield f"{section}.ambiguous_aliases.{word}", f"unknown {what} {target!r}"


def _ids(exam: Exam) -> Found:
    groups = [group.id for group in exam.ids.groups]
    for group in _duplicates(groups):
        yield "ids.groups", f"group {group!r} appears more than once"
    accepted = {alias.casefold(): f"{group.id}/{doc.id}"
                for group in exam.ids.groups for doc in group.documents for alias in doc.aliases}
    known = {d.id for g in exam.ids.groups for d in g.documents} | {d.id for d in exam.ids.not_accepted}
    yield from _ambiguous("ids", exam.ids.ambiguous_aliases, accepted, known, "document id")
    for kind in ("rejected_forms", "not_accepted"):
        for i, doc in enumerate(getattr(exam.ids, kind)):
            for alias in doc.aliases:
                if alias.casefold() in accepted:
                    yield f"ids.{kind}[{i}].aliases", f"{alias!r} is also an alias of accepted {accepted[alias.casefold()]}"


def _accommodation(exam: Exam) -> Found:
    rules = exam.accommodation
    aliases: dict[str, str] = {}
    for i, row in enumerate(rules.rows):
        for doc in row.documents:
            if doc not in rules.documents:
                yield f"accommodation.rows[{i}].documents", f"document {doc!r} is not listed in accommodation.documents"
        for alias in row.aliases:
            key = alias.casefold()
            if key in aliases and aliases[key] != row.id:
                yield f"accommodation.rows[{i}].aliases", f"alias {alias!r} also names row {aliases[key]!r}"
            aliases[key] = row.id
    known = {row.id for row in rules.rows}
    yield from _ambiguous("accommodation", rules.ambiguous_aliases, {k: repr(v) for k, v in aliases.items()}, known, "row id")


def _exemption(exam: Exam) -> Found:
    rules = exam.exemption
    if not rules.submission.start < rules.submission.end:
        yield "exemption.submission", "start is not before end"
    numbers = [body.number for body in rules.bodies]
    if numbers != list(range(1, len(numbers) + 1)):
        yield "exemption.bodies", f"bodies must be numbered 1, 2, 3 … in order, found {numbers}"
    stage2 = next((s for s in exam.stages if s.number == 2), None)
    if stage2 and not rules.base_date <= stage2.exam_date:
        yield "exemption.base_date", "the career base date is after the stage 2 exam"


def _offices(exam: Exam) -> Found:
    served = Counter(region for office in exam.offices for region in office.regions)
    for stage in exam.stages:
        for region in stage.regions:
            if served[region] != 1:
                yield "offices", f"exam region {region!r} must be served by exactly one office, found {served[region]}"


def _facts(exam: Exam) -> Found:
    for i, fact in enumerate(exam.facts):
        if not fact.answer.strip():
            yield f"facts[{i}].answer", "the answer is empty"


def _unique_ids(exam: Exam) -> Found:
    lists = {
        "facts": [f.id for f in exam.facts],
        "contacts": [c.id for c in exam.contacts],
        "english.tests": [t.id for t in exam.english.tests],
        "ids.documents": [d.id for g in exam.ids.groups for d in g.documents]
        + [d.id for d in exam.ids.rejected_forms] + [d.id for d in exam.ids.not_accepted],
        "accommodation.rows": [r.id for r in exam.accommodation.rows],
        "offices": [o.id for o in exam.offices],
    }
    for where, ids in lists.items():
        for duplicate in _duplicates(ids):
            yield where, f"id {duplicate!r} is used more than once"


def _guide(guide: CertLookupGuide) -> Found:
    numbers = [step.number for step in guide.steps]
    if numbers != list(range(1, len(numbers) + 1)):
        yield "steps", f"steps must be numbered 1, 2, 3 … in order, found {numbers}"


# --- quotes must be verbatim --------------------------------------------------------------------


def normalise(text: str) -> str:
    """Whitespace-insensitive comparison form: markdown bold removed, runs of space folded."""
    return re.sub(r"\s+", " ", text.replace("**", "")).strip()


def _sources(value: object, path: str) -> Iterator[tuple[str, Source]]:
    if isinstance(value, Source):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _sources(getattr(value, name), f"{path}.{name}" if path else name)
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _sources(item, f"{path}[{i}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _sources(item, f"{path}.{key}")


def _quotes_verbatim(model: BaseModel, path: Path, text_file: str | None, doc: str) -> Found:
    """Each quote (parts separated by "…") must appear in the source text, if the file names one."""
    if not text_file:
        return
    text_path = (path.parent / text_file)
    try:
        text = normalise(text_path.read_text(encoding="utf-8"))
    except OSError:
        yield "notice_file" if doc == "notice" else "source_file", f"cannot read {text_file!r} next to the file"
        return
    for where, source in _sources(model, ""):
        if source.doc != doc:
            continue
        for part in source.quote.split("…"):
            if part.strip() and normalise(part) not in text:
                yield f"{where}.quote", f"not found verbatim in {text_file}: {part.strip()[:60]!r}"
