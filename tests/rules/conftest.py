"""Fixtures for the rules tests: the real 2023 knowledge file, and a second round made from it."""
from __future__ import annotations

from datetime import date, datetime

import pytest

import bot.speech  # noqa: F401  (the rules' errors speak through the shell's voice: str(error) is Korean)
import knowledge
from knowledge.schema import CertLookupGuide, Exam


@pytest.fixture(scope="session")
def exam() -> Exam:
    return knowledge.load_exam(knowledge.DEFAULT_EXAM_FILE)


@pytest.fixture(scope="session")
def guide() -> CertLookupGuide:
    return knowledge.load_guide(knowledge.DEFAULT_GUIDE_FILE)


def shift_years(value, years: int):
    """Every date and datetime in a dumped model moved ``years`` later (Feb 29 → Feb 28)."""
    if isinstance(value, dict):
        return {k: shift_years(v, years) for k, v in value.items()}
    if isinstance(value, list):
        return [shift_years(v, years) for v in value]
    if isinstance(value, tuple):
        return tuple(shift_years(v, years) for v in value)
    if isinstance(value, (date, datetime)):
        try:
            return value.replace(year=value.year + years)
        except ValueError:
            return value.replace(year=value.year + years, day=28)
    return value


def next_round(exam: Exam, **threshold_changes: float) -> Exam:
    """The same notice one year later, with some general English thresholds changed
    (``toeic=750``): a data-only change, as adding next year's file would be."""
    data = shift_years(exam.model_dump(), 1)
    data["id"] = "appraiser-2024-35"
    data["year"] += 1
    data["round"] += 1
    data["notice_label"] = "2024년도 제35회 공고 기준"
    for test in data["english"]["tests"]:
        if test["id"] in threshold_changes:
            test["general"] = threshold_changes[test["id"]]
    # as the loader does for a file: the everyday-language lexicon is attached, not in the file
    return Exam.model_validate(data).model_copy(update={"lexicon": exam.lexicon})


@pytest.fixture(scope="session")
def exam_2024(exam) -> Exam:
    return next_round(exam, toeic=750)
