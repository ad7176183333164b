"""The certificate-lookup walk-through ([붙임] 국가기술자격증 실시간 조회 실패 시 증빙서류 제출방법) as
a small state machine: where am I, what do I do next, am I done.

``cert_lookup(guide, step, event)``: ``step`` is the step the applicant was on (None: not started);
``event`` is a control word ("start"/"시작", "next"/"다음", "back"/"이전", "restart"/"처음",
"repeat"/"다시") or what the applicant says they see ("조회 실패라고 떠요" → step 1). The walk-through
is done when the status reads the guide's done marker "조회 실패 (증빙서류제출 완료)".
"""
from __future__ import annotations

from .common import cite
from .terms import compact, find_all
from .types import CertLookupDecision, InvalidInput

DONE = "done"

_CONTROL = {
    "start": "start", "시작": "start",
    "next": "next", "다음": "next", "다음단계": "next",
    "back": "back", "이전": "back", "이전단계": "back", "뒤로": "back",
    "restart": "restart", "처음": "restart", "처음부터": "restart",
    "repeat": "repeat", "다시": "repeat", "": "repeat",
}


def _marker_terms(guide) -> list[tuple[object, str]]:
    terms: list[tuple[object, str]] = [(DONE, guide.done_marker)]
    terms.append((guide.steps[0].number, guide.failure_marker))
    # "조회 실패" alone (the head of the failure marker) is what applicants say they see at step 1;
    # the done marker shares the head but is longer, so it still wins where it is written in full.
    head = guide.failure_marker.split("(")[0].strip()
    if head:
        terms.append((guide.steps[0].number, head))
    for step in guide.steps:
        terms += [(step.number, m) for m in step.markers]
    return terms


def step_from_text(guide, text: str) -> int | str | None:
    """The step the applicant is at from what they say they see: a step number, ``"done"`` when the
    done marker shows, or None when nothing in the text points to a step."""
    matches = find_all(text, _marker_terms(guide))
    if not matches:
        return None
    if any(m.key == DONE for m in matches):
        return DONE
    return max(m.key for m in matches)  # the furthest step the text shows


def cert_lookup(guide, step: int | None, event: str) -> CertLookupDecision:
    numbers = [s.number for s in guide.steps]
    first, last = numbers[0], numbers[-1]
    if step is not None and step not in numbers:
        raise InvalidInput(f"{step}단계는 없어요. 안내는 {first}~{last}단계예요.")
    control = _CONTROL.get(compact(event or ""))
    if control == "start" or control == "restart":
        return _at(guide, first)
    if control == "next":
        if step is None:
            return _at(guide, first)
        if step == last:
            return _at(guide, last, note=f"화면의 조회 결과가 '{guide.done_marker}'로 바뀌었는지 확인해 주세요.")
        return _at(guide, numbers[numbers.index(step) + 1])
    if control == "back":
        return _at(guide, first if step in (None, first) else numbers[numbers.index(step) - 1])
    if control == "repeat":
        return _at(guide, step) if step is not None else _unknown(guide, None)
    seen = step_from_text(guide, event)
    if seen == DONE:
        return _done(guide)
    if seen is None:
        return _unknown(guide, step)
    return _at(guide, seen)


def _label(guide) -> str:
    return f"{guide.title}(예시) 기준"


def _at(guide, number: int, note: str = "") -> CertLookupDecision:
    step = next(s for s in guide.steps if s.number == number)
    total = len(guide.steps)
    index = [s.number for s in guide.steps].index(number)
    next_number = guide.steps[index + 1].number if index + 1 < total else None
    parts = [f"{number}단계({number}/{total}) {step.title}: {step.what_to_do}"]
    if step.next_step:
        parts.append(f"다음: {step.next_step}")
    if note:
        parts.append(note)
    return CertLookupDecision(
        explanation=" ".join(parts),
        citations=(cite(step.source),),
        notice_label=_label(guide),
        reasons=tuple(filter(None, (f"위치: {step.where}", f"화면: {step.what_you_see}", step.done_when))),
        step=number, total_steps=total, title=step.title, where=step.where, what_you_see=step.what_you_see,
        what_to_do=step.what_to_do, done=False, next_step=next_number,
    )


def _done(guide) -> CertLookupDecision:
    step = guide.steps[-1]
    return CertLookupDecision(
        explanation=(
            f"조회 결과가 '{guide.done_marker}'로 보이면 자격증 사본 제출이 끝난 거예요. 더 하실 일은 없어요."
        ),
        citations=(cite(step.source),),
        notice_label=_label(guide),
        reasons=tuple(guide.notes),
        step=step.number, total_steps=len(guide.steps), title=step.title, where=step.where,
        what_you_see=step.what_you_see, what_to_do=step.what_to_do, done=True, next_step=None,
    )


def _unknown(guide, step: int | None) -> CertLookupDecision:
    if step is not None:
        current = _at(guide, step)
        explanation = f"말씀하신 화면으로는 단계를 알 수 없어요. 지금은 {current.explanation}"
    else:
        explanation = (
            "화면의 '조회 결과' 칸에 보이는 문구를 알려 주세요 (예: '조회 실패 (자격증 사본 첨부 필요, 미첨부 시 "
            "제출 불가)'). 처음부터 안내받으려면 '시작'이라고 보내 주세요."
        )
    return CertLookupDecision(
        explanation=explanation,
        citations=(cite(guide.steps[0].source),),
        notice_label=_label(guide),
        step=step, total_steps=len(guide.steps), next_step=None, done=False,
    )
