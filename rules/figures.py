"""The dates a round's rules give once its calendar is known — "시험시행일 20일 전까지", "원서접수 마감
후 4일 이내", "시험일 이후 30일까지" — computed from the round's data, so that facts quoting them
(``{{ refund[1][60] | kdate }}`` in an exam file's fact) can never contradict the rules."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from .refund_periods import cancel_periods


@dataclass(frozen=True)
class RoundFigures:
    # stage → percent → the last day a plain cancellation gets that percent (60 → 2023. 3. 19.)
    refund: dict[int, dict[int, date]] = field(default_factory=dict)
    # stage → the last day to apply for an after-exam refund (입원·격리 …: exam day + 30)
    after_exam_refund_by: dict[int, date] = field(default_factory=dict)
    # stage → the last day to hand in accommodation documents (application close + 4)
    accommodation_documents_by: dict[int, date] = field(default_factory=dict)

    def as_variables(self) -> dict:
        return {
            "refund": self.refund,
            "after_exam_refund_by": self.after_exam_refund_by,
            "accommodation_documents_by": self.accommodation_documents_by,
        }


def round_figures(exam) -> RoundFigures:
    refund: dict[int, dict[int, date]] = {}
    after: dict[int, date] = {}
    documents: dict[int, date] = {}
    windows = [c.apply_within_days_after_exam for c in exam.refund.cases if c.apply_within_days_after_exam]
    for stage in exam.stages:
        refund[stage.number] = {p.percent: p.end.date() for p in cancel_periods(exam, stage)[1:]}
        if windows:
            after[stage.number] = stage.exam_date + timedelta(days=max(windows))
        documents[stage.number] = stage.application.end.date() + timedelta(
            days=exam.accommodation.submit_within_days_after_close
        )
    return RoundFigures(refund, after, documents)
