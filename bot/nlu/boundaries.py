"""Where a word of the compact text really ends: "임신부도" (a pregnant applicant, and the particle
도) holds the letters of "부도" (bankruptcy) only across the end of "임신부".

Words are matched in the compact text (no spaces), so a keyword can start inside a longer known
word and end in that word's particle. Such a match is no word of the message: ``straddles`` tells.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .normalize import compact

# particles that follow a noun; a match that ends in one, right after a known word, began inside it
PARTICLES = ("에서", "으로", "이랑", "에도", "까지", "부터", "처럼", "도", "은", "는", "이", "가", "을", "를", "의", "에",
             "와", "과", "로", "만", "랑")
PARTICLE_SET = frozenset(PARTICLES)
LONGEST_WORD = 12  # compact letters of the longest known word looked back for


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """Every word the NLU knows as one (keywords, lexicon words, the notice's term aliases)."""
    from .classifier import model
    from .frames import lexicon_words
    from .normalize import compact
    from .vocab import vocabulary

    words = {*model().keyword_index, *lexicon_words(), *(compact(n) for n in vocabulary().names)}
    return frozenset(w for w in words if len(w) >= 2)


@lru_cache(maxsize=1)
def known_terms() -> frozenset[str]:
    """The names of things the NLU knows (the notice's terms, the lexicon's words) — not the
    classifier's keywords, which may be a question in themselves ("얼마돌려받")."""
    from .frames import lexicon_words
    from .normalize import compact
    from .vocab import vocabulary

    words = {*lexicon_words(), *(compact(n) for n in vocabulary().names)}
    return frozenset(w for w in words if len(w) >= 2)


def straddles(squeezed: str, start: int, end: int) -> bool:
    """Does a known word begin before ``start`` and end inside ``squeezed[start:end]``, leaving only a
    particle of it there?"""
    words = known_words()
    for cut in range(start + 1, end):
        if squeezed[cut:end] not in PARTICLE_SET:  # the rest of the match is a particle, no word ("가능")
            continue
        for begin in range(max(0, cut - LONGEST_WORD), start):
            if squeezed[begin:cut] in words:
                return True
    return False


def inside_longer(squeezed: str, start: int, end: int, *, terms_only: bool = False) -> bool:
    """Is ``squeezed[start:end]`` the beginning of a longer known word there ("시각" of "시각장애")?
    ``terms_only``: of a longer name of a thing (``known_terms``), not of any keyword."""
    words = known_terms() if terms_only else known_words()
    return any(
        squeezed[start:stop] in words and not squeezed.startswith(ENDINGS, end)  # "어디로" is still 어디
        for stop in range(end + 1, min(len(squeezed), start + LONGEST_WORD) + 1)
    )


ENDINGS = (*PARTICLES, "요", "서", "야", "인", "예", "이에")


# a syllable that starts the predicate after a noun ("환불 되나요" is 환불되나요)
_PREDICATE_START = frozenset("되돼하해받가나보봐있없안못주줘드알")


def split_off(word: str, text: str) -> bool:
    """Is the keyword in the message only as the words before a space and the first syllable of a
    known word after it ("계산 기준일" holds no 계산기: its 기 is 기준일's)? A predicate after a noun
    ("환불 되나요") is no other word."""
    if not text or word in text or len(word) < 3 or word[-1] in _PREDICATE_START:
        return False
    matches = list(_spaced(word).finditer(text))
    return bool(matches) and all(_takes_the_last_syllable(text, m) for m in matches)


@lru_cache(maxsize=2048)
def _spaced(word: str) -> re.Pattern[str]:
    """The keyword with a space allowed between any two of its letters."""
    return re.compile(r"\s?".join(re.escape(c) for c in word))


def _takes_the_last_syllable(text: str, match: re.Match[str]) -> bool:
    if match.group().rfind(" ") != len(match.group()) - 2:
        return False
    after = compact(text[match.end() - 1:].split(" ", 1)[0])
    words = known_words()
    return any(after[:n] in words for n in range(2, min(len(after), LONGEST_WORD) + 1))
