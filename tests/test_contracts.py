"""The shapes other tools depend on: decisions must cite, turns serialise to the public JSON."""
import pytest

from bot.engine import Reply, Turn
from rules.types import Citation, Decision


def test_decision_without_citation_is_refused():
    with pytest.raises(ValueError):
        Decision(says=None, citations=(), notice_label="2023년도 제34회 공고 기준")


def test_turn_json_shape_matches_ask_json_contract():
    turn = Turn(replies=(Reply("안녕하세요", ("환불", "영어성적")),), intent="greeting", confidence=0.91234)
    assert turn.to_json() == {
        "replies": [{"text": "안녕하세요", "buttons": ["환불", "영어성적"]}],
        "intent": "greeting",
        "confidence": 0.9123,
    }


def test_citation_label():
    assert Citation("9. 라.", "수수료 환불", "…").label() == "9. 라. 수수료 환불"
