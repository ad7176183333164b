"""Rules return ids, figures, dates and citations; only templates speak (issue 9).

No string literal of ``rules/`` holds Korean except the words a rule *matches* in what applicants
type (listed below with where they are matched) and the Korean formats of the templates' filters
(``rules/formatting.py``). A sentence, a label or a message written in a rule fails this test: it
belongs in ``templates/_say_<kind>.j2`` or ``templates/input_error.j2``. The staff calculators'
messages are worded there too.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from bot import speech
from rules.decision import InvalidInput, Phrase, phrase

RULES = Path(__file__).resolve().parents[2] / "rules"
HANGUL = re.compile(r"[\uac00-\ud7a3]")
# Words rules look for in an applicant's text or the knowledge file, never words they say.
MATCHED = {
    "cert_lookup.py": {"시작", "다음", "다음단계", "이전", "이전단계", "뒤로", "처음", "처음부터", "다시"},  # control words
    "payment.py": {"가상계좌"},  # the payment method's name in the knowledge file
    "terms.py": {  # everyday words that are also aliases ("하지", "시각"), and their guards
        "하지", "시각", r"(?:(?<![가-힣])|(?<=상지))", r"(?!\s*(?:만|않|말|마|못|요|도\s*않))", r"(?<![가-힣])",
        r"(?!\s*(?:이|은|을|에|까지|부터|표시|확인))",
    },
}


def _korean_literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value) for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value) for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
        and HANGUL.search(node.value)
    ]


@pytest.mark.parametrize("path", sorted(p for p in RULES.glob("*.py") if p.name != "formatting.py"), ids=lambda p: p.name)
def test_a_rule_writes_no_korean(path):
    said = [(line, text) for line, text in _korean_literals(path) if text not in MATCHED.get(path.name, set())]
    assert not said, f"Korean written in rules/{path.name} (its words belong in templates/): {said[:5]}"


def test_the_staff_calculators_write_no_sentences():
    # they read Korean dates, times and stages (regular expressions, no spaces); their messages are
    # error ids worded by templates/input_error.j2
    path = RULES.parent / "bot" / "calculators.py"
    said = [(line, text) for line, text in _korean_literals(path) if " " in text]
    assert not said, f"Korean sentences in bot/calculators.py: {said[:5]}"


def test_an_error_is_an_id_and_its_figures_worded_by_the_template():
    error = InvalidInput("no_such_stage", number=3, stages=(1, 2))
    assert (error.code, error.figures) == ("no_such_stage", {"number": 3, "stages": (1, 2)})
    assert str(error) == "'3'차 시험은 없어요. 1차·2차 시험 중에서 골라 주세요."


def test_an_id_without_words_fails_loudly():
    # a phrase or an error no template words is a bug, never an empty or made-up answer
    with pytest.raises(Exception, match="undefined"):
        str(InvalidInput("no_such_error"))
    with pytest.raises(Exception, match="undefined"):
        speech.words("refund")(phrase("no_such_phrase"))


def test_a_phrase_reads_its_figures_as_attributes_and_is_hashable():
    p = phrase("cancel", percent=60, amount=24000)
    assert (p.id, p.percent, p.amount) == ("cancel", 60, 24000)
    assert hash(p) == hash(Phrase("cancel", (("percent", 60), ("amount", 24000))))
    with pytest.raises(AttributeError):
        p.missing
