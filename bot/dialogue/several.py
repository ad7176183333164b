"""A message holding several questions ("몇 시까지 입실해요? 그리고 계산기 돼요?"), answered part by
part. A mixin of ``Dialogue``; no I/O."""
from __future__ import annotations

from bot.nlu import coverage
from bot.privacy import mask
from .flows.base import Context
from .outcome import Outcome
from .replies import CONTEXT_CHARS
from .state import State

PART_SHOWN = 40  # characters of an unanswered part quoted back


class SeveralQuestions:
    def _several(self, state: State, parts: list[str], ctx: Context) -> Outcome:
        """Several questions in one message ("몇 시까지 입실해요? 그리고 계산기 돼요?"): each answered in
        turn, the first answered one's topic leading; a question back stops there. A part the bot
        cannot answer is skipped, and what it said of the applicant holds for the parts after it."""
        answered: Outcome | None = None
        answered_fact: str | None = None  # the notice clause the last answered part was given
        unanswered: Outcome | None = None
        carried: list[str] = []
        unsure: list[str] = []  # parts not answered: said so at the end, not dropped in silence
        parts, deferred = list(parts), None  # deferred: the flow of a part that asked back, waiting
        while parts:
            part = parts.pop(0)
            waiting = deferred is not None and bool(parts)  # the part that asked back is still to come
            before = state.to_dict() if (parts and deferred is None) or waiting else None
            out = self.step(state, part, ctx, carried=tuple(carried), part_of_several=True)
            if state.pending and waiting:
                # "상장형 출력 며칠 걸려요? 가산점 마감이 얼마 안 남아서 급함": a later part asking back
                # too — the earlier one asks (its question was first); the later is the same walk-
                # through, or said at the end as not answered
                if state.flow != deferred:
                    unsure.append(mask(part)[:PART_SHOWN])
                state.__dict__.update(State.from_dict(before).__dict__)
                continue
            if state.pending and before is not None:
                out_flow = state.flow
                # "환불받고 싶어요. 전화로 취소해도 되나요? 아니면 어디서 해야 하나요?": a part that asks
                # back waits until the parts after it are answered; its question ends the reply
                restored = State.from_dict(before)
                state.__dict__.update(restored.__dict__)
                state.context = mask(part)[:CONTEXT_CHARS]  # the parts after it are read with it
                parts.append(part)
                deferred = out_flow
                continue
            if state.pending:
                if unsure:
                    out.texts.insert(0, ctx.render("part_unsure.j2", parts=unsure))
                return out if answered is None else self._joined(answered, out)
            if not out.answered:
                unanswered = unanswered or out
                unsure.append(mask(part)[:PART_SHOWN])
                # "미취학 아동도 볼 수 있어요? 그럼 신분증은 뭘로 해요?": the next, read after this one
                state.context = state.context or mask(part)[:CONTEXT_CHARS]
                said = self.understand(part, year=ctx.exam.year, today=ctx.today, expecting=None).slots.situations
                carried += [s for s in said if s not in carried]
                continue
            same_clause = (  # the notice clause of the part before, given again
                answered is not None and not state.last_flow and state.last_fact is not None
                and state.last_fact == answered_fact
            )
            if answered is not None and (same_clause or out.texts == answered.texts[-len(out.texts):]):
                # read as the part before ("… 얼마고 … 어디로 해요"): not answered on its own —
                # unless that answer speaks of all the part names ("… 못 들어가나요? 그럼 2교시는요?")
                if not coverage.answered_in(part, "".join(answered.texts)):
                    unsure.append(mask(part)[:PART_SHOWN])
                continue
            answered = out if answered is None else self._joined(answered, out)
            answered_fact = None if state.last_flow else state.last_fact
        if answered is not None and unsure:
            answered.texts.append(ctx.render("part_unsure.j2", parts=unsure))
        return answered or unanswered

    @staticmethod
    def _joined(first: Outcome, second: Outcome) -> Outcome:
        first.texts += second.texts
        first.buttons = [b for b in second.buttons if b[0] not in {label for label, _ in first.buttons}] + [
            b for b in first.buttons if b[1].get("do") in ("feedback", "cancel")
        ]
        return first

