"""A question written in English is read through the lexicon's glosses (``english:``): each English
phrase becomes the Korean word the rest of the NLU knows ("refund" → "환불", "1st exam" → "1차
시험"), so the same topics, slots and rules answer it. Only a message made mostly of Latin letters is
glossed: a Korean message with an English word in it ("TOEIC 750점", "PASS 앱") is read as typed."""
from __future__ import annotations

import re
from functools import lru_cache

from knowledge import load_lexicon
from .order import longest_first


_LATIN = re.compile(r"[a-z]")
_HANGUL = re.compile(r"[가-힣]")
MIN_LATIN = 10  # letters: shorter Latin messages ("ok", "toeic 750") are not questions in English


@lru_cache(maxsize=1)
def _glosses() -> tuple[re.Pattern[str], dict[str, str]]:
    table = {k.lower(): v for k, v in load_lexicon().english.items()}
    if not table:
        return re.compile(r"(?!x)x"), {}
    alternatives = "|".join(re.escape(k) for k in sorted(table, key=longest_first))
    return re.compile(rf"(?<![a-z'])(?:{alternatives})(?![a-z])"), table


_WHAT_ABOUT = re.compile(r"^\s*(?:and\s+)?(?:what|how)\s+about\s+(?:the\s+)?(.+?)\s*\?*\s*$")
_LISTED_AND = re.compile(r"(\d)\s*,?\s*and\s+(\d)")
_LAST_MONTH = re.compile(r"\blast\s+(january|february|march|april|may|june|july|august|september|october|november|december)\b")
_JOINED = re.compile(r"[a-z]+(?:-[a-z]+)+")
_WORD = re.compile(r"[a-z][a-z0-9'\-]*")
# after the glosses, dates put back in Korean order: "3월 2022" → "2022년 3월", "3월 25" → "3월 25일"
_MONTH_YEAR = re.compile(r"(\d{1,2})월\s*,?\s*(\d{4})(?!\d)")
_MONTH_DAY = re.compile(r"(\d{1,2})월\s*(\d{1,2})(?:st|nd|rd|th)?(?![\d월일])")
# English asks first ("when is the 2nd exam"), Korean last ("2차 시험 언제"): a sentence that opens
# with a question word's gloss has it moved to its end
_ASKED_FIRST = re.compile(r"^((?:언제|어디|얼마|몇 시|몇 분|몇|어떤)(?:\s+그리고)?(?:\s+(?:언제|어디|얼마|몇 시|몇 분|몇|어떤))*)\s+(.+?)\s*([?.!]*)$")
_SENTENCE = re.compile(r"(?:[^?.!그]|그(?!리고))+[?.!]*|그리고")
_DAY_MONTH = re.compile(r"(?<![\d.])(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(\d{1,2})월")


def latin_words(terms) -> frozenset[str]:
    """The Latin words among the bot's own terms (test names, "pass", "kakao", countries): they
    stay in a glossed message; other English words left after the glosses ("is", "the") go."""
    return frozenset(w for term in terms for w in _WORD.findall(str(term).lower()))


def in_english(normalized: str) -> bool:
    latin = len(_LATIN.findall(normalized))
    return latin >= MIN_LATIN and latin > 2 * len(_HANGUL.findall(normalized))


def gloss(normalized: str, known: frozenset[str] = frozenset()) -> str:
    """``normalized`` (lower-cased) with its English phrases replaced by Korean words and other
    English words (not in ``known``) dropped, when the message is written in English; otherwise
    unchanged."""
    if not in_english(normalized):
        return normalized
    pattern, table = _glosses()
    # "first-round exam" is "first round exam"; a known name stays joined ("g-telp")
    glossed = _JOINED.sub(lambda m: m.group() if m.group() in known else m.group().replace("-", " "), normalized)
    glossed = _WHAT_ABOUT.sub(r"\1는요?", glossed)  # "what about ielts?" asks like "ielts는요?"
    glossed = _LISTED_AND.sub(r"\1, \2", glossed)  # "58 and 66": a list of scores, not two questions
    glossed = _LAST_MONTH.sub(r"작년 \1", glossed)  # "last october": the October before this year's
    glossed = pattern.sub(lambda m: f" {table[m.group()]} ", glossed)
    glossed = _WORD.sub(lambda m: m.group() if m.group() in known else " ", glossed)
    glossed = _MONTH_YEAR.sub(r"\2년 \1월", glossed)
    glossed = _DAY_MONTH.sub(r"\2월 \1일", glossed)
    glossed = _MONTH_DAY.sub(r"\1월 \2일", glossed)
    sentences = (" ".join(m.group().split()) for m in _SENTENCE.finditer(glossed))
    return " ".join(_ASKED_FIRST.sub(r"\2 \1\3", s) for s in sentences if s)
