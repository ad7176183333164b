"""`applicant-bot check refund|english|id|accommodation|payment|pass|exemption|office` — the calculators.

Without ``--json``: a readable Korean answer with the clause it rests on. With ``--json``: one JSON
object (see ``bot.calculators``). Bad input: a polite Korean message on stderr, exit status 2, no
traceback. ``--today`` defaults to today in Asia/Seoul — read here, in the shell, never in the rules.
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime, timedelta, timezone
from types import MethodType

from .. import calculators

# Korea has kept UTC+9 without daylight saving since 1988; a fixed offset needs no tz database.
SEOUL = timezone(timedelta(hours=9), "Asia/Seoul")
EXIT_BAD_INPUT = 2
EXIT_BAD_DATA = 1


def seoul_today() -> date:
    return datetime.now(SEOUL).date()


def _korean_error(self: argparse.ArgumentParser, message: str) -> None:
    self.print_usage(sys.stderr)
    self.exit(EXIT_BAD_INPUT, f"입력을 확인해 주세요: {message}\n")


def _common(parser: argparse.ArgumentParser) -> None:
    parser.error = MethodType(_korean_error, parser)  # type: ignore[method-assign]
    parser.add_argument("--json", action="store_true", help="결과를 JSON 한 개로 출력")
    parser.add_argument("--today", metavar="YYYY-MM-DD", help="오늘 날짜 (기본: 서울 시각 기준 오늘)")
    parser.add_argument("--exam", metavar="PATH", help="시행계획 공고 데이터 파일 (기본: 현재 회차)")


def register(sub: argparse._SubParsersAction) -> None:
    check = sub.add_parser(
        "check", help="환불·영어성적·신분증·응시편의 계산기",
        description="직원용 계산기: 공고 기준으로 환불, 영어성적 인정, 신분증 인정, 응시 편의를 계산합니다.",
    )
    check.error = MethodType(_korean_error, check)  # type: ignore[method-assign]
    kinds = check.add_subparsers(dest="calculator", required=True, metavar="CALCULATOR")

    p = kinds.add_parser("refund", help="수수료 환불", description="예: check refund --stage 1 --on 2023-03-25 --reason 입원")
    p.add_argument("--stage", help="1 또는 2")
    p.add_argument("--on", help="취소·환불 신청 날짜 YYYY-MM-DD[THH:MM]")
    p.add_argument("--reason", help="사유: 취소(기본), 결시, 입원, 격리, 사망, 휴가 금지, 폭설, 귀책, 과오납, 부적격")
    p.add_argument("--overpaid", help="과오납한 금액(원), --reason 과오납일 때")
    _common(p)

    p = kinds.add_parser("english", help="영어성적 인정", description='예: check english --test "토플 iBT" --score 80 --taken 2022-05-01')
    p.add_argument("--test", help="시험: 토익, 텝스, 토플 PBT, 토플 iBT, 지텔프, 플렉스, 토셀, 아이엘츠")
    p.add_argument("--score", help="점수")
    p.add_argument("--taken", help="응시일 YYYY-MM-DD")
    p.add_argument("--issued", help="성적표 교부일 YYYY-MM-DD")
    p.add_argument("--hearing-impaired", action="store_true", help="청각장애인 기준 적용")
    p.add_argument("--country", help="시험을 본 국가 (KR, JP, 일본 …; 기본 대한민국)")
    p.add_argument("--level", help="G-TELP 레벨")
    p.add_argument("--special", action="store_true", help="정기시험이 아닌 수시·특별시험 성적")
    _common(p)

    p = kinds.add_parser("id", help="신분증 인정", description='예: check id --document "모바일 운전면허증"')
    p.add_argument("--document", help="신분증 (자유 입력)")
    p.add_argument("--group", help="수험자 구분: 일반, 학생, 미취학, 군인, 외국인 (기본: 신분증으로 추정)")
    _common(p)

    p = kinds.add_parser("accommodation", help="장애인 등 응시 편의", description='예: check accommodation --disability "시각 중증" --stage 1')
    p.add_argument("--disability", help='장애 유형·정도 (예: "시각 중증", "상지 경증", "하지", "임신", "깁스")')
    p.add_argument("--stage", help="1 또는 2 (기본 1)")
    p.add_argument("--region", help="원서접수 때 고른 시행지역 (제출처 안내)")
    _common(p)

    p = kinds.add_parser("payment", help="가상계좌 입금 기한", description="예: check payment --stage 1 --at 2023-02-06T13:30")
    p.add_argument("--stage", help="1 또는 2")
    p.add_argument("--at", help="접수 완료 시각 YYYY-MM-DDTHH:MM")
    _common(p)

    p = kinds.add_parser("pass", help="합격 여부", description="예: check pass --stage 2 --scores 70,65,68")
    p.add_argument("--stage", help="1 또는 2")
    p.add_argument("--scores", help="과목 점수, 쉼표로 구분 (1차 5과목, 2차 3과목; 영어 제외)")
    _common(p)

    p = kinds.add_parser("exemption", help="1차 면제 경력", description='예: check exemption --periods "2015-01-01~2017-12-31, 2020-01-01~"')
    p.add_argument("--periods", help="근무 기간 목록, 시작~종료 (재직 중이면 종료 생략)")
    _common(p)

    p = kinds.add_parser("office", help="관할 지역본부", description="예: check office --region 부산")
    p.add_argument("--region", help="지역")
    _common(p)

    check.set_defaults(func=run)


_OPTIONS = {
    "refund": ("stage", "on", "reason", "overpaid"),
    "english": ("test", "score", "taken", "issued", "hearing_impaired", "country", "level"),
    "id": ("document", "group"),
    "accommodation": ("disability", "stage", "region"),
    "payment": ("stage", "at"),
    "pass": ("stage", "scores"),
    "exemption": ("periods",),
    "office": ("region",),
}


def run(args: argparse.Namespace) -> int:
    import knowledge
    from rules.types import AmbiguousInput, InvalidInput

    try:
        exam = knowledge.load_exam(args.exam)
    except (knowledge.KnowledgeError, OSError) as error:
        print(f"공고 데이터 파일을 읽을 수 없어요: {error}", file=sys.stderr)
        return EXIT_BAD_DATA
    try:
        today = calculators.parse_date(args.today, exam.year) if args.today else seoul_today()
        options = {name: getattr(args, name) for name in _OPTIONS[args.calculator]}
        if args.calculator == "english":
            options["regular"] = not args.special
        result = calculators.CALCULATORS[args.calculator](exam, today=today, **options)
    except InvalidInput as error:
        print(f"입력을 확인해 주세요: {error}", file=sys.stderr)
        if isinstance(error, AmbiguousInput) and error.options:
            print("선택지: " + " / ".join(error.options), file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(render_text(result))
    return 0


_HEADLINES = {
    "refund": lambda r: (
        f"환불: {r['percent']}%"
        + (f" — {r['amount_krw']:,}원" if r.get("amount_krw") is not None else " — 과오납 금액 전부")
        + (f" (응시수수료 {r['fee_krw']:,}원)" if r.get("reason") != "overpayment" else "")
    ),
    "english": lambda r: (
        f"영어성적: {'인정' if r['valid'] else '불인정'} — {r['test_name']} 기준점수 "
        + ("없음" if r["threshold"] is None else f"{r['threshold']:g}점 이상")
    ),
    "id": lambda r: "신분증: " + {True: "인정", False: "불인정", None: "공고 목록에 없음 (확인 필요)"}[r["accepted"]],
    "accommodation": lambda r: (
        "응시 편의: "
        + (
            "시간 연장은 서류 검증 후 결정" if r["time_multiplier"] is None
            else "시험시간 연장 없음" if r["time_multiplier"] == 1
            else f"시험시간 {r['time_multiplier']:g}배"
        )
        + " — " + ", ".join(f"{p['name']} {p['minutes']}분" for p in r["periods"])
    ),
    "payment": lambda r: (
        "가상계좌: " + (f"입금 기한 {r['deadline'].replace('T', ' ')[:16]}" if r["virtual_account_available"] else "사용 불가")
    ),
    "pass": lambda r: "합격 여부: " + {True: "합격 기준 충족", False: "불합격", None: "최소합격인원에 따라 결정"}[r["passed"]],
    "exemption": lambda r: f"1차 면제 경력: {'충족' if r['eligible'] else '미충족'} ({r['counted_days']:,}일 / {r['required_days']:,}일)",
    "office": lambda r: "관할 기관: " + (r["name"] or "공고에 없음"),
}

_LISTS = (
    ("schedule", "기간"), ("conditions", "조건"), ("proof", "증빙"), ("how_to_submit", "제출 방법"),
    ("aids", "편의 내용"), ("documents", "제출 서류"), ("offices", "제출처"), ("alternatives", "대신 가져올 수 있는 신분증"),
)


def render_text(result: dict) -> str:
    """A staff-readable Korean answer: headline, explanation, details, and the cited clauses."""
    lines = [f"[{result['notice_label']}] {_HEADLINES[result['kind']](result)}", "", result["explanation"]]
    if result.get("reasons"):
        lines += [""] + [f"- {r}" for r in result["reasons"]]
    for key, title in _LISTS:
        items = result.get(key)
        if items and not (key == "alternatives" and result.get("accepted") is True):
            lines += ["", f"{title}:"] + [f"  · {item}" for item in items]
    if result.get("where_to_apply"):
        lines += ["", f"신청: {result['where_to_apply']}"]
    lines += ["", "근거:"] + [f"  {c['label']} — “{c['quote']}”" for c in result["citations"]]
    return "\n".join(lines)
