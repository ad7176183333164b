"""The bundled files load, the active round is configuration, and loading is cached."""
from __future__ import annotations

from datetime import date, datetime, time

import pytest

import knowledge
from knowledge import KnowledgeError, load_exam, load_guide
from knowledge.loader import DEFAULT_EXAM_FILE, safe_load


def test_bundled_exam_and_guide_pass_the_check():
    assert knowledge.check() == []
    exam = load_exam()
    assert exam.id == "appraiser-2023-34"
    assert exam.notice_label == "2023년도 제34회 공고 기준"
    assert load_guide().done_marker == "조회 실패 (증빙서류제출 완료)"


def test_load_is_cached_by_resolved_path():
    assert load_exam() is load_exam(DEFAULT_EXAM_FILE)
    assert load_exam() is load_exam(str(DEFAULT_EXAM_FILE))


def test_env_selects_the_round_by_bundled_id(monkeypatch):
    monkeypatch.setenv("APPLICANT_BOT_EXAM", "appraiser-2023-34")
    assert load_exam().id == "appraiser-2023-34"


def test_env_selects_the_round_by_path(monkeypatch, write_exam):
    path = write_exam(lambda d: d.update(id="copied-round"))
    monkeypatch.setenv("APPLICANT_BOT_EXAM", str(path))
    assert load_exam().id == "copied-round"


def test_unknown_round_in_env_names_the_variable(monkeypatch):
    monkeypatch.setenv("APPLICANT_BOT_EXAM", "appraiser-1999-10")
    with pytest.raises(KnowledgeError) as caught:
        load_exam()
    assert caught.value.field == "APPLICANT_BOT_EXAM"
    assert "appraiser-2023-34" in caught.value.problem  # lists what is bundled


def test_schedule_values_are_typed():
    stage1, stage2 = load_exam().stage(1), load_exam().stage(2)
    assert stage1.application.start == datetime(2023, 2, 6, 9, 0)
    assert stage1.application.end == datetime(2023, 2, 10, 18, 0)
    assert stage1.exam_date == date(2023, 4, 8)
    assert stage2.application.end == datetime(2023, 5, 26, 18, 0)
    assert stage2.exam_date == date(2023, 7, 15)
    assert stage1.periods[1].entry == time(11, 50)


def test_unquoted_clock_time_is_not_read_as_a_base_60_number():
    # plain PyYAML reads 11:50 as 710; the knowledge loader keeps it as text for pydantic
    assert safe_load("entry: 11:50\nday: 2023-04-08\n") == {"entry": "11:50", "day": "2023-04-08"}


def test_notice_sections_split_at_headings():
    sections = knowledge.notice_sections(load_exam())
    by_clause = {}
    for section in sections:
        by_clause.setdefault(section.clause, section)
    assert by_clause["9. 라."].title.startswith("수수료 환불")
    assert "시험시행일 20일 전까지" in by_clause["9. 라."].text
    assert by_clause["8. 가."].title == "제1차 시험 영어 과목은 영어시험성적으로 대체"
    assert "신분증 인정 범위" in by_clause["12. 2."].text
    assert "1번부터 125번" in by_clause["12. 제1차 3."].text
    assert by_clause["별지 5"].title.startswith("성적확인동의서")
    # lists inside sections are not headings: 결격사유 "5. 제13조…" stays inside 4. 나.
    assert "제13조에 따라" in by_clause["4. 나."].text
    assert "5. 제13조" not in {s.clause for s in sections}
    top_level = [s.clause for s in sections if s.clause.count(".") == 1 and s.clause[0].isdigit()]
    assert sorted(set(top_level), key=lambda c: int(c[:-1])) == [f"{n}." for n in range(1, 13)]


def test_every_fact_clause_is_a_section_of_the_notice():
    exam = load_exam()
    clauses = {s.clause for s in knowledge.notice_sections(exam)}
    for fact in exam.facts:
        assert fact.source.clause in clauses, fact.id


def test_notice_is_found_next_to_a_round_loaded_from_elsewhere(write_exam):
    exam = load_exam(write_exam())
    assert knowledge.notice_sections(exam)  # resolved next to the tmp copy, not the bundled dir
    assert knowledge.loader.source_path(exam).parent != DEFAULT_EXAM_FILE.parent
