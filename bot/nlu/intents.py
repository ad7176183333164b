"""The topics the bot understands, read from ``knowledge/lexicon.yaml`` (``topics:``).

Three kinds:
- FLOW: a calculator conversation (slot filling, then a rule in ``rules/``; its code is declared in
  ``bot/capabilities.py``);
- FACT: answered from the knowledge file's ``facts`` whose ``intent`` equals the name;
- TALK: small talk and control.
``out_of_scope`` is what the classifier returns for other exams and off-topic questions.
"""
from __future__ import annotations

from knowledge import load_lexicon

_TOPICS = load_lexicon().topics

FLOW: dict[str, str] = {name: t.label for name, t in _TOPICS.items() if t.kind == "calculator"}
FACT: dict[str, str] = {name: t.label for name, t in _TOPICS.items() if t.kind == "fact"}
TALK: dict[str, str] = {name: t.label for name, t in _TOPICS.items() if t.kind == "talk"}

OUT_OF_SCOPE = "out_of_scope"

ALL = {**FLOW, **FACT, **TALK}

# The facts of each calculator's topic (its rule, its documents): one topic for confidence and for
# the dialogue's choice between computing and quoting.
TOPICS: dict[str, tuple[str, ...]] = {
    flow: tuple(name for name, t in _TOPICS.items() if t.of == flow) for flow in FLOW
}
TOPIC_OF: dict[str, str] = {member: flow for flow, facts in TOPICS.items() for member in (flow, *facts)}
# The fact that states each calculator's rule ("입금 기한 규칙이 어떻게 돼요?" quotes it).
RULE_FACT: dict[str, str] = {name: t.rule for name, t in _TOPICS.items() if t.rule}
# The slots each calculator takes from a message.
INPUTS: dict[str, frozenset[str]] = {name: frozenset(t.inputs) for name, t in _TOPICS.items() if t.kind == "calculator"}
# The exam file's section each calculator reads (``english``, ``ids`` …).
DATA: dict[str, str] = {name: t.data for name, t in _TOPICS.items() if t.data}
# The endings that make a word name one of a calculator's closed list of kinds ("공황장애").
KIND_ENDINGS: dict[str, tuple[str, ...]] = {name: tuple(t.kind_endings) for name, t in _TOPICS.items() if t.kind_endings}
# The kinds of answer a topic gives (a time, a date, a place …).
ANSWERS: dict[str, frozenset[str]] = {name: frozenset(t.answers) for name, t in _TOPICS.items() if t.answers}
# The kinds only the topics that declare them give, so that asking one points to those topics (a
# time: the timetable, the entry times …). Dates, amounts and places are given by many more facts
# than declare them; measured on the blind sets, weighing them misled. A phone number is asked of
# the contacts only (the notice lists every office and line there); a score ("몇 점") of the English
# thresholds and the pass marks only.
DISTINCT_KINDS = frozenset({"time", "contact", "score"})
# Kinds no other topic can stand in for: asked of a topic that does not give it, the notice does
# not say ("자격증 실물 받기까지 며칠 걸려요?": the notice states no processing time; "ARS 요금": no price).
ONLY_DECLARED_KINDS = frozenset({"duration", "cost"})


def gives_inputs(topic: str, slots) -> bool:
    """Does a message's reading give the topic's calculator any of its declared inputs?"""
    return any(getattr(slots, name) not in (None, [], False) for name in INPUTS.get(topic, ()))


def label(intent: str) -> str:
    return ALL.get(intent, intent)
