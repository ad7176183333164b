"""Typed inputs and decisions of the rules core.

Every rule is a pure function ``rule(exam, request, today) -> Decision``. A decision always carries
the clause(s) of the notice it rests on and what it has to say as ids and figures
(``rules.decision``), so that every channel (CLI, web, Telegram, staff page) says the same answer,
in the templates' words, with the same citation.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from enum import Enum

from .decision import (  # noqa: F401  (every rule's shared vocabulary, imported from here)
    AmbiguousInput,
    Citation,
    Decision,
    InvalidInput,
    Needs,
    Phrase,
    Unanimous,
    phrase,
    quote,
)


# --- refund -------------------------------------------------------------------------------------


class RefundReason(str, Enum):
    CANCEL = "cancel"  # plain cancellation of the application
    ABSENT = "absent"  # did not sit the exam, no special reason
    BEREAVEMENT = "bereavement"
    HOSPITALISATION = "hospitalisation"
    QUARANTINE = "quarantine"
    MILITARY_LEAVE_BAN = "military_leave_ban"
    WEATHER = "weather"
    ORGANISER_FAULT = "organiser_fault"
    OVERPAYMENT = "overpayment"
    DISQUALIFIED = "disqualified"  # 응시자격 부적격으로 합격예정 취소


@dataclass(frozen=True)
class RefundRequest:
    """Any field may be missing (None): the rule then says which ones it needs (``Needs``)."""

    stage: int | None = None  # None: inferred from a cancelling date when only one stage fits
    # when the applicant cancels / applies for the refund (Asia/Seoul, naive). A plain ``date``
    # means "some time that day": on the last application day the answer then names both sides
    # of the 18:00 close.
    on: datetime | date | None = None
    reason: RefundReason | None = RefundReason.CANCEL  # None: not said (asked only after the exam day)
    overpaid_krw: int | None = None  # for OVERPAYMENT: the amount paid over the fee
    # …or what was paid, as told ("8만원이 빠져나갔어요", "4만원이 두 번"): the rule takes the fee off
    paid_krw: int | None = None
    times_paid: int | None = None
    during_application: bool = False  # "접수기간에 취소하면": inside the application period, any day
    relative: str | None = None  # BEREAVEMENT: who died, as the applicant named them ("할머니")
    # the event behind the reason was told of that relative, not of the applicant ("엄마가 입원하셔서")
    told_of_relative: bool = False
    missed_exam: bool = False  # "시험 못 봤어요": on or after the exam day; the reason decides
    # the dates of the event behind a reason: a hospital stay "4. 2. ~ 4. 5.", the day of a death.
    # A stay, quarantine or leave ban must cover the exam day; a death must fall in the days before it.
    event_dates: tuple[date, ...] = ()
    # …or said from the exam day ("시험 사흘 전에", "시험 전날 퇴원"): days from it (-1: the day
    # before), and whether that day is when a stay ended (a stay that ends before the exam misses it)
    event_from_exam: int | None = None
    event_ended: bool = False
    # …or only the month it happened in ("2월에 돌아가셔서"): (year, month)
    event_month: tuple[int, int] | None = None
    # the day of cancelling told from the exam day ("시험 열흘 전에 취소하면"): days from it (-10)
    on_from_exam: int | None = None
    # a cause told that the case's condition does not name: a leave refused for a routine training,
    # not for the national crisis the leave-ban case needs
    cause_outside: bool = False


@dataclass(frozen=True)
class RefundDecision(Decision):
    percent: int = 0
    amount_krw: int | None = 0  # None only for an overpayment whose amount was not given
    fee_krw: int = 0
    period: Phrase | None = None  # which period or outcome the percent belongs to ("60% 환불 기간")
    period_start: datetime | None = None
    period_end: datetime | None = None
    proof: tuple[str, ...] = ()
    where_to_apply: Phrase | None = None  # before the exam the Q-Net page, from the exam day the form
    deadline: datetime | None = None  # last moment to apply for this outcome (inclusive)
    reason: str = "cancel"  # RefundReason value the decision is about
    schedule: tuple[Phrase, ...] = ()  # every period with concrete dates: "60% 환불: 2023. 2. 11. ~ 3. 19."
    conditions: tuple[Phrase, ...] = ()  # what must be true for the percent to apply
    stage: int = 0
    stage_inferred: bool = False  # the stage was not said: the cancelling date settled it
    stage_last_held: bool = False  # …or, for a missed exam's reason, it is the exam held last before today
    # BEREAVEMENT: is the relative named on the notice's closed list (None: no relative named)
    relative_listed: bool | None = None
    relatives: tuple[str, ...] = ()  # the notice's list, for an answer about who counts

    def outcome(self) -> object:
        return (self.percent, self.amount_krw, self.reason)


# --- English score ------------------------------------------------------------------------------


@dataclass(frozen=True)
class EnglishRequest:
    """``test``, ``score`` and ``taken`` may be missing: the rule says which it needs (a score
    under the threshold fails on any date, so then the date is not needed)."""

    test: str | None = None  # test id from the knowledge file, e.g. "toeic", "toefl_ibt", "gtelp"
    score: float | None = None
    taken: date | None = None
    issued: date | None = None
    hearing_impaired: bool = False
    country: str | None = None  # ISO 3166 alpha-2 where the test was taken; None = Korea
    level: int | None = None  # G-TELP level
    regular: bool = True  # a regular (정기) sitting, not a special/in-house one
    # only the month is known: (year, month), ``taken`` None; (year, None): only the year
    taken_month: tuple[int, int | None] | None = None


@dataclass(frozen=True)
class EnglishDecision(Decision):
    valid: bool = False
    threshold: float | None = None
    failures: tuple[Phrase, ...] = ()
    how_to_submit: tuple[Phrase, ...] = ()
    test: str = ""  # test id
    test_name: str = ""  # "TOEIC"
    standard: str = "general"  # "general" | "hearing_impaired"
    window: Phrase | None = None  # the validity window's dates: "2021. 2. 11. ~ 2023. 2. 10."
    date_checked: bool = True  # False: the score fails the threshold, so the test date was not needed

    def outcome(self) -> object:
        return self.valid


@dataclass(frozen=True)
class ScoreStanding:
    """The score against its threshold while the test date is still unknown: a score at or over
    the threshold counts if the date is inside the window (the question for the date says so)."""

    test_name: str
    score: float
    threshold: float
    standard: str  # "general" | "hearing_impaired"
    meets: bool
    window_start: date
    window_end: date
    abroad: tuple[Phrase, ...] = ()  # what a score taken outside Korea needs besides


# --- ID on exam day -----------------------------------------------------------------------------


class IdGroup(str, Enum):
    GENERAL = "general"
    STUDENT = "student"  # 초·중·고등학생 및 만 18세 이하
    PRESCHOOL = "preschool"
    SOLDIER = "soldier"  # 사병(군인)
    FOREIGNER = "foreigner"


@dataclass(frozen=True)
class IdRequest:
    document: str  # free text, e.g. "모바일 운전면허증", "주민등록증 복사본"
    group: IdGroup | None = None  # inferred from the document when None
    expired: bool = False  # "유효기간이 지났어요": the document's validity is over


@dataclass(frozen=True)
class IdDecision(Decision):
    accepted: bool | None = None  # None: the document is not one the notice speaks of
    group: IdGroup = IdGroup.GENERAL
    document: str | None = None  # the listed document it matched (its name in the notice)
    conditions: tuple[Phrase, ...] = ()
    alternatives: tuple[str, ...] = ()
    document_id: str | None = None
    rejected_form: str | None = None  # "복사본", "화면 캡처본" … when that is why it fails
    groups: tuple[IdGroup, ...] = ()  # every group the matched document is listed for


# --- accommodation ------------------------------------------------------------------------------


@dataclass(frozen=True)
class AccommodationRequest:
    disability: str  # free text, e.g. "시각 중증", "상지 경증 하지", "임신", "깁스"
    stage: int | None = 1  # None: not said (the multiplier is the same for both stages)
    region: str | None = None  # exam region chosen at application ("서울"): names the office


@dataclass(frozen=True)
class PeriodTime:
    name: str  # "1교시"
    subjects: str
    base_minutes: int
    minutes: int  # extended


@dataclass(frozen=True)
class AccommodationDecision(Decision):
    category: str = ""  # the table row, e.g. "시각 장애 중증"
    # None: the notice gives no multiplier (일시적 신체장애: decided after reviewing the documents);
    # ``minutes`` are then the standard minutes and ``extension_pending_review`` is True.
    time_multiplier: float | None = 1.0
    minutes: tuple[int, ...] = ()
    periods: tuple[PeriodTime, ...] = ()
    aids: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    submit_by: datetime | None = None  # end of the last day to submit (the notice gives a date)
    submit_to: str = ""
    rows: tuple[str, ...] = ()  # table row ids, two for a composite case
    column: str = "written"
    extension_pending_review: bool = False
    notes: tuple[str, ...] = ()
    rounding: str = "ceil"
    offices: tuple[str, ...] = ()  # "서울지역본부 전문자격시험부 (02512) 서울 동대문구 … ☎ 02-2137-0554"
    deadline_passed: bool = False  # `today` is after submit_by: the notice's deadline is over
    stage: int = 0

    def outcome(self) -> object:
        return (self.time_multiplier, self.rows)


# --- certificate lookup walk-through -------------------------------------------------------------


@dataclass(frozen=True)
class CertLookupDecision(Decision):
    """``notice_label`` is the guide's title: the guide, not the notice, is what it rests on."""

    step: int | None = None  # the step the applicant is on (None: not started / not recognised)
    total_steps: int = 0
    title: str = ""
    where: str = ""
    what_you_see: str = ""
    what_to_do: str = ""
    done: bool = False
    next_step: int | None = None


# --- virtual-account payment --------------------------------------------------------------------


@dataclass(frozen=True)
class PaymentRequest:
    stage: int
    applied_at: datetime  # when the application was completed


@dataclass(frozen=True)
class PaymentDecision(Decision):
    virtual_account_available: bool = True
    deadline: datetime | None = None  # pay into the virtual account by then
    methods: tuple[str, ...] = ()  # methods usable at that moment


# --- pass / fail --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PassRequest:
    stage: int | None
    scores: tuple[float, ...]  # one per scored subject, in the notice's order (1차: English excluded)
    # the scores of some subjects only, in no order ("한 과목이 39점인데"): enough when one of them
    # is under the subject minimum, whatever the others and the stage
    partial: bool = False
    average: float | None = None  # an average said without the subjects' scores ("평균 58점이면")


@dataclass(frozen=True)
class PassDecision(Decision):
    # None: 2차 with every subject ≥ 40 but an average below 60 — depends on the minimum pass count
    passed: bool | None = False
    average: float = 0.0  # exact mean
    average_truncated: str = ""  # the tie-rule figure, two decimals truncated: "67.66"
    failing_subjects: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    partial: bool = False  # decided on some subjects' scores (one under the minimum) or on an average
    average_said: float | None = None  # the average the applicant said, when it decided
    subjects_decide: bool = False  # the average said reaches the minimum: every subject ≥ 40 passes
    subject_min: float = 0
    average_min: float = 0

    def outcome(self) -> object:
        return (self.passed, self.subjects_decide) if self.partial else None


# --- 1차 exemption by work experience -----------------------------------------------------------


@dataclass(frozen=True)
class WorkPeriod:
    start: date
    end: date | None = None  # None: still working there
    employer: str = ""


@dataclass(frozen=True)
class ExemptionRequest:
    periods: tuple[WorkPeriod, ...] = ()
    # said as a length without dates ("6년 일했어요"): (fewest, most) months, summed over employers
    worked_months: tuple[int, int] | None = None


@dataclass(frozen=True)
class ExemptionDecision(Decision):
    eligible: bool = False
    counted_days: int = 0
    required_days: int = 0
    shortfall_days: int = 0
    base_date: date | None = None
    reached_on: date | None = None  # first day the 5 years are complete, if before/at base date
    # decided on a length said without dates: the months said (fewest, most), the months the
    # base date may cut off (work after it does not count), the months required
    worked_months: tuple[int, int] | None = None
    months_after_base: int = 0
    required_months: int = 0


# --- which office --------------------------------------------------------------------------------


@dataclass(frozen=True)
class OfficeRequest:
    region: str  # free text: "서울", "부산광역시", "인천"


@dataclass(frozen=True)
class OfficeDecision(Decision):
    found: bool = False
    region: str | None = None
    office_id: str | None = None
    name: str = ""
    department: str = ""
    address: str = ""
    postcode: str = ""
    phone: str = ""


# --- arriving on exam day -------------------------------------------------------------------------


class ArrivalVerdict(str, Enum):
    ON_TIME = "on_time"  # by the period's 입실완료 time
    AFTER_ENTRY = "after_entry"  # after 입실완료, before the period starts: not barred, but late
    TOO_LATE = "too_late"  # at or after the start: that period, and so the rest of the stage, is lost
    MISSED_BEFORE = "missed_before"  # an earlier period was missed: no later one can be sat, whenever


@dataclass(frozen=True)
class ArrivalRequest:
    at: time | None = None  # when the applicant reaches the exam room
    stage: int | None = None
    # 1-based period (교시) the applicant means to sit; None: the first — having missed a period,
    # no later one can be sat, so someone arriving for the day arrives for the first
    period: int | None = None
    missed_period: int | None = None  # a period already missed ("1교시 지각해서 못 들어갔어요")


@dataclass(frozen=True)
class ArrivalDecision(Decision):
    verdict: ArrivalVerdict = ArrivalVerdict.ON_TIME
    stage: int = 1
    period: str = ""  # "1교시"
    period_said: bool = False  # the applicant named the period (else the first one is assumed)
    at: time | None = None
    entry: time | None = None  # 입실완료
    start: time | None = None
    later_periods: tuple[str, ...] = ()  # the stage's periods after this one (lost with it when too late)
    missed_period: str = ""  # the earlier period already missed, when that bars this one

    def outcome(self) -> object:
        if self.verdict is ArrivalVerdict.MISSED_BEFORE:
            return (self.verdict, self.period)  # barred whatever the stage's times
        return (self.verdict, self.period, self.entry, self.start)
