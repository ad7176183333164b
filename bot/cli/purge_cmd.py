"""`applicant-bot purge [--older-than DAYS] [--json]` — delete old conversations now, and shrink the file.

Deletes the conversations (sessions) last active more than DAYS days ago and every message,
unanswered question and feedback row older than that (``--older-than 0``: everything before now;
default: APPLICANT_BOT_RETENTION_DAYS, 90), prints what it removed per table, then gives the space
back to the file system (VACUUM and an emptied WAL).

It takes the data directory's owner lock like `serve`: while a `serve` owns the directory it refuses
(exit 2, naming that process). That serve keeps its active conversations in memory and would write
them back after the purge, and it already purges by itself every day; stop it for a purge at once.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

EXIT_REFUSED = 2


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "purge", help="보관 기간이 지난 대화·메시지·미응답 질문·피드백을 지웁니다",
        description="DAYS일보다 오래된 대화(세션), 메시지, 답하지 못한 질문, 피드백을 지우고 파일 크기를 줄입니다. "
                    "serve가 이 데이터 디렉터리를 쓰는 중이면 거절합니다(serve는 매일 스스로 지웁니다).",
    )
    p.add_argument("--older-than", type=_days, metavar="DAYS",
                   help="이보다 오래된 기록을 지웁니다 (0 = 지금 이전 전부; 기본 APPLICANT_BOT_RETENTION_DAYS, 90)")
    p.add_argument("--json", action="store_true", help='{"before", "deleted": {표: 개수}, "bytes_before", "bytes_after"} JSON으로 출력')
    p.set_defaults(func=run)


def _days(value: str) -> int:
    text = value.strip()
    if not (text.isascii() and text.isdigit()):
        raise argparse.ArgumentTypeError(f"--older-than은 0 이상의 정수(일)로 적어 주세요: {value!r}")
    return int(text)


def run(args: argparse.Namespace) -> int:
    from ..config import PREFIX, ConfigError, parse_data_dir, parse_retention_days
    from ..ownership import DataDirInUse
    from ..retention import cutoff
    from ..storage import DB_FILENAME, Store

    try:
        data_dir = parse_data_dir((os.environ.get(PREFIX + "DATA_DIR") or "").strip() or None)
        days = args.older_than if args.older_than is not None else parse_retention_days(
            (os.environ.get(PREFIX + "RETENTION_DAYS") or "").strip() or None)
    except ConfigError as error:
        print(f"applicant-bot purge: configuration error: {error}", file=sys.stderr)
        return EXIT_REFUSED
    path = data_dir / DB_FILENAME
    before = cutoff(days)
    if not path.exists():
        return _report(args, before, days, {}, 0, 0, note=f"지울 기록이 없어요: 데이터베이스가 없어요 ({path}).")
    try:
        store = Store(path, exclusive=True)
    except DataDirInUse as error:
        print(f"applicant-bot purge: {error} (a running serve purges by itself every day)", file=sys.stderr)
        return EXIT_REFUSED
    try:
        size_before = store.disk_bytes()
        deleted = store.purge(before)
        size_after = store.reclaim()
    finally:
        store.close()
    return _report(args, before, days, deleted, size_before, size_after)


TABLE_NAMES = {"sessions": "대화", "messages": "메시지", "unanswered": "답하지 못한 질문", "feedback": "피드백",
               "telegram_failed": "전하지 못한 텔레그램 답변"}


def _report(args, before, days, deleted, size_before, size_after, note: str | None = None) -> int:
    if args.json:
        print(json.dumps({"before": before.isoformat(timespec="seconds"), "older_than_days": days, "deleted": deleted,
                          "bytes_before": size_before, "bytes_after": size_after}, ensure_ascii=False))
        return 0
    if note:
        print(note)
        return 0
    print(f"{before:%Y-%m-%d %H:%M} 이전 기록을 지웠어요 (보관 기간 {days}일).")
    for table, count in deleted.items():
        print(f"  {TABLE_NAMES.get(table, table)} ({table}): {count:,}")
    if size_before:
        print(f"  파일 크기: {size_before:,} → {size_after:,} bytes")
    return 0
