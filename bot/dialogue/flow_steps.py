"""The steps of a calculator conversation: take what a message said for the flow, say why a value
cannot be used, ask the next question, answer with the rule's decision, and after two failed
answers offer buttons and the help desk instead of looping. A mixin of ``Dialogue``."""
from __future__ import annotations

from bot.nlu.types import Understanding

from . import topics
from .flows.base import Absorbed, Answer, Context, Flow
from .outcome import FEEDBACK_BUTTONS, HELPDESK_BUTTON, HOME_BUTTON, Outcome, topic_button
from .reading import OTHER_TOPIC_HINT
from .state import State

FAILURES_BEFORE_HELP = 2


class FlowSteps:
    def _continue(
        self, flow: Flow, absorbed: Absorbed, state: State, ctx: Context, out: Outcome, *, correcting: bool = False
    ) -> None:
        changed = []
        for slot, value in absorbed.filled.items():
            if slot in state.values and state.values[slot] != value and slot in flow.slots:
                changed.append((slot, value))
            state.values[slot] = value
        flow.normalise(state.values, ctx, changed=[slot for slot, _ in changed])
        if changed and (correcting or any(slot != state.pending for slot, _ in changed)):
            out.say(ctx.render("changed.j2", items=[flow.describe(s, v, ctx) for s, v in changed]))

        if absorbed.errors:
            slot = state.pending if state.pending in absorbed.errors else next(iter(absorbed.errors))
            self._reject(flow, slot, absorbed.errors[slot], state, ctx, out)
            return
        if state.pending in absorbed.filled:
            state.failures = 0  # the pending question got a usable answer
        self._ask_next(flow, state, ctx, out)

    def _reject(self, flow: Flow, slot: str, why: str, state: State, ctx: Context, out: Outcome) -> None:
        """An unusable value for ``slot``: say why, ask again — or, after two failures, offer help."""
        out.say(why)
        if slot != state.pending:
            # Not the question asked (a date said while we asked for the stage, or an earlier score
            # that does not fit the test named now): forget it and go on in the flow's order.
            state.values.pop(slot, None)
            self._ask_next(flow, state, ctx, out)
            return
        state.failures += 1
        if state.failures >= FAILURES_BEFORE_HELP:
            out.unanswered_reason = "failed_slot"
            self._give_up(flow, slot, state, ctx, out)
        else:
            self._ask(flow, slot, state, ctx, out, again=True)

    def _ask_next(self, flow: Flow, state: State, ctx: Context, out: Outcome) -> None:
        slot = flow.missing(state.values, ctx)
        if slot is None:
            self._answer(flow, state, ctx, out)
            return
        if slot != state.pending:
            state.failures = 0
        self._ask(flow, slot, state, ctx, out)

    def _ask(self, flow: Flow, slot: str, state: State, ctx: Context, out: Outcome, *, again: bool = False) -> None:
        state.pending = slot
        question = flow.question(slot, state.values, ctx)
        out.say(question.text)
        out.offer(*[(c.label, {"do": "slot", "slot": slot, "value": c.value}) for c in question.choices])
        out.offer(HOME_BUTTON)

    def _answer(self, flow: Flow, state: State, ctx: Context, out: Outcome) -> None:
        answer: Answer = flow.answer(state.values, ctx)
        out.intent = flow.name
        if answer.error_slot:
            # The rule refused a value (a date before the application opened …): ask for that one again.
            for dropped in answer.drop:
                state.values.pop(dropped, None)
            if answer.error_slot != state.pending:
                state.values.pop(answer.error_slot, None)
            self._reject(flow, answer.error_slot, answer.text, state, ctx, out)
            return
        out.say(answer.text)
        if answer.ask_slot:
            # The rule needs one more choice it could not infer (e.g. "토플": PBT or iBT?).
            state.pending = answer.ask_slot
            out.offer(*[(c.label, {"do": "slot", "slot": answer.ask_slot, "value": c.value}) for c in answer.choices])
            out.offer(HOME_BUTTON)
            return
        state.finish()
        out.answered = answer.answered
        if answer.answered:
            state.last_intent = flow.name
        else:
            out.unanswered_reason = "rule_refused"
        out.offer(*answer.next_steps)
        self._offer_resume(state, out)
        if answer.answered:
            out.offer(*FEEDBACK_BUTTONS)
        else:
            out.offer(HELPDESK_BUTTON)
        out.offer(HOME_BUTTON)

    def _failed(self, flow: Flow, state: State, ctx: Context, out: Outcome, u: Understanding) -> None:
        slot = state.pending or flow.missing(state.values, ctx)
        if slot is None:  # nothing left to ask: should not happen, answer instead of looping
            self._answer(flow, state, ctx, out)
            return
        state.failures += 1
        # The NLU held back a topic because we were waiting for an answer: if the message looks like
        # another question, offer that topic as a button rather than insist on our question.
        elsewhere = [i for i, score in u.alternatives if i != flow.name and topics.is_topic(i) and score >= OTHER_TOPIC_HINT][:2]
        out.say(ctx.render("not_understood.j2", slot=slot, flow=flow.name, other_topics=bool(elsewhere)))
        if state.failures >= FAILURES_BEFORE_HELP:
            out.unanswered_reason = "failed_slot"
            self._give_up(flow, slot, state, ctx, out)
        else:
            self._ask(flow, slot, state, ctx, out, again=True)
        out.offer(*[topic_button(i) for i in elsewhere])

    def _give_up(self, flow: Flow, slot: str, state: State, ctx: Context, out: Outcome) -> None:
        """After two failed answers: buttons to pick from and the help desk, not the same question again."""
        state.pending = slot
        choices = flow.choices(slot, state.values, ctx)
        out.say(ctx.render("give_up.j2", has_choices=bool(choices)))
        out.offer(*[(c.label, {"do": "slot", "slot": slot, "value": c.value}) for c in choices])
        out.offer(HELPDESK_BUTTON, HOME_BUTTON)
