"""One message → ``Understanding``: normalise, read slots, rank intents, decide.

Decisions made here (the classifier only ranks):
- below ``THRESHOLD`` the intent is None and ``alternatives`` holds the closest topics;
- an out-of-scope winner (another exam, off-topic) is reported as ``out_of_scope``, never as a topic;
- while the dialogue waits for a slot (``expecting``), a message that answers it ("3월 25일", "2차요",
  "그냥 취소요") is an answer, not a new topic, unless another topic is very clearly asked
  (confidence ≥ ``SWITCH_CONFIDENCE``, e.g. "2차 시험일 언제예요?");
- a message that answers nothing but asks (a question word) about a named topic (a keyword worth
  ``CLEAR_TOPIC``: "면제서류 어디로 내요") is a new question however short it is (``new_question``),
  even when no topic is confident enough to answer: the dialogue then offers the closest topics
  instead of calling it a failed answer to its own question.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from knowledge import load_lexicon
from rules import terms

from . import classifier, coverage, frames, intents, known, spelling
from .gloss import gloss, latin_words
from .intents import ALL, ANSWERS, DATA, FLOW, KIND_ENDINGS, ONLY_DECLARED_KINDS, OUT_OF_SCOPE, TALK, TOPIC_OF
from .normalize import compact, normalize
from .slots import (
    DATE_SLOTS, LEVEL_SLOTS, SCORE_SLOTS, SCORES_SLOTS, STAGE_SLOTS, YES_NO_SLOTS, read_slots,
)
from .types import Slots, Understanding
from .vocab import vocabulary

THRESHOLD = 0.5
TOPICAL_FLOOR = 0.5  # topical evidence (topic keywords, slots, situations) a confident answer needs
STRONG_TOPIC = 2.0  # …and what outweighs an unknown word in a short question
SWITCH_CONFIDENCE = 0.85
SHORT_ANSWER = 12  # compact characters: "학생증이요", "눈이 안 보여요" — too short to be a new question…
CLEAR_TOPIC = 1.0  # …unless it asks about a topic named by keywords this strong ("지역본부 어디예요")
ALTERNATIVES = 3
# A question word makes a message a question, not an answer: "2차 시험일은 언제예요?" while asked 1차/2차.
# Slots that describe the message rather than answer a question.
NOT_ANSWERS = frozenset({"worked_more", "time_ambiguous", "asks", "situations", "other_time", "other_year", "missed_exam", "just_now", "stages_said", "moments", "correction",
                         "shift_from_exam", "scores_stage"})
QUESTION = re.compile(r"언제|어디|얼마|몇|무슨|어떤|어떻게|어케|왜|누구|뭐|무엇|나요\?|까요\?|가요\?")


_READERS: dict[int, tuple[object, spelling.Speller, frozenset[str]]] = {}


def _reader(vocab) -> tuple[spelling.Speller, frozenset[str]]:
    """For the words this vocabulary, the phrasings and the lexicon are read for: the speller of
    their slips, and the Latin words among them (kept in a question written in English)."""
    cached = _READERS.get(id(vocab))
    if cached is None or cached[0] is not vocab:
        if len(_READERS) > 4:
            _READERS.clear()
        m = classifier.model()
        terms = [*vocab.names, *m.keyword_index, *m.topic_index, *(w for t in m.topics.values() for w in t.words),
                 *frames.lexicon_words()]
        cached = _READERS[id(vocab)] = (vocab, spelling.build(terms, known.corpus()), latin_words(terms))
    return cached[1], cached[2]


def _read(text: str, exam) -> tuple[str, str]:
    """The normalised message with its typing slips corrected, and its compact form."""
    speller, latin = _reader(vocabulary(exam))
    normalized = frames.without_comparisons(speller.correct(gloss(normalize(text), latin)))
    return normalized, compact(normalized)


_TOPIC_LABELS = {compact(normalize(label)): intent for intent, label in ALL.items() if intent not in TALK}


def classify(text: str, *, exam=None) -> list[tuple[str, float]]:
    """Every intent with some evidence, best first, with a 0..1 score (no threshold applied)."""
    normalized, squeezed = _read(text, exam)
    if not squeezed:
        return []
    today = date.today()  # only relative dates depend on it, and they do not change the ranking
    slots = read_slots(normalized, squeezed, year=today.year, today=today, vocab=vocabulary(exam))
    return classifier.scaled(classifier.rank(normalized, squeezed, slots))


def answers(slots: Slots, expecting: str) -> bool:
    """Does the message give a value for the slot the dialogue asked for?"""
    if expecting in DATE_SLOTS or expecting == "time":
        return bool(slots.dates or slots.invalid_dates or slots.months or slots.time or slots.just_now
                    or slots.day_shift is not None or slots.date_span)
    if expecting in STAGE_SLOTS:
        return slots.stage is not None
    if expecting in SCORE_SLOTS:
        return slots.score is not None or slots.invalid_score is not None
    if expecting in SCORES_SLOTS:
        return bool(slots.subject_scores)
    if expecting in LEVEL_SLOTS:
        return slots.level is not None
    if expecting in YES_NO_SLOTS:
        return slots.yes is not None or slots.hearing_impaired is not None or slots.regular is not None
    specific = {
        "test": slots.test or slots.test_options,
        "reason": slots.refund_reason,
        "document": slots.document,
        "group": slots.id_group,
        "kind": slots.disability,
        "severity": slots.disability,
        "disability": slots.disability,
        "region": slots.region,
        "country": slots.country,
    }
    if expecting in specific:
        return bool(specific[expecting])
    return any(
        value not in (None, [], False) for name, value in vars(slots).items() if name not in NOT_ANSWERS
    )


def same_topic(a: str, b: str) -> bool:
    """Two intents of one topic: a calculator and a fact of its own (TOPICS)."""
    return a == b or TOPIC_OF.get(a, a) == TOPIC_OF.get(b, b)


@lru_cache(maxsize=None)
def _family(intent: str) -> tuple[str, ...]:
    """The intents of ``intent``'s topic: its calculator and the calculator's facts."""
    return tuple(i for i in ALL if TOPIC_OF.get(i, i) == TOPIC_OF.get(intent, intent))


def _unknown_thing(top: str, normalized: str, slots: Slots, text: str = "", exam=None) -> str:
    """The thing the question is about that the fact's topic never speaks of: the one its closing
    predicate asks of ("시험장에 정수기 있어요?": the venue's facts never name a water dispenser), or
    any thing named that nothing the bot knows uses ("시험장에 말랑존 있어요? 쉬는시간에 …"). Of a
    calculator, or a message that gives a calculator's inputs ("2차 이론 39점이고 … 구제 안 되나요":
    the scores decide), only the thing asked of is checked: the rest may be its inputs."""
    if top in TALK or top == OUT_OF_SCOPE:
        return ""
    family = _family(top)
    unlisted = _unlisted_kind(top, slots, text, exam)
    if unlisted:
        return unlisted
    # the inputs of the topic's own calculator; a stage alone is said of every topic ("2차 답안지 …")
    gives_inputs = intents.gives_inputs(TOPIC_OF.get(top, top), slots)
    if TOPIC_OF.get(top, top) in FLOW and (slots.score is not None or slots.subject_scores or slots.dates):
        return ""  # "텝스 340점 … 턱걸이인데 되나요": the figure given is what the calculator decides
    asked = [t for t in coverage.asked_things(normalized) if not coverage.speaks_of(family, t)]
    if asked:
        return asked[0]
    if top in FLOW and gives_inputs:
        # a story around the calculator's inputs ("중사인데 휴가 외출 전부 통제돼서") is its own; what
        # the last clause asks of is not ("입원해서 못 봤는데 보호자가 대신 신청해도 되나요?")
        set_aside = classifier.set_aside(normalized)
        return next((
            t for t in coverage.things_asked_in_the_last_clause(normalized)
            if not coverage.speaks_of(family, t) and not known.is_exam_thing(t) and t not in set_aside
            and t not in classifier.model().keyword_index
        ), "")
    if top in FLOW or gives_inputs:
        # the inputs of another topic's calculator may be named in its words ("서울" of the offices);
        # a thing nothing the bot knows uses is no input ("서울 시험장 근처에 셔틀버스 다니나요?")
        return next(iter(known.unseen_things(normalized)), "")
    # a thing that names a topic of its own is weighed by the classifier; when it lost, the answer
    # would not speak of it ("실무수습 동안 월급 나와요?": 월급 is no training fact)
    keywords = classifier.model().keyword_index
    set_aside = classifier.set_aside(normalized)
    unspoken = [
        t for t in coverage.things_asked_about(normalized)
        if not coverage.speaks_of(family, t) and t not in set_aside
        and not (known.is_exam_thing(t) and t + "하" in normalized)  # "1차 합격하면": a condition told
        and (t not in keywords or not any(i in family for i, _ in keywords[t]))
    ]
    return next(iter(unspoken or known.unseen_things(normalized)), "")


def speaks_of(intent: str, thing: str) -> bool:
    """Does the knowledge of ``intent``'s topic speak of ``thing``? (The thing an unsure reading
    found unknown may be unknown only to the reading it lost to.)"""
    return coverage.speaks_of(_family(intent), thing)


def _asks_what_none_gives(top: str, slots: Slots) -> bool:
    """Is a kind of answer asked that the topic's family never gives (a length of time)?"""
    asked = set(slots.asks) & ONLY_DECLARED_KINDS
    givers = _family(top) if top in FLOW else (top,)  # a fact gives what it states; a calculator, its topic
    return bool(asked) and top not in TALK and not any(asked & ANSWERS.get(i, frozenset()) for i in givers)


def _unlisted_kind(top: str, slots: Slots, text: str, exam=None) -> str:
    """A kind the topic's closed list does not hold, named where none it holds is ("공황장애
    있는데 시간 연장돼요?": the accommodation table has no such row)."""
    topic = TOPIC_OF.get(top, top)
    if DATA.get(topic) == "english" and not slots.test:
        # "토익스피킹 점수 인정돼요?": another test under a listed one's name
        return terms.other_test_named(vocabulary(exam).exam, text) or ""
    endings = KIND_ENDINGS.get(topic)
    if not endings or slots.disability:
        return ""
    return next(iter(known.unlisted_kinds(text, endings, tuple(load_lexicon().words.kind_said_with))), "")


def _grounded(topical: float, normalized: str) -> bool:
    """May the best topic be answered with confidence? Not when only generic words ("절차", "신청",
    "어디서") and likeness to example phrasings point at it ("뽀로롱 절차가 궁금해요" is not the refund
    table), nor when a short question is about a word the bot has never seen ("후루룩빤쮸 자격요건이
    뭐예요") and nothing strong names the topic."""
    if topical < TOPICAL_FLOOR:
        return False
    short = known.word_count(normalized) <= known.SHORT_QUESTION_WORDS
    if not short:
        return True
    if (
        known.strange_modifiers(normalized, classifier.model().generic_words) or known.names_unseen(normalized)
        or known.asked_of_the_unseen(normalized)
    ):
        # "트렌질 수수료 얼마에요?", "보름달 전형 일정": a kind of thing the notice does not know
        return False
    unknown = known.unknown_words(normalized, classifier.model().generic_words)
    if topical < STRONG_TOPIC:
        return not unknown
    # a strong topic word is still not the question when a made-up word qualifies it
    # ("몽글리아 수험표 교환권", "플루미넥스 면제"): that word is what is asked about
    return not any(_qualifies_a_topic(normalized, word) for word in unknown)


def _qualifies_a_topic(normalized: str, word: str) -> bool:
    """Is ``word`` followed by a word holding a topic keyword ("몽글리아 수험표")?"""
    words = normalized.split()
    keywords = classifier.model().keyword_index
    for i, w in enumerate(words[:-1]):
        if w.startswith(word):
            following = compact(words[i + 1])
            return any(k in following for k in keywords if len(k) >= 2)
    return False


def understand(
    text: str, *, year: int, today: date, expecting: str | None = None, exam=None,
) -> Understanding:
    """``exam``: the round whose vocabularies (test names, IDs …) to read; default the active one."""
    normalized, squeezed = _read(text, exam)
    if not squeezed:
        return Understanding(intent=None, confidence=0.0, slots=Slots(), text=normalized)
    slots = read_slots(normalized, squeezed, year=year, today=today, expecting=expecting, vocab=vocabulary(exam))
    if frames.is_context_button(normalized):
        return Understanding(intent=None, confidence=0.0, slots=slots, text=normalized, context_button=True)
    labelled = _TOPIC_LABELS.get(squeezed)
    if labelled and not expecting:
        # a topic button's label, pressed in a conversation that no longer holds it (a restored
        # widget) or typed: that topic, whatever the classifier would make of the words
        return Understanding(intent=labelled, confidence=1.0, slots=slots, text=normalized)
    raw, topical, named = classifier.analyse(normalized, squeezed, slots)
    ranked = classifier.scaled(raw)
    if len(raw) > 1 and same_topic(raw[0][0], raw[1][0]):
        # a calculator and its own rule fact ("환불 규정" / "환불"): the topic is clear, whichever of
        # the two the dialogue picks; only a reading of another topic makes it uncertain
        rival = next((v for i, v in raw[1:] if not same_topic(raw[0][0], i)), 0.0)
        ranked[0] = (raw[0][0], round(classifier.confidence(raw[0][1], rival), 4))
    if not ranked:
        return Understanding(intent=None, confidence=0.0, slots=slots, text=normalized)

    top, score = ranked[0]
    # small talk is said in generic words ("너 뭐 할 수 있어"): only a topic needs topical evidence
    unknown_thing = _unknown_thing(top, normalized, slots, text, exam)
    ungrounded = bool(unknown_thing) or _asks_what_none_gives(top, slots) or (
        score >= THRESHOLD and top not in TALK and not _grounded(topical.get(top, 0.0), normalized)
    )
    if ungrounded:
        score = min(score, THRESHOLD - 0.01)
        ranked[0] = (top, score)
    others = [(i, s) for i, s in ranked[1:] if i != OUT_OF_SCOPE]
    if top == OUT_OF_SCOPE and score >= THRESHOLD:
        return Understanding(
            intent=OUT_OF_SCOPE, confidence=score, slots=slots, alternatives=others[:ALTERNATIVES],
            text=normalized, out_of_scope=True,
        )

    new_question = False
    if expecting:
        answered = answers(slots, expecting)
        is_control = top in TALK and not (top == "cancel" and expecting == "reason" and slots.refund_reason)
        asks = QUESTION.search(normalized) is not None
        # A message that answers nothing and names a topic outright is another question, with or
        # without a question word ("환불 규정 전부 알려줘" while an ID is asked).
        names_topic = top not in TALK and topical.get(top, 0.0) >= CLEAR_TOPIC and score >= THRESHOLD
        new_question = not answered and (
            names_topic or (asks and classifier.keyword_evidence(normalized, squeezed, slots) >= CLEAR_TOPIC)
        )
        short_answer = len(squeezed) <= SHORT_ANSWER and not new_question
        if (answered or short_answer) and score < SWITCH_CONFIDENCE and not (
            (is_control or asks) and score >= THRESHOLD
        ):
            return Understanding(
                intent=None, confidence=0.0, slots=slots,
                alternatives=[(i, s) for i, s in ranked if i != OUT_OF_SCOPE][:ALTERNATIVES], text=normalized,
            )

    if top == OUT_OF_SCOPE or score < THRESHOLD:
        candidates = [(i, s) for i, s in ranked if i != OUT_OF_SCOPE]
        return Understanding(
            intent=None, confidence=score if top != OUT_OF_SCOPE else 0.0, slots=slots,
            alternatives=candidates[:ALTERNATIVES], text=normalized,
            out_of_scope=False, new_question=new_question, ungrounded=ungrounded, unknown_thing=unknown_thing,
        )
    return Understanding(
        intent=top, confidence=score, slots=slots, alternatives=others[:ALTERNATIVES], text=normalized,
        named=named.get(top, 0.0),
    )
