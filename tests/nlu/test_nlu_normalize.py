"""normalize(): one form for every way applicants type the same thing."""

import pytest

from bot.nlu import compact, normalize
from bot.nlu.normalize import MAX_CHARS
from bot.nlu.numerals import parse_sino


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("ＴＯＥＩＣ　７５０점", "toeic 750점"),  # full-width letters, digits and space
        ("TOEIC", "toeic"),
        ("G TELP Level 2", "g-telp level 2"),
        ("g.telp", "g-telp"),
        ("토잌 몇점", "토익 몇점"),
        ("되나여", "되나요"),
        ("되나욤?", "되나요?"),
        ("몇프로 환불돼요", "몇 퍼센트 환불돼요"),
        ("60프로", "60퍼센트"),
        ("신분증머가능?", "신분증 뭐 가능?"),
        ("머리 아파서 입원", "머리 아파서 입원"),  # 머 inside a word stays
        ("감평 1차", "감정평가사 1차"),
        ("일차 시험", "1차 시험"),
        ("이차요", "2차요"),
        ("??!!", "?"),
        ("진짜요.....", "진짜요..."),
        ("ㅋㅋㅋㅋㅋ", "ㅋㅋ"),  # compatibility jamo survive NFKC
        ("ㅇㅇ", "응"),
        ("  여러   칸   띄움  ", "여러 칸 띄움"),
        ("낼모레", "내일모레"),
        ("담주 월욜", "다음 주 월요일"),
        ("서류 낼 때", "서류 낼 때"),
    ],
)
def test_spelling_and_forms(raw, expected):
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("삼월 이십오일", "3월 25일"),
        ("칠백오십점", "750점"),
        ("이천이십삼년 사월 팔일", "2023년 4월 8일"),
        ("이십일일", "21일"),  # the counter decides: 21 + 일
        ("이십일", "20일"),
        ("오후 세시 반", "오후 3시 반"),
        ("세시 삼십분", "3시 30분"),
        ("아이엘츠 사점오", "아이엘츠 4.5"),
        ("시월 삼일", "10월 3일"),
        ("칠백오십이요", "750이요"),
        ("일교시", "1교시"),
        # everyday words made of numeral syllables stay words
        ("이번 주", "이번 주"),
        ("사원증", "사원증"),
        ("1차 2차 구분", "1차 2차 구분"),
        ("토익 만점", "토익 만점"),
        ("세 시간", "세 시간"),
        ("두 시험 다", "두 시험 다"),
        ("사회", "사회"),
    ],
)
def test_korean_numerals(raw, expected):
    assert normalize(raw) == expected


def test_parse_sino():
    assert parse_sino("칠백오십") == 750
    assert parse_sino("사만") == 40000
    assert parse_sino("이공이삼") == 2023
    assert parse_sino("이삼십") is None  # not a numeral


def test_invisible_and_control_characters_removed():
    assert normalize("토\u200b익\u202e 750\u0000점\ufeff") == "토익 750점"
    assert normalize("\u2066환불\u2069") == "환불"


def test_lone_surrogates_and_private_use_do_not_break():
    assert normalize("환불\ud800\ue000") == "환불"


def test_idempotent():
    for raw in ("토잌 칠백오십점 되나여??", "신분증머가능", "ＴＯＥＩＣ", "삼월 이십오일 오후 세시"):
        once = normalize(raw)
        assert normalize(once) == once


def test_length_capped_on_huge_input():
    huge = "환불 " * 50_000  # 150,000 characters (the time it takes: benchmarks/bench_nlu.py)
    result = normalize(huge)
    assert len(result) <= MAX_CHARS


def test_compact_ignores_spacing():
    assert compact(normalize("신분증 뭐 가능")) == compact(normalize("신분증머가능"))


def test_not_a_string():
    assert normalize(None) == ""


def test_a_replacement_that_brings_a_jamo_next_to_a_syllable_stays_idempotent():
    # "ㄳ" → "감사", and the "ㄺ" typed after it then composes with "사" (found by hypothesis)
    for text in ("ㄳㄺ", "ㄱㅅㄺ"):
        once = normalize(text)
        assert normalize(once) == once
