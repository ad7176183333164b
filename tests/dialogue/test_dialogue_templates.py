"""Templates: compiled once from the package's own files, user text stays a variable, Korean formats."""
from datetime import date, datetime

import pytest
from jinja2.exceptions import UndefinedError

from bot.dialogue.render import TEMPLATES_DIR, Renderer
from rules.figures import round_figures
from knowledge import load_exam


@pytest.fixture(scope="module")
def renderer():
    return Renderer()


def test_every_template_compiles_at_start(renderer):
    names = renderer.names()
    for expected in ("refund.j2", "english.j2", "id.j2", "accommodation.j2", "cert_lookup.j2",
                     "fact.j2", "fallback.j2", "out_of_scope.j2", "ask.j2", "invalid.j2"):
        assert expected in names


def test_injection_strings_in_variables_come_back_literally(renderer):
    exam = load_exam()
    for hostile in ("{{ 7*7 }}", "{% for x in range(3) %}x{% endfor %}", "{{ ''.__class__.__mro__ }}"):
        text = renderer.render("fallback.j2", exam=exam, guesses=[], question=hostile)
        assert hostile in text
        assert "49" not in text


def test_template_source_only_ever_comes_from_the_package_files(renderer):
    # Why no sandbox is needed: there is no way for text from outside to become template source.
    # The renderer knows exactly the .j2 files shipped in templates/, compiled at start, and a name
    # that is not one of them (say, a message that looks like a template) is refused, not compiled.
    assert renderer.names() == sorted(p.name for p in TEMPLATES_DIR.glob("*.j2"))
    for hostile in ("{{ 7*7 }}", "../README.md", "fact.j2{{ 1 }}"):
        with pytest.raises(KeyError):
            renderer.render(hostile, exam=load_exam())


def test_missing_variables_fail_loudly(renderer):
    with pytest.raises(UndefinedError):
        renderer.render("changed.j2")


def test_filters_use_the_korean_formats(renderer):
    env = renderer.env
    assert env.filters["kdate"](date(2023, 3, 19)) == "2023. 3. 19.(일)"
    assert env.filters["won"](24000) == "24,000원"
    assert env.filters["kdatetime"](datetime(2023, 2, 10, 18, 0)) == "2023. 2. 10.(금) 18:00"
    assert env.filters["kdeadline"](datetime(2023, 3, 19, 23, 59, 59)) == "2023. 3. 19.(일)"
    assert env.filters["kdeadline"](datetime(2023, 2, 10, 18, 0)) == "2023. 2. 10.(금) 18:00"
    assert env.filters["num"](750.0) == "750"
    assert env.filters["josa"]("주민등록증", "은") == "주민등록증은"


def test_a_remembered_fact_answer_is_the_fresh_rendering(renderer):
    exam = load_exam()
    fresh = Renderer()
    fresh.kept = 0
    figures = round_figures(exam).as_variables()
    toeic = [t for t in exam.english.tests if t.id == "toeic"]
    for day in (date(2023, 3, 1), date(2023, 6, 1)):
        for fact in exam.facts[:10]:
            for tests in ([], toeic):
                answer = fresh.fact_answer(fact, figures)
                expected = fresh.render("fact.j2", exam=exam, today=day, fact=fact, tests=tests, answer=answer)
                assert renderer.render("fact.j2", exam=exam, today=day, fact=fact, tests=tests, answer=answer) == expected
                assert renderer.render("fact.j2", exam=exam, today=day, fact=fact, tests=tests, answer=answer) == expected
    other_round = exam.model_copy(update={"notice_label": "2024년도 제35회 공고 기준"})
    text = renderer.render("fact.j2", exam=other_round, today=date(2024, 3, 1), fact=exam.facts[0], tests=[],
                           answer=exam.facts[0].answer)
    assert "2024년도 제35회" in text  # another round's exam is not mixed up


def test_a_rendering_is_remembered_only_under_an_exact_key():
    from dataclasses import dataclass

    from pydantic import BaseModel

    from bot.dialogue.freeze import Unfreezable, freeze

    assert freeze(750) != freeze(750.0)  # they print differently
    assert freeze(True) != freeze(1)
    assert freeze((1, 2)) != freeze([1, 2])
    assert freeze({"a": [1, "x"]}) == freeze({"a": [1, "x"]})
    exam = load_exam()
    assert freeze(exam) == freeze(exam) and freeze(exam) != freeze(exam.model_copy())

    @dataclass(frozen=True)
    class Frozen:
        amount: int

    @dataclass
    class Mutable:
        amount: int

    class Loose(BaseModel):
        amount: int

    assert freeze(Frozen(20000)) == freeze(Frozen(20000)) != freeze(Frozen(20000.0))
    for unkeyable in (Mutable(1), Loose(amount=1), object(), {1, 2}):
        with pytest.raises(Unfreezable):
            freeze(unkeyable)


def test_the_renderer_gives_the_same_text_remembered_or_not(renderer):
    exam = load_exam()
    fresh = Renderer()
    fresh.kept = 0
    for score in (750, 750.0, 1000, 1000.5):  # 750 and 750.0 are equal in Python, yet one key each
        for name, variables in (("invalid.j2", {"code": "score_range", "test": "TOEIC", "max": 990, "score": score}),
                                ("invalid.j2", {"code": "score_100", "score": score}),
                                ("talk.j2", {"kind": "thanks", "mid_flow": False})):
            expected = fresh.render(name, exam=exam, today=date(2023, 3, 1), **variables)
            assert renderer.render(name, exam=exam, today=date(2023, 3, 1), **variables) == expected
            assert renderer.render(name, exam=exam, today=date(2023, 3, 1), **variables) == expected


def test_nothing_holding_personal_data_is_kept_by_the_answer_memos(renderer):
    from bot.dialogue.facts import FactBook

    exam = load_exam()
    fresh = Renderer()
    before = len(fresh._texts)
    text = fresh.render("fallback.j2", exam=exam, today=date(2023, 3, 1), guesses=[], question="연락처 010-1234-5678")
    assert "010-1234-5678" in text  # rendered as asked (the caller masks what it shows) ...
    assert len(fresh._texts) == before  # ... but not remembered
    fresh.render("fallback.j2", exam=exam, today=date(2023, 3, 1), guesses=[], question="시간표")
    assert len(fresh._texts) == before + 1

    book = FactBook(exam)
    book.pick("timetable", "010-1234-5678 로 연락 주세요 시간표", "x")
    book.pick("timetable", "2차 시간표", "2차 시간표")
    assert [key[1] for key in book._picked] == [("2차 시간표", "2차 시간표")]
