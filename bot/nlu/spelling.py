"""Typing slips in the words the bot reads: "졈수" → "점수", "기잔" → "기간", "즁증" → "중증", "홧불" → "환불".

A slip is one jamo typed wrong — a neighbouring vowel, a wrong initial or final consonant, a final
consonant added or dropped — inside a word the NLU looks for (a keyword of the phrasings, a word of
the lexicon, a name of the notice's vocabularies). A run of syllables is read as that word when

- the run holds a syllable pair that occurs nowhere in what the bot knows (the notice, the
  knowledge files, the phrasings and training messages): "기잔" is no Korean the bot has seen,
  while "인증", "정수" or "간식" are, and stay as they were typed;
- it is one jamo away from a term — of several, the one the knowledge uses most —
- the syllable that differs is one the bot has (almost) never seen ("졈", "즁", "홧"): everyday
  words the notice never uses ("싸가도", "가망") are made of ordinary syllables and are not bent
  into a term ("자가", "사망");
- and the word it sits in reads as known Korean once corrected ("플루미" does not become "플구미").

The table of chat spellings in ``normalize`` stays for what is not one jamo ("되나여", "토잌").
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from .order import longest_first



_FIRST, _LAST = 0xAC00, 0xD7A3
_SYLLABLE_RUN = re.compile(r"[가-힣]{2,}")
_PAIR = re.compile(r"(?=([가-힣]{2}))")
_VERB_ENDING = re.compile(r"(?:되|돼|됨|하|해|함|했)$")
SHORTEST, LONGEST = 2, 4  # syllables of a term a slip is looked for in
SLIP_SEEN = 2  # the mistyped syllable is one the bot has (almost) never seen: "졈", "즁", "홧"


def _jamo(syllable: str) -> tuple[int, int, int]:
    code = ord(syllable) - _FIRST
    return code // 588, (code // 28) % 21, code % 28


def _keys(word: str):
    """The word with each of its jamo in turn left open: two words of one length share a key when
    they differ in at most that one jamo."""
    jamo = [j for s in word for j in _jamo(s)]
    for position in range(len(jamo)):
        yield (len(word), position, tuple(jamo[:position]), tuple(jamo[position + 1:]))


@dataclass(frozen=True)
class Speller:
    index: dict[tuple, tuple[str, ...]]  # key → the terms that have it, most used first
    terms: frozenset[str]
    pairs: frozenset[str]  # adjacent syllables of the corpus
    syllables: Counter  # syllable → times in the corpus

    def correct(self, text: str) -> str:
        """``text`` with each slip replaced by its term; text without one comes back as it was."""
        if not self.index:
            return text
        return _SYLLABLE_RUN.sub(lambda m: self._word(m.group()), text)

    def _word(self, word: str) -> str:
        pairs = self.pairs
        unseen = [i for i in range(len(word) - 1) if word[i:i + 2] not in pairs]
        if not unseen:
            return word
        out = list(word)
        changed = False
        done: set[int] = set()
        for length in range(min(LONGEST, len(word)), SHORTEST - 1, -1):
            for start in range(len(word) - length + 1):
                span = range(start, start + length)
                if done.intersection(span) or not any(start <= i < start + length - 1 for i in unseen):
                    continue
                term = self._term(word[start:start + length])
                if term:
                    out[start:start + length] = term
                    done.update(span)
                    changed = True
        corrected = "".join(out)
        # a correction that leaves the word strange was no slip of it ("플루미" is not "플구미")
        if changed and all(corrected[i:i + 2] in pairs for i in range(len(corrected) - 1)):
            return corrected
        return word

    def _term(self, run: str) -> str | None:
        if run in self.terms:
            return None
        for key in _keys(run):
            for term in self.index.get(key, ()):
                slip = next(a for a, b in zip(run, term) if a != b)
                if self.syllables[slip] < SLIP_SEEN:
                    return term
        return None


def build(terms, corpus: str) -> Speller:
    """A speller for ``terms`` (any strings: their runs of 2–4 Hangul syllables, and those runs
    without a verb's ending, are the terms: "연장되" holds "연장"), ranking look-alike terms by how
    often ``corpus`` uses them."""
    runs = {run for t in terms for run in _SYLLABLE_RUN.findall(t) if len(run) <= LONGEST}
    words = runs | {_VERB_ENDING.sub("", run) for run in runs}
    words = {w for w in words if len(w) >= SHORTEST}
    if not words:
        return Speller({}, frozenset(), frozenset(), Counter())
    alternation = re.compile("|".join(re.escape(w) for w in sorted(words, key=longest_first)))
    used = Counter(alternation.findall(corpus))
    index: dict[tuple, list[str]] = {}
    for word in words:
        for key in _keys(word):
            index.setdefault(key, []).append(word)
    ranked = {k: tuple(sorted(v, key=lambda w: (-used[w], w))) for k, v in index.items()}
    syllables = Counter(ch for ch in corpus if _FIRST <= ord(ch) <= _LAST)
    pairs = frozenset(m.group(1) for m in _PAIR.finditer(corpus))
    return Speller(ranked, frozenset(words), pairs, syllables)

