"""The NLU memo hands out exactly what understand() would, as independent copies."""
from __future__ import annotations

from datetime import date
from functools import partial

import pytest

from bot.config import ConfigError, Settings
from bot.nlu import understand
from bot.nlu.memo import MAX_CHARS, Memo

TODAY = date(2023, 3, 1)
MESSAGES = ["3월 25일에 1차 취소하면 환불 얼마예요?", "토익 2021년 3월 750점 인정돼요?", "1차", "오늘", "네",
            "모바일 신분증 되나요?", "2월 30일", "", "ㅋㅋ"]


@pytest.mark.parametrize("text", MESSAGES)
@pytest.mark.parametrize("expecting", [None, "date", "stage"])
def test_remembered_results_equal_fresh_ones(text, expecting):
    memo = Memo(understand)
    for _ in range(2):  # a miss, then a hit
        assert memo(text, year=2023, today=TODAY, expecting=expecting) == understand(
            text, year=2023, today=TODAY, expecting=expecting
        )
    assert memo.stats()["hits"] == 1


def test_the_inputs_that_change_the_answer_are_part_of_the_key():
    memo = Memo(understand)
    assert memo("오늘", year=2023, today=date(2023, 3, 1)).slots.dates == [date(2023, 3, 1)]
    assert memo("오늘", year=2023, today=date(2023, 3, 2)).slots.dates == [date(2023, 3, 2)]
    assert memo("2차요", year=2023, today=TODAY, expecting="stage").intent is None  # an answer to the question
    assert memo.stats()["misses"] == 3


def test_a_caller_changing_its_copy_does_not_change_the_next_answer():
    memo = Memo(understand)
    first = memo("3월 25일 환불", year=2023, today=TODAY)
    first.slots.dates.append(date(1999, 1, 1))
    first.alternatives.clear()
    first.slots.stage = 2
    again = memo("3월 25일 환불", year=2023, today=TODAY)
    assert again.slots.dates == [date(2023, 3, 25)]
    assert again.slots.stage is None
    assert again == understand("3월 25일 환불", year=2023, today=TODAY)


def test_long_messages_are_not_kept_and_size_zero_turns_it_off():
    calls = []

    def counting(text, **kwargs):
        calls.append(text)
        return understand(text, **kwargs)

    memo = Memo(counting, size=8)
    long_text = "환불 " * (MAX_CHARS // 3 + 1)
    memo(long_text, year=2023, today=TODAY)
    memo(long_text, year=2023, today=TODAY)
    assert len(calls) == 2 and memo.stats()["size"] == 0

    off = Memo(counting, size=0)
    off("환불", year=2023, today=TODAY)
    off("환불", year=2023, today=TODAY)
    assert len(calls) == 4 and off.stats() == {"hits": 0, "misses": 0, "size": 0, "capacity": 0}


def test_the_memo_is_bounded():
    memo = Memo(partial(understand), size=3)
    for k in range(10):
        memo(f"{k}월 환불", year=2023, today=TODAY)
    assert memo.stats()["size"] == 3


@pytest.mark.parametrize("value, expected", [(None, 4096), ("0", 0), ("off", 0), ("100", 100)])
def test_the_setting(value, expected, tmp_path):
    env = {"APPLICANT_BOT_DATA_DIR": str(tmp_path)} | ({"APPLICANT_BOT_NLU_CACHE": value} if value else {})
    assert Settings.from_env(env).nlu_cache == expected


@pytest.mark.parametrize("value", ["-1", "many", "²", "9999999"])
def test_a_malformed_setting_names_the_variable(value, tmp_path):
    with pytest.raises(ConfigError, match="APPLICANT_BOT_NLU_CACHE"):
        Settings.from_env({"APPLICANT_BOT_DATA_DIR": str(tmp_path), "APPLICANT_BOT_NLU_CACHE": value})


def test_messages_with_personal_data_are_never_kept():
    memo = Memo(understand)
    for text in ("제 번호 010-1234-5678 인데 환불돼요?", "메일 hong@example.com 으로 보내 주세요", "900101-1234567 환불"):
        memo(text, year=2023, today=TODAY)
        memo(text, year=2023, today=TODAY)
    assert memo.stats()["size"] == 0 and memo.stats()["hits"] == 0
    memo("3월 25일 환불", year=2023, today=TODAY)  # dates and scores are no personal data
    assert memo.stats()["size"] == 1
