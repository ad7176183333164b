"""Pieces several flows share: the stage question, date and stage validation messages."""
from __future__ import annotations

from .base import Choice, Context

STAGE_CHOICES = (Choice("1차", 1), Choice("2차", 2))


def describe_stage(value: int) -> str:
    return f"{value}차 시험"


def invalid_stage(ctx: Context) -> str:
    return ctx.render("invalid.j2", code="stage")


def date_error(ctx: Context, said: str) -> str:
    """"2월 30일은 달력에 없는 날짜예요" — the date as the applicant wrote it, as a variable."""
    return ctx.render("invalid.j2", code="date", said=said)
