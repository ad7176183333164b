"""Fuzzy Korean search over the whole notice and the knowledge facts, for the staff page.

Korean typos usually change one letter (jamo) inside a syllable ("환블" for "환불"), which a
syllable-level comparison counts as a whole wrong character. So both the query and the text are
compared decomposed into jamo (Unicode NFD splits every Hangul syllable into its 2–3 letters), with
rapidfuzz's ``partial_ratio``: each query word is looked for anywhere in a paragraph, the paragraph
scores the mean of its words' best matches, and a section scores its best paragraph (with a bonus
when the words are in its title). The hit shows the matching paragraph, not the whole section.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz, process

MIN_SCORE = 70.0
RELATIVE_CUTOFF = 15.0
_TAG = re.compile(r"<[^>]{1,200}>")  # the notice's tables carry a few HTML list tags
MAX_QUERY_CHARS = 200
SNIPPET_CHARS = 320


def jamo(text: str) -> str:
    """Lower-cased, spaces squeezed, Hangul syllables split into their letters."""
    return unicodedata.normalize("NFD", re.sub(r"\s+", " ", text.lower()).strip())


@dataclass(frozen=True)
class Hit:
    kind: str  # "notice" (a section of the notice) or "fact" (a curated answer)
    clause: str
    title: str
    snippet: str
    score: float
    quote: str = ""

    def to_json(self) -> dict:
        return {
            "kind": self.kind, "clause": self.clause, "title": self.title, "snippet": self.snippet,
            "score": round(self.score, 1), "quote": self.quote,
        }


@dataclass(frozen=True)
class _Unit:
    doc: int  # index into NoticeSearch._docs
    text: str  # what is shown
    searched: str = ""  # what is matched, when more than the shown text (a fact's keywords)


class NoticeSearch:
    def __init__(self, exam) -> None:
        from knowledge import notice_sections

        self._docs: list[dict] = []
        units: list[_Unit] = []
        for section in notice_sections(exam):
            self._docs.append({"kind": "notice", "clause": section.clause, "title": section.title, "quote": ""})
            for paragraph in _paragraphs(_TAG.sub(" ", section.text)):
                units.append(_Unit(len(self._docs) - 1, paragraph, paragraph))
        for fact in getattr(exam, "facts", ()) or ():
            source = fact.source
            self._docs.append({
                "kind": "fact", "clause": source.clause, "title": fact.title, "quote": source.quote or "",
            })
            keywords = " ".join(fact.keywords or ())
            units.append(_Unit(len(self._docs) - 1, fact.answer, f"{fact.answer}\n{keywords}"))
        self._units = units
        self._unit_keys = [jamo(u.searched) for u in units]
        self._title_keys = [jamo(f"{d['clause']} {d['title']}") for d in self._docs]

    def __len__(self) -> int:
        return len(self._docs)

    def search(self, query: str, limit: int = 10) -> list[Hit]:
        words = [jamo(w) for w in query[:MAX_QUERY_CHARS].split() if w.strip()]
        if not words:
            return []
        in_text = [_scores(w, self._unit_keys) for w in words]  # [word][paragraph]
        in_title = [_scores(w, self._title_keys) for w in words]  # [word][doc]
        title_score = [sum(col) / len(words) for col in zip(*in_title)]
        # the words next to each other, as typed, rank above the same words scattered
        phrase = _scores(" ".join(words), self._unit_keys) if len(words) > 1 else in_text[0]
        best: dict[int, tuple[float, int]] = {}
        for i, unit in enumerate(self._units):
            # a word found in the title counts as found in every paragraph of that section
            per_word = [max(in_text[w][i], in_title[w][unit.doc]) for w in range(len(words))]
            score = 0.75 * sum(per_word) / len(per_word) + 0.25 * phrase[i]
            score = min(100.0, score + 0.1 * title_score[unit.doc])
            if score > best.get(unit.doc, (-1.0, -1))[0]:
                best[unit.doc] = (score, i)
        ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))
        if not ranked:
            return []
        # far below the best match is noise, however many slots are left
        floor = max(MIN_SCORE, ranked[0][1][0] - RELATIVE_CUTOFF)
        hits = []
        for doc_index, (score, unit_index) in ranked:
            if score < floor or len(hits) >= limit:
                break
            doc = self._docs[doc_index]
            hits.append(Hit(
                kind=doc["kind"], clause=doc["clause"], title=doc["title"],
                snippet=_snippet(self._units[unit_index].text), score=score, quote=doc["quote"],
            ))
        return hits


def _scores(word: str, keys: list[str]) -> list[float]:
    scores = [0.0] * len(keys)
    for _, score, index in process.extract(word, keys, scorer=fuzz.partial_ratio, limit=None):
        scores[index] = float(score)
    return scores


def _paragraphs(text: str) -> list[str]:
    """Blank-line separated blocks; very long blocks (tables) split into runs of lines."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        block = block.strip()
        if not block:
            continue
        lines = block.splitlines()
        chunk: list[str] = []
        for line in lines:
            chunk.append(line)
            if sum(len(c) for c in chunk) > 400:
                out.append("\n".join(chunk))
                chunk = []
        if chunk:
            out.append("\n".join(chunk))
    return out


def _snippet(text: str) -> str:
    text = text.strip()
    return text if len(text) <= SNIPPET_CHARS else text[: SNIPPET_CHARS - 1].rstrip() + "…"
