"""Pass check: stage → subject scores → pass, fail, or (2차) "depends on the minimum pass count"."""
from __future__ import annotations

import re

from rules.passing import passing as pass_rule
from rules.passing import scored_subjects
from rules.common import settle
from rules.types import InvalidInput, Needs, PassRequest, Unanimous

from .base import NEGATIVE_NUMBER, Absorbed, Answer, Context, Flow, Question
from .common import STAGE_CHOICES, STAGES, absorb_stage, describe_stage

_SCORE = re.compile(r"(?<![\d.])(\d{1,3}(?:\.\d+)?)(?![\d.]*\s*(?:차|교시|월|일|년|번))")


class PassFlow(Flow):
    name = "pass"
    slots = ("stage", "scores")
    # "몇 점 받아야 합격이에요?" asks for the marks, not the applicant's: the pass rule answers
    input_asks = {"score": "scores"}

    def absorb(self, u, values, pending, ctx: Context) -> Absorbed:
        got = Absorbed()
        absorb_stage(got, u, pending, ctx)
        if "stage" not in got.filled and "stage" not in values and u.slots.scores_stage:
            got.filled["stage"] = u.slots.scores_stage  # "민법 45 경제 50 …": the 1차's subjects
        scores = [float(s) for s in u.slots.subject_scores]
        named = u.slots.named_subject
        scores = self._completed(scores, u, values, got, ctx)
        if not scores and named and values.get("scores") and values.get("stage") == named[0]:
            # "아 회계 45였어요" after the answer: that subject's score corrected, the others kept
            scores = list(values["scores"])
            scores[named[1]] = float(named[2])
        if not scores and u.slots.one_subject_score is not None and pending != "scores":
            got.filled["some_scores"] = [u.slots.one_subject_score]  # "한 과목이 39점인데 합격?"
        if not scores and u.slots.average_score is not None and pending != "scores":
            got.filled["average"] = u.slots.average_score  # "평균 58점이면 불합격이죠?"
        if scores and "stage" not in got.filled and "stage" not in values:
            # "85 90 38 70 75": five scores are the 1차's subjects, three the 2차's
            fits = [s.number for s in ctx.exam.stages if len(scored_subjects(ctx.exam, s.number)) == len(scores)]
            if len(fits) == 1:
                got.filled["stage"] = fits[0]
        if not scores and pending == "scores":
            if NEGATIVE_NUMBER.search(ctx.text):
                got.errors["scores"] = ctx.render("invalid.j2", code="negative_score")
                return got
            scores = [float(m.group(1)) for m in _SCORE.finditer(ctx.text)]
            if not scores:
                got.errors["scores"] = ctx.render("invalid.j2", code="no_score")
        if scores:
            problem_text = self._problem(scores, got.filled.get("stage") or values.get("stage"), ctx)
            if problem_text:
                got.errors["scores"] = problem_text
            else:
                got.filled["scores"] = scores
        elif "stage" in got.filled and "scores" in values:
            problem_text = self._problem(values["scores"], got.filled["stage"], ctx)
            if problem_text:
                got.errors["scores"] = problem_text
        return got

    def missing(self, values, ctx: Context) -> str | None:
        if "scores" not in values and (values.get("some_scores") or values.get("average") is not None):
            try:
                result = self.decide(values, ctx)
            except InvalidInput:
                return None  # ``answer`` says what is wrong
            if not isinstance(result, Needs):
                return None  # one subject under the minimum decides it, whatever the stage
        return super().missing(values, ctx)

    def decide(self, values, ctx: Context):
        """Some subjects' scores said: the rule tried for every stage (the subject minimum is the
        same in both); otherwise the stage and every score."""
        if "scores" in values:
            return pass_rule(ctx.exam, PassRequest(stage=values["stage"], scores=tuple(values["scores"])), ctx.today)
        request = PassRequest(
            stage=values.get("stage"), scores=tuple(values.get("some_scores") or ()), partial=True,
            average=values.get("average"),
        )
        return settle(pass_rule, ctx.exam, request, ctx.today, {"stage": STAGES})

    @staticmethod
    def _completed(scores: list[float], u, values, got: Absorbed, ctx: Context) -> list[float]:
        """Scores said with their subjects' names: four of the five ("민법 60 경제 55 부동산 70 법규 45")
        are kept, and the missing ones are asked for by name; the answer ("회계는 50점이요", or
        just "50") completes them."""
        stage = got.filled.get("stage") or values.get("stage")
        if stage not in (1, 2):
            return scores
        subjects = scored_subjects(ctx.exam, stage)
        partial = {int(k): v for k, v in (values.get("_named_scores") or {}).items()}
        places = u.slots.subject_places
        if scores and len(places) == len(scores) and len(scores) < len(subjects):
            partial.update(zip(places, scores))
        elif partial and u.slots.named_subject and u.slots.named_subject[0] == stage:
            partial[u.slots.named_subject[1]] = float(u.slots.named_subject[2])
        elif partial and not scores:
            missing = [i for i in range(len(subjects)) if i not in partial]
            bare = [float(m.group(1)) for m in _SCORE.finditer(ctx.text)]
            if len(bare) == len(missing):
                partial.update(zip(missing, bare))
        else:
            return scores
        if len(partial) == len(subjects):
            got.filled["_named_scores"] = None
            return [partial[i] for i in range(len(subjects))]
        # kept, and tried against the rule as some subjects' scores (one under 40 decides it)
        got.filled["_named_scores"] = {str(i): v for i, v in sorted(partial.items())}
        got.filled["some_scores"] = [v for _, v in sorted(partial.items())]
        return []

    @staticmethod
    def _problem(scores: list[float], stage: int | None, ctx: Context) -> str | None:
        for score in scores:
            if not 0 <= score <= 100:
                return ctx.render("invalid.j2", code="score_100", score=score)
        if stage in (1, 2):
            expected = len(scored_subjects(ctx.exam, stage))
            if len(scores) != expected:
                return ctx.render("invalid.j2", code="scores_count", stage=stage, expected=expected, got=len(scores))
        return None

    def question(self, slot, values, ctx: Context) -> Question:
        if slot == "stage":
            return Question(slot, ctx.render("ask.j2", slot="pass_stage"), STAGE_CHOICES)
        subjects = scored_subjects(ctx.exam, values["stage"])
        named = {int(k): v for k, v in (values.get("_named_scores") or {}).items()}
        if named:
            missing = [subject for i, subject in enumerate(subjects) if i not in named]
            have = [(subjects[i], v) for i, v in sorted(named.items()) if i < len(subjects)]
            return Question(slot, ctx.render("ask.j2", slot="pass_missing_scores", missing=missing, have=have))
        example = " ".join(str(60 + 5 * (i % 3)) for i in range(len(subjects)))
        return Question(slot, ctx.render("ask.j2", slot="pass_scores", subjects=subjects, example=example))

    def describe(self, slot, value, ctx: Context) -> str:
        if slot == "stage":
            return describe_stage(value)
        if slot == "scores":
            return "점수 " + ", ".join(ctx.renderer.env.filters["num"](v) for v in value)
        return str(value)

    def answer(self, values, ctx: Context) -> Answer:
        try:
            decision = self.decide(values, ctx)
        except InvalidInput as problem:
            return Answer(str(problem), error_slot="scores")
        if isinstance(decision, Unanimous):
            decision = decision.first
        return Answer(
            ctx.render("pass.j2", d=decision, scores=values.get("scores") or values.get("some_scores") or (),
                       stage=values.get("stage")),
            next_steps=(
                ("점수 다시 입력", {"do": "redo", "flow": self.name, "slot": "scores"}),
                ("합격 기준", {"do": "intent", "intent": "pass_rules"}),
                ("최소합격인원", {"do": "intent", "intent": "minimum_pass_count"}),
            ),
        )
