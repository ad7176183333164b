"""The replies that end a turn without a calculator: a notice fact, small talk, the out-of-scope
and other-round replies, and the honest fallback (closest topics, the help desk). A mixin of
``Dialogue`` (manager.py), which decides when each is given."""
from __future__ import annotations

from bot.nlu import frames, known
from bot.nlu.intents import FLOW, OUT_OF_SCOPE
from bot.nlu.types import Understanding
from bot.privacy import mask
from rules import periods
from rules.terms import compact

from . import topics
from .facts import named_tests
from .flows.base import Context
from .outcome import FEEDBACK_BUTTONS, HELPDESK_BUTTON, HOME_BUTTON, Outcome, topic_button
from .state import State

KEYWORD_FACT_TOPICS = 2  # unsure: the best topics whose distinctive fact keywords are looked for
KEYWORD_FACT_FLOOR = 0.3  # …each at least this likely
RESUME_FOR_TURNS = 3  # a flow put aside is offered back for this many turns
CONTEXT_CHARS = 200  # how much of the last question a follow-up is read with


class Replies:
    def _situation_fact(self, u: Understanding, said: tuple[str, ...] = ()):
        """The fact made for the applicant's situation within the topics the NLU hesitated between;
        ``said``: what they told of themselves before ("외국인인데 …" → "신분증은 뭐 가져가야 돼요?")."""
        situations = u.slots.situations or list(said)
        if not situations or u.ungrounded:
            return None
        for candidate, _ in u.alternatives[:2]:
            if topics.is_topic(candidate):
                fact = self.facts.for_situation(topics.topic_of(candidate), situations, u.slots.asks)
                if fact is not None:
                    return fact
        return None


    def _keyword_fact(self, u: Understanding, text: str):
        """Unsure of the topic, but one fact of the topics the NLU hesitated between is named by a
        keyword of its own that no other fact has ("2차 필기구 나눠주나요" → the 2차 answer sheet).
        Never beside a word the bot has never seen ("후루룩빤쮸 자격요건"): that word is what is asked."""
        if u.ungrounded or known.names_unknown(u.text or text):
            return None
        for candidate, score in u.alternatives[:KEYWORD_FACT_TOPICS]:
            if score < KEYWORD_FACT_FLOOR or not self.facts.has(candidate):
                continue
            fact = self.facts.named_alone(candidate, u.text or text)
            if fact is not None:
                return fact
        return None

    def _offer_resume(self, state: State, out: Outcome) -> None:
        if state.suspended and state.turns - state.suspended.turn > RESUME_FOR_TURNS:
            state.suspended = None  # long forgotten: stop offering it
        if state.suspended and not state.flow:
            out.offer((f"이어서: {topics.label(state.suspended.flow)}", {"do": "resume"}))

    # -- facts, small talk, fallback ------------------------------------------------------------

    def _fact(
        self, intent: str, state: State, ctx: Context, out: Outcome, u: Understanding | None, fact=None,
    ) -> None:
        stage = u.slots.stage if u else None
        if stage is None and u is not None:
            # "2차 1교시 과목 뭐예요?" → "몇 분 동안 봐요?": the stage of the answer before
            stage = self.facts.stage_of(state.last_fact) or state.last_values.get("stage")
        fact = fact or self.facts.pick(
            intent, u.text if u else "", ctx.text, stage=stage, asks=tuple(u.slots.asks) if u else (),
        )
        if fact is None:
            # An intent with no fact in this round's file: say so rather than answer something else.
            self._fallback(u, state, ctx, out, reason="no_fact", intent=intent)
            return
        said_both = u is not None and u.slots.stages_said > 1  # "1차 2차 둘 다 …": the whole answer
        stated_for = None if said_both or u is None else self.facts.only_for_the_other_stage(fact, u.slots.stage)
        if stated_for is not None:
            # the notice states this for the other stage only: said so, the other stage's clause
            # shown as that, the help desk for the stage asked
            out.intent, out.answered = intent, True
            state.last_intent, state.last_fact, state.last_flow, state.last_values = intent, fact.id, None, {}
            answer = ctx.renderer.fact_answer(fact, self.facts.figures)
            out.say(ctx.render("other_stage.j2", fact=fact, answer=answer, asked=u.slots.stage, stated=stated_for))
            out.offer(*[topic_button(i) for i in topics.RELATED.get(intent, ())])
            out.offer(HELPDESK_BUTTON, HOME_BUTTON)
            return
        one_stage = fact if said_both else self.facts.for_one_stage(fact, stage)
        out.intent = intent
        out.answered = True
        state.last_intent, state.last_fact = intent, fact.id
        state.last_flow, state.last_values = None, ({"stage": stage} if one_stage is not fact else {})
        fact = one_stage
        # "텝스 몇 점 이상이에요": that test's thresholds first, then the notice's full list
        tests = named_tests(ctx.exam, u.slots) if u and intent == "english_thresholds" else []
        answer = ctx.renderer.fact_answer(fact, self.facts.figures)
        # "지금 원서 넣을 수 있어요?": where the moment of the message stands in the fact's periods
        now_asked = bool(fact.periods) and u is not None and frames.said("asks_now", compact(u.text or ctx.text))
        of_stage = None if said_both else stage
        standings = periods.standings(ctx.exam, fact.periods, ctx.now, of_stage) if now_asked else []
        if u is not None and u.slots.invalid_dates:
            # "진단서 2월 30일자로 받았는데 …": no calculator to refuse the day, so the fact says it first
            out.say(ctx.render("invalid.j2", code="date", said=u.slots.invalid_dates[0]))
        out.say(ctx.render("fact.j2", fact=fact, tests=tests, answer=answer, standings=standings, now=ctx.now))
        out.offer(*[topic_button(i) for i in topics.RELATED.get(intent, ())])
        self._offer_resume(state, out)
        out.offer(*FEEDBACK_BUTTONS)
        out.offer(HOME_BUTTON)

    def _nearest_clause(self, intent: str, u: Understanding, ctx: Context):
        """What the notice says closest to a question about a thing it never names: the fact the
        reading leaned to, as (fact, answer) — shown as that, not as the answer."""
        if not self.facts.has(intent):
            return None
        fact = self.facts.pick(intent, u.text, ctx.text, stage=u.slots.stage, asks=tuple(u.slots.asks))
        return None if fact is None else (fact, ctx.renderer.fact_answer(fact, self.facts.figures))

    def _talk(self, intent: str, state: State, ctx: Context, out: Outcome, *, resume: bool = False) -> None:
        out.intent = intent
        if resume and state.flow:
            # Small talk in the middle of a flow: reply, then repeat the pending question.
            out.say(ctx.render("talk.j2", kind=intent, mid_flow=True))
            flow = self.flows[state.flow]
            self._ask(flow, state.pending or flow.missing(state.values, ctx) or flow.slots[0], state, ctx, out)
            return
        state.last_flow, state.last_values = None, {}
        out.say(ctx.render("talk.j2", kind=intent, mid_flow=False))
        if intent == "thanks":
            out.offer(*FEEDBACK_BUTTONS)
        self._offer_resume(state, out)
        out.offer(*[topic_button(i) for i in topics.MENU])

    def _out_of_scope(
        self, u: Understanding, state: State, ctx: Context, out: Outcome, *, template: str = "out_of_scope.j2",
        said: str = "",
    ) -> None:
        if state.flow:
            state.suspend()
        state.last_flow, state.last_values, state.context = None, {}, ""
        out.intent = OUT_OF_SCOPE
        out.unanswered_reason = "out_of_scope" if template == "out_of_scope.j2" else "other_round"
        out.say(ctx.render(template, said=said))
        self._offer_resume(state, out)
        out.offer(HELPDESK_BUTTON, topic_button("help"))

    def _fallback(
        self,
        u: Understanding | None,
        state: State,
        ctx: Context,
        out: Outcome,
        *,
        reason: str = "low_confidence",
        intent: str | None = None,
        template: str = "fallback.j2",
    ) -> None:
        guesses: list[str] = []
        for candidate in ([intent] if intent else []) + [i for i, _ in (u.alternatives if u else [])]:
            if topics.is_topic(candidate) and candidate not in guesses and (
                candidate in FLOW or self.facts.has(candidate)
            ):
                guesses.append(candidate)
        guesses = guesses[:3]
        state.last_flow, state.last_values = None, {}  # a later message is no correction of an old answer
        # what the applicant was circling: a short follow-up is read with it ("광주요")
        state.context = "" if reason == "stale_button" else mask(ctx.text)[:CONTEXT_CHARS]
        out.intent = None
        out.unanswered_reason = reason
        out.guesses = tuple(guesses)
        thing = u.unknown_thing if u else ""
        # a real thing the notice leaves out: what it says nearest, as that; a made-up word gets
        # no clause, whose figures would read as the answer about it ("트렌질 수수료 얼마에요?")
        nearest = self._nearest_clause(guesses[0], u, ctx) if thing and guesses and known.is_everyday(thing) else None
        out.say(ctx.render(
            template, guesses=[topics.label(g) for g in guesses], question=mask(ctx.text)[:80], label=ctx.text[:40],
            thing=thing, nearest=nearest,
        ))
        # No close topic at all (gibberish): the usual topics, so the applicant is not left stranded.
        out.offer(*[topic_button(g) for g in guesses or topics.MENU[:4]])
        self._offer_resume(state, out)
        out.offer(HELPDESK_BUTTON, HOME_BUTTON)
