"""Generic "is it accepted?" verbs (인정되, 써도되, 유효한가, 몇점 이상) say which topic only together
with what is to be accepted: an English score, an ID. Found with "신분증 인정되는지 확인하고 싶어요",
which went to the English check."""
from datetime import date

import pytest

from bot.nlu import understand
from bot.nlu import classifier
from bot.nlu.types import Slots

TODAY = date(2023, 3, 15)


def intent_of(text):
    return understand(text, year=2023, today=TODAY).intent


@pytest.mark.parametrize("text, intent", [
    ("신분증 인정되는지 확인하고 싶어요", "id"),
    ("여권 작년에 만료됐는데 아직 유효한가요?", "id"),
    ("운전면허증 인정되는지 확인 부탁드려요", "id"),
    ("토익 성적 인정되는지 확인하고 싶어요", "english"),
    ("텝스 320점 인정돼요?", "english"),
    ("영어 성적 유효기간이 2년인가요", "english_validity"),
])
def test_the_thing_to_be_accepted_decides_the_topic(text, intent):
    assert intent_of(text) == intent


@pytest.mark.parametrize("text", ["이거 써도 되나요", "아직 유효한가요"])
def test_a_bare_acceptance_verb_names_no_topic(text):
    # nothing says *what* is to be accepted: ask, do not guess the English check
    assert intent_of(text) is None


def test_a_bare_acceptance_verb_is_no_english_question():
    # (it reads like the ID check's example "외국인등록증 되나요", which only asks which ID)
    assert intent_of("인정되나요?") not in ("english", "english_validity", "english_thresholds")


def test_how_many_points_without_english_asks_the_pass_rules():
    # "몇점 이상" is the English threshold only when the message is about English scores
    assert intent_of("1차는 과목당 몇점 이상이어야 해요?") == "pass_rules"
    assert intent_of("토익 몇점 이상이어야 돼요?") == "english_thresholds"


def test_topic_keywords_count_only_for_an_open_topic():
    m = classifier.model()
    closed, _ = classifier.keyword_scores("신분증인정되는지확인", m, frozenset())
    opened, _ = classifier.keyword_scores("신분증인정되는지확인", m, frozenset({"id"}))
    assert "english" not in closed and "id" not in closed
    assert opened["id"] > 0 and "english" not in opened


def test_topics_open_by_word_or_by_slot():
    m = classifier.model()
    assert classifier.open_topics("신분증되나요", Slots(), m) == {"id"}
    assert classifier.open_topics("이거되나요", Slots(test="toeic"), m) == {"english"}
    assert classifier.open_topics("이거되나요", Slots(document="여권"), m) == {"id"}
    assert classifier.open_topics("이거되나요", Slots(), m) == frozenset()


def test_topic_keywords_need_a_declared_topic():
    data = classifier.load_phrasings()
    data["intents"]["id"]["topic"] = "nonexistent"
    with pytest.raises(ValueError, match="id"):
        classifier.build_model(data)
    data = classifier.load_phrasings()
    data["topics"]["id"]["slots"] = ["no_such_slot"]
    with pytest.raises(ValueError, match="no_such_slot"):
        classifier.build_model(data)
