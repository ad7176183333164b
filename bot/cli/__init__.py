"""`applicant-bot` command line: serve, ask, chat, check, knowledge, eval, purge.

Each subcommand lives in its own module with ``register(subparsers)``; this file only wires them.
"""
from __future__ import annotations

import argparse
import sys

from . import ask_cmd, check_cmd, eval_cmd, knowledge_cmd, purge_cmd, serve_cmd


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="applicant-bot",
        description="2023년도 제34회 감정평가사 시험 수험자 안내 봇",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (serve_cmd, ask_cmd, check_cmd, knowledge_cmd, eval_cmd, purge_cmd):
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
