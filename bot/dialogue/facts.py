"""FACT intents are answered from the knowledge file's ``facts``: the fact whose intent matches,
chosen by its keywords, and by how much the message is worded like the fact itself, when several
facts share an intent (e.g. 1차 and 2차 timetables, the submission period and the envelope)."""
from __future__ import annotations

import math
import unicodedata
from collections import Counter, defaultdict

from bot.bounded import keep
from bot.privacy import holds_personal_data
from knowledge.schema import EnglishTest, Exam, Fact
from rules.figures import round_figures


def _squash(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower().replace(" ", "")


# Kinds of answer that a quoted fact gives and no calculator computes ("where", "whom to call").
QUOTED_KINDS = frozenset({"place", "contact", "documents"})
_WH_KINDS = frozenset({"date", "place", "amount", "contact"})  # asked with a question word
DISTINCT_KEYWORD = 3  # letters a keyword needs to name a fact alone
ASKS_WEIGHT = 4.0  # a matching kind of answer: worth a keyword of four characters
# A message worded like one fact's own text (its title, keywords and answer) throughout: worth a
# keyword of eight characters. Decides between a shared intent's facts when keywords say little.
LIKENESS_WEIGHT = 8.0


def _pairs(text: str) -> set[str]:
    squashed = _squash(text)
    return {squashed[i:i + 2] for i in range(len(squashed) - 1) if not squashed[i:i + 2].isdigit()}


class FactBook:
    texts_kept = 2048  # fact choices remembered (0: off); the answers themselves: Renderer

    def __init__(self, exam: Exam) -> None:
        self.exam = exam
        self.figures = round_figures(exam).as_variables()  # the dates facts may quote
        self._picked: dict[tuple, Fact] = {}  # (intent, the message's texts) -> the fact chosen
        self._by_intent: dict[str, list[tuple[Fact, tuple[tuple[str, ...], ...]]]] = defaultdict(list)
        self._words = self._weigh_words(exam.facts)
        for fact in exam.facts:
            # A keyword is its words: "1차 과목" matches "1차 시험 과목 뭐예요" too.
            keywords = tuple(tuple(_squash(w) for w in k.split()) for k in fact.keywords if k.strip())
            for intent in (fact.intent, *fact.also):
                self._by_intent[intent].append((fact, keywords))
        self._spread = self._keyword_spread()
        self._one_stage = {  # (fact id, stage) → the fact answered for that stage alone
            (fact.id, stage): fact.model_copy(update={"title": f"제{stage}차 {fact.title}", "answer": answer, "by_stage": {}})
            for fact in exam.facts for stage, answer in fact.by_stage.items()
        }
        self._stages = {  # fact id → the stage it is made for, if any
            fact.id: _stage_of(keywords) or _stage_of_periods(fact.periods)
            for candidates in self._by_intent.values() for fact, keywords in candidates
        }
        texts = [_squash(" ".join((f.title, *f.keywords, f.answer))) for f in exam.facts]
        self._everywhere = {  # keyword → how many facts of the round speak of it
            words: sum(all(w in t for w in words) for t in texts)
            for candidates in self._by_intent.values() for _, keywords in candidates for words in keywords
        }

    def has(self, intent: str) -> bool:
        return intent in self._by_intent

    def dates_a_period(self, intent: str) -> bool:
        """Is a fact of ``intent`` about a dated period of the round (asked "지금 …?", it answers
        for that moment)?"""
        return any(fact.periods for fact, _ in self._by_intent.get(intent, ()))

    def pick(
        self, intent: str, *texts: str, stage: int | None = None, asks: tuple[str, ...] = (),
    ) -> Fact | None:
        """The fact for ``intent`` whose keywords the message mentions most; the first on a tie.
        ``stage`` (1 or 2, said in the message): when no keyword decides, or the winner is made for
        the other stage, that stage's own fact ("2차 시험은요?" → 제2차 시험 시간표). ``asks``: the
        kinds of answer asked for ("documents", "place"); a fact made for them wins a tie."""
        candidates = self._by_intent.get(intent)
        if not candidates:
            return None
        if len(candidates) == 1:
            return candidates[0][0]
        if self.texts_kept <= 0 or any(holds_personal_data(t) for t in texts):  # never kept: PII
            return self._choose(intent, candidates, texts, stage, asks)
        key = (intent, texts, stage, asks)
        if key not in self._picked:
            keep(self._picked, self.texts_kept, key, self._choose(intent, candidates, texts, stage, asks))
        return self._picked[key]

    def for_situation(self, intents, situations, asks=()) -> Fact | None:
        """The fact of one of ``intents`` made for the applicant's situation (the most situations
        in common; the earlier intent on a tie), or None. A fact made for a kind of answer (the
        documents of a 한국부동산원 employee) is the answer only when that kind is asked."""
        said = set(situations or ())
        if not said:
            return None
        asked = set(asks or ())
        best, best_hits = None, 0
        for intent in intents:
            for fact, _ in self._by_intent.get(intent, ()):
                if fact.asks and not asked.intersection(fact.asks):
                    continue
                hits = len(said.intersection(fact.situations))
                if hits and asked.intersection(fact.asks):
                    hits += 0.5  # of two facts for the situation, the one made for what is asked
                if hits > best_hits:
                    best, best_hits = fact, hits
        return best

    def for_asks(self, intents, asks, kinds=None) -> Fact | None:
        """The fact of one of ``intents`` made for a kind of answer asked for ("place", "date" …)
        other than a computation, or None. Only the kinds a calculator does not answer count
        (``kinds``: others)."""
        asked = set(asks or ()) & (QUOTED_KINDS if kinds is None else kinds)
        if not asked:
            return None
        for intent in intents:
            for fact, _ in self._by_intent.get(intent, ()):
                if asked.intersection(fact.asks):
                    return fact
        return None

    def for_year(self, intent: str | None, year: int | None) -> Fact | None:
        """A fact of ``intent`` in which the notice itself speaks of ``year`` (2024년 최소합격인원)."""
        for fact, _ in self._by_intent.get(intent or "", ()):
            if year in fact.years:
                return fact
        return None

    def by_id(self, fact_id: str | None) -> Fact | None:
        return next((f for f in self.exam.facts if f.id == fact_id), None) if fact_id else None

    def named_alone(self, intent: str, text: str) -> Fact | None:
        """The fact of ``intent`` that the message names by a keyword of at least three letters
        that no other fact of the round has, when exactly one fact is so named."""
        haystack = _squash(text)
        named = {
            fact.id: fact for fact, keywords in self._by_intent.get(intent, ())
            for words in keywords
            if sum(map(len, words)) >= DISTINCT_KEYWORD and all(w in haystack for w in words)
            and self._everywhere.get(words, 0) == 1
        }
        return next(iter(named.values())) if len(named) == 1 else None

    def stage_of(self, fact_id: str | None) -> int | None:
        """1 or 2 when the fact ``fact_id`` is one stage's own ("2차 과목"), else None."""
        return self._stages.get(fact_id) if fact_id else None

    def for_one_stage(self, fact: Fact, stage: int | None) -> Fact:
        """``fact`` as answered for ``stage`` alone, when its answer covers both stages."""
        return self._one_stage.get((fact.id, stage), fact)

    def for_stage(self, intent: str, stage: int) -> Fact | None:
        """The fact of ``intent`` made for one stage ("2차 과목", "2차 시간표"), when there is one."""
        for fact, keywords in self._by_intent.get(intent, ()):
            if self._stages.get(fact.id) == stage:
                return fact
        return None

    def only_for_the_other_stage(self, fact: Fact, stage: int | None) -> int | None:
        """The stage ``fact`` is stated for when a question asks it of the other one and the notice
        states the topic for no other ("2차도 가답안 공개하나요?": only the 1차's are); else None."""
        made_for = self._stages.get(fact.id)
        if stage not in (1, 2) or made_for in (None, stage) or fact.by_stage:
            return None
        return made_for if self.for_stage(fact.intent, stage) is None else None

    def _choose(self, intent: str, candidates, texts: tuple[str, ...], stage: int | None, asks) -> Fact:
        best, named, keywords = self._best(candidates, texts, asks, intent)
        # a stage said and no keyword naming a fact ("2차는요?"): that stage's own fact
        if stage in (1, 2) and (not named or _stage_of(keywords) not in (None, stage)):
            return self.for_stage(intent, stage) or best
        return best

    def _keyword_spread(self) -> dict[tuple[str, tuple[str, ...]], int]:
        """(intent, keyword) → how many of the intent's facts speak of it (title, keywords, answer):
        "시험장" is in every exam-place fact and says little about which one is asked; "주차" is in
        one."""
        spread = {}
        for intent, candidates in self._by_intent.items():
            texts = [_squash(" ".join((f.title, *f.keywords, f.answer))) for f, _ in candidates]
            for _, keywords in candidates:
                for words in keywords:
                    spread[(intent, words)] = max(1, sum(all(w in t for w in words) for t in texts))
        return spread

    @staticmethod
    def _weigh_words(facts) -> dict[str, tuple[dict[str, float], float]]:
        """Per fact: its title's, keywords' and answer's letter pairs weighed by how few facts
        share them (tf-idf), and the weights' norm."""
        bags = {f.id: Counter(p for text in (f.title, *f.keywords, f.answer) for p in _pairs(text)) for f in facts}
        spread = Counter(p for bag in bags.values() for p in bag)
        weighed = {}
        for fact_id, bag in bags.items():
            weights = {p: n * math.log(len(bags) / spread[p]) for p, n in bag.items()}
            weighed[fact_id] = (weights, math.sqrt(sum(w * w for w in weights.values())) or 1.0)
        return weighed

    def likeness(self, fact: Fact, message_pairs: set[str]) -> float:
        """0..1: how much of the fact's distinctive wording the message shares (cosine)."""
        weights, norm = self._words[fact.id]
        if not message_pairs:
            return 0.0
        return sum(weights.get(p, 0.0) for p in message_pairs) / (norm * math.sqrt(len(message_pairs)))

    def _best(self, candidates, texts: tuple[str, ...], asks=(), intent: str = ""):
        haystack = " ".join(_squash(t) for t in texts if t)
        message_pairs = _pairs(haystack)
        asked = set(asks)
        if asked & _WH_KINDS:
            asked.discard("documents")  # "편의 서류 언제까지 내요?": the papers are what it is about, when is asked
        best, best_score, best_named, best_keywords = candidates[0][0], 0.0, False, candidates[0][1]
        for fact, keywords in candidates:
            # Longer keywords are more specific: weigh a hit by its length, shared by the facts of
            # the intent that also speak of it; the kind of answer asked for breaks a tie.
            named = sum(
                sum(map(len, words)) / self._spread.get((intent, words), 1)
                for words in keywords if all(w in haystack for w in words)
            )
            named += ASKS_WEIGHT * len(asked.intersection(fact.asks))
            score = named + LIKENESS_WEIGHT * self.likeness(fact, message_pairs)
            if score > best_score:
                best, best_score, best_named, best_keywords = fact, score, named > 0, keywords
        return best, best_named, best_keywords


def _stage_of(keywords: tuple[tuple[str, ...], ...]) -> int | None:
    """1 or 2 when a fact's keywords make it one stage's ("1차 과목", "2차 시간표"), else None."""
    for stage in (1, 2):
        if any(words and words[0].startswith(f"{stage}차") for words in keywords):
            return stage
    return None


def _stage_of_periods(periods) -> int | None:
    """1 or 2 when every dated period a fact quotes is one stage's ("stage1.provisional_answers")."""
    stages = {p.split(".", 1)[0] for p in periods or ()}
    return {"stage1": 1, "stage2": 2}.get(stages.pop()) if len(stages) == 1 else None


def named_tests(exam: Exam, slots) -> list[EnglishTest]:
    """The English tests a message names ("텝스" → TEPS; "토플" → PBT and iBT), in the notice's order."""
    if slots is None:
        return []
    ids = {slots.test} if slots.test else set(slots.test_options or ())
    return [t for t in exam.english.tests if t.id in ids]
