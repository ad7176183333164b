"""The schema of an exam-round knowledge file (one YAML file per notice) and of the cert-lookup guide.

The everyday-language files (lexicon.yaml, phrasings.yaml, training.yaml) have theirs in
``knowledge.lexicon_schema``; the strict base and a clause (``Source``) are in ``knowledge.source``.

Validated at load time with pydantic: an unknown key, a missing field or a wrong type fails with the
file, the field path and what is wrong. Rules read only these models, never the YAML.
Times are naive Asia/Seoul wall-clock times, as printed in the notice.
"""
from __future__ import annotations

from datetime import date, datetime, time
from typing import Literal

from pydantic import Field

from .lexicon_schema import (  # noqa: F401  (imported from here by the loader and the NLU)
    AskKind,
    Lexicon,
    Phrasings,
    Situation,
    TimeScope,
    TopicEntry,
    Words,
)
from .source import Source, Strict  # noqa: F401  (every knowledge model's base, and a clause)


class Contact(Strict):
    id: str
    name: str
    phone: str | None = None
    email: str | None = None
    url: str | None = None
    note: str | None = None
    source: Source


# the round's dated periods a fact may be about ("지금 원서 넣을 수 있어요?" is answered for that
# moment, rules.periods)
PeriodName = Literal[
    "stage1.application", "stage2.application", "stage1.provisional_answers",
    "english.submission", "exemption.submission",
]


class Window(Strict):
    start: datetime
    end: datetime
    # a period that takes nothing on Saturdays, Sundays and the listed holidays ("토·일·공휴일 제외")
    weekdays_only: bool = False
    holidays: list[date] = []


class Period(Strict):
    """One exam period (교시) of a stage."""

    name: str  # "1교시"
    subjects: list[str] = Field(min_length=1)
    entry: time  # 입실완료
    start: time
    end: time
    minutes: int = Field(gt=0)
    method: str  # "객관식 5지 택일형"


class Stage(Strict):
    number: Literal[1, 2]
    name: str  # "제1차 시험"
    application: Window
    exam_date: date
    regions: list[str] = Field(min_length=1)
    place: str
    result_at: datetime
    fee_krw: int = Field(gt=0)
    subjects: list[str] = Field(min_length=1)
    periods: list[Period] = Field(min_length=1)
    breaks: list[str] = []  # "중식시간 11:10 ~ 12:10 (60분)"
    source: Source
    timetable_source: Source
    # extensions (optional): the 가답안 window (1차 only), the results announcement's channels
    provisional_answers: Window | None = None
    provisional_answers_source: Source | None = None
    result_channels: list[str] = []


class RefundTier(Strict):
    percent: int = Field(gt=0, le=100)
    days_before_exam: int = Field(gt=0)  # "시험시행일 N일 전까지" = on or before exam_date - N days
    source: Source


class RefundCase(Strict):
    """A refund case outside the cancellation tiers (after-exam 50% cases, organiser's fault …)."""

    reason: Literal[
        "bereavement", "hospitalisation", "quarantine", "military_leave_ban", "weather",
        "organiser_fault", "overpayment", "disqualified", "absent",
    ]
    percent: int = Field(ge=0, le=100)
    condition: str
    proof: list[str] = []
    apply_within_days_after_exam: int | None = None
    aliases: list[str] = []  # words staff and applicants use: "입원", "돌아가셔서", "정전"
    source: Source
    # extensions (optional)
    event_within_days_before_exam: int | None = None  # bereavement: death within N days before the exam
    relatives: list[str] = []  # bereavement: whose death counts (as the notice lists them)
    # bereavement: the words applicants use for a relative, split by whether the notice's closed
    # list covers them ("할머니" yes, "사촌" no); a word in neither is not a relative the rule judges
    relative_words: dict[Literal["listed", "not_listed"], list[str]] = {}
    # the case is the applicant's own (본인의 입원, 수험자의 격리, 군인 수험자): told of a relative, it is not
    applicant_only: bool = False
    sub_cases: list[str] = []  # organiser_fault: the 귀책사유 가.~라. and the table's 1.~2.
    amount_note: str | None = None  # overpayment: "과오납 금액분만 환불"


class RefundRules(Strict):
    in_period_percent: int = 100
    in_period_source: Source
    tiers: list[RefundTier] = Field(min_length=1)  # highest percent first
    cases: list[RefundCase]
    apply_before_exam: str  # "큐넷 감정평가사 홈페이지 → 마이페이지"
    apply_after_exam: str  # "큐넷 메인 홈페이지 자료실 → 각종 서식 → 검정수수료 환불신청서"
    online_only_note: str
    no_refund: list[str]
    source: Source
    cancel_deadline_note: str | None = None  # "접수 취소 및 환불은 시험 시행일 10일 전까지만 가능"


class PaymentRules(Strict):
    methods: list[str]
    virtual_account_cutoff: time  # applied before -> same day deadline; at/after -> next day
    virtual_account_deadline: time  # 14:00
    last_day_blackout: tuple[time, time]  # 13:00–18:00 on the last application day
    source: Source
    fee_note: str | None = None  # "결제수수료는 공단에서 부담"
    unpaid_note: str | None = None  # "지정시간까지 미입금 시 원서접수가 취소됨"


class EnglishTest(Strict):
    id: str  # "toeic"
    name: str  # "TOEIC"
    aliases: list[str] = Field(min_length=1)  # "토익", "toeic"
    general: float = Field(gt=0)
    hearing_impaired: float | None = None  # None: not usable under the hearing-impaired standard
    level: int | None = None  # G-TELP: only this level counts
    variant: str | None = None  # "Advanced" (TOSEL), "Overall Band Score" (IELTS)
    max_score: float = Field(gt=0)  # for plausibility checks of input
    online_only_in_korea: bool = False
    countries: list[str] | None = None  # ISO codes where regular sittings count; None = anywhere


class EnglishRules(Strict):
    taken_from: date  # inclusive
    issued_by: date  # inclusive
    tests: list[EnglishTest] = Field(min_length=1)
    threshold_source: Source
    window_source: Source
    regular_only_source: Source
    overseas_source: Source
    toeic_source: Source
    submission_source: Source
    japan_toeic_email: str
    japan_toeic_phone: str
    how_to_submit: list[str]
    overseas_requirements: list[str]
    no_score_needed: str
    # extensions (optional)
    submission_window: Window | None = None  # 공인어학성적표 제출기간 (온라인다이렉트 제출은 상시)
    ambiguous_aliases: dict[str, list[str]] = {}  # "토플": ["toefl_pbt", "toefl_ibt"] -> ask which one
    japan_toeic_note: str | None = None


class IdDocument(Strict):
    id: str
    name: str  # as printed in the notice
    aliases: list[str] = Field(min_length=1)  # lower-case words matched in free text
    conditions: list[str] = []
    number: str | None = None  # "①" as numbered in the notice's list
    mobile: bool = False  # a mobile form that the notice names explicitly
    instead: str | None = None  # not_accepted / rejected_forms: what to bring instead
    expires: bool = False  # the notice makes its validity period a condition ("유효기간 이내인 것")
    # brought beside an ID, not as one (the admission ticket): named with an ID, the ID is judged
    alongside: bool = False


class IdGroupRules(Strict):
    id: Literal["general", "student", "preschool", "soldier", "foreigner"]
    name: str  # "모든 수험자 공통 적용"
    aliases: list[str] = []  # words that tell the group ("학생", "군인", "외국인")
    ages: tuple[int, int] | None = None  # an age said ("17살인데", "만 16세") in this range tells it too
    documents: list[IdDocument]


class IdRules(Strict):
    groups: list[IdGroupRules] = Field(min_length=5, max_length=5)
    required_fields: list[str]  # 사진, 성명, 주민번호(생년월일), 발급기관
    rejected_forms: list[IdDocument]  # 화면 캡처본, 녹화·촬영본, 복사본
    not_accepted: list[IdDocument] = []  # documents people ask about that the list does not name
    no_id_note: str
    source: Source
    ambiguous_aliases: dict[str, list[str]] = {}  # "자격증": [document ids] -> ask which one


class AccommodationColumn(Strict):
    multiplier: float = Field(ge=1.0)
    extra_for_lower_limb: bool = False  # composite row: upper-limb time + lower-limb extra
    lower_limb_extra: float = 0.0  # the lower-limb extra as a fraction of the standard time (0.1)
    decided_individually: bool = False  # "장애 유형 및 정도를 검증하여 결정": no fixed multiplier
    aids: dict[str, list[str]] = {}  # "문제인지 방법": [...], "답안작성 방법": [...], "기타": [...]
    note: str | None = None


class AccommodationRow(Strict):
    id: str  # "visual_severe"
    type: str  # "시각 장애"
    severity: str  # "중증 (장애의 정도가 심한 장애인)" / "장애정도 구분 없음"
    aliases: list[str] = Field(min_length=1)
    written: AccommodationColumn  # 필기 및 필답형 실기시험
    practical: AccommodationColumn  # 작업형 실기시험
    documents: list[str] = Field(min_length=1)  # ["①", "②", "③"]: any one of them
    notes: list[str] = []


class AccommodationRules(Strict):
    column: Literal["written", "practical"] = "written"
    rows: list[AccommodationRow] = Field(min_length=1)
    documents: dict[str, str]  # "①": "장애인복지법 …"
    submit_within_days_after_close: int = Field(gt=0)
    submit_how: str
    submit_to: str
    rounding: Literal["ceil", "round", "floor"] = "ceil"
    worked_example: str
    source: Source
    table_source: Source
    # extensions (optional)
    worked_example_minutes: int | None = None  # 84
    ambiguous_aliases: dict[str, list[str]] = {}  # "상지": [row ids] -> ask for the severity
    diagnosis_must_include: list[str] = []  # <의사진단서 발급 시 반드시 포함되어야 할 내용>
    notes: list[str] = []


class PassStage(Strict):
    subject_min: float
    average_min: float
    excluded_subjects: list[str] = []
    source: Source


class PassRules(Strict):
    stage1: PassStage
    stage2: PassStage
    minimum_pass_count: int
    tie_decimals: int
    tie_rounding: Literal["truncate"]
    minimum_source: Source
    # extensions (optional)
    shortfall_rule: str | None = None  # 최소합격인원 미달 시 결정 방법
    tie_source: Source | None = None


class ExemptionDuty(Strict):
    """One row of a body in the exemption table: these duties count in these institutions."""

    work: list[str] = Field(min_length=1)
    institutions: list[str] = Field(min_length=1)


class ExemptionBody(Strict):
    number: int
    body: str  # 법정기관
    work: list[str]
    institutions: list[str]
    rows: list[ExemptionDuty] = []  # the table's work → institutions pairs, as printed


class ExemptionDocuments(Strict):
    employer: str  # "감정평가법인, 감정평가사사무소, 한국감정평가사협회 근무자"
    documents: list[str]
    notes: list[str] = []


class Office(Strict):
    id: str
    name: str  # "서울지역본부"
    department: str
    address: str
    postcode: str
    phone: str
    regions: list[str]  # exam regions it serves: ["서울"]


class ExemptionRules(Strict):
    base_date: date  # 경력 산정 기준일
    years_required: int
    bodies: list[ExemptionBody]
    submission: Window
    submission_note: str  # "토·일·공휴일 제외"
    common_documents: list[str]
    documents: list[ExemptionDocuments]
    previous_pass_note: str
    source: Source
    documents_source: Source
    offices_source: Source
    # extensions (optional)
    evidence_rule: str | None = None  # 서류에 법정기관·기관·업무가 모두 명시된 경력만 인정
    sum_periods: bool = True  # 2개 이상 기관 경력은 합산
    document_notes: list[str] = []
    mail_note: str | None = None
    penalties: list[str] = []


class Fact(Strict):
    """A fact of the notice that the bot answers by quoting it (no calculation).

    ``situations`` and ``asks`` make a fact the sub-answer for an applicant's situation ("lost_id")
    or kind of question ("documents"), names from the lexicon: the most specific fact wins."""

    id: str
    intent: str  # the NLU intent that asks for it
    title: str
    answer: str  # Korean, 합니다/해요체, ready to show
    keywords: list[str] = []
    source: Source
    situations: list[str] = []  # lexicon situations this fact is the answer for
    asks: list[str] = []  # lexicon kinds of question it answers (amount, date, place, documents …)
    years: list[int] = []  # other years the notice itself speaks of here (2024년 최소합격인원)
    also: list[str] = []  # other intents it answers too (the 영어성적 제출기간 is also an English-submission fact)
    # the answer for one stage alone, for a fact whose answer covers both ("2차 시험 언제예요?" is
    # answered with the 2차 date only: the other stage's date beside it reads as a wrong answer)
    by_stage: dict[Literal[1, 2], str] = {}
    # dated periods of the round it is about (rules.periods): asked "지금 …?", the answer says where
    # that moment stands in each
    periods: list[PeriodName] = []


class Exam(Strict):
    id: str  # "appraiser-2023-34"
    name: str  # "감정평가사"
    year: int
    round: int
    title: str
    notice_label: str  # "2023년도 제34회 공고 기준"
    published: date
    helpdesk: Contact
    contacts: list[Contact]
    stages: list[Stage] = Field(min_length=2, max_length=2)
    payment: PaymentRules
    refund: RefundRules
    english: EnglishRules
    ids: IdRules
    accommodation: AccommodationRules
    pass_rules: PassRules
    exemption: ExemptionRules
    offices: list[Office] = Field(min_length=1)
    facts: list[Fact] = Field(min_length=1)
    notice_file: str | None = None  # the notice's text, relative to this file (staff page search)
    # the everyday-language lexicon, attached by the loader (not part of the exam file): the rules'
    # term finder reads its word lists from the exam it is given, so it never reads a file itself
    lexicon: Lexicon | None = Field(default=None, exclude=True)

    def stage(self, number: int) -> Stage:
        for stage in self.stages:
            if stage.number == number:
                return stage
        raise KeyError(number)


class GuideStep(Strict):
    number: int
    title: str
    where: str  # the screen / site
    what_you_see: str
    what_to_do: str
    done_when: str | None = None
    source: Source
    # extensions (optional)
    next_step: str | None = None  # where to go next, in words
    markers: list[str] = []  # texts on the screen that tell the applicant is at this step
    notes: list[str] = []


class CertLookupGuide(Strict):
    id: str
    title: str
    steps: list[GuideStep] = Field(min_length=1)
    done_marker: str  # "조회 실패 (증빙서류제출 완료)"
    failure_marker: str  # "조회 실패 (자격증 사본 첨부 필요, 미첨부 시 제출 불가)"
    notes: list[str] = []
    keywords: list[str] = []
    source_file: str | None = None  # the guide's text, relative to this file (quotes are checked against it)
