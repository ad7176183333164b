"""A second round is a data-only change: every date shifted a year and one threshold changed."""
from __future__ import annotations

import re
from datetime import date, datetime, time

import knowledge
from knowledge import load_exam

DATE_TEXT = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(.*)$")


def shift_a_year(value):
    """Every ISO date/datetime string in the data, one year later; everything else unchanged."""
    if isinstance(value, dict):
        return {key: shift_a_year(item) for key, item in value.items()}
    if isinstance(value, list):
        return [shift_a_year(item) for item in value]
    if isinstance(value, str):
        match = DATE_TEXT.match(value)
        if match:
            return f"{int(match.group(1)) + 1}-{match.group(2)}-{match.group(3)}{match.group(4)}"
    return value


def next_round(data):
    shifted = shift_a_year(data)
    data.clear()
    data.update(shifted)
    data.update(id="appraiser-2024-35", year=2024, round=35, notice_label="2024년도 제35회 공고 기준")
    toeic = next(t for t in data["english"]["tests"] if t["id"] == "toeic")
    toeic["general"] = 750


def test_shifted_round_loads_without_code_changes(write_exam, monkeypatch):
    path = write_exam(next_round, name="appraiser-2024-35.yaml")
    assert knowledge.check(path) == []
    monkeypatch.setenv("APPLICANT_BOT_EXAM", str(path))
    exam = load_exam()
    assert exam.id == "appraiser-2024-35"
    assert exam.stage(1).application.start == datetime(2024, 2, 6, 9, 0)
    assert exam.stage(1).exam_date == date(2024, 4, 8)
    assert exam.stage(2).exam_date == date(2024, 7, 15)
    assert exam.stage(2).result_at == datetime(2024, 10, 18, 9, 0)
    assert (exam.english.taken_from, exam.english.issued_by) == (date(2022, 2, 11), date(2024, 2, 10))
    assert exam.exemption.base_date == date(2024, 3, 1)
    assert exam.payment.virtual_account_cutoff == time(13, 0)  # clock times are not dates: unchanged
    thresholds = {t.id: t.general for t in exam.english.tests}
    assert thresholds["toeic"] == 750 and thresholds["teps"] == 340


def test_both_rounds_side_by_side(write_exam):
    path = write_exam(next_round, name="appraiser-2024-35.yaml")
    old, new = load_exam(), load_exam(path)
    assert old.stage(1).exam_date == date(2023, 4, 8) and new.stage(1).exam_date == date(2024, 4, 8)
    old_toeic = next(t for t in old.english.tests if t.id == "toeic")
    assert old_toeic.general == 700  # the 2023 data is untouched
    assert len(knowledge.notice_sections(new, path)) == len(knowledge.notice_sections(old))
