"""The dialogue state machine: (state, message) → replies, new state.

One turn, in order:
1. a pressed button (its text equals a button of the last reply) is acted on exactly;
2. otherwise the NLU reads the message (told which slot we are waiting for);
3. 취소/처음으로 resets; another exam or an off-notice question gets the out-of-scope reply;
4. inside a flow: a confident *other* topic switches (the flow is kept aside to resume); anything the
   message says for the flow fills or corrects slots; an unusable answer says why and asks again,
   and after two failures offers buttons and the help desk instead of looping;
5. right after an answer, a message that only changes a slot ("아 2차요") re-runs that answer, and
   right after a notice fact one that names only the other stage ("그럼 2차는?") gets that stage's
   fact (how a message is read against the conversation: ``reading.py``);
6. otherwise route: a calculator flow, a fact from the notice, small talk — or, below the NLU's
   confidence threshold, the fallback (closest topics as buttons, the help desk, logged unanswered).

Routing (step 6) lives in ``routing.py``. The manager does no I/O: it returns an ``Outcome`` that
the engine saves and logs.
"""
from __future__ import annotations

from typing import Any, Callable

from bot.nlu.intents import FACT, OUT_OF_SCOPE, TALK
from bot.nlu.types import Understanding
from bot.privacy import holds_personal_data, mask
from . import topics
from .facts import FactBook
from .flows.base import Absorbed, Context, Flow
from .outcome import HELPDESK_BUTTON, HOME_BUTTON, Outcome, topic_button
from .reading import (
    also_asked, asks_of_last_fact, asks_only_what_if, asks_something, asks_the_rule, asks_other_stage, questions_the_last_answer, is_follow_up, main_question, may_correct,
    NAMES_A_TOPIC, focus, questions, read_with_context, split_by_topics, switches_topic,
)
from .flow_steps import FlowSteps
from .replies import CONTEXT_CHARS, Replies
from .routing import Routing
from .several import SeveralQuestions
from .state import State

Understand = Callable[..., Understanding]


FOCUS_MARGIN = 0.05  # the question after "… 말고" may read a little less surely than the whole


class Dialogue(Routing, Replies, FlowSteps, SeveralQuestions):
    def __init__(self, understand: Understand, facts: FactBook, flows: dict[str, Flow]) -> None:
        self.understand = understand
        self.facts = facts
        self.flows = flows  # bot.capabilities.FLOWS: the calculators' conversations, by name

    # -- the turn ------------------------------------------------------------------------------

    def step(
        self, state: State, text: str, ctx: Context, carried: tuple[str, ...] = (), part_of_several: bool = False,
    ) -> Outcome:
        """One message. ``carried``: situations an earlier part of the same message said;
        ``part_of_several``: one question of a run-on message, which a sure reading of its own
        answers without the part before it ("2차 과목 뭐고 시간은 몇 분씩이에요?")."""
        expecting = state.pending
        if not part_of_several:
            ctx.earlier_messages = tuple((t, e) for t, e in state.said)
        out = self._step(state, text, ctx, carried, part_of_several)
        if not part_of_several and not out.pressed:
            state.heard((mask(text) if holds_personal_data(text) else text)[:CONTEXT_CHARS], expecting)
        return out

    def _step(self, state: State, text: str, ctx: Context, carried: tuple[str, ...], part_of_several: bool) -> Outcome:
        out = Outcome()
        action = self._pressed(state, text)
        if action is not None:
            out.confidence, out.pressed = 1.0, True
            self._act(action, state, ctx, out)
            return out

        if state.flow not in (None, *self.flows) or state.last_flow not in (None, *self.flows):
            state.reset()  # saved by another version with flows this one does not have

        if state.flow is None:
            text = ctx.text = self._focused(text, state, ctx)
            parts = questions(text)
            if len(parts) == 1:
                parts = split_by_topics(self.understand, text, ctx) or parts
            if len(parts) > 1:
                return self._several(state, parts, ctx)

        u = self.understand(text, year=ctx.exam.year, today=ctx.today, expecting=state.pending)
        if carried:
            u.slots.situations = list(dict.fromkeys([*u.slots.situations, *carried]))
        if state.flow is None and (u.intent is None or u.out_of_scope) and not u.slots.other_time:
            main = main_question(self.understand, text, ctx)
            if main is not None:  # chatter around one question the bot can answer: answer that
                whole = u
                u, text = main
                ctx.text = text
                # what the rest of the message says of the applicant still holds ("작년 1차 붙었고 …")
                u.slots.situations = list(dict.fromkeys([*u.slots.situations, *whole.slots.situations]))
        out.intent, out.confidence = u.intent, float(u.confidence)
        ctx.said_before = tuple(state.situations)
        state.remember(u.slots.situations)
        flow = self.flows[state.flow] if state.flow else None
        absorbed = flow.absorb(u, state.values, state.pending, ctx) if flow else Absorbed()

        # "취소" resets — unless it answered the question asked (refund reason "그냥 취소").
        if u.intent == "cancel" and not (state.pending and state.pending in absorbed.filled):
            state.reset()
            self._talk("cancel", state, ctx, out)
            return out
        if u.out_of_scope or u.intent == OUT_OF_SCOPE:
            self._out_of_scope(u, state, ctx, out)
            return out
        if u.slots.other_time and not self.facts.for_year(u.intent, u.slots.other_year):
            self._out_of_scope(u, state, ctx, out, template="other_round.j2", said=u.slots.other_time)
            return out
        if u.context_button:  # "다른 날짜로 다시 계산" with no answer behind it: ask, never guess
            self._fallback(u, state, ctx, out, reason="stale_button", template="stale_button.j2")
            return out

        if flow is not None:
            if switches_topic(u, state, absorbed, flow.slots):
                state.suspend()
                self._route(u, state, ctx, out)
                return out
            out.intent = flow.name
            told = None if state.pending in absorbed.filled else self._situation_of_the_flow(flow, u)
            if told is not None:
                # "모바일 신분증 되죠?" → "아 근데 저 군복무 중이에요 그럼 뭐 가져가요?": what the
                # applicant tells of themselves has its own answer in the flow's topic (the
                # soldier's IDs) — no failed answer to the question asked; the flow kept aside
                state.suspend()
                out.intent, out.confidence = told.intent, max(out.confidence, 0.5)
                self._fact(told.intent, state, ctx, out, u, fact=told)
            # an error about a message that is really another question is no failed answer
            elif absorbed.filled or (absorbed.errors and not u.new_question):
                if absorbed.filled:
                    out.confidence = 1.0  # a parsed answer to our own question: no guess involved
                self._continue(flow, absorbed, state, ctx, out)
            elif u.intent in TALK:
                self._talk(u.intent, state, ctx, out, resume=True)
            elif u.intent == flow.name:  # the topic restated ("환불 얼마냐고요"): just ask again
                self._ask_next(flow, state, ctx, out)
            elif (kind_fact := self._asked_of_the_flow(flow, u, ctx)) is not None:
                # "서류 뭐 내야 돼요?" while the work periods are asked: that fact of the flow's own
                # topic, the flow kept aside to resume
                state.suspend()
                self._fact(kind_fact.intent, state, ctx, out, u, fact=kind_fact)
            elif u.new_question:
                # Another question the NLU could not place ("면제서류 어디로 내요" while a date is
                # asked): the closest topics and the help desk, the flow kept aside to resume.
                state.suspend()
                self._fallback(u, state, ctx, out)
            else:
                self._failed(flow, state, ctx, out, u)
            return out

        if state.last_flow and not self._asks_its_input(self.flows[state.last_flow], u, self.flows[state.last_flow].absorb(u, {}, None, ctx)) and (
            may_correct(u, state, text) or self._asks_its_figure(u, state, ctx) or self._adds_to_the_last_case(u, state, ctx)
        ):
            last = self.flows[state.last_flow]
            correction = last.absorb(u, state.last_values, None, ctx)
            if correction:
                state.start(last.name, state.last_values)
                out.intent = last.name
                self._continue(last, correction, state, ctx, out, correcting=True)
                return out

        own_question = part_of_several and u.intent is not None
        if not own_question and ((u.intent is None and state.context) or is_follow_up(u, text, state)):
            # "광주요" after "1차 면제 서류 어디로 내요?": read with the question it follows
            followed = read_with_context(
                self.understand, state.context, u.text or text, ctx, state.last_intent, own=u,
                last_topic_takes=self._takes_input(state.last_intent, u, ctx),
            )
            elsewhere = topics.giving(state.last_intent, u.slots.asks)
            if elsewhere in FACT and u.named < NAMES_A_TOPIC and (followed is None or followed.intent in topics.topic_of(state.last_intent)):
                # "1차 1교시 과목이 뭐예요?" → "그거 몇 분이에요?": a kind of answer the last topic
                # does not give, from the related topic that does (for the stage said before)
                self._fact(elsewhere, state, ctx, out, u)
                return out
            case = self._case_of_the_last_topic(u, followed, state, ctx)
            if case is not None:
                # "일본에서 토익 봤는데요" → "성적표는 어디로 보내면 돼요?": the applicant's own case, in
                # the topic they were asking about, over a neighbouring topic's general answer
                out.intent, out.confidence = case.intent, max(float(u.confidence), 0.5)
                self._fact(case.intent, state, ctx, out, u, fact=case)
                return out
            if followed is not None and followed.slots.other_time and not self.facts.for_year(followed.intent, followed.slots.other_year):
                # "1차 시험 언제예요?" → "내년 35회는요?": the same question of another round
                self._out_of_scope(followed, state, ctx, out, template="other_round.j2", said=followed.slots.other_time)
                return out
            if followed is not None:
                u = followed
                out.intent, out.confidence = u.intent, float(u.confidence)
                ctx.text = f"{state.context} {text}"
                self._route(u, state, ctx, out)
                return out
            if asks_of_last_fact(u, text, state):
                # nothing new named: the same topic's fact for what is asked now
                fact = self.facts.pick(state.last_intent, state.context, text, asks=tuple(u.slots.asks))
                self._fact(state.last_intent, state, ctx, out, u, fact=fact)
                return out

        if questions_the_last_answer(u, text, state) and not self.flows[state.last_flow].absorb(u, {}, None, ctx).filled:
            # (a message naming an input of its own — "그럼 텝스는 몇 점이에요?" — is its own question)
            # "평균은 넘잖아요?" right after a fail: the same case, answered again with its reason
            flow = self.flows[state.last_flow]
            out.intent = flow.name
            state.start(flow.name, state.last_values)
            self._continue(flow, Absorbed(), state, ctx, out)
            return out

        if asks_other_stage(u, state, text, self.facts):
            # "1차 시간표" answered, then "그럼 2차는?": the same topic for the stage now named
            # (a fact that already covers both stages is said again)
            stage_fact = self.facts.for_stage(state.last_intent, u.slots.stage) or self.facts.by_id(state.last_fact)
            self._fact(state.last_intent, state, ctx, out, u, fact=stage_fact)
            return out

        self._route(u, state, ctx, out)
        return out

    def _adds_to_the_last_case(self, u: Understanding, state: State, ctx: Context) -> bool:
        """Right after a calculator's answer, a message of any length that gives that calculator more
        of the same case ("토익 380점인데 …" → "저 청각장애인이에요. 2022년 4월 시험이고요"): read in
        its topic, or in another calculator's that takes fewer of what it says."""
        last = self.flows[state.last_flow]
        mine = set(last.absorb(u, state.last_values, None, ctx).filled) - {"stage", *last.assumes}
        said = u.text or ctx.text
        what_if = asks_only_what_if(u, said)
        if not mine or (asks_the_rule(u) and not what_if) or u.intent in TALK or u.out_of_scope:
            return False
        if u.intent is None or u.intent in topics.topic_of(state.last_flow):
            return True
        if set(last.of_the_applicant) & mine and (not asks_something(said) or what_if):
            # "텝스 320점인데 부족하죠?" → "아 저 청각장애 있어요": told of themselves, no new question —
            # the same case, whatever other topic the words lean to
            return True
        other = self.flows.get(u.intent)
        return other is not None and len(mine) > len(set(other.absorb(u, {}, None, ctx).filled) - {"stage"})

    def _case_of_the_last_topic(self, u: Understanding, followed, state: State, ctx: Context):
        """A follow-up that asks something (a place, documents …) and names no topic, where the
        reading with the question before leaves that question's topic: the fact of the last topic
        made for the situation the applicant told, if there is one."""
        last = topics.topic_of(state.last_intent)
        if not u.slots.asks or u.named >= NAMES_A_TOPIC or (followed is not None and followed.intent in last):
            return None
        said = ctx.situations(followed) if followed is not None and followed.slots.situations else ctx.situations(u)
        return self.facts.for_situation(last, said, u.slots.asks)

    def _situation_of_the_flow(self, flow: Flow, u: Understanding):
        """A fact of the running flow's topic made for the situation the message tells (nothing of
        it an answer to the flow's question)."""
        if not u.slots.situations:
            return None
        return self.facts.for_situation(topics.topic_of(flow.name), u.slots.situations, u.slots.asks)

    def _asked_of_the_flow(self, flow: Flow, u: Understanding, ctx: Context):
        """A fact of the running flow's topic made for the kind of answer the message asks for
        (documents, place, date …), when the message names no other topic."""
        own = topics.topic_of(flow.name)
        leaning = u.intent or (u.alternatives[0][0] if u.alternatives else None)
        if not u.slots.asks or (leaning is not None and leaning not in own):
            return None  # "증빙서류 어디로 내요" in the refund flow leans to the accommodation papers
        facts = own[1:]
        return self.facts.for_situation(facts, ctx.situations(u), u.slots.asks) or self.facts.for_asks(facts, u.slots.asks)

    def canned(self, template: str, state: State, ctx: Context, **variables: Any) -> Outcome:
        """A fixed reply (empty or oversized message) that keeps the conversation where it was."""
        out = Outcome()
        out.say(ctx.render(template, **variables))
        if state.flow:
            out.intent = state.flow
            flow = self.flows[state.flow]
            self._ask(flow, state.pending or flow.missing(state.values, ctx) or flow.slots[0], state, ctx, out)
        else:
            out.offer(*state.buttons.items())
            if not out.buttons:
                out.offer(*[topic_button(i) for i in topics.MENU])
        return out

    # -- buttons -------------------------------------------------------------------------------

    @staticmethod
    def _pressed(state: State, text: str) -> dict[str, Any] | None:
        key = text.strip()
        action = state.buttons.get(key)
        if action is None and key:
            squashed = key.replace(" ", "").lower()
            for label, candidate in state.buttons.items():
                if label.replace(" ", "").lower() == squashed:
                    return candidate
        return action

    def _act(self, action: dict[str, Any], state: State, ctx: Context, out: Outcome) -> None:
        do = action.get("do")
        if do == "slot" and state.flow in self.flows:
            flow = self.flows[state.flow]
            out.intent = flow.name
            self._continue(flow, Absorbed(filled={action["slot"]: action["value"]}), state, ctx, out)
        elif do == "intent":
            intent = action["intent"]
            out.intent = intent
            if state.flow and state.flow != intent:
                state.suspend()
            self._start_topic(intent, state, ctx, out)
        elif do == "rerun" and action.get("flow") in self.flows:
            flow = self.flows[action["flow"]]
            out.intent = flow.name
            state.start(flow.name, state.last_values)
            self._continue(flow, Absorbed(filled={action["slot"]: action["value"]}), state, ctx, out, correcting=True)
        elif do == "redo" and action.get("flow") in self.flows:
            flow = self.flows[action["flow"]]
            out.intent = flow.name
            values = {k: v for k, v in state.last_values.items() if k not in action.get("drop", [action["slot"]])}
            state.start(flow.name, values)
            self._ask_next(flow, state, ctx, out)
        elif do == "resume" and state.resume():
            flow = self.flows[state.flow]
            out.intent = flow.name
            self._ask_next(flow, state, ctx, out)
        elif do == "feedback":
            out.feedback = 1 if action.get("value", 1) > 0 else -1
            out.intent = state.last_intent
            out.say(ctx.render("feedback.j2", value=out.feedback))
            if out.feedback < 0:
                out.offer(HELPDESK_BUTTON)
            out.offer(HOME_BUTTON)
        elif do == "helpdesk":
            out.intent = "contacts"
            out.say(ctx.render("helpdesk.j2"))
            self._offer_resume(state, out)
            out.offer(HOME_BUTTON)
        else:  # "cancel", or a stale action whose flow is gone
            state.reset()
            out.intent = "cancel"
            self._talk("cancel", state, ctx, out)

    def _focused(self, text: str, state: State, ctx: Context) -> str:
        """"… 말고 일반인 지텔프 기준 몇 점?", "… 질문은 2차 시험 몇 시에 끝나요?": the question after
        what the applicant set aside, when it reads as well as the whole message or better."""
        also = also_asked(text)
        if also is not None:
            # "계산기는 된다던데 전자사전도 …": what was heard is the background; the thing asked
            # "too" is the topic, when it reads as a notice fact of its own (a calculator would lose
            # the inputs said in the background)
            part = self.understand(also, year=ctx.exam.year, today=ctx.today, expecting=state.pending)
            if part.intent in FACT and not part.out_of_scope:
                return also
        focused = focus(text)
        if focused == text:
            return text
        part = self.understand(focused, year=ctx.exam.year, today=ctx.today, expecting=state.pending)
        if part.intent is None or part.out_of_scope:
            return text
        whole = self.understand(text, year=ctx.exam.year, today=ctx.today, expecting=state.pending)
        if set(whole.slots.situations) - set(part.slots.situations):
            return text  # "작년 1차 합격했는데 1차 말고 2차만 …": what was set aside tells the case
        return focused if whole.intent is None or part.confidence >= whole.confidence - FOCUS_MARGIN else text
