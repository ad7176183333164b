"""The notice's term vocabularies (English tests, ID documents, disabilities, refund reasons,
regions), read from the knowledge file's aliases through ``rules.terms``.

This is the only module of the NLU that knows where the vocabularies live. Each finder first checks
a precompiled alternation of every alias (spaces and joiners removed) against the compact text, so a
message that names none of them costs one regex search instead of a pass over every alias.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from rules import terms

from .normalize import compact
from .order import longest_first

# "저는 손주사위인데", "제가 맏사위라서": the applicant's own kinship, said with a copula
_OWN_ROLE = re.compile(r"(?:^|\s)(?:저는|제가|전|나는|내가|난)\s+([가-힣]+?)(?=(?:이|이에요|예요|입니다|인데|이라|라서|이고)(?:\s|[.,!?~]|$))")


def _alternation(aliases) -> re.Pattern[str] | None:
    words = sorted({compact(a.lower()) for a in aliases if compact(a.lower())}, key=longest_first)
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in words))


def _alternation_or(aliases, pattern: str) -> re.Pattern[str]:
    words = _alternation(aliases)
    return re.compile(f"{words.pattern}|{pattern}" if words else pattern)


@dataclass(frozen=True)
class Finder:
    prefilter: re.Pattern[str] | None
    find: Callable[[str], object]

    def __call__(self, text: str, compact_text: str):
        if self.prefilter is None or not self.prefilter.search(compact_text):
            return None
        return self.find(text)


@dataclass(frozen=True)
class Vocabulary:
    exam: object
    test: Finder
    refund_reason: Finder
    disability: Finder
    document: Finder
    id_group: Finder
    region: Finder
    relative: Finder
    country: re.Pattern[str]
    countries: dict[str, str]  # word → ISO 3166 alpha-2
    test_names: re.Pattern[str]  # any English test alias, for the classifier's evidence
    names: tuple[str, ...] = ()  # every alias above: the words a typing slip is corrected to
    # an ID phrase naming only a form ("찍은 사진", "복사본"), no document: not by itself an ID question
    form_only: Callable[[str], bool] = lambda phrase: False


def _build(exam) -> Vocabulary:
    test_aliases = [a for t in exam.english.tests for a in (t.id, t.name, *t.aliases)]
    test_aliases += list(exam.english.ambiguous_aliases)
    reason_aliases = [a for c in exam.refund.cases for a in (c.reason, *c.aliases)] + ["취소", "cancel"]
    disability_aliases = [a for r in exam.accommodation.rows for a in r.aliases]
    vague_disabilities = [(a, a) for a in exam.accommodation.ambiguous_aliases]

    def find_disability(text: str) -> str | None:
        """A row's phrase, or the kind said without what decides its row ("시각장애": 중증? 경증?)."""
        found = terms.find_disability(exam, text)
        if found:
            return found
        vague = terms.find_all(text, vague_disabilities)
        return vague[0].alias if vague else None

    id_aliases = [alias for _, alias in terms.id_terms(exam)]
    group_aliases = [a for g in exam.ids.groups for a in g.aliases]
    regions = list(terms.exam_regions(exam))
    other_regions = terms.words(exam).other_regions  # not exam regions: "the notice does not say"
    countries = terms.words(exam).countries  # "해외"/"국외" without a country: "ZZ"

    def find_region(text: str) -> str | None:
        found = terms.find_region(exam, text)
        if found:
            return found
        hits = [(text.find(r), r) for r in other_regions if r in text]
        return min(hits)[1] if hits else None

    def find_reason(text: str) -> str | None:
        reason = terms.find_refund_reason(exam, text)
        return reason.value if reason is not None else None

    relative_words = [w for c in exam.refund.cases for ws in c.relative_words.values() for w in ws]
    relative_terms = [(w, w) for w in relative_words]

    def find_relative(text: str) -> str | None:
        """The relative words as written, joined ("사촌 형"): the refund rule judges the phrase. A
        kin word the applicant says of themselves ("저는 손주사위인데") names no one who died."""
        roles = [m.span(1) for m in _OWN_ROLE.finditer(text)]
        found = [
            m for m in terms.find_all(text, relative_terms)
            if not _tail_of_known_word(text, m) and not any(a <= m.start and m.end <= b for a, b in roles)
        ]
        return " ".join(m.alias for m in found) if found else None

    age_units = "|".join(re.escape(w) for w in exam.lexicon.words.age_units) or "(?!)"

    def find_group(text: str) -> str | None:
        group = terms.find_id_group(exam, text)
        return group.value if group is not None else None

    # rules.terms compiles one pattern per alias on first use: do it now, not on a user's message
    warm = "모바일 주민등록증 복사본 학생 군인 토익 토플 입원 취소 시각 중증 부산 인천"
    for finder in (find_region, find_reason, find_group):
        finder(warm)
    terms.find_test_candidates(exam, warm)
    terms.find_disability(exam, warm)
    terms.find_id_document(exam, warm)

    return Vocabulary(
        exam=exam,
        test=Finder(_alternation(test_aliases), lambda text: terms.find_test_candidates(exam, text)),
        refund_reason=Finder(_alternation(reason_aliases), find_reason),
        disability=Finder(_alternation(disability_aliases + [a for a, _ in vague_disabilities]), find_disability),
        document=Finder(_alternation(id_aliases), lambda text: terms.find_id_document(exam, text)),
        form_only=lambda phrase: terms.names_only_a_form(exam, phrase),
        id_group=Finder(_alternation_or(group_aliases, rf"\d(?:{age_units})"), find_group),  # "17살인데": an age
        region=Finder(_alternation(regions + list(other_regions)), find_region),
        relative=Finder(_alternation(relative_words), find_relative),
        country=re.compile("|".join(re.escape(c) for c in sorted(countries, key=longest_first))),
        countries=dict(countries),
        test_names=_alternation(test_aliases),
        names=tuple(dict.fromkeys([
            *test_aliases, *reason_aliases, *disability_aliases, *(a for a, _ in vague_disabilities),
            *id_aliases, *group_aliases, *regions, *other_regions, *relative_words, *countries,
        ])),
    )


_CACHE: dict[int, Vocabulary] = {}
_DEFAULT: Vocabulary | None = None


def vocabulary(exam=None) -> Vocabulary:
    """The vocabulary of ``exam`` (default: the active round from ``knowledge.load_exam()``, loaded
    once). Built once per exam *object*: two files may share a round id and differ (an edited
    copy), so the key is the object itself, and the cached vocabulary holds it (its id cannot be
    reused while cached). The engine passes its own exam on every message."""
    global _DEFAULT
    if exam is None:
        # the active round, loaded once: resolving the configured file on every message costs more
        # than the rest of the NLU together
        if _DEFAULT is None:
            from knowledge import load_exam

            _DEFAULT = vocabulary(load_exam())
        return _DEFAULT
    cached = _CACHE.get(id(exam))
    if cached is None or cached.exam is not exam:
        if len(_CACHE) > 4:
            _CACHE.clear()
        cached = _CACHE[id(exam)] = _build(exam)
    return cached


def _tail_of_known_word(text: str, match) -> bool:
    """A word found as the end of a longer word the bot knows ("애인" of "장애인")."""
    from .known import corpus

    prefix = terms.glued_prefix(text, match.start)
    return bool(prefix) and (prefix[-1] + text[match.start:match.end]) in corpus()
