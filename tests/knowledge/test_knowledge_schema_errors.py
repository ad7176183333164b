"""A bad or incomplete knowledge file fails with the file, the field path and the problem."""
from __future__ import annotations

from pathlib import Path

import pytest

import knowledge
from knowledge import KnowledgeError, load_exam


def problems_of(path):
    return knowledge.check_problems(path)


def only_problem(path):
    found = problems_of(path)
    assert len(found) == 1, [str(p) for p in found]
    assert found[0].file == str(path)
    return found[0]


def test_missing_field(write_exam):
    path = write_exam(lambda d: d["refund"]["tiers"][0].pop("days_before_exam"))
    problem = only_problem(path)
    assert problem.field == "refund.tiers[0].days_before_exam"
    assert "missing" in problem.problem


def test_wrong_type(write_exam):
    path = write_exam(lambda d: d["stages"][0].update(fee_krw="사만원"))
    problem = only_problem(path)
    assert problem.field == "stages[0].fee_krw"
    assert "'사만원'" in problem.problem


def test_unknown_key(write_exam):
    path = write_exam(lambda d: d["refund"]["tiers"][0].update(percnt=60))
    problem = only_problem(path)
    assert problem.field == "refund.tiers[0].percnt"
    assert "unknown key" in problem.problem


def test_impossible_date(write_exam):
    path = write_exam(lambda d: d["stages"][1].update(exam_date="2023-02-30"))
    problem = only_problem(path)
    assert problem.field == "stages[1].exam_date"
    assert "2023-02-30" in problem.problem


def test_empty_quote(write_exam):
    path = write_exam(lambda d: d["facts"][0]["source"].update(quote=""))
    problem = only_problem(path)
    assert problem.field == "facts[0].source.quote"
    assert "empty" in problem.problem


def test_yaml_syntax_error_names_the_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("id: x\nname: 감정평가사\nstages: [1, 2\nyear: 2023\n", encoding="utf-8")
    problem = only_problem(path)
    assert problem.field.startswith("line 4,")
    assert "YAML syntax error" in problem.problem


def test_tiers_out_of_order(write_exam):
    path = write_exam(lambda d: d["refund"]["tiers"].reverse())
    problem = only_problem(path)
    assert problem.field == "refund.tiers[1]"
    assert "descending" in problem.problem


def test_tiers_with_days_out_of_order(write_exam):
    path = write_exam(lambda d: d["refund"]["tiers"][1].update(days_before_exam=25))
    assert only_problem(path).field == "refund.tiers[1]"


def test_duplicate_fact_id(write_exam):
    def duplicate(d):
        d["facts"][1]["id"] = d["facts"][0]["id"]

    problem = only_problem(write_exam(duplicate))
    assert problem.field == "facts"
    assert "schedule_application" in problem.problem


def test_application_end_after_exam_date(write_exam):
    path = write_exam(lambda d: d["stages"][0]["application"].update(end="2023-04-09T18:00:00"))
    fields = {p.field for p in problems_of(path)}
    # the exam date check, and the refund check (60% would end before the application closes)
    assert fields == {"stages[0].exam_date", "refund.tiers[0].days_before_exam"}


def test_application_start_after_end(write_exam):
    path = write_exam(lambda d: d["stages"][0]["application"].update(start="2023-02-11T09:00:00"))
    assert only_problem(path).field == "stages[0].application"


def test_stage_numbers_must_be_1_and_2(write_exam):
    path = write_exam(lambda d: d["stages"][1].update(number=1))
    assert only_problem(path).field == "stages"


def test_period_minutes_must_match_its_times(write_exam):
    path = write_exam(lambda d: d["stages"][0]["periods"][0].update(minutes=100))
    problem = only_problem(path)
    assert problem.field == "stages[0].periods[0].minutes"
    assert "120" in problem.problem


def test_quote_must_be_verbatim_from_the_notice(write_exam):
    path = write_exam(lambda d: d["refund"]["tiers"][0]["source"].update(quote="시험 15일 전까지 취소"))
    problem = only_problem(path)
    assert problem.field == "refund.tiers[0].source.quote"
    assert "not found verbatim" in problem.problem


def test_an_alias_cannot_point_two_ways(write_exam):
    path = write_exam(lambda d: d["english"]["tests"][1]["aliases"].append("토익"))
    problem = only_problem(path)
    assert problem.field == "english.tests[2].aliases"  # reported where the clash is found (TOEIC)
    assert "toefl_ibt" in problem.problem


def test_every_problem_is_listed(write_exam):
    def two_faults(d):
        d["stages"][0].pop("place")
        d["english"]["tests"][0]["general"] = "high"

    fields = {p.field for p in problems_of(write_exam(two_faults))}
    assert fields == {"stages[0].place", "english.tests[0].general"}


def test_load_raises_with_file_and_field(write_exam):
    path = write_exam(lambda d: d["refund"]["tiers"][0].pop("percent"))
    with pytest.raises(KnowledgeError) as caught:
        load_exam(path)
    assert caught.value.file == str(path)
    assert caught.value.field == "refund.tiers[0].percent"
    assert str(path) in str(caught.value) and "refund.tiers[0].percent" in str(caught.value)


def test_missing_file(tmp_path):
    (problem,) = problems_of(str(tmp_path / "nope.yaml"))
    assert "no such file" in problem.problem


def test_a_key_written_twice_is_refused_with_its_line(tmp_path):
    # plain YAML keeps only the last value of a repeated key: an edited fact would lose a field quietly
    from knowledge import check

    source = (Path(__file__).resolve().parents[2] / "knowledge" / "exams" / "appraiser-2023-34.yaml").read_text(encoding="utf-8")
    twice = source.replace("    intent: schedule_application\n", "    intent: schedule_application\n    intent: fees\n", 1)
    path = tmp_path / "twice.yaml"
    path.write_text(twice, encoding="utf-8")
    problems = check(str(path))
    assert any("written twice" in p and "intent" in p and "line" in p for p in problems), problems
