"""Pass or fail from subject scores (notice 5. 가., 5. 나.).

1차: every scored subject ≥ 40 and the average ≥ 60, English excluded (a score report replaces it).
2차: the same; if fewer than the minimum pass count (200) reach that, people with every subject ≥ 40
are taken in order of average up to 200 — so an average below 60 with every subject ≥ 40 is "depends"
(``passed=None``). Ties at the cut are all passed, comparing averages to two decimals, truncated,
never rounded (``truncate_average``).
"""
from __future__ import annotations

import math
from datetime import date
from decimal import ROUND_DOWN, Decimal

from .common import citations, get_stage, to_decimal
from .types import InvalidInput, Needs, PassDecision, PassRequest, phrase


def truncate_average(scores, decimals: int = 2) -> Decimal:
    """The average to ``decimals`` places, cut off (not rounded): [70, 65, 68] → 67.66 (67.666…)."""
    values = [to_decimal(s) for s in scores]
    if not values:
        raise InvalidInput("no_scores")
    mean = sum(values) / Decimal(len(values))
    return mean.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_DOWN)


def scored_subjects(exam, stage_number: int) -> list[str]:
    stage = get_stage(exam, stage_number)
    rules = exam.pass_rules.stage1 if stage_number == 1 else exam.pass_rules.stage2
    return [s for s in stage.subjects if not any(x in s for x in rules.excluded_subjects)]


def passing(exam, request: PassRequest, today: date) -> PassDecision | Needs:
    if request.stage is None:
        return Needs(("stage",))
    if request.partial:
        return _on_some_subjects(exam, request)
    stage = get_stage(exam, request.stage)
    rules = exam.pass_rules.stage1 if request.stage == 1 else exam.pass_rules.stage2
    subjects = scored_subjects(exam, request.stage)
    scores = list(request.scores)
    if len(scores) != len(subjects):
        raise InvalidInput(
            "scores_count", stage_name=stage.name, subjects=tuple(subjects), excluded=bool(rules.excluded_subjects),
            got=len(scores),
        )
    _check_range(scores)
    mean = sum(to_decimal(s) for s in scores) / Decimal(len(scores))
    truncated = truncate_average(scores, exam.pass_rules.tie_decimals)
    failing = tuple(subj for subj, s in zip(subjects, scores) if s < rules.subject_min)
    average_ok = mean >= to_decimal(rules.average_min)
    sources = [rules.source]
    reasons = [phrase("truncated_average", average=str(truncated), decimals=exam.pass_rules.tie_decimals)]
    figures = dict(
        stage_name=stage.name, average=str(truncated), subject_min=rules.subject_min, average_min=rules.average_min,
    )
    if failing:
        passed: bool | None = False
        says = phrase("subject_below_minimum", failing=failing, **figures)
    elif average_ok:
        passed = True
        says = phrase("passed", **figures)
    elif request.stage == 2:
        passed = None
        says = phrase("depends_on_minimum", minimum_count=exam.pass_rules.minimum_pass_count, **figures)
        sources.append(exam.pass_rules.minimum_source)
    else:
        passed = False
        says = phrase("average_below_minimum", **figures)
    if request.stage == 2:
        reasons.append(phrase(
            "minimum_pass_count", count=exam.pass_rules.minimum_pass_count, rule=exam.pass_rules.shortfall_rule,
        ))
        sources += [exam.pass_rules.minimum_source, exam.pass_rules.tie_source]
    if rules.excluded_subjects:
        reasons.append(phrase("excluded_subjects", subjects=tuple(rules.excluded_subjects)))
    return PassDecision(
        says=says,
        citations=citations(*sources),
        notice_label=exam.notice_label,
        reasons=tuple(reasons),
        passed=passed,
        average=float(mean),
        average_truncated=str(truncated),
        failing_subjects=failing,
        subjects=tuple(subjects),
    )


def _on_some_subjects(exam, request: PassRequest) -> PassDecision | Needs:
    """A score under the subject minimum fails the stage whatever the other subjects and the
    average; otherwise every subject's score is needed."""
    get_stage(exam, request.stage)
    rules = exam.pass_rules.stage1 if request.stage == 1 else exam.pass_rules.stage2
    _check_range(request.scores)
    if request.average is not None:
        _check_range((request.average,))
    common = dict(
        says=None, notice_label=exam.notice_label, partial=True,
        subject_min=rules.subject_min, average_min=rules.average_min,
    )
    if any(s < rules.subject_min for s in request.scores):
        return PassDecision(citations=citations(rules.source), passed=False, **common)
    if request.average is not None and request.average < rules.average_min:
        # 1차: under the average fails; 2차: the minimum pass count may still take it (5. 나.)
        depends = request.stage == 2
        sources = (rules.source, exam.pass_rules.minimum_source) if depends else (rules.source,)
        return PassDecision(
            citations=citations(*sources), passed=None if depends else False, average_said=request.average, **common,
        )
    if request.average is not None:
        # the average is enough: the subject minimum decides ("평균 62점이면 합격이에요?")
        return PassDecision(
            citations=citations(rules.source), passed=None, average_said=request.average, subjects_decide=True, **common,
        )
    return Needs(("scores",))


def _check_range(scores) -> None:
    for s in scores:
        if isinstance(s, bool) or not isinstance(s, (int, float)) or math.isnan(s) or not 0 <= s <= 100:
            raise InvalidInput("subject_score_range", score=s)
