"""Korean formats of the templates' filters (``bot.dialogue.render``: kdate, kdatetime, won, josa …):
"2023. 3. 19.(일)", "2023. 2. 10.(금) 18:00", "24,000원", "2023. 2. 11. ~ 3. 19.". The notice writes
dates this way, so answers read like it. Rules themselves format nothing: they return dates and
figures, and templates write them with these."""
from __future__ import annotations

import re

from datetime import date, datetime, time

WEEKDAYS = "월화수목금토일"


def weekday(d: date) -> str:
    return WEEKDAYS[d.weekday()]


def format_date(d: date, *, with_weekday: bool = True, with_year: bool = True) -> str:
    """``2023. 3. 19.(일)``; ``3. 19.(일)`` without the year."""
    if isinstance(d, datetime):
        d = d.date()
    text = f"{d.year}. {d.month}. {d.day}." if with_year else f"{d.month}. {d.day}."
    return f"{text}({weekday(d)})" if with_weekday else text


def format_time(t: time) -> str:
    return f"{t.hour:02d}:{t.minute:02d}"


def format_datetime(dt: datetime, *, with_year: bool = True) -> str:
    """``2023. 2. 10.(금) 18:00``."""
    return f"{format_date(dt, with_year=with_year)} {format_time(dt.time())}"


def format_range(start: date, end: date, *, with_weekday: bool = False) -> str:
    """``2023. 2. 11. ~ 3. 19.``: the end drops the year when it is the start's year."""
    same_year = start.year == end.year
    return (
        f"{format_date(start, with_weekday=with_weekday)} ~ "
        f"{format_date(end, with_weekday=with_weekday, with_year=not same_year)}"
    )


def format_datetime_range(start: datetime, end: datetime) -> str:
    """``2023. 2. 6.(월) 09:00 ~ 2. 10.(금) 18:00``."""
    same_year = start.year == end.year
    return f"{format_datetime(start)} ~ {format_datetime(end, with_year=not same_year)}"


def format_krw(amount: int) -> str:
    """``24,000원``."""
    return f"{amount:,}원"


def format_number(value: float) -> str:
    """A score as people write it: ``750``, ``4.5``, ``67.66``."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:g}"


def format_minutes(minutes: int) -> str:
    return f"{minutes}분"


def format_months(months: int) -> str:
    """A length of time: 66 → "5년 6개월", 60 → "5년", 8 → "8개월"."""
    years, rest = divmod(max(0, int(months)), 12)
    if not years:
        return f"{rest}개월"
    return f"{years}년" + (f" {rest}개월" if rest else "")


def format_multiplier(value: float) -> str:
    """``1.7배``."""
    return f"{format_number(value)}배"


# Korean particles that depend on whether the word ends in a consonant (받침).
_PARTICLES = {"은": ("은", "는"), "는": ("은", "는"), "이": ("이", "가"), "가": ("이", "가"),
              "을": ("을", "를"), "를": ("을", "를"), "과": ("과", "와"), "와": ("과", "와"),
              "이라": ("이라", "라"), "라": ("이라", "라"), "으로": ("으로", "로"), "로": ("으로", "로"),
              "이에요": ("이에요", "예요"), "예요": ("이에요", "예요")}
# Digits and Latin letters as read aloud: does the reading end in a consonant? ("TOEIC" → 토익 → 은)
_DIGIT_HAS_FINAL = {"0": True, "1": True, "2": False, "3": True, "4": False, "5": False,
                    "6": True, "7": True, "8": True, "9": False}
_LATIN_HAS_FINAL = set("lmnr") | {"c", "k"}  # 엘, 엠, 엔, 알; -c/-k words read with ㄱ (토익, 픽)


def _has_final(word: str) -> bool | None:
    for ch in reversed(word.strip()):
        if "가" <= ch <= "힣":
            return (ord(ch) - 0xAC00) % 28 != 0
        if ch.isdigit():
            return _DIGIT_HAS_FINAL[ch]
        if ch.isascii() and ch.isalpha():
            return ch.lower() in _LATIN_HAS_FINAL
        if ch in ")]}":
            return None if word.rstrip().endswith(ch) and "(" not in word else _has_final(word[: word.rfind("(")])
    return None


_DATE_END = re.compile(r"\d{1,2}\.\s*(?:\([월화수목금토일]\))?\s*$")


def josa(word: str, particle: str) -> str:
    """``word`` with the right form of ``particle``: josa("주민등록증", "은") → "주민등록증은",
    josa("수험표", "은") → "수험표는". Unknown endings get both forms: "…은(는)". A date as the
    bot writes it ("2023. 3. 20.(월)") is read "…20일": josa("2023. 3. 20.(월)", "으로") → "…로"."""
    if _DATE_END.search(word):
        return word + josa("일", particle)[1:]
    with_final, without_final = _PARTICLES[particle]
    final = _has_final(word)
    if final is None:
        return f"{word}{with_final}({without_final})"
    if particle in ("으로", "로") and final and word.strip()[-1:] and "가" <= word.strip()[-1] <= "힣" \
            and (ord(word.strip()[-1]) - 0xAC00) % 28 == 8:  # ㄹ받침 takes 로
        return f"{word}로"
    return f"{word}{with_final if final else without_final}"
