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
from .types import CertLookupDecision, InvalidInput, phrase, quote

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


def step_from_text(guide, text: str, current: int | None = None) -> int | str | None:
    """The step the applicant is at from what they say they see: a step number, ``"done"`` when the
    done marker shows, or None when nothing in the text points to a step. ``current``: the step
    they were at — "조회 실패" alone shows on every screen before the end, so it keeps them there
    ("사본 올렸는데 아직도 조회 실패라고 나와요") rather than sending them back to the first."""
    matches = find_all(text, _marker_terms(guide))
    if not matches:
        return None
    if any(m.key == DONE for m in matches):
        return DONE
    if current is not None and _failure_alone(guide, matches):
        return current
    return max(m.key for m in matches)  # the furthest step the text shows


def failure_alone(guide, text: str) -> bool:
    """Does the text show only the failure's head ("조회 실패"), which every screen before the end shows?"""
    matches = find_all(text, _marker_terms(guide))
    return bool(matches) and _failure_alone(guide, matches)


def _failure_alone(guide, matches) -> bool:
    head = compact(guide.failure_marker.split("(")[0].strip())
    return all(compact(m.alias) == head for m in matches)


def cert_lookup(guide, step: int | None, event: str) -> CertLookupDecision:
    numbers = [s.number for s in guide.steps]
    first, last = numbers[0], numbers[-1]
    if step is not None and step not in numbers:
        raise InvalidInput("no_such_step", step=step, first=first, last=last)
    control = _CONTROL.get(compact(event or ""))
    if control == "start" or control == "restart":
        return _at(guide, first)
    if control == "next":
        if step is None:
            return _at(guide, first)
        if step == last:
            return _at(guide, last, check_done=True)
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


def _at(guide, number: int, check_done: bool = False) -> CertLookupDecision:
    """``check_done``: at the last step, asked for the next one: see whether the done marker shows."""
    step = next(s for s in guide.steps if s.number == number)
    total = len(guide.steps)
    index = [s.number for s in guide.steps].index(number)
    next_number = guide.steps[index + 1].number if index + 1 < total else None
    reasons = [phrase("where", text=step.where), phrase("screen", text=step.what_you_see)]
    if step.done_when:
        reasons.append(quote(step.done_when))
    return CertLookupDecision(
        says=phrase(
            "at_step", step=number, total=total, title=step.title, what_to_do=step.what_to_do,
            next=step.next_step, check_done=check_done, done_marker=guide.done_marker,
        ),
        citations=(cite(step.source),),
        notice_label=guide.title,
        reasons=tuple(reasons),
        step=number, total_steps=total, title=step.title, where=step.where, what_you_see=step.what_you_see,
        what_to_do=step.what_to_do, done=False, next_step=next_number,
    )


def _done(guide) -> CertLookupDecision:
    step = guide.steps[-1]
    return CertLookupDecision(
        says=phrase("done", done_marker=guide.done_marker),
        citations=(cite(step.source),),
        notice_label=guide.title,
        reasons=tuple(quote(note) for note in guide.notes),
        step=step.number, total_steps=len(guide.steps), title=step.title, where=step.where,
        what_you_see=step.what_you_see, what_to_do=step.what_to_do, done=True, next_step=None,
    )


def _unknown(guide, step: int | None) -> CertLookupDecision:
    says = phrase("unknown_at", at=_at(guide, step).says) if step is not None else phrase("unknown")
    return CertLookupDecision(
        says=says,
        citations=(cite(guide.steps[0].source),),
        notice_label=guide.title,
        step=step, total_steps=len(guide.steps), next_step=None, done=False,
    )
