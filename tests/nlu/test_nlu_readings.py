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
