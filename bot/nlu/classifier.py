"""Intent classification: curated keywords + fuzzy phrasings + slot evidence.

The data is ``knowledge/phrasings.yaml``: for every intent, weighted keywords (matched in the compact text,
i.e. without spaces, so "신분증뭐가능" and "신분증 뭐 가능" read alike) and example phrasings
(matched with rapidfuzz). Three kinds of evidence are added per intent:

- keywords: the sum of the weights of the keywords found (a keyword inside a longer matched keyword
  does not count again: "환불신청서" is not also "환불"). An intent's ``topic_keywords`` are generic
  verbs ("인정되", "써도되", "유효한가") that count only when the message is about the intent's
  ``topic`` (a word or a slot of it: an English test, an ID document): "인정되는지 확인" says
  nothing about *what* is to be accepted, and alone must not make "신분증 …" an English question;
- phrasings: the best rapidfuzz similarity to the intent's example phrasings, counted above a floor;
- slots: what the message states ("토익" + "750점" is an English check, a date + "취소" a refund).

The best intent's confidence reflects both its own evidence and its margin over the runner-up, so
a message that fits two topics equally is not answered confidently. Everything is precomputed on
first use; one message costs a few dozen substring checks and one rapidfuzz scan.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

import yaml
from rapidfuzz import fuzz, process

from knowledge.loader import HERE as KNOWLEDGE_DIR

from . import frames
from .boundaries import split_off, straddles
from .evidence import slot_evidence
from .intents import ALL, ANSWERS, DISTINCT_KINDS, OUT_OF_SCOPE, TALK
from .normalize import compact, normalize
from .types import Slots
from .order import longest_first


PHRASINGS_FILE = "phrasings.yaml"  # in knowledge/, beside the lexicon
OTHER_EXAM = "_other_exam"  # pseudo-intent of other exams' names: out-of-scope unless anchored
FUZZY_FLOOR = 45.0  # rapidfuzz similarity below this is noise
FUZZY_WEIGHT = 2.0  # a perfect phrasing match is worth two strong keywords
ASKED_KIND_WEIGHT = 0.8  # a topic that gives the kind of answer asked (intents.DISTINCT_KINDS)
KEYWORD_CAP = 3.5
FUZZY_LIMIT = 25
TOPICAL_FUZZY_FLOOR = 55.0  # likeness of what is left once generic words are gone


@dataclass(frozen=True)
class IntentData:
    keywords: dict[str, float]  # compact substring → weight
    patterns: tuple[tuple[re.Pattern[str], float], ...]  # regex keywords ("re:...") → weight
    phrasings: tuple[str, ...]  # normalised example phrasings


@dataclass(frozen=True)
class Topic:
    """What a message must mention for an intent's topic keywords to count."""

    words: tuple[str, ...]  # compact substrings
    slots: tuple[str, ...]  # ``Slots`` attributes; any value other than None / empty opens the topic

    def mentioned(self, squeezed: str, slots: Slots) -> bool:
        return any(w in squeezed for w in self.words) or any(getattr(slots, n) not in (None, [], "") for n in self.slots)


@dataclass(frozen=True)
class Model:
    intents: dict[str, IntentData]
    keyword_index: dict[str, tuple[tuple[str, float], ...]]  # keyword → (intent, weight)s
    by_first_char: dict[str, tuple[str, ...]]  # first character → keywords starting with it
    supersets: dict[str, tuple[str, ...]]  # keyword → longer keywords that contain it
    choices: tuple[str, ...]  # every phrasing, compact
    choice_intents: tuple[str, ...]
    anchors: tuple[str, ...] = ()  # compact words that tie a message to this exam
    topic_index: dict[str, tuple[tuple[str, float], ...]] = field(default_factory=dict)  # topic keyword → (intent, weight)s
    topics: dict[str, Topic] = field(default_factory=dict)  # topic name → what opens it
    intent_topics: dict[str, str] = field(default_factory=dict)  # intent → its topic name
    generic: frozenset[str] = frozenset()  # keywords made only of generic words ("신청방법", "어디서")
    generic_words: tuple[str, ...] = ()  # the lexicon's generic words, longest first
    stripped_choices: tuple[str, ...] = ()  # ``choices`` without their generic words




def load_phrasings(text: str | None = None) -> dict:
    """The raw phrasings data (``knowledge/phrasings.yaml`` unless ``text`` is given)."""
    if text is None:
        text = (KNOWLEDGE_DIR / PHRASINGS_FILE).read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}  # noqa: S506 - safe loader, C parser


def build_model(data: dict) -> Model:
    raw: dict[str, dict] = data.get("intents") or {}
    intents: dict[str, IntentData] = {}
    index: dict[str, list[tuple[str, float]]] = {}
    topic_index: dict[str, list[tuple[str, float]]] = {}
    topics = {
        str(name): Topic(
            words=tuple(compact(normalize(str(w))) for w in (spec.get("words") or ())),
            slots=tuple(_slot_names(name, spec.get("slots") or ())),
        )
        for name, spec in (data.get("topics") or {}).items()
    }
    intent_topics: dict[str, str] = {}
    choices: list[str] = []
    choice_intents: list[str] = []
    for word, weight in ((raw.get(OUT_OF_SCOPE) or {}).get("exams") or {}).items():
        index.setdefault(compact(normalize(str(word))), []).append((OTHER_EXAM, float(weight)))
    for intent, spec in raw.items():
        if intent not in ALL and intent != OUT_OF_SCOPE:
            raise ValueError(f"{PHRASINGS_FILE}: unknown intent {intent!r}")
        keywords: dict[str, float] = {}
        patterns: list[tuple[re.Pattern[str], float]] = []
        for word, weight in (spec.get("keywords") or {}).items():
            word = str(word)
            if word.startswith("re:"):
                patterns.append((re.compile(word[3:]), float(weight)))
                continue
            key = compact(normalize(word))
            if key:
                keywords[key] = float(weight)
                index.setdefault(key, []).append((intent, float(weight)))
        if spec.get("topic_keywords"):
            topic = spec.get("topic")
            if topic not in topics:
                raise ValueError(f"{PHRASINGS_FILE}: {intent}: topic_keywords need a known topic, not {topic!r}")
            intent_topics[intent] = topic
            for word, weight in spec["topic_keywords"].items():
                key = compact(normalize(str(word)))
                if key:
                    topic_index.setdefault(key, []).append((intent, float(weight)))
        phrasings = tuple(normalize(p) for p in spec.get("phrasings") or ())
        for phrasing in phrasings:
            choices.append(compact(phrasing))
            choice_intents.append(intent)
        intents[intent] = IntentData(keywords, tuple(patterns), phrasings)
    words = list(dict.fromkeys([*index, *topic_index]))
    supersets = {w: tuple(o for o in words if o != w and w in o) for w in words}
    generic_words = frames.frame_lexicon().generic
    return Model(
        generic=frozenset(w for w in words if frames.is_generic(w)),
        generic_words=generic_words,
        stripped_choices=tuple(_without(c, generic_words) for c in choices),
        intents=intents,
        keyword_index={w: tuple(v) for w, v in index.items()},
        by_first_char=_first_char_index(words),
        supersets={w: s for w, s in supersets.items() if s},
        choices=tuple(choices),
        choice_intents=tuple(choice_intents),
        anchors=tuple(compact(normalize(str(a))) for a in data.get("anchors") or ()),
        topic_index={w: tuple(v) for w, v in topic_index.items()},
        topics=topics,
        intent_topics=intent_topics,
    )


def _without(text: str, words: tuple[str, ...]) -> str:
    for word in words:
        text = text.replace(word, "")
    return text


def _slot_names(topic: str, names) -> list[str]:
    known = Slots.__dataclass_fields__
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ValueError(f"{PHRASINGS_FILE}: topic {topic!r}: unknown slots {unknown}")
    return [str(n) for n in names]


def _first_char_index(words: list[str]) -> dict[str, tuple[str, ...]]:
    grouped: dict[str, list[str]] = {}
    for word in words:
        grouped.setdefault(word[0], []).append(word)
    return {c: tuple(sorted(ws, key=longest_first)) for c, ws in grouped.items()}


_MODEL: Model | None = None


def model() -> Model:
    global _MODEL
    if _MODEL is None:
        _MODEL = build_model(load_phrasings())
    return _MODEL


def keyword_scores(
    squeezed: str, m: Model, open_topics: frozenset[str] = frozenset(), text: str = "",
) -> tuple[dict[str, float], list[str]]:
    """Per-intent keyword evidence and the keywords that fired. Topic keywords count only for the
    intents whose topic is in ``open_topics``; ``text`` (the message with its spaces): a keyword
    only split off across a space does not fire."""
    found_set: set[str] = set()
    for i, c in enumerate(squeezed):
        for word in m.by_first_char.get(c, ()):
            if (
                squeezed.startswith(word, i) and not straddles(squeezed, i, i + len(word))
                and not (c.isdigit() and i and squeezed[i - 1].isdigit())  # "0점" is not in "90점"
            ):
                found_set.add(word)
    found = sorted((w for w in found_set if not split_off(w, text)), key=squeezed.find)
    if m.supersets:
        kept = []
        for word in found:
            longer = [o for o in m.supersets.get(word, ()) if o in squeezed]
            if longer:
                rest = squeezed
                for o in longer:
                    rest = rest.replace(o, " ")
                if word not in rest:
                    continue
            kept.append(word)
        found = kept
    scores: dict[str, float] = {}
    for word in found:
        for intent, weight in m.keyword_index.get(word, ()):
            scores[intent] = scores.get(intent, 0.0) + weight
        for intent, weight in m.topic_index.get(word, ()):
            if m.intent_topics[intent] in open_topics:
                scores[intent] = scores.get(intent, 0.0) + weight
    return scores, found


def topical_keyword_scores(found: list[str], m: Model, open_topics: frozenset[str]) -> dict[str, float]:
    """The part of the keyword evidence that names a topic: generic keywords ("절차", "신청방법",
    "어디서") left out. Topic verbs ("인정되") count only inside an open topic, as above."""
    scores: dict[str, float] = {}
    for word in found:
        if word in m.generic:
            continue
        for intent, weight in m.keyword_index.get(word, ()):
            scores[intent] = scores.get(intent, 0.0) + weight
        for intent, weight in m.topic_index.get(word, ()):
            if m.intent_topics[intent] in open_topics:
                scores[intent] = scores.get(intent, 0.0) + weight
    return scores


def strip_generic(squeezed: str, m: Model) -> str:
    """The compact text without its generic words: what is left names the topic, if anything."""
    for word in m.generic_words:
        if word in squeezed:
            squeezed = squeezed.replace(word, "")
    return squeezed


def topical_fuzzy_scores(squeezed: str, m: Model) -> dict[str, float]:
    """Likeness to the example phrasings once generic words are gone from both sides: "뽀로롱 절차가
    궁금해요" is like "환불 절차가 궁금해요" only in its generic words."""
    rest = strip_generic(_compared(squeezed), m)
    if len(rest) < 2:
        return {}
    return _likeness(rest, m.stripped_choices, m.choice_intents, TOPICAL_FUZZY_FLOOR)


def keyword_evidence(text: str, squeezed: str, slots: Slots) -> float:
    """The strongest keyword evidence (keywords and patterns, no fuzzy phrasings) for one topic of
    the notice: ≥ 1 means the message names a topic ("면제서류", "지역본부"), not only a verb."""
    m = model()
    scores, _ = keyword_scores(squeezed, m, open_topics(squeezed, slots, m))
    pattern_scores(text, m, scores)
    return max((v for i, v in scores.items() if i not in TALK and i != OUT_OF_SCOPE and i != OTHER_EXAM), default=0.0)


def open_topics(squeezed: str, slots: Slots, m: Model) -> frozenset[str]:
    """The topics a message is about (see ``Topic``)."""
    return frozenset(name for name, topic in m.topics.items() if topic.mentioned(squeezed, slots))


def pattern_scores(text: str, m: Model, scores: dict[str, float]) -> None:
    for intent, data in m.intents.items():
        for pattern, weight in data.patterns:
            if pattern.search(text):
                scores[intent] = scores.get(intent, 0.0) + weight


# "그럼 수수료는요?": the elliptical follow-up says one thing and leans on the question before. Its
# frame (그럼 … 는요) is no likeness to a phrasing ("수수료는 어떻게 내요" is not the fee's amount
# asked): only the thing named is compared.
_ELLIPTICAL = re.compile(r"(?:그럼|그러면|그리고|근데|아|혹시)?(?P<core>[가-힣a-z0-9]{2,10}?)(?:은|는)요?[?!.~]*")


def _compared(squeezed: str) -> str:
    found = _ELLIPTICAL.fullmatch(squeezed)
    return found.group("core") if found else squeezed


def fuzzy_scores(squeezed: str, m: Model) -> dict[str, float]:
    """Best phrasing similarity per intent, 0..1 above the floor."""
    squeezed = _compared(squeezed)
    return _likeness(squeezed, m.choices, m.choice_intents, FUZZY_FLOOR) if squeezed else {}


def _likeness(text: str, choices: tuple[str, ...], intents: tuple[str, ...], floor: float) -> dict[str, float]:
    """The best rapidfuzz ratio of ``text`` per intent among ``choices``, scaled 0..1 above ``floor``."""
    best: dict[str, float] = {}
    if not choices:
        return best
    for _, score, i in process.extract(text, choices, scorer=fuzz.ratio, limit=FUZZY_LIMIT, score_cutoff=floor):
        value = (score - floor) / (100.0 - floor)
        if value > best.get(intents[i], 0.0):
            best[intents[i]] = value
    return best


# A topic word the applicant sets aside ("환불 말고요", "신분증 말고", "격리 얘기는 아니구요"): its
# keywords do not count — unless more of the same is asked ("경력증명서 말고 뭘 더 내요?": besides it).
_NOT_THIS = re.compile(
    r"[가-힣a-z0-9]{1,8}?(?=(?:얘기|이야기|쪽)?(?:은|는|이|가|을|를)?(?:말고|말구|아니고|아니구|아니라|빼고)"
    r"(?!(?:요|도)?(?:뭘|뭐|무엇을|어떤걸|어떤거)?(?:더|또|추가|따로|다른)))"
)


def set_aside(normalized: str) -> str:
    """The words the applicant sets aside ("환불 말고요 …"), compact."""
    squeezed = normalized.replace(" ", "")
    return " ".join(m.group() for m in _NOT_THIS.finditer(squeezed))


TALK_DAMPING = 0.4  # "안녕하세요 토익 750 돼요?" is an English question that starts with a greeting
ANCHOR_DAMPING = 0.35  # "정보처리기사 자격증 신분증으로 돼요?" is an ID question


# "공인회계사 시험은 토익 몇 점 필요해요? 감평이랑 같이 준비하려고요": the other exam is what is asked
# about (its topic particle), however the message ties itself to this one
_AS_THE_SUBJECT = re.compile(r"(?:시험|자격시험|쪽)?(?:은|는|에서는|에선|의경우)")


def _other_exam_is_the_subject(squeezed: str, found: list[str], m: Model) -> bool:
    for word in found:
        if any(intent == OTHER_EXAM for intent, _ in m.keyword_index.get(word, ())):
            at = squeezed.find(word)
            if at >= 0 and _AS_THE_SUBJECT.match(squeezed, at + len(word)):
                return True
    return False


def rank(text: str, squeezed: str, slots: Slots) -> list[tuple[str, float]]:
    """(intent, raw score) for every intent with any evidence, best first."""
    return analyse(text, squeezed, slots)[0]


def analyse(
    text: str, squeezed: str, slots: Slots,
) -> tuple[list[tuple[str, float]], dict[str, float], dict[str, float]]:
    """``rank``'s list; each intent's topical evidence (what generic words and likeness to example
    phrasings cannot fake: topic keywords, patterns, slots, situations — a confident answer needs
    both, ``pipeline``); and the part of it topic words alone give (``Understanding.named``)."""
    m = model()
    squeezed = _NOT_THIS.sub("", squeezed)  # "환불 말고요 …": not about 환불
    topics_open = open_topics(squeezed, slots, m)
    scores, found = keyword_scores(squeezed, m, topics_open, text)
    topical = topical_keyword_scores(found, m, topics_open)
    named = dict(topical)  # topic words alone, before patterns, phrasings and slots join in
    pattern_scores(text, m, scores)
    pattern_scores(text, m, topical)
    for intent, value in topical_fuzzy_scores(squeezed, m).items():
        topical[intent] = topical.get(intent, 0.0) + FUZZY_WEIGHT * value
    for intent in scores:
        scores[intent] = min(scores[intent], KEYWORD_CAP)
    for intent, value in fuzzy_scores(squeezed, m).items():
        scores[intent] = scores.get(intent, 0.0) + FUZZY_WEIGHT * value
    for intent, value in slot_evidence(slots, squeezed).items():
        scores[intent] = scores.get(intent, 0.0) + value
        topical[intent] = topical.get(intent, 0.0) + value
    asked = set(slots.asks) & DISTINCT_KINDS
    if asked:
        # "2차 보상법규 몇시에 봐요": of the topics the words point at, the one that gives the kind of
        # answer asked (a time: the timetable) — never a topic the words do not point at
        for intent in list(scores):
            if asked & ANSWERS.get(intent, frozenset()):
                scores[intent] += ASKED_KIND_WEIGHT
    strongest = max((v for i, v in scores.items() if i not in TALK and i != OUT_OF_SCOPE), default=0.0)
    if strongest >= 1.0:
        for intent in TALK:
            if intent in scores:
                scores[intent] *= TALK_DAMPING
    other_exam = scores.pop(OTHER_EXAM, 0.0)
    if other_exam:
        if any(a in squeezed for a in m.anchors) and not _other_exam_is_the_subject(squeezed, found, m):
            scores[OUT_OF_SCOPE] = scores.get(OUT_OF_SCOPE, 0.0) + other_exam * ANCHOR_DAMPING
        else:
            # Another exam named and nothing ties the message to this one: whatever it asks
            # (dates, fees, subjects) it asks about that exam.
            best_in_scope = max((v for i, v in scores.items() if i != OUT_OF_SCOPE), default=0.0)
            scores[OUT_OF_SCOPE] = max(scores.get(OUT_OF_SCOPE, 0.0) + other_exam, best_in_scope + 1.0)
        topical[OUT_OF_SCOPE] = scores.get(OUT_OF_SCOPE, 0.0)
    ranked = sorted(((i, s) for i, s in scores.items() if s > 0), key=lambda item: -item[1])
    return ranked, topical, named


def confidence(top: float, runner_up: float) -> float:
    """0..1 from the best raw score and its margin over the runner-up: a tie gives half the
    strength (below any threshold), a runner-up at half the score costs an eighth."""
    if top <= 0:
        return 0.0
    strength = top / (top + 0.6)
    margin = 1.0 - 0.5 * (runner_up / top) ** 2
    return max(0.0, min(1.0, strength * margin))


def scaled(ranked: Iterable[tuple[str, float]]) -> list[tuple[str, float]]:
    """Raw scores → 0..1 confidences: each intent judged against the best other one."""
    ranked = list(ranked)
    out = []
    for i, (intent, score) in enumerate(ranked):
        other = ranked[1][1] if i == 0 and len(ranked) > 1 else (ranked[0][1] if i > 0 else 0.0)
        out.append((intent, round(confidence(score, min(other, score)), 4)))
    return out
