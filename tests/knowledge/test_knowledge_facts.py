"""Facts: one or more for every FACT intent, ready to show, each citing the notice."""
from __future__ import annotations

import re

import pytest

from bot.nlu.intents import FACT
from knowledge import load_exam, load_guide


@pytest.fixture(scope="module")
def exam():
    return load_exam()


def test_every_fact_intent_has_a_fact(exam):
    covered = {fact.intent for fact in exam.facts}
    assert set(FACT) - covered == set()


def test_facts_only_use_known_intents(exam):
    assert {fact.intent for fact in exam.facts} <= set(FACT)


def test_facts_are_cited_and_findable(exam):
    for fact in exam.facts:
        assert fact.source.clause and fact.source.quote, fact.id
        assert fact.keywords, fact.id


def test_answers_are_polite_korean(exam):
    for fact in exam.facts:
        assert fact.answer.rstrip().endswith(("요.", "다.", "요)", "다)")), fact.id


def test_dates_and_amounts_use_the_house_style(exam):
    zero_padded = re.compile(r"\d{4}\. 0\d\.|\. 0\d\.")  # "2023. 02. 06." -> "2023. 2. 6."
    bare_amount = re.compile(r"\d{5,}원")  # "40000원" -> "40,000원"
    for fact in exam.facts:
        assert not zero_padded.search(fact.answer), fact.id
        assert not bare_amount.search(fact.answer), fact.id


def test_topics_with_several_answers(exam):
    by_intent = {}
    for fact in exam.facts:
        by_intent.setdefault(fact.intent, []).append(fact.id)
    assert len(by_intent["devices"]) >= 2  # devices in general, watches and smartwatches
    assert len(by_intent["id_info"]) >= 3  # the common list, the other groups, the forms rule
    assert len(by_intent["refund_info"]) >= 3
    assert len(exam.facts) >= 60


@pytest.mark.parametrize("fact_id, needle", [
    ("photo", "3.5cm×4.5cm"), ("photo", "200KB"), ("provisional_answers", "2023. 4. 8.(토) 17:00 ~ 4. 14.(금) 18:00"),
    ("results_ars", "1666-0100"), ("training", "4주일"), ("calculator", "1개만"), ("answer_sheet_stage1", "125번"),
    ("minimum_pass_count", "200명"), ("fees", "40,000원"), ("schedule_application", "2023. 2. 6.(월) 09:00"),
])
def test_key_figures_are_in_the_answers(exam, fact_id, needle):
    assert needle in next(f for f in exam.facts if f.id == fact_id).answer


def test_guide_walk_through():
    guide = load_guide()
    assert [s.number for s in guide.steps] == [1, 2, 3, 4]
    assert [s.source.clause for s in guide.steps] == ["붙임 1.", "붙임 2.", "붙임 3.", "붙임 4."]
    assert all(s.source.doc == "cert_guide" for s in guide.steps)
    assert guide.failure_marker in guide.steps[0].what_you_see
    assert guide.done_marker in guide.steps[-1].done_when
    assert all(s.next_step for s in guide.steps[:-1])


def test_facts_quoting_computed_dates_render_them_for_each_round(exam):
    # a fact that restates a rule's dates is a template over the round's data: it renders, and a
    # round whose exam moves gets its own dates (no stale 2023 date can stay in it)
    from datetime import timedelta

    from bot.dialogue.render import Renderer
    from rules.figures import round_figures

    renderer = Renderer()
    figures = round_figures(exam).as_variables()
    templated = [f for f in exam.facts if "{{" in f.answer]
    assert {f.id for f in templated} >= {"refund_info", "refund_special_cases", "accommodation_info"}
    for fact in exam.facts:
        text = renderer.fact_answer(fact, figures)
        assert "{{" not in text and "}}" not in text
    refund_info = next(f for f in exam.facts if f.id == "refund_info")
    assert "2023. 3. 19.(일)까지 60%" in renderer.fact_answer(refund_info, figures)
    later = exam.model_copy(update={"stages": [
        s.model_copy(update={"exam_date": s.exam_date + timedelta(days=7)}) for s in exam.stages
    ]})
    moved = renderer.fact_answer(refund_info, round_figures(later).as_variables())
    assert "2023. 3. 26.(일)까지 60%" in moved and "3. 19." not in moved
