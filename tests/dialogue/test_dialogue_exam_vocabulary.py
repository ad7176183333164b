"""The engine reads messages with the vocabularies (test names, IDs …) of the round it was given,
not of the bundled default: a second round that adds a TOEIC alias is understood by its engine."""
from __future__ import annotations

import shutil
from datetime import datetime

import pytest
import yaml

import knowledge
from bot.engine import Engine
from bot.nlu import understand
from bot.nlu.vocab import vocabulary
from bot.storage import Store

NOW = datetime(2023, 3, 1, 10, 0)
NEW_ALIAS = "티오이아이씨"  # not an alias in the bundled 2023 file
QUESTION = f"{NEW_ALIAS} 750점 2022년 5월 29일에 봤는데 인정돼요?"


@pytest.fixture(scope="module")
def extended_exam(tmp_path_factory):
    raw = yaml.safe_load(knowledge.DEFAULT_EXAM_FILE.read_text(encoding="utf-8"))
    for test in raw["english"]["tests"]:
        if test["id"] == "toeic":
            test["aliases"].append(NEW_ALIAS)
    directory = tmp_path_factory.mktemp("round")
    notice = knowledge.DEFAULT_EXAM_FILE.parent / raw["notice_file"]
    shutil.copy(notice, directory / notice.name)  # the round's notice text lives next to its file
    path = directory / "appraiser-extended.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return knowledge.load_exam(path)


def test_the_bundled_round_does_not_know_the_alias():
    assert understand(QUESTION, year=2023, today=NOW.date()).slots.test != "toeic"


def test_vocabulary_is_the_one_of_the_exam_passed(extended_exam):
    default = knowledge.load_exam()
    assert extended_exam is not default and extended_exam.id == default.id  # same round id, other data
    assert vocabulary(extended_exam) is vocabulary(extended_exam)  # built once per exam
    assert vocabulary(extended_exam) is not vocabulary(default)
    assert vocabulary(extended_exam).exam is extended_exam
    assert understand(QUESTION, year=2023, today=NOW.date(), exam=extended_exam).slots.test == "toeic"


def test_an_engine_on_another_round_uses_its_vocabulary(extended_exam):
    engine = Engine(exam=extended_exam, store=Store(None), clock=lambda: NOW, warm=False)
    turn = engine.handle("s", QUESTION, now=NOW)
    text = turn.replies[0].text
    assert turn.intent == "english"
    assert "TOEIC 750점" in text and "인정돼요" in text and "어떤 영어시험" not in text


def test_the_default_engine_still_asks_which_test():
    engine = Engine(store=Store(None), clock=lambda: NOW, warm=False)
    text = engine.handle("s", QUESTION, now=NOW).replies[0].text
    assert "TOEIC 750점" not in text
