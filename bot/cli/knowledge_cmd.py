"""`applicant-bot knowledge check [PATH]` and `applicant-bot knowledge show [PATH]`.

``check`` runs the same validation as loading (schema + cross-field checks + verbatim quotes):
exit 0 with a one-line summary, or exit 1 listing every problem as ``file: field: problem``.
``show`` prints a short summary of an exam round (dates, fees, counts) for the operator.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import knowledge
from knowledge.loader import DEFAULT_EXAM_FILE, EXAM_ENV, EXAMS_DIR, file_kind, resolve
from knowledge.schema import CertLookupGuide, Exam

WEEKDAYS = "월화수목금토일"


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("knowledge", help="지식 파일(시험 공고 YAML) 검사·요약")
    actions = parser.add_subparsers(dest="knowledge_command", required=True, metavar="ACTION")

    check = actions.add_parser("check", help="지식 파일을 검사합니다 (문제가 있으면 종료 코드 1)")
    check.add_argument("path", nargs="?", help="YAML 파일, 디렉터리, 또는 번들 시험 id (기본: 현재 회차와 안내서)")
    check.set_defaults(func=run_check)

    show = actions.add_parser("show", help="시험 회차 요약을 보여 줍니다")
    show.add_argument("path", nargs="?", help="YAML 파일 또는 번들 시험 id (기본: 현재 회차)")
    show.set_defaults(func=run_show)


def _targets(path: str | None) -> list[Path]:
    if path and Path(path).is_dir():
        return sorted(Path(path).rglob("*.yaml"))
    if path is None:
        return [resolve(None, env=EXAM_ENV, directory=EXAMS_DIR, default=DEFAULT_EXAM_FILE),
                knowledge.DEFAULT_GUIDE_FILE]
    return [resolve(path, env=EXAM_ENV, directory=EXAMS_DIR, default=DEFAULT_EXAM_FILE)]


def run_check(args: argparse.Namespace) -> int:
    problems = knowledge.check_problems(args.path)
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) > 1 else ''} found:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    summaries = []
    for target in _targets(args.path):
        if file_kind(target) is CertLookupGuide:
            guide = knowledge.load_guide(target)
            summaries.append(f"{target.name}: guide {guide.id}, {len(guide.steps)} steps")
        else:
            exam = knowledge.load_exam(target)
            summaries.append(f"{target.name}: {exam.id}, {len(exam.stages)} stages, {len(exam.facts)} facts, "
                             f"{len(exam.english.tests)} English tests, {len(exam.accommodation.rows)} accommodation rows")
    print("OK — " + "; ".join(summaries))
    return 0


def _day(value) -> str:
    return f"{value.year}. {value.month}. {value.day}.({WEEKDAYS[value.weekday()]})"


def _moment(value) -> str:
    return f"{_day(value)} {value:%H:%M}"


def run_show(args: argparse.Namespace) -> int:
    try:
        exam: Exam = knowledge.load_exam(args.path)
    except knowledge.KnowledgeError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    print(f"{exam.title} ({exam.id}) — {exam.notice_label}, 공고 {_day(exam.published)}")
    for stage in exam.stages:
        print(f"  {stage.name}: 접수 {_moment(stage.application.start)} ~ {_moment(stage.application.end)}, "
              f"시험 {_day(stage.exam_date)} [{', '.join(stage.regions)}], 발표 {_moment(stage.result_at)}, "
              f"수수료 {stage.fee_krw:,}원")
        for period in stage.periods:
            print(f"    {period.name} 입실 {period.entry:%H:%M}, {period.start:%H:%M}~{period.end:%H:%M} "
                  f"({period.minutes}분) {', '.join(period.subjects)}")
    tiers = ", ".join(f"{t.percent}%: 시험 {t.days_before_exam}일 전까지" for t in exam.refund.tiers)
    print(f"  환불: 접수기간 내 {exam.refund.in_period_percent}%, {tiers}")
    english = exam.english
    print(f"  영어: {_day(english.taken_from)} ~ {_day(english.issued_by)}, "
          + ", ".join(f"{t.name} {t.general:g}/{'-' if t.hearing_impaired is None else f'{t.hearing_impaired:g}'}"
                      for t in english.tests))
    print(f"  신분증 그룹 {len(exam.ids.groups)}개, 편의 표 {len(exam.accommodation.rows)}행, "
          f"면제 기관 {len(exam.exemption.bodies)}개, 지역본부 {len(exam.offices)}곳, 사실 {len(exam.facts)}개")
    return 0
