"""Where a message that is not part of a running flow goes: a calculator (with what the message
already gave it), a fact of the notice — the one the applicant's situation or kind of question picks
— small talk, or the fallback. A mixin of ``Dialogue``; no I/O.
"""
from __future__ import annotations

import copy

from bot.bounded import keep
from bot.nlu import frames, known
from bot.nlu.pipeline import speaks_of
from bot.nlu.intents import ANSWERS, DISTINCT_KINDS, FACT, FLOW, OUT_OF_SCOPE, RULE_FACT, TALK, TOPIC_OF, label
from bot.nlu.types import Understanding
from bot.privacy import mask
from rules.terms import compact
from . import topics
from .facts import QUOTED_KINDS
from .flows.base import Absorbed, Context, Flow
from .outcome import Outcome
from .reading import asks_the_rule
from .replies import CONTEXT_CHARS
from .state import State

HOW_ASKS = frozenset({"procedure", "documents", "place", "contact"})
CARRIED_NOT = frozenset({"stage", "date"})
INPUTS_KEPT = 4096  # earlier messages' inputs remembered, per calculator
_INPUTS: dict = {}
NOW_FLOOR = 0.2  # how sure an unsure reading of a dated period must be to answer "지금 …?" for this moment
CLOSE_MARGIN = 0.05  # how far behind the best reading a calculator given its inputs may be and decide
KIND_FLOOR = 0.3  # how sure an unsure reading must be for the kind of answer asked to settle it


class Routing:
    def _route(self, u: Understanding, state: State, ctx: Context, out: Outcome) -> None:
        self._route_to(u, state, ctx, out)
        if u.intent is None and out.intent not in (None, OUT_OF_SCOPE) and out.answered and not state.pending:
            # an answer the message was not placed in outright (what it gave a calculator, the kind
            # of answer it asked): the reading is said, with where to ask if it was not meant
            out.say(ctx.render("tentative.j2", topic=label(out.intent)))

    def _route_to(self, u: Understanding, state: State, ctx: Context, out: Outcome) -> None:
        intent = u.intent
        if intent in FLOW or intent in FACT:
            state.context = mask(ctx.text)[:CONTEXT_CHARS]
        intent = self._redirected(u, intent, ctx)
        again = self._the_last_case_asked(u, intent, state, ctx)
        intent = again or intent
        if intent is not None and intent != u.intent:
            out.intent, out.confidence = intent, max(out.confidence, u.confidence)
        flow = self.flows.get(intent)
        absorbed = flow.absorb(u, {}, None, ctx) if flow else Absorbed()
        decider = self._decides_instead(u, flow, absorbed, ctx)
        if decider is not None:
            # "시험시간 연장 신청한 사람인데요, 가상계좌 입금 시간은 몇 시까지예요? 오늘 오전 11시에
            # 접수했어요": the calculator the message gives every input of, over one that would ask
            intent, flow, absorbed = decider.name, decider, decider.absorb(u, {}, None, ctx)
            out.intent = intent
        if intent in FLOW or intent in FACT:
            # what was said before holds for a new question, not for the calculator just answered,
            # asked again ("합쳐서 면제 되나요?" after the months were counted)
            said = u.slots.situations if flow is not None and flow.name == state.last_flow else ctx.situations(u)
            situation = self.facts.for_situation(topics.topic_of(intent), said, u.slots.asks)
            if situation is None and flow is None:
                # "저 군인이에요" → "시험장에 뭐 가져가야 돼요?": the sub-answer for the applicant's
                # situation in a topic next to the one asked (the soldier's ID for the day's items)
                situation = self.facts.for_situation(topics.related_topics(intent), said, u.slots.asks)
            # the sub-answer the notice gives for this situation — unless a calculator that weighs
            # situations can decide the case from what was said (its rule then speaks to it), or a
            # verdict is asked on the applicant's own figure and not the way to do something
            # ("도쿄에서 토익 봤어요 820점 어떻게 내요?" gets the notice's answer for abroad)
            own_case = flow is not None and bool(set(absorbed.filled) & set(flow.own_case)) and not (
                HOW_ASKS & set(u.slots.asks)
            )
            # the applicant's own figure goes to the calculator, over a side answer for the situation
            # (the employer's papers) — not over the rule's own answer for it (work it excludes)
            yields = own_case and situation is not None and not self._decides_the_rule(flow.name, situation, said)
            if situation is not None and not yields and (
                flow is None or not flow.weighs_situations
                or (flow.missing(absorbed.filled, ctx) is not None and not own_case)
            ):
                self._fact(situation.intent, state, ctx, out, u, fact=situation)
                return
        if flow is not None:
            rule_fact = RULE_FACT.get(intent)
            asked_for = set(absorbed.filled) & set(flow.slots)  # "군무원인데 신분증 뭐 돼요": a group, no document
            if rule_fact and self.facts.has(rule_fact) and not again and (
                (not asked_for and asks_the_rule(u)) or self._asks_its_input(flow, u, absorbed)
            ):
                # "입금 기한 규칙이 어떻게 돼요?": the rule itself, not a question for its inputs
                self._fact(rule_fact, state, ctx, out, u)
                return
            undecided = not absorbed.filled or flow.missing(absorbed.filled, ctx) is not None
            # the way to do something ("스캔해서 업로드하면 되죠?") is no figure the calculator gives
            kinds = QUOTED_KINDS | ({"procedure"} - ANSWERS.get(intent, frozenset()))
            kind_fact = self.facts.for_asks(topics.topic_of(intent)[1:], u.slots.asks, kinds) if undecided and not again else None
            if kind_fact is not None:
                # "면제서류 어디로 내요?", "지체장애인데 서류 뭐 내요?": a kind of answer one of its facts
                # gives, and nothing the rule could decide yet — no question for its inputs
                self._fact(kind_fact.intent, state, ctx, out, u, fact=kind_fact)
                return
            # "그럼 시간 연장은 없는 거고 대신 뭐 해주나요", "시간은 몇 배예요?" right after that
            # calculator's answer, with no input of its own: the same case, asked again from another
            # side — its values stand
            same_case = intent == state.last_flow and not absorbed.filled
            if not same_case:
                absorbed = self._with_earlier_inputs(flow, absorbed, ctx)
            state.start(intent, state.last_values if same_case else None)
            self._continue(flow, absorbed, state, ctx, out)
        elif intent in FACT:
            self._fact(intent, state, ctx, out, u)
        elif intent in TALK:
            self._talk(intent, state, ctx, out)
        else:
            situation = self._situation_fact(u, ctx.said_before) or self._keyword_fact(u, ctx.text)
            if situation is not None:  # unsure of the topic, sure of the situation: its own fact
                state.context = mask(ctx.text)[:CONTEXT_CHARS]  # a follow-up is read with it
                out.intent, out.confidence = situation.intent, max(out.confidence, 0.5)
                self._fact(situation.intent, state, ctx, out, u, fact=situation)
                return
            self._fallback(u, state, ctx, out)

    def _asks_its_figure(self, u: Understanding, state: State, ctx: Context) -> bool:
        """Right after a calculator's answer: asks its kind of figure again with one of its inputs
        changed ("2차 기준으로 한 과목 몇 분이에요?" after the minutes of both stages)."""
        flow = self.flows[state.last_flow]
        return bool(set(u.slots.asks) & set(flow.figure_asks)) and bool(flow.absorb(u, state.last_values, None, ctx).filled)

    def _decides_instead(self, u: Understanding, flow: Flow | None, absorbed: Absorbed, ctx: Context) -> Flow | None:
        """Another calculator, close in the reading, that this message gives two inputs or more and
        that decides at once, when the calculator read would have to ask for its inputs."""
        if flow is None or not flow.missing(absorbed.filled, ctx):
            return None
        for candidate, score in u.alternatives[:2]:
            other = self.flows.get(candidate)
            if other is None or other is flow or score < KIND_FLOOR:
                continue
            given = other.absorb(u, {}, None, ctx).filled
            if len(set(given) - {"stage", *other.assumes}) >= 2 and other.missing(given, ctx) is None:
                return other
        return None

    @staticmethod
    def _asks_its_input(flow: Flow, u: Understanding, absorbed: Absorbed) -> bool:
        """"2차 60% 환불은 며칠까지예요?": asks for the kind of value the calculator takes as its input,
        and gives none but the stage — the rule's table answers it."""
        asked = [flow.input_asks[k] for k in u.slots.asks if k in flow.input_asks]
        said = set(absorbed.filled) - {"stage", *flow.assumes, *flow.table_keys}
        return bool(asked) and not said and not any(s in absorbed.filled for s in asked)

    def _takes_input(self, intent: str | None, u: Understanding, ctx: Context) -> bool:
        """Does the calculator of ``intent``'s topic take an input this message states (other than
        the stage)?"""
        flow = self.flows.get(TOPIC_OF.get(intent or "", ""))
        return flow is not None and bool(set(flow.absorb(u, {}, None, ctx).filled) - {"stage"})

    def _with_earlier_inputs(self, flow: Flow, absorbed: Absorbed, ctx: Context, *, joined: bool = True) -> Absorbed:
        """What the applicant's earlier messages said for this calculator ("저 시각장애 경증인데요" →
        "2차 한 과목당 시간이 어떻게 돼요?"), under what this message says. The stage is not
        carried: a stage said of another question is no stage of this one. ``joined``: also read the
        message before and this one as one (a case told over two messages)."""
        not_said = CARRIED_NOT | set(flow.assumes)
        said_now = {k: v for k, v in absorbed.filled.items() if k not in flow.assumes}
        if not ctx.earlier_messages:
            return absorbed  # nothing said before
        if set(absorbed.filled) - not_said:
            # this message gives its own inputs: earlier ones only for what it leaves the rule
            # missing ("토셀로도 돼요?" → "어드밴스드 620점이요. 2022년 5월": the test said before),
            # and what the applicant said of themselves
            return self._of_the_applicant(flow, self._missing_from_earlier(flow, absorbed, said_now, not_said, ctx), ctx)
        earlier = {k: v for k, v in self._earlier_inputs(flow, ctx).items() if k not in not_said and k not in absorbed.filled}
        if not earlier or (said_now and flow.missing(said_now, ctx) is None):
            return absorbed  # nothing said before for this calculator, or this message decides alone
        # a case told over two messages ("시험장이 갑자기 바뀌어서 못 봤어요" → "공단 사정이었대요"),
        # for a calculator that weighs situations (a refund reason): a new reading, the dearest step
        if joined and flow.weighs_situations and flow.missing({**earlier, **absorbed.filled}, ctx) is not None:
            text = ctx.text
            try:
                ctx.text = f"{ctx.earlier_messages[-1][0]} {text}"
                both = self.understand(ctx.text, year=ctx.exam.year, today=ctx.today, expecting=None)
                if not both.out_of_scope:
                    earlier.update(flow.absorb(both, {}, None, ctx).filled)
            finally:
                ctx.text = text
        earlier = {k: v for k, v in earlier.items() if k not in not_said and k not in absorbed.filled}
        if not earlier:
            return absorbed
        return Absorbed(filled={**earlier, **absorbed.filled}, errors=dict(absorbed.errors))

    def _of_the_applicant(self, flow: Flow, absorbed: Absorbed, ctx: Context) -> Absorbed:
        """What the earlier messages said of the applicant themselves, where this one says nothing of it."""
        wanted = [k for k in flow.of_the_applicant if k not in absorbed.filled]
        if not wanted:
            return absorbed
        earlier = self._earlier_inputs(flow, ctx)
        carried = {k: earlier[k] for k in wanted if k in earlier}
        return Absorbed(filled={**absorbed.filled, **carried}, errors=dict(absorbed.errors)) if carried else absorbed

    def _missing_from_earlier(self, flow: Flow, absorbed: Absorbed, said_now: dict, not_said, ctx: Context) -> Absorbed:
        missing = flow.missing(said_now, ctx)
        if missing is None or missing in not_said:
            return absorbed
        earlier = self._earlier_inputs(flow, ctx)
        filled = dict(absorbed.filled)
        while missing is not None and missing not in not_said and missing in earlier and missing not in filled:
            filled[missing] = earlier[missing]
            missing = flow.missing({k: v for k, v in filled.items() if k not in flow.assumes}, ctx)
        return absorbed if filled == absorbed.filled else Absorbed(filled=filled, errors=dict(absorbed.errors))

    def _earlier_inputs(self, flow: Flow, ctx: Context) -> dict:
        """What the earlier messages said for ``flow``, the later over the earlier."""
        earlier: dict = {}
        for message, expecting in ctx.earlier_messages:
            earlier.update(self._inputs_in(flow, message, expecting, ctx))
        return earlier

    def _inputs_in(self, flow: Flow, message: str, expecting: str | None, ctx: Context) -> dict:
        """What one earlier message says for ``flow`` (remembered: a message is asked about on every
        later turn; the messages are masked, so no personal data is kept)."""
        key = (flow.name, message, expecting, ctx.today, id(ctx.exam))
        found = _INPUTS.get(key)
        if found is None:
            text, ctx.text = ctx.text, message
            try:
                said = self.understand(message, year=ctx.exam.year, today=ctx.today, expecting=expecting)
                found = {} if said.out_of_scope or said.slots.other_time else flow.absorb(said, {}, None, ctx).filled
            finally:
                ctx.text = text
            keep(_INPUTS, INPUTS_KEPT, key, found)
        return copy.deepcopy(found) if found else {}

    @staticmethod
    def _decides_the_rule(calculator: str, situation, said) -> bool:
        """Is the situation's fact the calculator's rule speaking to it — the rule's own fact, or a
        situation the lexicon counts as evidence for that rule ("서무원": work the notice excludes)?"""
        rule = RULE_FACT.get(calculator)
        evidence = frames.frame_lexicon().evidence
        return situation.intent == rule or any(rule in evidence.get(s, {}) for s in said if s in situation.situations)

    def _the_last_case_asked(self, u: Understanding, intent: str | None, state: State, ctx: Context) -> str | None:
        """Right after a calculator's answer, a fact of its topic asked of what that answer tells of
        the case ("친오빠가 돌아가셔서 못 봤어요" → "그럼 언제까지 어디서 신청해요?"), with nothing new
        said for the case: that calculator, whose answer for this case holds it."""
        last = self.flows.get(state.last_flow or "")
        asked = set(u.slots.asks)
        of_its_topic = (intent is None or TOPIC_OF.get(intent, intent) == last.name) if last else False
        if last is None or not of_its_topic or asks_the_rule(u):
            return None
        if not asked or not asked <= set(last.tells_of_the_case):
            return None
        return None if set(last.absorb(u, {}, None, ctx).filled) - {"stage"} else last.name

    def _redirected(self, u: Understanding, intent: str | None, ctx: Context) -> str | None:
        """Where the question really goes: a region's office when asked where papers go ("부산으로
        골랐는데 서류는 어디로 보내요?"), the calculator when a fact of its topic was asked with every
        input it needs ("3월 25일 취소하면 환불 기준이 어떻게 돼요?")."""
        near = {intent, *(i for i, _ in u.alternatives[:2])} if intent is None else {intent}
        asks_where = bool({"place", "contact"} & set(u.slots.asks))
        if u.slots.region and asks_where and near & (topics.PAPERS_TO_AN_OFFICE | {"office"}):
            return "office"
        if intent is None:
            # unsure between topics, but the message states a calculator's own-case figure ("청각장애가
            # 있는데 지텔프 50점이면 돼요?": a test and a score), or gives a close calculator every input
            # it needs ("2차 취소 지금하면?"): that calculator decides
            best = u.alternatives[0][1] if u.alternatives else 0.0
            for candidate, score in u.alternatives[:2]:
                flow = self.flows.get(TOPIC_OF.get(candidate, candidate))
                if flow is None or score < best - CLOSE_MARGIN:
                    continue  # a calculator well behind the best reading does not take the question
                given = flow.absorb(u, {}, None, ctx).filled
                if flow.own_case and set(given) & set(flow.own_case):
                    return flow.name
                said = {k: v for k, v in given.items() if k not in flow.assumes}
                # "주민등록증 복사한 거랑 수험표 가져가면 되죠?": unknown only to the ticket's reading
                unknown_here = u.ungrounded and not (u.unknown_thing and speaks_of(flow.name, u.unknown_thing))
                # "셀카로 찍은 사진도 돼요?": a form of a document alone decides nothing of the topic
                form_alone = u.slots.document_form_only and set(said) <= {"document", "stage"}
                if (
                    score >= KIND_FLOOR and set(said) - {"stage"} and flow.missing(said, ctx) is None
                    and not unknown_here and not form_alone and not known.unfamiliar_words(u.text or ctx.text)
                ):
                    return flow.name
        if intent is None and not known.names_unknown(u.text or ctx.text):
            # unsure between two topics, one of which gives the kind of answer asked ("2차 보상법규
            # 몇시에 봐요": the subjects or the timetable — a time is the timetable's)
            readings = [(i, c) for i, c in u.alternatives[:2] if c >= KIND_FLOOR]
            givers = [i for i, _ in readings if ANSWERS.get(i, frozenset()) & set(u.slots.asks) & DISTINCT_KINDS]
            if len(givers) == 1 and givers[0] in FACT:
                return givers[0]
            if frames.said("asks_now", compact(u.text or ctx.text)) and not u.ungrounded:
                # "지금 원서 넣을 수 있어요?": the period's fact or the way to apply — asked of now,
                # the one that dates a period answers for this moment
                dated = [i for i, c in u.alternatives[:2] if c >= NOW_FLOOR and self.facts.dates_a_period(i)]
                if len(dated) == 1:
                    return dated[0]
        elsewhere = topics.giving(intent, u.slots.asks) if intent in FACT else None
        if elsewhere in FACT:
            return elsewhere  # "2차 과목이 뭐고 과목당 몇분이에요": the timetable gives both
        calculator = TOPIC_OF.get(intent) if intent in FACT else None
        if calculator in self.flows:
            flow = self.flows[calculator]
            # inputs said, not assumed: a rule asked of no day is no computation for today
            inputs = {k: v for k, v in flow.absorb(u, {}, None, ctx).filled.items() if k not in flow.assumes}
            if inputs and (flow.missing(inputs, ctx) is None or set(inputs) & set(flow.own_case)):
                return calculator
            if not inputs and not HOW_ASKS & set(u.slots.asks):
                # "2차 한 과목 38점이에요" → "최소합격인원 못 채우면 붙을 수도 있어요?": what was said
                # before decides the applicant's own case
                earlier = self._with_earlier_inputs(flow, Absorbed(), ctx, joined=False).filled
                if earlier and flow.missing(earlier, ctx) is None:
                    return calculator
        return intent

    def _start_topic(self, intent: str, state: State, ctx: Context, out: Outcome) -> None:
        if intent in FLOW:
            state.start(intent)
            self._ask_next(self.flows[intent], state, ctx, out)
        elif intent in FACT:
            self._fact(intent, state, ctx, out, None)
        elif intent in TALK:
            self._talk(intent, state, ctx, out)
        else:
            self._talk("help", state, ctx, out)
