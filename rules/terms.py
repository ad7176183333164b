"""Finding the notice's terms in free text, driven by the aliases in the knowledge file.

Works on a single word ("토익") and on a whole sentence ("토익 2021년 3월 750점 인정돼요?"). Matching
ignores case, spaces and joiners (``-``, ``.``, ``·``) inside a term, so "토플 iBT", "토플IBT" and
"TOEFL-iBT" are the same. Where several terms overlap, the longest wins ("대학교 학생증" over
"학생증", "국가기술자격증" over "국가자격증"). Latin aliases only match whole words ("ibt" not in
"ibtx") so that short English aliases cannot fire inside other words.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, TypeVar

from .types import AmbiguousInput, IdGroup, RefundReason

K = TypeVar("K")

# Characters that may appear inside a term as written without changing it.
_JOINERS = r"[\s\-_.·・/]*"
_JOINER_CHARS = re.compile(r"[\s\-_.·・/]+")


def words(exam):
    """The lexicon's word lists (``knowledge/lexicon.yaml``), attached to the exam by the loader."""
    if exam.lexicon is None:
        raise ValueError("this exam has no lexicon attached: load it with knowledge.load_exam()")
    return exam.lexicon.words


def normalize(text: str) -> str:
    """NFC + lower case: keeps the length of Korean and ASCII text, so spans map back."""
    return unicodedata.normalize("NFC", text).lower()


def compact(text: str) -> str:
    """Normalized, without spaces and joiners: the form aliases are compared in."""
    return _JOINER_CHARS.sub("", normalize(text))


# Aliases that are also everyday Korean words: "하지" ends verbs ("신청하지 않았어요", "하지만"),
# "시각" is also "time of day" ("입실 시각"). They count only in a disability sense.
_HOMONYM_GUARDS = {
    "하지": (r"(?:(?<![가-힣])|(?<=상지))", r"(?!\s*(?:만|않|말|마|못|요|도\s*않))"),
    "시각": (r"(?<![가-힣])", r"(?!\s*(?:이|은|을|에|까지|부터|표시|확인))"),
}


@lru_cache(maxsize=4096)
def _compact_alias(alias: str) -> str:
    return compact(alias)


@lru_cache(maxsize=4096)
def _pattern(alias: str) -> re.Pattern[str] | None:
    chars = compact(alias)
    if not chars:
        return None
    # a two-letter alias is one word: "정전" is not "규정 전부"
    body = "".join(re.escape(c) for c in chars) if len(chars) <= 2 else _JOINERS.join(re.escape(c) for c in chars)
    prefix = r"(?<![a-z])" if chars[0].isascii() and chars[0].isalpha() else ""
    suffix = r"(?![a-z])" if chars[-1].isascii() and chars[-1].isalpha() else ""
    if chars in _HOMONYM_GUARDS:
        prefix, suffix = _HOMONYM_GUARDS[chars]
    return re.compile(prefix + body + suffix)


@dataclass(frozen=True)
class Match:
    key: object  # what the alias stands for (a test id, a row id, a group …)
    alias: str
    start: int  # span in the NFC text
    end: int

    @property
    def size(self) -> int:
        return len(compact(self.alias))


def find_all(text: str, terms: Iterable[tuple[K, str]]) -> list[Match]:
    """Every non-overlapping term in ``text``, longest first where they overlap, in text order."""
    haystack = normalize(text)
    # A term can only match where its letters stand in a row once joiners are dropped: a substring
    # test on the compact text rules most aliases out before any regex runs (same matches, faster).
    squeezed = _JOINER_CHARS.sub("", haystack)
    found: list[Match] = []
    for key, alias in terms:
        if _compact_alias(alias) not in squeezed:
            continue
        pattern = _pattern(alias)
        if pattern is None:
            continue
        for m in pattern.finditer(haystack):
            found.append(Match(key, alias, m.start(), m.end()))
    found.sort(key=lambda m: (-m.size, m.start))
    chosen: list[Match] = []
    for m in found:
        if all(m.end <= c.start or m.start >= c.end for c in chosen):
            chosen.append(m)
    return sorted(chosen, key=lambda m: m.start)


def _unique_keys(matches: Iterable[Match]) -> list:
    keys: list = []
    for m in matches:
        if m.key not in keys:
            keys.append(m.key)
    return keys


# --- English tests -------------------------------------------------------------------------------


def _followed_by_other_test(exam, text: str, end: int) -> bool:
    """Another test sold under a listed test's name follows ("토익스피킹" is not TOEIC)."""
    rest = compact(text[end:end + 12])
    return rest.startswith(tuple(words(exam).other_tests))


_WORD_START = re.compile(r"\s*[\w&]*")


def other_test_named(exam, text: str) -> str | None:
    """The phrase naming another test sold under a listed test's name ("토익 스피킹"), if any."""
    terms = [(t.id, alias) for t in exam.english.tests for alias in (t.id, t.name, *t.aliases)]
    terms += [(alias, alias) for alias in exam.english.ambiguous_aliases]
    haystack = normalize(text)
    for match in find_all(text, terms):
        if _followed_by_other_test(exam, haystack, match.end):
            following = _WORD_START.match(haystack, match.end)
            return f"{haystack[match.start:match.end]} {following.group().strip()}".strip()
    return None


def find_test_candidates(exam, text: str) -> list[str]:
    """Test ids named in ``text``; several when the word fits several tests ("토플" → PBT and iBT,
    from the knowledge file's ``ambiguous_aliases``). The first test named in the text counts."""
    terms: list[tuple[tuple[str, ...], str]] = [
        ((t.id,), alias) for t in exam.english.tests for alias in (t.id, t.name, *t.aliases)
    ]
    terms += [(tuple(ids), alias) for alias, ids in exam.english.ambiguous_aliases.items()]
    haystack = normalize(text)
    set_aside = _not_held(tuple(words(exam).set_aside))
    matches = [
        m for m in find_all(text, terms)
        if not _followed_by_other_test(exam, haystack, m.end) and not (set_aside and set_aside.match(text, m.end))
    ]
    return list(matches[0].key) if matches else []


def find_test(exam, text: str) -> str | None:
    """The English test id named in ``text`` (``"toeic"``), or None when none or ambiguous."""
    candidates = find_test_candidates(exam, text)
    return candidates[0] if len(candidates) == 1 else None


def resolve_test(exam, text: str):
    """The ``EnglishTest`` for ``text``; raises ``AmbiguousInput``/``InvalidInput`` otherwise."""
    from .types import InvalidInput

    by_id = {t.id: t for t in exam.english.tests}
    if text in by_id:
        return by_id[text]
    candidates = find_test_candidates(exam, text)
    names = {t.id: test_label(t) for t in exam.english.tests}
    if len(candidates) == 1:
        return by_id[candidates[0]]
    if len(candidates) > 1:
        raise AmbiguousInput("test_ambiguous", tuple(names[c] for c in candidates), said=text)
    raise InvalidInput("test_unknown", said=text, names=tuple(names.values()))


def test_label(test) -> str:
    return f"{test.name} {test.variant}" if test.variant and test.variant not in test.name else test.name


# --- refund reasons ------------------------------------------------------------------------------



def find_refund_reason(exam, text: str) -> RefundReason | None:
    """The refund reason in ``text``: a special case's aliases first, then plain cancellation."""
    terms = [(RefundReason(c.reason), alias) for c in exam.refund.cases for alias in (c.reason, *c.aliases)]
    matches = find_all(text, terms)
    if matches:
        # "입원했던 걸로 … 못 갔어요": the reason named wins over the plain absence around it
        return max(matches, key=lambda m: (m.key is not RefundReason.ABSENT, m.size)).key
    if find_all(text, [(RefundReason.CANCEL, w) for w in words(exam).cancel]):  # no special case of its own
        return RefundReason.CANCEL
    return None


# --- accommodation rows ----------------------------------------------------------------------------


def find_disability_rows(exam, text: str) -> list:
    """The accommodation table rows named in ``text`` (by their aliases), in text order."""
    rows = {r.id: r for r in exam.accommodation.rows}
    terms = [(r.id, alias) for r in exam.accommodation.rows for alias in (r.id, *r.aliases)]
    return [rows[k] for k in _unique_keys(find_all(text, terms))]


def find_disability(exam, text: str) -> str | None:
    """A canonical phrase for the rows named in ``text`` (each row's first alias, joined by a space),
    e.g. "시각 중증" or "상지 중증 하지"; ``rules.accommodation`` reads it back to the same rows."""
    rows = find_disability_rows(exam, text)
    return " ".join(r.aliases[0] for r in rows) if rows else None


# --- ID documents --------------------------------------------------------------------------------



def names_only_a_form(exam, phrase: str) -> bool:
    """Does an ID phrase name only a form of a document ("찍은 사진", "복사본"), no document itself?"""
    matches = find_all(phrase, id_terms(exam))
    return bool(matches) and all(m.key[0] == "rejected" for m in matches)


def _alongside(exam) -> frozenset[tuple[str, str]]:
    """The keys of ``id_terms`` for what is brought beside an ID, not as one (the admission ticket)."""
    return frozenset(("not_accepted", doc.id) for doc in exam.ids.not_accepted if doc.alongside)


def id_terms(exam) -> list[tuple[tuple[str, str], str]]:
    """(kind, key) → alias, for listed documents, not-accepted ones, rejected forms (key: document id)
    and ambiguous words (key: the word)."""
    terms: list[tuple[tuple[str, str], str]] = []
    for group in exam.ids.groups:
        for doc in group.documents:
            terms += [(("listed", doc.id), a) for a in (doc.name, *doc.aliases)]
    for doc in exam.ids.not_accepted:
        terms += [(("not_accepted", doc.id), a) for a in (doc.name, *doc.aliases)]
    for doc in exam.ids.rejected_forms:
        terms += [(("rejected", doc.id), a) for a in (doc.name, *doc.aliases)]
    # Words that could mean an accepted or a refused document ("자격증"): the rule asks which.
    terms += [(("ambiguous", alias), alias) for alias in exam.ids.ambiguous_aliases]
    return terms


@lru_cache(maxsize=8)
def _not_held(endings: tuple[str, ...]) -> re.Pattern[str] | None:
    """A document said as not held ("주민등록증은 당연히 없고 …") or set aside ("토익 말고"): its
    particle, a word at most, and one of the lexicon's endings — unlike "없으면", which asks what
    happens without it."""
    if not endings:
        return None
    return re.compile(r"\S{0,2}\s*(?:\S{1,3}\s+)?(?:" + "|".join(re.escape(e) for e in endings) + ")")


def find_id_document(exam, text: str) -> str | None:
    """The ID phrase as written in ``text``, with what qualifies it: "주민등록증 복사본",
    "모바일 운전면허증", "대학교 학생증". ``rules.identity.id_check`` reads the phrase back."""
    not_held = _not_held(tuple(words(exam).not_held + words(exam).set_aside))
    matches = [m for m in find_all(text, id_terms(exam)) if not (not_held and not_held.match(text, m.end))]
    beside = _alongside(exam)
    if any(m.key not in beside for m in matches):
        # "주민등록증 복사한 거랑 수험표 가져가면 되죠?": the ticket goes with the ID; the ID is judged
        matches = [m for m in matches if m.key not in beside]
    if not matches:
        return None
    matches += find_all(text, [("mobile", w) for w in words(exam).mobile])
    text = unicodedata.normalize("NFC", text)
    start = min(m.start for m in matches)
    start -= len(glued_prefix(text, start))  # "국제운전면허증": the word said, not the listed one inside it
    end = max(m.end for m in matches)
    return text[start:end].strip()


_GLUED_HANGUL = re.compile(r"[\uac00-\ud7a3]+$")  # Hangul syllables (re reads the escapes)


def glued_prefix(text: str, start: int) -> str:
    """The syllables written onto a term with no space before it ("국제" of "국제운전면허증")."""
    found = _GLUED_HANGUL.search(text, 0, start)
    return found.group() if found else ""


@lru_cache(maxsize=8)
def _age_pattern(units: tuple[str, ...], not_now: tuple[str, ...]) -> re.Pattern[str] | None:
    if not units:
        return None
    alternatives = "|".join(re.escape(w) for w in units)
    bounds = "|".join(re.escape(w) for w in not_now) or "(?!)"
    return re.compile(rf"(?<!\d)(\d{{1,2}})\s*(?:{alternatives})(?!\s*(?:{bounds}))")


def find_id_group(exam, text: str) -> IdGroup | None:
    """The applicant group named in ``text`` ("학생", "군인", "외국인") from the groups' aliases,
    else from an age said ("17살인데") in a group's ``ages``."""
    terms = [(IdGroup(g.id), a) for g in exam.ids.groups for a in g.aliases]
    terms += [(IdGroup(g.id), g.id) for g in exam.ids.groups]
    matches = find_all(text, terms)
    if matches:
        return max(matches, key=lambda m: m.size).key
    lexicon = words(exam)
    ages = _age_pattern(tuple(lexicon.age_units), tuple(lexicon.age_not_now))
    for said in ages.finditer(text) if ages else ():
        age = int(said.group(1))
        for group in exam.ids.groups:
            if group.ages and group.ages[0] <= age <= group.ages[1]:
                return IdGroup(group.id)
    return None


# --- regions -------------------------------------------------------------------------------------


def exam_regions(exam) -> list[str]:
    regions: list[str] = []
    for stage in exam.stages:
        regions += [r for r in stage.regions if r not in regions]
    for office in exam.offices:
        regions += [r for r in office.regions if r not in regions]
    return regions


def find_region(exam, text: str) -> str | None:
    """One of the exam regions ("서울", "부산", "대구", "광주", "대전") named in ``text``."""
    matches = find_all(text, [(r, r) for r in exam_regions(exam)])
    return matches[0].key if matches else None
