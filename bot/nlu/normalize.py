"""Text normalisation: the one form every other NLU step reads.

``normalize(text)`` is idempotent and bounded: whatever arrives (100,000 characters of emoji, bidi
overrides, lone surrogates) only the first ``MAX_CHARS`` characters are analysed, and every step is
a linear regex pass. Steps, in order:

1. cut to a bounded prefix, Unicode compatibility forms folded (full-width "ＴＯＥＩＣ３" → "toeic3"),
   *except* that Hangul jamo stay the jamo people typed ("ㅋㅋ", "ㅇㅇ", "ㄴㄴ");
2. control, format (bidi, zero-width), private-use and unassigned characters removed;
3. whitespace and runs of punctuation collapsed ("??!!" → "?", "ㅋㅋㅋㅋ" → "ㅋㅋ");
4. Latin lower-cased;
5. a table of typos and chat spellings ("토잌" → "토익", "되나여" → "되나요", "몇프로" → "몇 퍼센트");
6. Korean numerals read as numbers where a counter follows ("삼월 이십오일" → "3월 25일").
"""
from __future__ import annotations

import re
import unicodedata

from .numerals import korean_numerals_to_digits

MAX_CHARS = 500
_RAW_PREFIX = MAX_CHARS * 2  # compatibility folding can lengthen text ("㈜" → "(주)"); cut again after

# NFKC turns compatibility jamo (ㅋ U+314B) into conjoining jamo (U+110F), which renders broken and
# matches nothing; map those back to the compatibility jamo people type.
_CHOSEONG = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_JUNGSEONG = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_JONGSEONG = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"
_JAMO_BACK = {0x1100 + i: c for i, c in enumerate(_CHOSEONG)}
_JAMO_BACK.update({0x1161 + i: c for i, c in enumerate(_JUNGSEONG)})
_JAMO_BACK.update({0x11A8 + i: c for i, c in enumerate(_JONGSEONG)})

# Fast path: text made only of these needs no per-character category check.
_PLAIN = re.compile(r"[\x20-\x7e\uac00-\ud7a3\u3131-\u318e]*")
_KEEP_CATEGORIES_C = {"\n", "\t"}

_SPACES = re.compile(r"\s+")
# combining marks with nothing before them to combine with ("¨" folds to " ̈")
_LEADING_MARKS = re.compile(r"^[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\s]+")
_REPEATED_PUNCT = re.compile(r"([?!,~^;:*\-_=+/\\|])\1+")
_MIXED_END_PUNCT = re.compile(r"[?!]{2,}")
_REPEATED_JAMO = re.compile(r"([ㄱ-ㅎㅏ-ㅣ])\1{2,}")
_ELLIPSIS = re.compile(r"\.{2,}|…+")

# Typos and chat spellings seen in help-desk logs of this kind of bot. Order matters: longer first.
# Each entry is (regex, replacement); patterns run on lower-cased text.
_SPELLING: tuple[tuple[str, str], ...] = (
    # English test names
    (r"토잌|퇴익|토이크|토익크", "토익"),
    (r"토풀|토뿔", "토플"),
    (r"텝쓰|탭스|텦스", "텝스"),
    (r"지탤프|지텔푸|쥐텔프|쥐탤프|지텔브", "지텔프"),
    (r"아엘츠|아이엘즈|아이엘쯔|아이앨츠", "아이엘츠"),
    (r"g[\s.\-_]*telp", "g-telp"),
    # the exam itself
    (r"감평(?=법인|사무소|업무|업계|관련|실무|협회)", "감정평가"),  # "감평법인": the firm, not "감정평가사법인"
    (r"감평사?", "감정평가사"),
    (r"감정평가사(?=시험)", "감정평가사 "),
    # question endings
    (r"되나여|되나욤|되나용|되나영|되남요?|되나유|되냐요", "되나요"),
    (r"돼여|되여|돼욤|되욤|돼용|되용|되요", "돼요"),
    (r"가능한가여|가능한가욤|가능한가용", "가능한가요"),
    (r"인가여|인가욤|인가용", "인가요"),
    (r"나요여|나여(?=[?.!\s]|$)", "나요"),
    (r"있나여|있나욤|있나용", "있나요"),
    (r"하나여|하나욤|하나용", "하나요"),
    (r"언제에여|언제여(?=[?.!\s]|$)|언제임", "언제예요"),
    (r"얼마에여|얼마여(?=[?.!\s]|$)|얼마임", "얼마예요"),
    (r"어케|어캐|어뜨케|어떡게|어떠케|어떻케", "어떻게"),
    (r"몇\s*프로|몇\s*퍼(?![가-힣])|멫\s*프로", "몇 퍼센트"),
    (r"(?<=\d)\s*프로(?![가-힣])", "퍼센트"),
    (r"(?<![유어래타해프나])머(?=[가-힣?!.\s]|$)(?![리무물그신릿슴니핀스쓱])", " 뭐 "),  # not in "나머지"
    (r"멀\s*(?=가져|챙겨|준비|내야|해야)", "뭘 "),
    (r"몬\s*가", "못 가"),
    (r"낼\s*모[레래]|내일\s*모래", "내일모레"),
    # "낼" is also "will pay/submit" ("서류 낼 때"): only where it can only mean tomorrow
    (r"(?:^|(?<=\s))낼(?=\s*(?:취소|시험|오전|오후|아침|저녁|까지|은|도|이|접수|입금|요|\d|$))", "내일"),
    (r"상\s*당(?=했|해|하|한)", "상을 당"),
    (r"(?<![가-힣])모래(?=\s|$|에|까지|날)", "모레"),
    (r"그저께|그제(?=\s|$|에|날)", "그저께"),
    (r"몇\s*일(?=[이에까날째]|\s|[?!.]|$)|몇칠|며칠", "며칠"),  # the common misspelling of 며칠
    (r"담주|다음쭈", "다음 주"),
    (r"이번쭈|요번\s*주", "이번 주"),
    (r"월욜", "월요일"), (r"화욜", "화요일"), (r"수욜", "수요일"), (r"목욜", "목요일"),
    (r"금욜", "금요일"), (r"토욜", "토요일"), (r"일욜", "일요일"),
    # frequent misspellings of the notice's words
    (r"신붕증|신분쯩|신븐증|싱분증", "신분증"),
    (r"활불|환뷸|한불|환풀", "환불"),
    (r"젭수|접쑤", "접수"),
    (r"수험퓨|수엄표", "수험표"),
    (r"응시로(?=\s|$|가|는|얼마)", "응시료"),
    (r"가답얀|가답한", "가답안"),
    (r"게산기|계산긔", "계산기"),
    (r"화장싱|화장셀", "화장실"),
    (r"핸펀|핸폰|휴대전화", "휴대폰"),
    (r"주민증|민증(?![가-힣]*명)", "주민등록증"),
    # a private certificate named by its kind ("민간 바리스타 자격증"): the notice's 민간자격증
    (r"(민간|국가공인)\s*([가-힣a-z0-9]{2,8})\s*자격증", r"\1자격증(\2)"),
    # the notice's 사업주 and 직인 in everyday words ("대표님 도장을 못 받아요")
    (r"(?:대표|사장|원장)\s*님?(?=\s*(?:의\s*)?(?:도장|직인|날인|확인|서명|사인))", "사업주"),
    (r"(?<=사업주 )도장|(?<=사업주의 )도장|회사\s*도장|법인\s*도장", "직인"),
    # chat shorthand
    (r"^ㅇㅇ+|^ㅇㅋ+|^웅+(?![가-힣])|^ㅇㅇ(?=\s)", "응"),
    (r"^ㄴㄴ+", "아니"),
    (r"(?:ㄱㅅ)+|ㄳ+|(?:감사){2,}", "감사"),
    (r"^ㅎㅇ+", "안녕"),
    (r"넵+|넹+|네엡|넴(?![가-힣])", "네"),
    (r"시룸|싫어용", "싫어요"),
)
_SPELLING_COMPILED = tuple((re.compile(p), r) for p, r in _SPELLING)
# Most messages hold none of these: one search for any of them rules the whole table out (exactly:
# if no pattern matches the text, no substitution changes it, so neither can a later one).
_ANY_SPELLING = re.compile("|".join(f"(?:{p})" for p, _ in _SPELLING))

# "일차"/"이차" are how a stage is often typed; they are not worth a numeral rule of their own.
_STAGE_WORDS = (
    (re.compile(r"(?<![가-힣])일\s*차(?!적|원|함수|방정)"), "1차"),
    (re.compile(r"(?<![가-힣])이\s*차(?!적|원|함수|방정|전지)"), "2차"),
    (re.compile(r"첫\s*번째\s*(?=시험|차)|첫\s*시험"), "1차 시험 "),
    (re.compile(r"두\s*번째\s*(?=시험|차)"), "2차 시험 "),
)


def _fold(text: str) -> str:
    if text.isascii():
        return text
    for _ in range(3):  # dropping an old-Hangul jamo can bring two jamo together that then compose
        folded = unicodedata.normalize("NFKC", text)
        if any(0x1100 <= ord(c) <= 0x11FF for c in folded):
            folded = "".join(_JAMO_BACK.get(ord(c), c) for c in folded)
            folded = "".join(c for c in folded if not 0x1100 <= ord(c) <= 0x11FF)  # old-Hangul leftovers
        if folded == text:
            break
        text = folded
    return text


def _strip_invisible(text: str) -> str:
    if _PLAIN.fullmatch(text):
        return text
    kept = []
    for c in text:
        cat = unicodedata.category(c)
        if cat[0] == "C" and c not in _KEEP_CATEGORIES_C:  # Cc Cf Cs Co Cn: control, bidi, ZWJ …
            continue
        if cat in ("Mn", "Me") and not kept:  # combining marks with nothing to combine with
            continue
        kept.append(c)
    return "".join(kept)


def fold_char(char: str) -> str:
    """One character as steps 1–2 leave it ("９" → "9", "－" → "-", a zero-width space → ""), for a
    reader that maps what it finds back to the text as typed (bot.privacy)."""
    return _strip_invisible(_fold(_strip_invisible(char)))


def is_plain(text: str) -> bool:
    """Whether ``text`` is only printable ASCII and Hangul, which steps 1–2 leave as they are."""
    return _PLAIN.fullmatch(text) is not None


def normalize(text: str) -> str:
    """The normalised form of ``text`` (see the module doc). Never raises on a ``str``."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = text[:_RAW_PREFIX]
    text = _strip_invisible(_fold(_strip_invisible(text)))
    text = _ELLIPSIS.sub("...", text)
    text = _MIXED_END_PUNCT.sub(lambda m: "?" if "?" in m.group() else "!", text)
    text = _REPEATED_PUNCT.sub(r"\1", text)
    text = _REPEATED_JAMO.sub(r"\1\1", text)
    text = _SPACES.sub(" ", text).strip().lower()
    text = text[:MAX_CHARS]
    for _ in range(3):  # until nothing changes, so that normalize(normalize(x)) == normalize(x)
        before = text
        if _ANY_SPELLING.search(text):
            for pattern, replacement in _SPELLING_COMPILED:
                text = pattern.sub(replacement, text)
        for pattern, replacement in _STAGE_WORDS:
            text = pattern.sub(replacement, text)
        text = _SPACES.sub(" ", korean_numerals_to_digits(text)).strip()
        if text == before:
            break
        text = _fold(text)  # a replacement can put a jamo after a syllable it composes with ("ㄳㄺ")
    return _LEADING_MARKS.sub("", _SPACES.sub(" ", text).strip()[:MAX_CHARS]).strip()


_COMPACT = re.compile(r"[\s\-_.,·・/()\[\]{}'\"`~!?]+")


def compact(text: str) -> str:
    """Normalised text without spaces and joiners: the form keywords are matched in, so that
    "신분증 뭐 가능" and "신분증뭐가능" read the same."""
    return _COMPACT.sub("", text)
