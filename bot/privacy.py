"""Mask personal data in text before anything is stored or logged.

``mask(text)`` replaces 주민등록번호/외국인등록번호, phone numbers, e-mail addresses, passport numbers,
certificate/registration numbers and other long digit runs with a bracketed label such as
``[전화번호]``. The label keeps the log readable for staff ("what did applicants ask?") without the
data itself. Dates ("2023-03-25", "2023. 3. 25."), times, scores and amounts are left alone: they
are what the bot needs to understand a question and are not personal.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .bounded import keep

__all__ = ["mask", "mask_reply", "MASKS"]

# Starting only where a run of local-part characters starts gives the same matches and keeps the
# scan linear: without it 1,000 letters cost ~2 ms (every start position rescans the run).
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")

# ######-####### : resident (back part starts 1-4) and alien (5-8) registration numbers; with or
# without the dash, with stray spaces around it. Any 6+7 digit shape counts, valid birth date or not:
# a mistyped number is still personal.
_RRN = re.compile(r"(?<![\d-])\d{6}\s?[-–—]?\s?\d{7}(?![\d-])")

# Mobile (010, 011, 016-019), with +82 / 82 country code, and landlines (02, 031-064, 070).
_MOBILE = re.compile(
    r"(?<![\d-])(?:\+?\s?82[\s.-]?\(?0?\)?|0)1[016789][\s.)-]?\d{3,4}[\s.-]?\d{4}(?!\d)"
)
_LANDLINE = re.compile(
    r"(?<![\d-])(?:\+?\s?82[\s.-]?\(?0?\)?|0)(?:2|[3-6][1-5]|70)[\s.)-]?\d{3,4}[\s.-]?\d{4}(?!\d)"
)

# "자격증번호 : 12345678", "등록번호는 23-1234567", "수험번호 1234": the number after such a word.
_NUMBER_AFTER_LABEL = re.compile(
    r"((?:자격증|자격|등록|면허|수험|여권|증명서|발급|주민|외국인|계좌|카드|회원|학번)\s*번호"
    r"\s*(?:는|은|이|가|:|：|=)?\s*)"
    r"([A-Za-z]{0,3}\d[\dA-Za-z\-]{2,})"
)

# Korean passport numbers: one letter then 8 digits (M12345678), or the newer letter-digits-letters form.
_PASSPORT = re.compile(r"(?<![A-Za-z0-9])[MSRODGmsrodg]\d{3}[A-Za-z]?\d{4,5}(?![A-Za-z0-9])")

# Any other run of 9+ digits (dashes allowed between them): account, card, certificate numbers.
# 8 digits are left alone so that a compact date ("20230325") survives.
_LONG_DIGITS = re.compile(r"(?<![\d])\d(?:-?\d){8,}(?!\d)")

_MAY_HOLD_DATA = re.compile(r"[\d@]")

MASKS: tuple[tuple[re.Pattern[str], str], ...] = (
    (_EMAIL, "[이메일]"),
    (_RRN, "[주민등록번호]"),
    (_MOBILE, "[전화번호]"),
    (_LANDLINE, "[전화번호]"),
    (_PASSPORT, "[여권번호]"),
    (_LONG_DIGITS, "[번호]"),
)


def mask(text: str | None) -> str:
    """Return ``text`` with personal data replaced by labels; ``None`` becomes ``""``."""
    if not text:
        return ""
    if not _MAY_HOLD_DATA.search(text):  # every pattern needs a digit or an @
        return text
    masked = _EMAIL.sub("[이메일]", text)
    masked = _RRN.sub("[주민등록번호]", masked)
    masked = _MOBILE.sub("[전화번호]", masked)
    masked = _LANDLINE.sub("[전화번호]", masked)
    masked = _NUMBER_AFTER_LABEL.sub(lambda m: m.group(1) + "[번호]", masked)
    masked = _PASSPORT.sub("[여권번호]", masked)
    masked = _LONG_DIGITS.sub("[번호]", masked)
    return masked


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
