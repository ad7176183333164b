"""Helpers for the knowledge tests: the bundled file as a plain dict, and writing variants of it."""
from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest
import yaml

import knowledge
from knowledge.loader import DEFAULT_EXAM_FILE, safe_load

NOTICE_FILE = DEFAULT_EXAM_FILE.parent / "appraiser-2023-34.notice.txt"


@pytest.fixture(autouse=True)
def _fresh_cache(monkeypatch):
    monkeypatch.delenv("APPLICANT_BOT_EXAM", raising=False)
    monkeypatch.delenv("APPLICANT_BOT_GUIDE", raising=False)
    knowledge.clear_cache()
    yield
    knowledge.clear_cache()


@pytest.fixture(scope="session")
def raw_exam() -> dict:
    """The bundled exam file as written (dates and times kept as text)."""
    return safe_load(DEFAULT_EXAM_FILE.read_text(encoding="utf-8"))


@pytest.fixture
def write_exam(tmp_path, raw_exam):
    """write_exam(mutate) -> path of a copy of the bundled file, changed by ``mutate(data)``."""

    def write(mutate=None, name: str = "exam.yaml") -> Path:
        data = copy.deepcopy(raw_exam)
        if mutate:
            mutate(data)
        shutil.copy(NOTICE_FILE, tmp_path / NOTICE_FILE.name)
        path = tmp_path / name
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path

    return write
