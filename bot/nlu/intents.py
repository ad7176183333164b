"""The intents the bot understands, with the Korean label shown on topic buttons.

Three kinds:
- FLOW: a calculator conversation (slot filling, then a rule in ``rules/``);
- FACT: answered from the knowledge file's ``facts`` whose ``intent`` equals the name;
- TALK: small talk and control.
``out_of_scope`` is what the classifier returns for other exams and off-topic questions.
"""
from __future__ import annotations

FLOW = {
    "refund": "수수료 환불 계산",
    "english": "영어성적 인정 확인",
    "id": "신분증 인정 확인",
    "accommodation": "장애인 등 응시 편의",
    "cert_lookup": "자격증 조회 실패 해결",
    "pass": "합격 여부 계산",
    "payment": "가상계좌 입금 기한",
    "exemption": "1차 면제 경력 계산",
    "office": "관할 지역본부 찾기",
}

FACT = {
    "schedule_application": "원서접수 기간",
    "schedule_exam_date": "시험일",
    "schedule_results": "합격자 발표",
    "exam_places": "시험장소·시행지역",
    "fees": "응시수수료",
    "subjects": "시험과목",
    "timetable": "시험시간표",
    "entry_time": "입실 시간",
    "question_format": "출제 형식",
    "eligibility": "응시자격·결격사유",
    "pass_rules": "합격 기준",
    "minimum_pass_count": "최소합격인원",
    "exemption_info": "1차 시험 면제 대상",
    "exemption_documents": "면제 서류",
    "exemption_submission": "면제서류 제출 기간·장소",
    "english_thresholds": "영어 기준점수",
    "english_validity": "영어성적 인정기간",
    "english_submission": "영어성적 제출 방법",
    "application_method": "원서접수 방법",
    "application_change": "접수내용 변경",
    "photo": "사진 규격",
    "payment_methods": "수수료 납부 방법",
    "refund_info": "환불 기준",
    "admission_ticket": "수험표",
    "accommodation_info": "편의 제공 서류·제출",
    "provisional_answers": "가답안·의견제시",
    "results_ars": "합격자 발표 방법(ARS)",
    "licence": "자격증 발급",
    "training": "실무수습",
    "exam_day_cautions": "시험 당일 유의사항",
    "devices": "전자기기·시계",
    "calculator": "계산기",
    "toilet": "시험 중 화장실",
    "late_entry": "입실 시간 이후 입실",
    "id_info": "인정 신분증 목록",
    "answer_sheet": "답안 작성 방법",
    "contacts": "문의처",
}

TALK = {
    "greeting": "인사",
    "thanks": "감사",
    "help": "도움말",
    "cancel": "처음으로",
}

OUT_OF_SCOPE = "out_of_scope"

ALL = {**FLOW, **FACT, **TALK}


def label(intent: str) -> str:
    return ALL.get(intent, intent)


# The calculator each fact belongs with (its rule, its documents): one topic for confidence and
# for the dialogue's choice between computing and quoting.
TOPICS: dict[str, tuple[str, ...]] = {
    "refund": ("refund_info",),
    "english": ("english_thresholds", "english_validity", "english_submission"),
    "id": ("id_info",),
    "accommodation": ("accommodation_info",),
    "payment": ("payment_methods",),
    "pass": ("pass_rules", "minimum_pass_count"),
    "exemption": ("exemption_info", "exemption_documents", "exemption_submission"),
    "office": (),
    "cert_lookup": (),
}
TOPIC_OF: dict[str, str] = {member: flow for flow, facts in TOPICS.items() for member in (flow, *facts)}
