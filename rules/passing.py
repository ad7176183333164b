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
from .formatting import format_number, josa
from .types import InvalidInput, Needs, PassDecision, PassRequest


def truncate_average(scores, decimals: int = 2) -> Decimal:
    """The average to ``decimals`` places, cut off (not rounded): [70, 65, 68] → 67.66 (67.666…)."""
    values = [to_decimal(s) for s in scores]
    if not values:
        raise InvalidInput("점수를 하나 이상 알려 주세요.")
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
            f"{stage.name}은 {len(subjects)}과목({', '.join(subjects)}) 점수가 필요해요"
            + (" (영어는 성적표로 대체되어 제외)" if rules.excluded_subjects else "")
            + f". {len(scores)}개를 받았어요."
        )
    _check_range(scores)
    mean = sum(to_decimal(s) for s in scores) / Decimal(len(scores))
    truncated = truncate_average(scores, exam.pass_rules.tie_decimals)
    failing = tuple(subj for subj, s in zip(subjects, scores) if s < rules.subject_min)
    average_ok = mean >= to_decimal(rules.average_min)
    sources = [rules.source]
    reasons = [f"평균 {truncated} (소수점 이하 {exam.pass_rules.tie_decimals}자리까지, 반올림하지 않음)."]
    if failing:
        passed: bool | None = False
        explanation = (
            f"{josa(', '.join(failing), '이')} {format_number(rules.subject_min)}점 미만이라 {stage.name} 불합격이에요 "
            f"(모든 과목 {format_number(rules.subject_min)}점 이상이어야 해요)."
        )
    elif average_ok:
        passed = True
        explanation = (
            f"모든 과목이 {format_number(rules.subject_min)}점 이상이고 평균 {truncated}점이 "
            f"{format_number(rules.average_min)}점 이상이라 {stage.name} 합격 기준을 충족해요."
        )
    elif request.stage == 2:
        passed = None
        explanation = (
            f"모든 과목이 {format_number(rules.subject_min)}점 이상이지만 평균 {truncated}점이 "
            f"{format_number(rules.average_min)}점 미만이에요. 평균 {format_number(rules.average_min)}점 이상 합격자가 "
            f"최소합격인원({exam.pass_rules.minimum_pass_count}명)에 못 미치면 모든 과목 "
            f"{format_number(rules.subject_min)}점 이상인 사람 중 평균이 높은 순으로 합격자를 정하므로, 합격 여부는 "
            "전체 수험자의 점수에 달려 있어 지금 알 수 없어요."
        )
        sources.append(exam.pass_rules.minimum_source)
    else:
        passed = False
        explanation = (
            f"평균 {truncated}점이 {format_number(rules.average_min)}점 미만이라 {stage.name} 불합격이에요."
        )
    if request.stage == 2:
        reasons.append(
            f"최소합격인원 {exam.pass_rules.minimum_pass_count}명: "
            + (exam.pass_rules.shortfall_rule or "미달 시 모든 과목 40점 이상인 사람 중 평균 높은 순으로 결정")
            + ". 동점자로 최소합격인원을 넘으면 동점자 모두 합격."
        )
        sources += [exam.pass_rules.minimum_source, exam.pass_rules.tie_source]
    if rules.excluded_subjects:
        reasons.append(f"{josa(', '.join(rules.excluded_subjects), '은')} 공인어학성적으로 대체되어 평균에서 빠져요.")
    return PassDecision(
        explanation=explanation,
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
        explanation="", notice_label=exam.notice_label, partial=True,
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
            raise InvalidInput(f"과목 점수는 0 ~ 100점 사이여야 해요. '{s}'을(를) 다시 확인해 주세요.")
