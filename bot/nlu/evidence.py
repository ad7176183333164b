"""What the slots of a message say about its intent ("토익" + "750점" is an English check, a date +
"취소" a refund, a disability + "화장실" the accommodation table): evidence the classifier adds to
its keyword and phrasing scores."""
from __future__ import annotations

import re

from . import frames
from .types import Slots

_EXAM_DAY = re.compile(r"시험날|시험일|시험당일|시험보는날|시험전날")
_REFUND_WORDS = re.compile(r"환불|취소|돌려|반환|몇퍼센트|퍼센트|%")
_MISSED_EXAM = re.compile(r"못봤|못갔|못가|못보|못치|응시못|응시하지못|결시|불참|안갔|못봄")
_DOC_WORDS = re.compile(r"서류|제출|보내|어디로|지역본부|담당|관할|주소|우편|방문")
_WORK_WORDS = re.compile(r"경력|근무|다녔|다니|일했|일하|재직|종사|입사|퇴사|다님|업무|법인|사무소|협회|부동산원|감정원|공무원|회사")
_MONEY_WORDS = re.compile(r"환불|돈|수수료|돌려|반환|응시료")
_YEARS = re.compile(r"\d+년")
_PAY_WORDS = re.compile(r"입금|가상계좌|계좌|결제|납부")
_DATE_CONTEXT = re.compile(r"시험|봐요|보나|볼수|보는|보고싶|보려|볼래|봐도|치러|쳐요|응시")
_NOT_ID_CONTEXT = re.compile(
    r"편의|조회|가산점|발급|자격증사본|진단서|면제서류|원천징수|경력증명|소득금액|연금가입|건강보험|자격득실"
    # a copy sent, uploaded or obtained is a paper handed in, not the ID shown on the exam day
    r"|보내|보냈|첨부|업로드|올리|올려|올렸|등기|우편|제출|구하|구해|구할"
    # …or handed in with the exemption papers ("인사기록카드는 복사해서 내면 되죠?")
    r"|인사기록|사실확인서|별지|내면되|내도되|내야되|내야돼|내야하"
)
_NOT_ID_DOCUMENT = re.compile(r"자격증사본|자격증복사본|자격증파일")
_ID_CONTEXT = re.compile(r"신분|시험장|시험날|시험당일|당일|지참|가져가|챙겨|들고|들어가|입실")
_ASKS_THRESHOLD = re.compile(r"몇점|기준|이상|넘어야|넘으면|커트|필요해|받아야")
_TOPIC_WORDS = re.compile(r"서류|증빙|신청|진단서|소견서")
_AS_ID = re.compile(r"신분증으로|신분증대신|신분확인|신분증처럼|신분증용")
_PASS_WORDS = re.compile(r"합격|붙|떨어|과락|구제|통과")
_APPLYING_WORDS = re.compile(r"접수하|접수해|원서|접수마감|제출하|제출해")
_ARRIVAL_WORDS = re.compile(r"도착|들어가|들어갈|입실|지각|늦")


def said_of_work(text: str) -> bool:
    """Does the message speak of working somewhere ("2018년 입사", "3년 다녔어요")?"""
    return bool(_WORK_WORDS.search(text.replace(" ", "")))


def slot_evidence(slots: Slots, squeezed: str) -> dict[str, float]:
    """What the slots of a message say about its intent ("토익" + "750점" → an English check)."""
    bonus: dict[str, float] = {}

    def add(intent: str, value: float) -> None:
        bonus[intent] = bonus.get(intent, 0.0) + value

    said_test = slots.test is not None or bool(slots.test_options)
    if said_test and (slots.score is not None or slots.invalid_score):
        add("english", 2.0)
    elif said_test and _ASKS_THRESHOLD.search(squeezed):
        add("english_thresholds", 1.5)
    elif said_test and slots.score is None and frames.said("asks_accepted", squeezed):
        add("english", 1.2)  # "플렉스 점수도 되나요?": the test named, whether it counts
    if said_test and slots.regular is False and slots.score is None:
        add("english_validity", 1.5)  # "회사 승진용으로 본 토익도 돼요?": regular sittings only
    if said_test and (slots.dates or slots.months):
        add("english", 1.0)
    if said_test and (slots.hearing_impaired or slots.country or slots.regular is False) and slots.score is not None:
        add("english", 0.5)
    if said_test and "procedure" in slots.asks and slots.score is None:
        add("english_submission", 1.0)  # "텝스 성적표 스캔본 올리면 되나요?": the way a score is handed in
    if said_test and slots.country and slots.score is None:
        add("english_submission", 1.0)  # "일본 살 때 본 토익이 있어요": a score taken abroad, handed in its own way
    if len(slots.subject_scores) >= 3:
        add("pass", 2.5)
    elif len(slots.subject_places) >= 2:
        add("pass", 2.0)  # "2차 실무 70 이론 65": scores said with their subjects' names
    elif slots.one_subject_score is not None and (_PASS_WORDS.search(squeezed) or "과목" in squeezed):
        # "한 과목만 39점이면 합격이에요?", "1차 과목 하나 35점 나올 것 같아요": a subject's score
        # against the pass rule
        add("pass", 2.0)
    when = bool(slots.dates or slots.time or slots.invalid_dates or slots.date_span or slots.shift_from_exam)
    if when and _REFUND_WORDS.search(squeezed):
        add("refund", 1.5)
    if slots.refund_reason not in (None, "cancel", "absent"):
        missed = bool(_MISSED_EXAM.search(squeezed) or slots.missed_exam)
        if missed:
            # "폭우로 버스가 끊겨서 시험장 못 갔어요": a case of 9. 라. told, and the refund is all the
            # notice says of it — whether or not money is named
            add("refund", 2.0)
        elif _MONEY_WORDS.search(squeezed):
            add("refund", 1.2)
        elif _EXAM_DAY.search(squeezed):
            add("refund", 1.2)  # "입원까지 했어요 시험날 포함해서 3일이요": the case's own condition told
    if frames.refund_reason(slots.situations) and slots.missed_exam:
        # "공단 사정으로 시험장이 바뀌어서 못 봤어요": a refund case, described
        add("refund", 2.0 if _MONEY_WORDS.search(squeezed) else 1.0)
    elif slots.missed_exam and "illness" in slots.situations:
        # "시험날 아파서 못 갔어요": an absence for an illness — what the notice says of it is the
        # refund's hospital case, asked about
        add("refund", 1.5)
    elif slots.missed_exam and slots.situations and not _MONEY_WORDS.search(squeezed):
        # "2차 시험 못 봤어요 군인이라서요": an absence told with what the applicant is — what the
        # notice says of such absences is the refund cases (the soldier's leave ban)
        add("refund_info", 1.0)
    elif slots.refund_reason == "absent" and _MONEY_WORDS.search(squeezed):
        add("refund", 1.2)  # "결시하면 2교시도 못 봐요?" is about the exam, not about money
    document = (slots.document or "").replace(" ", "")
    # the context around the document, or the document phrase itself when it is another topic's
    # paper ("자격증 사본" is the certificate lookup's attachment, not a copy of an ID)
    not_id = _NOT_ID_CONTEXT.search(squeezed.replace(document, " ")) or (
        _NOT_ID_DOCUMENT.search(document) and not _ID_CONTEXT.search(squeezed)
    )
    # "셀카로 찍은 사진도 돼요?": a form of a document and no document nor exam day named — the
    # application photo as likely as a photo of an ID
    form_alone = slots.document_form_only and not _ID_CONTEXT.search(squeezed)
    if slots.document and not not_id:
        # "수험표" is named among documents that are not IDs, but mostly it is the admission ticket
        generic = slots.document.replace(" ", "") in ("수험표", "자격증") or form_alone
        add("id", 0.5 if generic else 2.0)
    if slots.document and _AS_ID.search(squeezed):
        add("id", 1.5)  # "시각장애 있는데 신분증으로 복지카드 돼요?": the card as an ID, not the papers
    if slots.id_group and slots.id_group != "general" and "신분" in squeezed:
        add("id", 1.5)
    english_check = said_test and slots.score is not None
    if slots.disability and not english_check:
        # (with a test and a score, a hearing impairment is the English check's standard)
        add("accommodation", 1.0 if _TOPIC_WORDS.search(squeezed) and not slots.stage else 2.0)
        if "화장실" in squeezed:
            # 신장·과민성·임신: toilet use is what the accommodation table grants them; the general
            # "no toilet during the exam" fact would be a confident wrong answer for them
            add("accommodation", 2.0)
    if slots.region:
        if _DOC_WORDS.search(squeezed):
            add("office", 1.2)
        elif _DATE_CONTEXT.search(squeezed):
            add("exam_places", 1.2)
    if (
        (slots.time or slots.just_now) and not slots.dates and _ARRIVAL_WORDS.search(squeezed)
        and not _PAY_WORDS.search(squeezed) and not _APPLYING_WORDS.search(squeezed)  # late to apply, not to arrive
        and not _REFUND_WORDS.search(squeezed)  # "지금 환불 신청해도 안 늦었나요": late for the refund
    ):
        # "9시 40분쯤 도착하면 들어갈 수 있어요?", "지금 도착함 …": a time of the exam day
        add("arrival", 2.0)
    if (slots.time or slots.dates) and _PAY_WORDS.search(squeezed):
        add("payment", 1.2)
    if slots.worked_months or ((slots.dates or slots.months or _YEARS.search(squeezed)) and _WORK_WORDS.search(squeezed)):
        add("exemption", 1.5)
    if slots.refund_reason is None and slots.missed_exam and _MONEY_WORDS.search(squeezed):
        add("refund", 1.2)  # "1차 결시했어요 환불돼요?": the reason is asked, the topic is clear
    if slots.refund_reason == "overpayment":
        add("refund", 1.5)  # "결제가 두 번 됐어요": money paid twice is always a refund question
    if slots.relative and slots.refund_reason == "bereavement":
        add("refund", 0.5)
    if slots.in_application_period and _REFUND_WORDS.search(squeezed):
        add("refund", 1.5)  # "접수기간에 취소하면 다 돌려주죠?"
    for situation in slots.situations:
        for intent, weight in frames.frame_lexicon().evidence.get(situation, {}).items():
            add(intent, weight)
    return bonus


