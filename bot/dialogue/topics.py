"""Topic buttons: the start menu, and the natural next steps after each kind of answer."""
from __future__ import annotations

from bot.nlu.intents import ALL, ANSWERS, DISTINCT_KINDS, FACT, FLOW, TOPIC_OF, TOPICS

# The first things applicants ask about (the notice's headline topics), shown on greeting/help.
MENU: tuple[str, ...] = (
    "refund",
    "english",
    "id",
    "accommodation",
    "schedule_exam_date",
    "cert_lookup",
)

# After a FACT answer: the calculator or facts an applicant usually wants next.
RELATED: dict[str, tuple[str, ...]] = {
    "schedule_application": ("payment", "application_method", "fees"),
    "schedule_exam_date": ("timetable", "entry_time", "exam_places"),
    "schedule_results": ("results_ars", "pass_rules"),
    "exam_places": ("schedule_exam_date", "office"),
    "fees": ("refund", "payment"),
    "subjects": ("timetable", "question_format"),
    "timetable": ("entry_time", "accommodation"),
    "entry_time": ("late_entry", "id"),
    "question_format": ("subjects", "answer_sheet"),
    "eligibility": ("exemption_info", "schedule_application"),
    "pass_rules": ("pass", "minimum_pass_count"),
    "minimum_pass_count": ("pass_rules", "pass"),
    "exemption_info": ("exemption", "exemption_documents"),
    "exemption_documents": ("exemption_submission", "office"),
    "exemption_submission": ("office", "exemption_documents"),
    "english_thresholds": ("english", "english_validity"),
    "english_validity": ("english", "english_submission"),
    "english_submission": ("english", "english_validity"),
    "application_method": ("photo", "payment_methods"),
    "application_change": ("refund", "schedule_application"),
    "photo": ("application_method",),
    "payment_methods": ("payment", "refund_info"),
    "refund_info": ("refund",),
    "admission_ticket": ("exam_places", "id"),
    "accommodation_info": ("accommodation",),
    "provisional_answers": ("schedule_results",),
    "results_ars": ("schedule_results", "licence"),
    "licence": ("training",),
    "training": ("licence",),
    "exam_day_cautions": ("id", "devices", "calculator"),
    "devices": ("calculator", "exam_day_cautions"),
    "calculator": ("devices",),
    "toilet": ("accommodation",),
    "late_entry": ("entry_time", "timetable"),
    "id_info": ("id",),
    "answer_sheet": ("question_format",),
    "contacts": ("help",),
}


def label(intent: str) -> str:
    return ALL.get(intent, intent)


def is_topic(intent: str | None) -> bool:
    return intent in FLOW or intent in FACT


def topic_of(intent: str) -> tuple[str, ...]:
    """Every intent of the topic ``intent`` belongs to (the calculator and its facts), itself first."""
    flow = TOPIC_OF.get(intent)
    if flow is None:
        return (intent,)
    return (intent, *[i for i in (flow, *TOPICS[flow]) if i != intent])


def related_topics(intent: str) -> tuple[str, ...]:
    """Every intent of the topics next to ``intent``'s (``RELATED``), its own topic left out."""
    own = set(topic_of(intent))
    found: list[str] = []
    for related in RELATED.get(intent, ()):
        found += [i for i in topic_of(related) if i not in own and i not in found]
    return tuple(found)


# Topics whose papers go to a regional office: asked *where* with a region named ("부산으로 골랐는데
# 서류는 어디로 보내요?"), the answer is that region's office.
PAPERS_TO_AN_OFFICE = frozenset({
    "accommodation", "accommodation_info", "exemption", "exemption_info", "exemption_documents",
    "exemption_submission",
})


def giving(intent: str | None, asks) -> str | None:
    """The related topic that gives the kind of answer asked for, when ``intent``'s own topic does
    not ("1차 1교시 과목이 뭐예요?" → "그거 몇 분이에요?": the timetable)."""
    asked = set(asks or ()) & DISTINCT_KINDS
    if not intent or not asked or asked & ANSWERS.get(intent, frozenset()):
        return None
    return next((r for r in RELATED.get(intent, ()) if asked & ANSWERS.get(r, frozenset())), None)
