"""Mask personal data in text before anything is stored or logged.

``mask(text)`` replaces 주민등록번호/외국인등록번호, phone numbers, e-mail addresses, passport numbers,
certificate/registration numbers and other long digit runs with a bracketed label such as
``[전화번호]``. The label keeps the log readable for staff ("what did applicants ask?") without the
data itself. Dates ("2023-03-25", "2023. 3. 25."), times, scores and amounts are left alone: they
are what the bot needs to understand a question and are not personal.

Personal data is looked for in the text as the NLU reads it, not as it was typed: every character
folded by the NLU's own normalisation (``bot.nlu.normalize.fold_char``: full-width "９１０２０３－…",
mathematical digits, zero-width characters between digits) and Sino-Korean digits read as digits
the way the NLU reads them ("공일공 팔칠육오 사삼이일"). What is found is replaced in the text as typed.
Digit groups joined by spaces, dashes, dots or brackets are read as one number ("010 8765 4321",
"910203 - 2345678", "0 1 0 …"), and the two halves of a 주민등록번호 with words between them
("앞자리 910203 뒷자리 2345678") are masked too.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .bounded import keep
from .nlu.normalize import fold_char, is_plain
from .nlu.numerals import parse_sino

__all__ = ["mask", "mask_reply", "mask_repeated", "holds_personal_data"]

RRN_LABEL, PHONE_LABEL, EMAIL_LABEL, PASSPORT_LABEL, NUMBER_LABEL = (
    "[주민등록번호]", "[전화번호]", "[이메일]", "[여권번호]", "[번호]")

# Starting only where a run of local-part characters starts gives the same matches and keeps the
# scan linear: without it 1,000 letters cost ~2 ms (every start position rescans the run).
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
# Said rather than written: spaces around the @, "골뱅이" for it, or no top-level domain.
_EMAIL_SPOKEN = re.compile(
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+"
    r"(?:(?:\s*골뱅이\s*|\s+@\s*|\s*@\s+)[A-Za-z0-9\-]+(?:\s?\.\s?[A-Za-z0-9\-]+)+|@[A-Za-z0-9\-]+)"
)

# Digit groups and what may join two of them into one number: up to four spaces, dashes (every
# Unicode dash the NLU's folding leaves as it is), dots or brackets.
_GROUP = re.compile(r"\d+")
_JOINER = re.compile(r"[\s.\-\u2010-\u2015\u2212()]{1,4}")
# Nine or more digits joined that way: the only stretches where a phone number or 주민등록번호 can be.
_JOINED_NINE = re.compile(r"\d(?:[\s.\-\u2010-\u2015\u2212()]{0,4}\d){8,}")
_MOBILE = re.compile(r"01[016789]\d{7,8}")
_LANDLINE = re.compile(r"0(?:2|[3-6][1-5]|70)\d{7,8}")
_ABROAD = re.compile(r"820?(?:1[016789]|2|[3-6][1-5]|70)\d{7,8}")
RRN_DIGITS, RRN_FRONT = 13, 6

# The two halves of a 주민등록번호 with a few words between them, in either order.
_RRN_HALVES = re.compile(
    r"(?<!\d)(?:(\d{6})|(\d{7}))(?!\d)([^\d\x00]{1,20}?)(?<!\d)((?(1)\d{7}|\d{6}))(?!\d)")

# "자격증번호 : 12345678", "등록번호는 23-1234567", "수험번호 1234", "뒷자리 2345678": the number after such a word.
_NUMBER_AFTER_LABEL = re.compile(
    r"((?:(?:자격증|자격|등록|면허|수험|여권|증명서|발급|주민|외국인|계좌|카드|회원|학번)\s*번호|뒷\s*자리|뒷\s*번호|앞\s*자리)"
    r"\s*(?:는|은|이|가|:|=)?\s*)"
    r"([A-Za-z]{0,3}\d[\dA-Za-z\-]{2,})"
)

# Korean passport numbers: one letter then 8 digits (M12345678, "M 1234 5678"), or the newer
# letter-digits-letter-digits form (M123A4567).
_PASSPORT = re.compile(
    r"(?<![A-Za-z0-9])[MSRODGmsrodg](?:[\s\-]?(?:\d[\s\-]?){7}\d|\d{3}[A-Za-z]\d{4,5})(?![A-Za-z0-9])")

# Any other run of 9+ digits (dashes allowed between them): account, card, certificate numbers.
# 8 digits are left alone so that a compact date ("20230325") survives.
_LONG_DIGITS = re.compile(r"(?<![\d])\d(?:-?\d){8,}(?!\d)")

# Three or more Sino-Korean digit syllables in a row: the NLU reads those as a number (numerals.py).
_SINO_RUN = re.compile(r"[영공일이삼사오육륙칠팔구]{3,}")
# Anything that could hold personal data: a digit, an @, a spoken @, a Sino-Korean number, or a
# character the NLU would fold (full-width forms, zero-width characters …).
_MAY_HOLD_DATA = re.compile(r"[\d@]|골뱅이|[영공일이삼사오육륙칠팔구]{3}")
_ANY_DIGIT = re.compile(r"\d")
_EIGHT_DIGITS = re.compile(r"(?:\d\D*){7}\d")
_MASKED = "\x00"  # stands in the reading for what is masked already (never in a folded text)


def mask(text: str | None) -> str:
    """Return ``text`` with personal data replaced by labels; ``None`` becomes ``""``."""
    if not text:
        return ""
    plain = is_plain(text)
    if plain and not _MAY_HOLD_DATA.search(text):
        return text
    reading = _Reading(text, plain)
    view = reading.view
    if "@" in view or "골뱅이" in view:
        reading.mask_pattern(_EMAIL, EMAIL_LABEL)
        reading.mask_pattern(_EMAIL_SPOKEN, EMAIL_LABEL)
    many_digits = _EIGHT_DIGITS.search(view) is not None  # fewer: no phone, 주민등록번호 or passport
    if many_digits:
        reading.mask_joined_numbers()
        reading.mask_rrn_halves()
    if _ANY_DIGIT.search(view):
        reading.mask_pattern(_NUMBER_AFTER_LABEL, NUMBER_LABEL, group=2)
    if many_digits:
        reading.mask_pattern(_PASSPORT, PASSPORT_LABEL)
        reading.mask_pattern(_LONG_DIGITS, NUMBER_LABEL)
    return reading.masked()


@lru_cache(maxsize=512)
def _folded(char: str) -> str:
    folded = fold_char(char)
    if len(folded) == 1 and not folded.isascii() and folded.isdecimal():
        return str(unicodedata.decimal(folded))  # "٣": the NLU's int() reads any decimal digit
    return folded


class _Reading:
    """The text as the NLU reads it (``view``), each of its characters traced back to the character
    typed (``origin``), and the spans masked so far."""

    def __init__(self, text: str, plain: bool) -> None:
        self.text = text
        unusual = None if plain else {c for c in set(text) if _folded(c) != c}
        if not unusual:  # every character reads as typed
            view, self.origin = text, None
        else:
            chars: list[str] = []
            origin: list[int] = []
            for index, char in enumerate(text):
                folded = _folded(char) if char in unusual else char
                chars.append(folded)
                origin.extend([index] * len(folded))
            view, self.origin = "".join(chars), origin
        self.view = _SINO_RUN.sub(_sino_digits, view)
        self.spans: list[tuple[int, int, str]] = []  # in the typed text

    def mark(self, start: int, end: int, label: str) -> None:
        if start >= end:
            return
        self.view = self.view[:start] + _MASKED * (end - start) + self.view[end:]
        if self.origin is None:
            self.spans.append((start, end, label))
        else:
            self.spans.append((self.origin[start], self.origin[end - 1] + 1, label))

    def mask_pattern(self, pattern: re.Pattern[str], label: str, group: int = 0) -> None:
        for match in list(pattern.finditer(self.view)):
            self.mark(match.start(group), match.end(group), label)

    def mask_joined_numbers(self) -> None:
        """Phone numbers and 주민등록번호 among digit groups joined by separators: from each group,
        the longest run of joined groups that reads as one."""
        for stretch in list(_JOINED_NINE.finditer(self.view)):
            self._mask_joined_in(stretch.start(), stretch.end())

    def _mask_joined_in(self, start: int, end: int) -> None:
        groups = list(_GROUP.finditer(self.view, start, end))
        i = 0
        while i < len(groups):
            found = None
            sizes: list[int] = []
            digits = ""
            for j in range(i, len(groups)):
                if j > i and not _JOINER.fullmatch(self.view, groups[j - 1].end(), groups[j].start()):
                    break
                digits += groups[j].group()
                sizes.append(len(groups[j].group()))
                if len(digits) > RRN_DIGITS:
                    break
                label = _number_label(digits, sizes)
                if label is not None:
                    found = (j, label)
            if found is None:
                i += 1
                continue
            j, label = found
            begin = groups[i].start()
            if label == PHONE_LABEL and begin > 0 and self.view[begin - 1] == "+":
                begin -= 1
            self.mark(begin, groups[j].end(), label)
            i = j + 1

    def mask_rrn_halves(self) -> None:
        for match in list(_RRN_HALVES.finditer(self.view)):
            first = 1 if match.group(1) else 2
            self.mark(match.start(first), match.end(first), RRN_LABEL)
            self.mark(match.start(4), match.end(4), RRN_LABEL)

    def masked(self) -> str:
        if not self.spans:
            return self.text
        out: list[str] = []
        position = 0
        for start, end, label in sorted(self.spans):
            if end <= position:  # inside a span masked already
                continue
            if start >= position:
                out.append(self.text[position:start])
                out.append(label)
            position = max(position, end)
        out.append(self.text[position:])
        return "".join(out)


def _sino_digits(match: re.Match[str]) -> str:
    return "".join(str(parse_sino(syllable)) for syllable in match.group())


def _number_label(digits: str, sizes: list[int]) -> str | None:
    """What the digits of joined groups of these sizes are, or None when nothing personal. Only the
    shapes people type count: one group, digit by digit, or a phone number's last group of four
    or more ("010 8765 4321"), a 주민등록번호's back half whole after a front half of six ("91 02 03 -
    2345678"). Dates next to each other ("2023-03-25 2023-04-08") have neither shape."""
    if len(sizes) == 1 or max(sizes) == 1:
        shaped_phone = shaped_rrn = True
    else:
        shaped_phone = sizes[-1] >= 4
        shaped_rrn = sizes[-1] == RRN_DIGITS - RRN_FRONT
    if shaped_phone and (_MOBILE.fullmatch(digits) or _LANDLINE.fullmatch(digits) or _ABROAD.fullmatch(digits)):
        return PHONE_LABEL
    if shaped_rrn and len(digits) == RRN_DIGITS:
        return RRN_LABEL
    return None


_CLEAN_KEPT = 8192
_CLEAN_MAX_CHARS = 300
_known_clean: dict[str, None] = {}


def mask_repeated(text: str | None) -> str:
    """``mask`` for texts that come again and again (button presses, common questions, dates).

    Remembers texts found to hold *no* personal data (bounded, process memory only), so they are
    not scanned again; a text that holds some is masked every time and never remembered: no
    personal data is ever kept by this cache."""
    if not text:
        return ""
    if text in _known_clean:
        return text
    masked = mask(text)
    if masked == text and len(text) <= _CLEAN_MAX_CHARS:
        keep(_known_clean, _CLEAN_KEPT, text, None)
    return masked


def holds_personal_data(text: str) -> bool:
    """True when ``mask`` would change ``text`` (a phone number, 주민등록번호, e-mail …)."""
    return mask_repeated(text) != text


@lru_cache(maxsize=4096)
def mask_reply(text: str) -> str:
    """``mask`` for the bot's own replies. They repeat (the same fact, the same refund table), and
    masking a long one costs ~0.1 ms, so results are kept in a bounded cache (process memory only)."""
    return mask(text)
