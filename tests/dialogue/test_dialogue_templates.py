"""Templates: compiled once in a sandbox, user text stays a variable, Korean formats."""
from datetime import date, datetime

import pytest
from jinja2.exceptions import SecurityError, UndefinedError

from bot.dialogue.render import Renderer
from knowledge import load_exam


@pytest.fixture(scope="module")
def renderer():
    return Renderer()


def test_every_template_compiles_at_start(renderer):
    names = renderer.names()
    for expected in ("refund.j2", "english.j2", "id_check.j2", "accommodation.j2", "cert_lookup.j2",
                     "fact.j2", "fallback.j2", "out_of_scope.j2", "ask.j2", "invalid.j2"):
        assert expected in names


def test_injection_strings_in_variables_come_back_literally(renderer):
    exam = load_exam()
    for hostile in ("{{ 7*7 }}", "{% for x in range(3) %}x{% endfor %}", "{{ ''.__class__.__mro__ }}"):
        text = renderer.render("fallback.j2", exam=exam, guesses=[], question=hostile)
        assert hostile in text
        assert "49" not in text


def test_the_environment_is_a_sandbox(renderer):
    template = renderer.env.from_string("{{ x.__class__.__subclasses__() }}")
    with pytest.raises(SecurityError):
        template.render(x=1)


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
