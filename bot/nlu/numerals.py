"""Korean numerals written in Hangul, read as digits where they are numbers.

Only where a counter follows ("삼월" → "3월", "이십오일" → "25일", "칠백오십점" → "750점",
"오후 세시 반" → "오후 3시 반"), or the word is long enough to be nothing else ("칠백오십" → "750"),
because the same syllables are everyday words: "이번 주", "사원증", "구분", "사회", "이분", "만점".
"""
from __future__ import annotations

import re
from .order import longest_first


_DIGITS = {"영": 0, "공": 0, "일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "륙": 6,
           "칠": 7, "팔": 8, "구": 9}
_UNITS = {"십": 10, "백": 100, "천": 1000}
_NUMERAL_CHARS = "영공일이삼사오육륙칠팔구십백천만"

# Counters after which a one-syllable numeral is still a number ("삼월", "오일", "이차", "일교시").
_SHORT_OK = ("월", "일", "차", "교시", "급", "년")
_COUNTERS = ("교시", "퍼센트", "프로", "개월", "주년", "월", "일", "점", "년", "차", "명", "급", "원", "회", "배")
_BEFORE = r"(?:(?<![가-힣\d])|(?<=[년월일제]))"  # "8만원" stays: a digit before is no numeral word
_SINO_GREEDY = re.compile(_BEFORE + r"([" + _NUMERAL_CHARS + r"]+)(\s?)(" + "|".join(_COUNTERS) + r")")
_SINO_BARE = re.compile(r"(?<![가-힣])([" + _NUMERAL_CHARS + r"]{3,}?)(?=$|[^가-힣]|이요|요|이에요|입니다|이고|인데)")
_MONTH_NAMES = re.compile(r"(?<![가-힣])(시|유)월")
_DECIMAL = re.compile(r"(?<![가-힣])([영일이삼사오육칠팔구])점([영일이삼사오육칠팔구])(?=$|[^가-힣]|배)")
_MINUTES = re.compile(r"(?<=시)(\s?)([" + _NUMERAL_CHARS + r"]{1,3})분")

_NATIVE_HOURS = {
    "열한": 11, "열두": 12, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9,
    "한": 1, "두": 2, "세": 3, "네": 4, "열": 10,
}
_NATIVE_HOUR = re.compile(
    r"(?:(?<![가-힣])|(?<=[전후녁침밤벽낮]))("
    + "|".join(sorted(_NATIVE_HOURS, key=longest_first))
    + r")\s?시(?!간|적|험|작|청|도|키|켜|장|민|설|계|기|도)"
)


def parse_sino(word: str) -> int | None:
    """The value of a Sino-Korean numeral ("칠백오십" → 750, "이공이삼" → 2023), or None."""
    if not word or any(c not in _NUMERAL_CHARS for c in word):
        return None
    if not any(c in _UNITS or c == "만" for c in word):
        # digit by digit ("이공이삼", "칠오공"): at least three, or one syllable
        if len(word) == 1 or len(word) >= 3:
            return int("".join(str(_DIGITS[c]) for c in word))
        return None
    total = section = 0
    digit: int | None = None
    for c in word:
        if c in _DIGITS:
            if digit is not None:
                return None  # two digits in a row inside a unit numeral: "이삼십"
            digit = _DIGITS[c]
        elif c in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[c]
            digit = None
        else:  # 만
            section += 0 if digit is None else digit
            total += (section or 1) * 10000
            section, digit = 0, None
    return total + section + (digit or 0)


def _has_unit(word: str) -> bool:
    return any(c in "십백천만" for c in word)


def _sino_with_counter(match: re.Match) -> str:
    word, space, counter = match.group(1), match.group(2), match.group(3)
    keep = match.group(0)
    if space and len(word) < 2:
        return keep  # "이 점", "일 년" written apart: a word, not a numeral
    if len(word) == 1 and counter not in _SHORT_OK and not _has_unit(word):
        return keep
    if word == "만" and counter == "점":  # 만점: full marks, not 10,000 points
        return keep
    if counter == "원" and not _has_unit(word):
        return keep  # "사원", "일원"
    if counter in ("명", "회", "배") and not (_has_unit(word) or len(word) >= 2):
        return keep
    value = parse_sino(word)
    if value is None:
        return keep
    return f"{value}{counter}"


def _native_hour(match: re.Match) -> str:
    return f"{_NATIVE_HOURS[match.group(1)]}시"


def _minutes(match: re.Match) -> str:
    value = parse_sino(match.group(2))
    return match.group(0) if value is None or value >= 60 else f"{match.group(1)}{value}분"


def _bare(match: re.Match) -> str:
    word = match.group(1)
    if not _has_unit(word) and not any(c in "영공" for c in word):
        return word  # "이삼사" could be anything; unit-less digit runs need a zero to be sure
    value = parse_sino(word)
    return word if value is None else str(value)


def _decimal(match: re.Match) -> str:
    return f"{_DIGITS[match.group(1)]}.{_DIGITS[match.group(2)]}"


def korean_numerals_to_digits(text: str) -> str:
    if not any(c in _NUMERAL_CHARS or c in "한두세네다여일아열" for c in text):
        return text
    text = _MONTH_NAMES.sub(lambda m: "10월" if m.group(1) == "시" else "6월", text)
    text = _NATIVE_HOUR.sub(_native_hour, text)
    text = _DECIMAL.sub(_decimal, text)
    text = _SINO_GREEDY.sub(_sino_with_counter, text)
    text = _MINUTES.sub(_minutes, text)
    text = _SINO_BARE.sub(_bare, text)
    return text
