"""Readings of a message's own words: dates written with a two-digit year, a document asked as an ID."""
from datetime import date

from bot.nlu.pipeline import understand

TODAY = date(2023, 3, 15)


def read(text):
    return understand(text, year=2023, today=TODAY)


def test_a_two_digit_year_with_slashes_is_a_recent_date_not_scores():
    from bot.nlu.temporal import find_temporal

    assert find_temporal("22/11/20 시험", year=2023, today=TODAY).dates == [date(2022, 11, 20)]
    assert find_temporal("70/55/80", year=2023, today=TODAY).dates == []  # scores
    u = read("텝스 340점 22/11/20 시험이요 턱걸이인데 되나요")
    assert u.intent == "english" and u.slots.dates == [date(2022, 11, 20)]


def test_a_document_asked_as_an_id_is_an_id_question_beside_a_disability():
    assert read("시각장애 있는데 시험 볼 때 신분증으로 복지카드 돼요?").intent == "id"


def test_made_up_words_of_common_syllables_are_unknown_two_at_a_time():
    from bot.nlu.known import unknown_words

    # 플, 루, 미, 트, 랄, 라 are all common; no two of them stand together anywhere the bot knows
    assert unknown_words("플루미 시험의 트랄라 점수 기준 알려주세요") == ["플루미", "트랄라"]
    assert read("플루미 시험의 트랄라 점수 기준 알려주세요").intent is None
    # one such word is as often an everyday word the notice never uses
    assert unknown_words("도시락 싸가도 돼요") == [] and unknown_words("턱걸이인데 되나요") == []


def test_weeks_and_other_lengths_counted_from_the_exam():
    u = read("할머니가 시험 3주 전에 돌아가셨어요")
    assert u.slots.day_shift == -21 and u.slots.shift_from_exam
    assert read("시험 열흘 전에 퇴원했어요").slots.day_shift == -10


import pytest  # noqa: E402


@pytest.mark.parametrize("text", [
    "재응시자로 1차 다시 보려고 접수하는데 작년에 입력한 토익이 유효기간이 지났어요 어떻게 해요?",
    "작년에 1차 붙어서 이번 2차 접수 언제예요?",
    "토플 iBT 68점인데 본 날짜는 작년이에요 되나요",
])
def test_last_year_in_the_applicants_own_story_is_this_round(text):
    assert read(text).slots.other_time is None


@pytest.mark.parametrize("text", [
    "작년엔 시험 언제였어요?", "작년에 합격자 몇 명이었어요", "내년에 시험 보려는데 응시료 얼마예요?", "작년에 시험장이 어디였어요",
])
def test_a_round_asked_about_is_another_round(text):
    assert read(text).slots.other_time in ("작년", "내년")


def test_a_made_up_word_with_only_generic_words_around_it_is_unknown():
    from bot.nlu import classifier
    from bot.nlu.known import unknown_words

    generic = classifier.model().generic_words
    assert unknown_words("플라뇽 서류는 어디에 내나요", generic) == ["플라뇽"]
    assert read("플라뇽 서류는 어디에 내나요").intent is None
    assert unknown_words("도시락 싸가도 돼요", generic) == []  # 싸가도: a word of its own beside it


@pytest.mark.parametrize("text", ["플루미넥스 면제 되나요", "몽글리아 수험표 교환권은 어디서 받아요?"])
def test_a_made_up_word_qualifying_a_topic_word_is_what_is_asked(text):
    assert read(text).intent is None


def test_an_everyday_word_the_notice_never_uses_does_not_block_a_strong_topic():
    assert read("텝스 340점 22/11/20 시험이요 턱걸이인데 되나요").intent == "english"


@pytest.mark.parametrize("text, other", [
    ("2026년에 영어 성적 인정기간 어떻게 돼요?", "2026년"), ("2024년 기준점수 바뀌나요", "2024년"),
    ("2022년 토익 인정기간 지났나요", None), ("2022년 토익 기준점수 넘었어요", None),
])
def test_a_year_on_a_test_is_when_it_was_taken_and_on_a_rule_the_round(text, other):
    assert read(text).slots.other_time == other
