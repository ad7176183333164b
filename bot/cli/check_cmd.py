"""`applicant-bot check refund|english|id|accommodation|payment|pass|exemption|office` — the calculators,
one subcommand per calculator of ``bot.capabilities`` with the options declared there.

Without ``--json``: a readable Korean answer with the clause it rests on. With ``--json``: one JSON
object (see ``bot.calculators``). Bad input: a polite Korean message on stderr, exit status 2, no
traceback. ``--today`` defaults to today in Asia/Seoul — read here, in the shell, never in the rules.
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
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
    from ..capabilities import CAPABILITIES

    check = sub.add_parser(
        "check", help="환불·영어성적·신분증·응시편의 계산기",
        description="직원용 계산기: 공고 기준으로 환불, 영어성적 인정, 신분증 인정, 응시 편의를 계산합니다.",
    )
    check.error = MethodType(_korean_error, check)  # type: ignore[method-assign]
    kinds = check.add_subparsers(dest="calculator", required=True, metavar="CALCULATOR")
    for capability in CAPABILITIES:
        if capability.check is None:
            continue
        p = kinds.add_parser(capability.name, help=capability.title, description=f"예: {capability.example}")
        for option in capability.options:
            flag = "--" + option.name.replace("_", "-")
            if option.flag:
                p.add_argument(flag, dest=option.name, action="store_true", help=option.help)
            else:
                p.add_argument(flag, dest=option.name, help=option.help)
        _common(p)
    check.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import knowledge
    from rules.types import AmbiguousInput, InvalidInput

    from ..capabilities import BY_NAME

    capability = BY_NAME[args.calculator]
    try:
        exam = knowledge.load_exam(args.exam)
    except (knowledge.KnowledgeError, OSError) as error:
        print(f"공고 데이터 파일을 읽을 수 없어요: {error}", file=sys.stderr)
        return EXIT_BAD_DATA
    try:
        today = calculators.parse_date(args.today, exam.year) if args.today else seoul_today()
        options = {option.name: getattr(args, option.name) for option in capability.options}
        result = capability.check(exam, today=today, **options)
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


def render_text(result: dict) -> str:
    """A staff-readable Korean answer: headline, explanation, details, and the cited clauses
    (templates/check.j2)."""
    return _renderer().render("check.j2", r=result).strip()


@lru_cache(maxsize=1)
def _renderer():
    from ..dialogue.render import Renderer

    return Renderer()  # compiles every template: once a process
