"""Options more than one command takes."""
from __future__ import annotations

import argparse


def add_clock_options(parser: argparse.ArgumentParser) -> None:
    """--now / --today, as serve, ask and chat take them (one or the other)."""
    frozen = parser.add_mutually_exclusive_group()
    frozen.add_argument("--now", metavar="YYYY-MM-DDTHH:MM", help="날짜와 시각을 고정합니다 (시연·테스트용)")
    frozen.add_argument("--today", metavar="YYYY-MM-DD", help="날짜를 고정합니다: 그날 12:00으로 봅니다 (시연·테스트용)")
