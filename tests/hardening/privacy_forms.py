"""Personal data the way people type it, for the privacy properties (hypothesis strategies), and a
reader that says whether some of it can still be read in a text.

A generated ``Secret`` is one 주민등록번호, phone number, e-mail address or passport number, written
in one of the forms people use: full-width or mathematical digits, spaces, dots or any dash instead
of hyphens, zero-width characters between the digits, the two halves of a 주민등록번호 with words
between them, Sino-Korean digits ("공일공 팔칠육오 …"), "골뱅이" or spaces for the @. It is embedded
in a Korean sentence that holds no other digit.

``readable(secret, text)`` is independent of ``bot.privacy``: it folds the text the way Unicode
compatibility folding does (what the NLU reads), reads runs of three or more Sino-Korean digits as
digits (as the NLU's numerals do), and looks for the part that identifies the person: the back half
of the 주민등록번호, the subscriber part of the phone number, the passport's digits, the e-mail's
local part.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from hypothesis import strategies as st

SINO = dict(zip("0123456789", "공일이삼사오육칠팔구"))
_SINO_VALUE = {"영": "0", "공": "0", "일": "1", "이": "2", "삼": "3", "사": "4", "오": "5", "육": "6",
               "륙": "6", "칠": "7", "팔": "8", "구": "9"}
_SINO_RUN = re.compile("[" + "".join(_SINO_VALUE) + "]{3,}")
ZERO_WIDTH = ["\u200b", "\u200c", "\u2060", "\ufeff", "\u00ad"]
DASHES = ["-", "－", "‐", "‑", "‒", "–", "—", "―", "−", "﹣"]


@dataclass(frozen=True)
class Secret:
    kind: str  # "rrn", "phone", "email", "passport"
    typed: str  # as the applicant typed it
    identifying: str  # digits (or the e-mail local part) that must never be readable

    def in_sentence(self, before: str, after: str) -> str:
        return f"{before}{self.typed}{after}"


def readable_digits(text: str) -> str:
    """Every digit a reader of ``text`` can get back, in order, nothing else."""
    folded = unicodedata.normalize("NFKC", text)
    folded = _SINO_RUN.sub(lambda m: "".join(_SINO_VALUE[c] for c in m.group()), folded)
    return "".join(str(unicodedata.decimal(c)) for c in folded if c.isdecimal())


def _letters(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(c for c in folded if unicodedata.category(c)[0] != "C" and not c.isspace())


def readable(secret: Secret, text: str) -> bool:
    """Whether the identifying part of ``secret`` can be read in ``text``."""
    if secret.kind == "email":
        return secret.identifying in _letters(text)
    return secret.identifying in readable_digits(text)


# -- how digits are written -----------------------------------------------------------------------

def _fullwidth(digits: str) -> str:
    return "".join(chr(0xFF10 + int(d)) if d.isdigit() else d for d in digits)


def _math_bold(digits: str) -> str:
    return "".join(chr(0x1D7CE + int(d)) if d.isdigit() else d for d in digits)


def _sino(digits: str) -> str:
    return "".join(SINO.get(d, d) for d in digits)


digit_style = st.sampled_from([str, str, _fullwidth, _math_bold])


@st.composite
def _with_zero_width(draw, text: str) -> str:
    if not draw(st.booleans()):
        return text
    char = draw(st.sampled_from(ZERO_WIDTH))
    return char.join(text)


separator = st.sampled_from(["-", " ", "", ".", " - ", "  ", " . ", *DASHES[1:]])


@st.composite
def rrn(draw) -> Secret:
    front = "%02d%02d%02d" % (draw(st.integers(0, 99)), draw(st.integers(1, 12)), draw(st.integers(1, 31)))
    back = str(draw(st.integers(1, 8))) + "%06d" % draw(st.integers(0, 999999))
    form = draw(st.sampled_from(["joined", "joined", "words", "words reversed", "sino"]))
    style = draw(digit_style)
    if form == "joined":
        typed = style(front) + draw(separator) + style(back)
    elif form == "words":
        gap = draw(st.sampled_from([" 뒷자리 ", " 뒤 ", " 그리고 ", "/", " 뒷자리는 ", ", 뒤에는 "]))
        typed = draw(st.sampled_from(["앞자리 ", "앞 ", ""])) + style(front) + gap + style(back)
    elif form == "words reversed":
        typed = "뒷자리 " + style(back) + draw(st.sampled_from([" 앞자리 ", " 앞은 ", ", 앞자리는 "])) + style(front)
    else:
        typed = _sino(front) + draw(st.sampled_from(["-", " ", ""])) + _sino(back)
    return Secret("rrn", draw(_with_zero_width(typed)) if form == "joined" else typed, back)


@st.composite
def phone(draw) -> Secret:
    prefix = draw(st.sampled_from(["010", "010", "011", "016", "017", "019", "02", "031", "051", "064", "070"]))
    middle = draw(st.sampled_from(["%03d", "%04d"])) % draw(st.integers(0, 999))
    last = "%04d" % draw(st.integers(0, 9999))
    if prefix.startswith("01") and draw(st.integers(0, 4)) == 0:  # said in Sino-Korean digits
        typed = draw(st.sampled_from([" ", "-", ""])).join(_sino(part) for part in (prefix, middle, last))
    else:
        style = draw(digit_style)
        abroad = draw(st.sampled_from(["", "", "", "+82 ", "+82-", "82 ", "+82 (0)"]))
        area = style(prefix[1:] if abroad else prefix)
        if not abroad and draw(st.integers(0, 3)) == 0:
            area = f"({area})"
        sep1 = draw(separator)
        sep2 = sep1 if draw(st.booleans()) else draw(separator)
        typed = abroad + draw(_with_zero_width(area + sep1 + style(middle) + sep2 + style(last)))
    return Secret("phone", typed, (middle + last)[-7:])


@st.composite
def email(draw) -> Secret:
    local = draw(st.from_regex(r"[a-z][a-z0-9]{3,8}[._]?[a-z0-9]{2,6}", fullmatch=True))
    domain = draw(st.sampled_from(["naver.com", "gmail.com", "daum.net", "example.co.kr", "hanmail.net"]))
    form = draw(st.sampled_from(["plain", "plain", "fullwidth", "spaced", "golbaengi", "upper"]))
    if form == "plain":
        typed = f"{local}@{domain}"
    elif form == "fullwidth":
        typed = unicodedata.normalize("NFKC", f"{local}@{domain}").translate(
            {c: c + 0xFEE0 for c in range(0x21, 0x7F)})
    elif form == "spaced":
        typed = f"{local} @ {domain}"
    elif form == "golbaengi":
        typed = f"{local} 골뱅이 {domain}"
    else:
        typed = f"{local.upper()}@{domain.upper()}"
    return Secret("email", typed, local.casefold())


@st.composite
def passport(draw) -> Secret:
    letter = draw(st.sampled_from("MSROD"))
    digits = "%08d" % draw(st.integers(0, 99999999))
    form = draw(st.sampled_from(["plain", "spaced", "dashed", "fullwidth", "lower"]))
    typed = {
        "plain": f"{letter}{digits}",
        "spaced": f"{letter} {digits[:4]} {digits[4:]}",
        "dashed": f"{letter}{digits[:4]}-{digits[4:]}",
        "fullwidth": _fullwidth(letter.translate({ord(letter): ord(letter) + 0xFEE0}) + digits),
        "lower": f"{letter.lower()}{digits}",
    }[form]
    return Secret("passport", typed, digits)


secrets = st.one_of(rrn(), phone(), email(), passport())

# Korean around the secret: no digit and no run of Sino-Korean digits, so whatever digits are left
# in a masked sentence can only come from the secret.
before = st.sampled_from([
    "", "제 주민번호는 ", "주민등록번호 ", "연락처 ", "전화번호는 ", "메일 주소: ", "여권번호 ", "제 여권 ",
    "혹시 ", "접수할 때 적은 번호가 ", "\n", "본인 확인용으로 ",
])
after = st.sampled_from([
    "", " 이에요", " 입니다", " 로 연락 주세요", "로 접수했어요", " 맞나요?", "\n환불 되나요", " 확인 부탁드려요",
])


@st.composite
def sentences(draw) -> tuple[Secret, str]:
    secret = draw(secrets)
    return secret, secret.in_sentence(draw(before), draw(after))
