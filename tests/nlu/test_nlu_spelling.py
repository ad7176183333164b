"""Typing slips: one jamo off a word the NLU reads, in a syllable the bot has never seen."""
from datetime import date

import pytest

from bot.nlu import pipeline, spelling
from bot.nlu.pipeline import understand
from bot.nlu.vocab import vocabulary

TODAY = date(2023, 3, 1)


@pytest.fixture(scope="module")
def speller():
    return pipeline._reader(vocabulary())[0]


@pytest.mark.parametrize("typed, meant", [
    ("토익 졈수", "토익 점수"),          # ㅕ for ㅓ
    ("인정 기잔이", "인정 기간이"),       # wrong first consonant, with a particle after it
    ("시각 즁증", "시각 중증"),           # ㅠ for ㅜ
    ("홧불 받을 수 있나요", "환불 받을 수 있나요"),  # wrong final consonant
    ("시간 연잔", "시간 연장"),           # a verb's stem ("연장되" in the phrasings)
    ("신분쯩", "신분증"),                 # doubled first consonant
])
def test_a_slip_is_read_as_the_word_meant(speller, typed, meant):
    assert speller.correct(typed) == meant


@pytest.mark.parametrize("text", [
    "신분증 인증 범위",      # "인증" is a word the bot has seen: not a slip of "인정"
    "점심 도시락 싸가도 되나요",  # everyday words the notice never uses are not bent into terms
    "가망 없죠",             # …above all not into a refund reason ("사망")
    "할아버지 상 당했어요",
    "서울만 있어요?",
    "뽀로롱 후루룩빤쮸",     # made-up words stay unknown
    "플루미 시험의 트랄라",
])
def test_words_that_are_no_slip_stay_as_typed(speller, text):
    assert speller.correct(text) == text


def test_a_correction_that_leaves_the_word_strange_is_not_made():
    speller = spelling.build(["구미"], corpus="구미 시험 플루 점수")
    assert speller.correct("플루미") == "플루미"


def test_the_term_the_knowledge_uses_most_wins_a_tie():
    corpus = "기간 기간 기간 기한"
    speller = spelling.build(["기간", "기한"], corpus=corpus)
    assert speller.correct("기잔") == "기간"


def test_typed_slips_reach_the_answer():
    u = understand("시험시간 연잔 시각 즁증 2차", year=2023, today=TODAY)
    assert u.intent == "accommodation"
    assert u.slots.stage == 2
    assert u.slots.disability and "중증" in u.slots.disability
    refund = understand("홧불 받을수 있나요 2차 7월2일 취소", year=2023, today=TODAY)
    assert refund.intent == "refund"


def test_a_syllable_the_corpus_uses_is_not_taken_for_a_slip():
    assert spelling.build(["기간"], corpus="기간 잔디 잔치").correct("기잔") == "기잔"
    assert spelling.build(["기간"], corpus="기간").correct("기잔") == "기간"
