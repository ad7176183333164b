"""Skeleton: filled in by the work that owns this command."""
from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    pass
