"""Topic buttons: the start menu, and the natural next steps after each kind of answer."""
from __future__ import annotations

from bot.nlu.intents import ALL, FACT, FLOW, TOPIC_OF, TOPICS

# The first things applicants ask about (the notice's headline topics), shown on greeting/help.
MENU: tuple[str, ...] = (
    "refund",
    "english_check",
    "id_check",
    "accommodation",
    "schedule_exam_date",
    "cert_lookup",
)

# After a FACT answer: the calculator or facts an applicant usually wants next.
RELATED: dict[str, tuple[str, ...]] = {
    "schedule_application": ("payment_deadline", "application_method", "fees"),
    "schedule_exam_date": ("timetable", "entry_time", "exam_places"),
    "schedule_results": ("results_ars", "pass_rules"),
    "exam_places": ("schedule_exam_date", "office_lookup"),
    "fees": ("refund", "payment_deadline"),
    "subjects": ("timetable", "question_format"),
    "timetable": ("entry_time", "accommodation"),
    "entry_time": ("late_entry", "id_check"),
    "question_format": ("subjects", "answer_sheet"),
    "eligibility": ("exemption_info", "schedule_application"),
    "pass_rules": ("pass_check", "minimum_pass_count"),
    "minimum_pass_count": ("pass_rules", "pass_check"),
    "exemption_info": ("exemption_check", "exemption_documents"),
    "exemption_documents": ("exemption_submission", "office_lookup"),
    "exemption_submission": ("office_lookup", "exemption_documents"),
    "english_thresholds": ("english_check", "english_validity"),
    "english_validity": ("english_check", "english_submission"),
    "english_submission": ("english_check", "english_validity"),
    "application_method": ("photo", "payment"),
    "application_change": ("refund", "schedule_application"),
    "photo": ("application_method",),
    "payment": ("payment_deadline", "refund_info"),
    "refund_info": ("refund",),
    "admission_ticket": ("exam_places", "id_check"),
    "accommodation_info": ("accommodation",),
    "provisional_answers": ("schedule_results",),
    "results_ars": ("schedule_results", "licence"),
    "licence": ("training",),
    "training": ("licence",),
    "exam_day_cautions": ("id_check", "devices", "calculator"),
    "devices": ("calculator", "exam_day_cautions"),
    "calculator": ("devices",),
    "toilet": ("accommodation",),
    "late_entry": ("entry_time", "timetable"),
    "id_info": ("id_check",),
    "answer_sheet": ("question_format",),
    "contacts": ("help",),
}


def label(intent: str) -> str:
    return ALL.get(intent, intent)


def is_topic(intent: str | None) -> bool:
    return intent in FLOW or intent in FACT


# The notice's own statement of each calculator's rule. Asked for the rule itself ("입금 기한 규칙이
# 어떻게 돼요?", "환불 규정 전부 알려줘") with nothing to compute, the bot quotes it instead of asking
# for inputs.
RULE_FACT: dict[str, str] = {
    "refund": "refund_info",
    "english_check": "english_thresholds",
    "id_check": "id_info",
    "accommodation": "accommodation_info",
    "payment_deadline": "payment",
    "pass_check": "pass_rules",
    "exemption_check": "exemption_info",
    "office_lookup": "exemption_submission",
}

def topic_of(intent: str) -> tuple[str, ...]:
    """Every intent of the topic ``intent`` belongs to (the calculator and its facts), itself first."""
    flow = TOPIC_OF.get(intent)
    if flow is None:
        return (intent,)
    return (intent, *[i for i in (flow, *TOPICS[flow]) if i != intent])


# Topics whose papers go to a regional office: asked *where* with a region named ("부산으로 골랐는데
# 서류는 어디로 보내요?"), the answer is that region's office.
PAPERS_TO_AN_OFFICE = frozenset({
    "accommodation", "accommodation_info", "exemption_check", "exemption_info", "exemption_documents",
    "exemption_submission",
})
