"""Typed inputs and decisions of the rules core.

Every rule is a pure function ``rule(exam, request, today) -> Decision``. A decision always carries
the clause(s) of the notice it rests on and a plain-Korean explanation, so that every channel (CLI,
web, Telegram, staff page) can show the same answer with the same citation.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum


@dataclass(frozen=True)
class Citation:
    """One clause of a source document, e.g. ``Citation("9. 라.", "수수료 환불", "시험시행일 20일 전까지 …")``."""

    clause: str
    title: str
    quote: str
    doc: str = "notice"  # "notice" (the exam notice) or "cert_guide" (certificate-lookup guide)

    def label(self) -> str:
        return f"{self.clause} {self.title}".strip()


@dataclass(frozen=True)
class Decision:
    """What every rule returns: the outcome in words, the reasons, and where it comes from."""

    explanation: str
    citations: tuple[Citation, ...]
    notice_label: str  # "2023년도 제34회 공고 기준"
    reasons: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.citations:
            raise ValueError("a decision must cite at least one clause")


class InvalidInput(ValueError):
    """Input a rule cannot decide on (unknown test name, stage 3, score -5 …); the message is Korean
    and polite, fit to show to an applicant as it is."""


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
    stage: int
    on: datetime  # when the applicant cancels / applies for the refund (Asia/Seoul, naive)
    reason: RefundReason = RefundReason.CANCEL
    overpaid_krw: int | None = None  # for OVERPAYMENT: the amount paid over the fee


@dataclass(frozen=True)
class RefundDecision(Decision):
    percent: int = 0
    amount_krw: int = 0
    fee_krw: int = 0
    period: str = ""  # e.g. "60% 환불 기간"
    period_start: datetime | None = None
    period_end: datetime | None = None
    proof: tuple[str, ...] = ()
    where_to_apply: str = ""
    deadline: datetime | None = None


# --- English score ------------------------------------------------------------------------------


@dataclass(frozen=True)
class EnglishRequest:
    test: str  # test id from the knowledge file, e.g. "toeic", "toefl_ibt", "gtelp"
    score: float
    taken: date
    issued: date | None = None
    hearing_impaired: bool = False
    country: str | None = None  # ISO 3166 alpha-2 where the test was taken; None = Korea
    level: int | None = None  # G-TELP level
    regular: bool = True  # a regular (정기) sitting, not a special/in-house one


@dataclass(frozen=True)
class EnglishDecision(Decision):
    valid: bool = False
    threshold: float | None = None
    failures: tuple[str, ...] = ()
    how_to_submit: tuple[str, ...] = ()


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


@dataclass(frozen=True)
class IdDecision(Decision):
    accepted: bool | None = None  # None: the document is not one the notice speaks of
    group: IdGroup = IdGroup.GENERAL
    document: str | None = None  # the listed document it matched
    conditions: tuple[str, ...] = ()
    alternatives: tuple[str, ...] = ()


# --- accommodation ------------------------------------------------------------------------------


@dataclass(frozen=True)
class AccommodationRequest:
    disability: str  # free text, e.g. "시각 중증", "상지 경증 하지", "임신", "깁스"
    stage: int = 1


@dataclass(frozen=True)
class PeriodTime:
    name: str  # "1교시"
    subjects: str
    base_minutes: int
    minutes: int  # extended


@dataclass(frozen=True)
class AccommodationDecision(Decision):
    category: str = ""  # the table row, e.g. "시각 장애 중증"
    time_multiplier: float = 1.0
    minutes: tuple[int, ...] = ()
    periods: tuple[PeriodTime, ...] = ()
    aids: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    submit_by: datetime | None = None
    submit_to: str = ""
