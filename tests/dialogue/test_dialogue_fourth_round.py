"""Understanding, fourth round (issue 9): words read where they really end, a sitting that no score
can save refused at once, what was said earlier kept — scripts through the real engine."""
from __future__ import annotations

import pytest


# -- a topic word that only straddles a known word and its particle ---------------------------------

def test_a_pregnant_applicant_asking_for_accommodation_is_no_bankrupt_employer(talk):
    reply = talk()("임신부도 편의 있어요?")
    assert "임신사실 확인서" in reply and "폐업" not in reply


def test_a_bankrupt_employer_is_still_read_as_such(talk):
    assert "폐업·부도" in talk()("회사가 부도나서 경력증명서를 못 받아요")


# -- a TOEIC from a country it does not count in --------------------------------------------------

@pytest.mark.parametrize("message", [
    "미국 살때 토익 봤는데 그거 써도 돼요?",       # no score: none would make it count
    "미국 살때 토익 850 받은게 있는데(작년 9월) 그거 내도 돼요?",
])
def test_a_toeic_taken_outside_korea_and_japan_is_refused_without_asking(talk, message):
    reply = talk()(message)
    assert "인정되지 않아요" in reply and "대한민국, 일본" in reply
    assert "점수를 알려" not in reply


def test_a_toeic_taken_in_japan_still_asks_for_the_score(talk):
    reply = talk()("일본에서 본 토익 써도 돼요?")
    assert "인정되지 않아요" not in reply
