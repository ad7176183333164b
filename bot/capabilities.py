"""Every calculator declared once: its name (the intent, the flow, ``check NAME``, the staff form,
the template), the conversation that fills its request, the staff calculator that parses typed
options, and those options. The CLI's ``check`` commands, the dialogue's flows, the staff page's
calculators and the OpenAPI document are derived from this table; the topic's words (its label,
the fact that states its rule, the facts of its topic) are in ``knowledge/lexicon.yaml`` under
the same name.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from . import calculators
from .dialogue.flows.accommodation import AccommodationFlow
from .dialogue.flows.arrival import ArrivalFlow
from .dialogue.flows.base import Flow
from .dialogue.flows.cert_lookup import CertLookupFlow
from .dialogue.flows.english import EnglishFlow
from .dialogue.flows.exemption import ExemptionFlow
from .dialogue.flows.identity import IdFlow
from .dialogue.flows.office import OfficeFlow
from .dialogue.flows.passing import PassFlow
from .dialogue.flows.payment import PaymentFlow
from .dialogue.flows.refund import RefundFlow


@dataclass(frozen=True)
class Option:
    """One input of a staff calculator: the CLI option ``--name`` (dashes for underscores), the
    staff form field and the OpenAPI property of the same name."""

    name: str
    help: str
    flag: bool = False  # a switch (``--hearing-impaired``), not a value


@dataclass(frozen=True)
class Capability:
    name: str
    flow: Flow
    title: str = ""  # the staff calculator's title (CLI help); empty: no staff calculator
    example: str = ""  # a CLI example line
    check: Callable[..., dict] | None = None  # bot.calculators: typed options → JSON result
    options: tuple[Option, ...] = ()


CAPABILITIES: tuple[Capability, ...] = (
    Capability(
        "refund", RefundFlow(), "수수료 환불", "check refund --stage 1 --on 2023-03-25 --reason 입원",
        calculators.check_refund, (
            Option("stage", "1 또는 2"),
            Option("on", "취소·환불 신청 날짜 YYYY-MM-DD[THH:MM]"),
            Option("reason", "사유: 취소(기본), 결시, 입원, 격리, 사망, 휴가 금지, 폭설, 귀책, 과오납, 부적격"),
            Option("overpaid", "과오납한 금액(원), --reason 과오납일 때"),
        ),
    ),
    Capability(
        "english", EnglishFlow(), "영어성적 인정", 'check english --test "토플 iBT" --score 80 --taken 2022-05-01',
        calculators.check_english, (
            Option("test", "시험: 토익, 텝스, 토플 PBT, 토플 iBT, 지텔프, 플렉스, 토셀, 아이엘츠"),
            Option("score", "점수"),
            Option("taken", "응시일 YYYY-MM-DD"),
            Option("issued", "성적표 교부일 YYYY-MM-DD"),
            Option("hearing_impaired", "청각장애인 기준 적용", flag=True),
            Option("country", "시험을 본 국가 (KR, JP, 일본 …; 기본 대한민국)"),
            Option("level", "G-TELP 레벨"),
            Option("special", "정기시험이 아닌 수시·특별시험 성적", flag=True),
        ),
    ),
    Capability(
        "id", IdFlow(), "신분증 인정", 'check id --document "모바일 운전면허증"',
        calculators.check_id, (
            Option("document", "신분증 (자유 입력)"),
            Option("group", "수험자 구분: 일반, 학생, 미취학, 군인, 외국인 (기본: 신분증으로 추정)"),
        ),
    ),
    Capability(
        "accommodation", AccommodationFlow(), "장애인 등 응시 편의", 'check accommodation --disability "시각 중증" --stage 1',
        calculators.check_accommodation, (
            Option("disability", '장애 유형·정도 (예: "시각 중증", "상지 경증", "하지", "임신", "깁스")'),
            Option("stage", "1 또는 2 (기본 1)"),
            Option("region", "원서접수 때 고른 시행지역 (제출처 안내)"),
        ),
    ),
    Capability(
        "payment", PaymentFlow(), "가상계좌 입금 기한", "check payment --stage 1 --at 2023-02-06T13:30",
        calculators.check_payment, (Option("stage", "1 또는 2"), Option("at", "접수 완료 시각 YYYY-MM-DDTHH:MM")),
    ),
    Capability(
        "pass", PassFlow(), "합격 여부", "check pass --stage 2 --scores 70,65,68",
        calculators.check_pass, (
            Option("stage", "1 또는 2"),
            Option("scores", "과목 점수, 쉼표로 구분 (1차 5과목, 2차 3과목; 영어 제외)"),
        ),
    ),
    Capability(
        "arrival", ArrivalFlow(), "시험 당일 입실", "check arrival --at 09:40 --stage 1 --period 1",
        calculators.check_arrival, (
            Option("at", "시험실 도착 시각 HH:MM"),
            Option("stage", "1 또는 2 (교시 시각이 같으면 생략 가능)"),
            Option("period", "교시 번호 (기본 1: 한 교시라도 결시하면 다음 교시는 볼 수 없어요)"),
        ),
    ),
    Capability(
        "exemption", ExemptionFlow(), "1차 면제 경력", 'check exemption --periods "2015-01-01~2017-12-31, 2020-01-01~"',
        calculators.check_exemption, (
            Option("periods", "근무 기간 목록, 시작~종료 (재직 중이면 종료 생략)"),
            Option("worked", "날짜 없이 아는 경력 길이, 개월 수 (예: 72; --periods가 있으면 그쪽으로 계산)"),
        ),
    ),
    Capability(
        "office", OfficeFlow(), "관할 지역본부", "check office --region 부산",
        calculators.check_office, (Option("region", "지역"),),
    ),
    Capability("cert_lookup", CertLookupFlow()),
)

BY_NAME: dict[str, Capability] = {c.name: c for c in CAPABILITIES}
FLOWS: dict[str, Flow] = {c.name: c.flow for c in CAPABILITIES}
STAFF_CALCULATORS: tuple[str, ...] = tuple(c.name for c in CAPABILITIES if c.check is not None)
