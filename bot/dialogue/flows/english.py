"""English-score flow: test → score → date taken (→ G-TELP level) → valid or not, and why."""
from __future__ import annotations

import re
from datetime import date
from typing import Any

from rules.english import date_standing, english as english_rule, score_standing
from rules.terms import find_test_candidates, other_test_named
from rules.types import AmbiguousInput, EnglishRequest, InvalidInput, Needs

from .base import DAY_ONLY, NEGATIVE_NUMBER, NUMBER, Absorbed, Answer, Choice, Context, Flow, Question, date_from_json, date_to_json
from .common import date_error

LEVEL_CHOICES = tuple(Choice(f"Level {n}", n) for n in (2, 1, 3, 4, 5))


def _tests(ctx: Context) -> dict[str, Any]:
    return {t.id: t for t in ctx.exam.english.tests}


# a year written in the message ("2021년", "21.3.14"): a day said without one belongs to the year said before
_WRITES_A_YEAR = re.compile(r"\d{2,4}\s*년|\d{4}\s*[-./]|\d{2}\.\s?\d{1,2}\.\s?\d{1,2}")


def _month_of(value: Any) -> tuple[int, int | None] | None:
    """The "taken" slot holds a day ("2021-03-14") or, when only the month was said, "2021-03"; when
    only the year was said, "2021" (month ``None``)."""
    if isinstance(value, str) and len(value) == 7:
        return int(value[:4]), int(value[5:])
    if isinstance(value, str) and len(value) == 4 and value.isdigit():
        return int(value), None
    return None


def _month_to_json(year: int, month: int | None) -> str:
    return f"{year:04d}" if month is None else f"{year:04d}-{month:02d}"


class EnglishFlow(Flow):
    name = "english"
    slots = ("test", "score", "taken", "level")
    own_case = ("score",)
    input_asks = {"score": "score"}
    table_keys = ("test", "level")
    of_the_applicant = ("hearing_impaired",)

    # -- reading the message -----------------------------------------------------------------

    def absorb(self, u, values, pending, ctx: Context) -> Absorbed:
        got = Absorbed()
        tests = _tests(ctx)
        test = u.slots.test if u.slots.test in tests else None
        if test is None:
            options = [t for t in u.slots.test_options if t in tests]
            if not options:
                test, options = self._test_from_text(ctx)
            if options:
                got.filled["_test_options"] = options
        other = None if test or "_test_options" in got.filled else other_test_named(ctx.exam, ctx.text)
        if test:
            got.filled["test"] = test
            got.filled.pop("_test_options", None)
        elif other:
            # "토익스피킹 150점 인정돼요?": another test sold under a listed one's name is not listed
            got.errors["test"] = ctx.render("invalid.j2", code="other_test", said=other, names=[t.name for t in tests.values()])
        elif pending == "test" and "_test_options" not in got.filled:
            got.errors["test"] = ctx.render("invalid.j2", code="test", names=[t.name for t in tests.values()])

        score = self._score(u, pending, ctx, got)
        current_test = tests.get(got.filled.get("test") or values.get("test"))
        if score is not None:
            problem = self._score_problem(score, current_test, ctx)
            if problem:
                got.errors["score"] = problem
            else:
                got.filled["score"] = score
        elif "test" in got.filled and "score" in values:
            problem = self._score_problem(values["score"], current_test, ctx)
            if problem:  # the score said earlier does not fit the test named now
                got.errors["score"] = problem

        self._taken(u, values, pending, ctx, got)

        level = u.slots.level
        if level is None and pending == "level":
            match = NUMBER.search(ctx.text)
            level = int(float(match.group(2))) if match else None
        if level is not None:
            if 1 <= level <= 5:
                got.filled["level"] = level
            else:
                got.errors["level"] = ctx.render("invalid.j2", code="level")
        for name in ("hearing_impaired", "country", "regular"):
            value = getattr(u.slots, name)
            if value is not None:
                got.filled[name] = value
        return got

    def _taken(self, u, values, pending, ctx: Context, got: Absorbed) -> None:
        """The test date, or only its month ("2021년 3월"): a month is enough when no day of it could
        change the answer; in a month the window starts or ends in (2021. 2. / 2023. 2.) the day
        is asked (``missing``), since an answer must not invent a day."""
        said_month = _month_of(values.get("taken")) or values.get("_taken_month")  # (older sessions)
        day_only = DAY_ONLY.fullmatch(ctx.text.strip()) if pending == "taken" and said_month else None
        taken = None
        if u.slots.invalid_dates:
            got.errors["taken"] = date_error(ctx, u.slots.invalid_dates[0])
            return
        if day_only:  # "14일" answering "2021년 3월 며칠에 보셨나요?"
            year, month = said_month
            try:
                taken = date(year, month, int(day_only.group(1)))
            except ValueError:
                got.errors["taken"] = date_error(ctx, f"{year}년 {month}월 {day_only.group(1)}일")
                return
        elif u.slots.dates:
            taken = self._in_year_said(u.slots.dates[0], said_month, pending, ctx)
            if len(u.slots.dates) > 1:  # "5월에 보고 6월에 성적표 나왔어요"
                got.filled["issued"] = date_to_json(u.slots.dates[1])
        elif u.slots.months or u.slots.years:
            year, month = u.slots.months[0] if u.slots.months else (u.slots.years[0], None)
            if u.slots.months and said_month and said_month[1] is None and pending == "taken" \
                    and not _WRITES_A_YEAR.search(ctx.text):
                year = said_month[0]  # "3월이요" answering "2021년 몇 월 며칠에 보셨나요?"
            first = date(year, month or 1, 1)
            if self._not_yet(first, ctx):
                got.errors["taken"] = ctx.render("invalid.j2", code="future", day=first)
            else:
                got.filled["taken"] = _month_to_json(year, month)
            return
        if taken is None:
            return
        if self._not_yet(taken, ctx):
            got.errors["taken"] = ctx.render("invalid.j2", code="future", day=taken)
        else:
            got.filled["taken"] = date_to_json(taken)

    @staticmethod
    def _in_year_said(day: date, said_month, pending: str | None, ctx: Context) -> date:
        """"3월 14일" answering "2021년 몇 월 며칠에 보셨나요?" is a day of 2021, not of the round's year."""
        if said_month and said_month[1] is None and pending == "taken" and not _WRITES_A_YEAR.search(ctx.text):
            try:
                return day.replace(year=said_month[0])
            except ValueError:  # 2월 29일 of a year without one
                return day
        return day

    @staticmethod
    def _not_yet(first_day: date, ctx: Context) -> bool:
        """A test day still to come that could yet fall inside the window: there is no score to check.
        One after the window's end is checked (it cannot count, "2024년에 보면 돼요?")."""
        return ctx.today < first_day <= ctx.exam.english.issued_by

    def _test_from_text(self, ctx: Context) -> tuple[str | None, list[str]]:
        """(test id, []) when one test is named; (None, options) for "토플" (PBT or iBT?)."""
        candidates = find_test_candidates(ctx.exam, ctx.text)
        if len(candidates) == 1:
            return candidates[0], []
        return None, list(candidates)

    def _score(self, u, pending: str | None, ctx: Context, got: Absorbed) -> float | None:
        if (pending == "score" or u.slots.score is not None) and NEGATIVE_NUMBER.search(ctx.text):
            got.errors["score"] = ctx.render("invalid.j2", code="negative_score")
            return None
        if u.slots.score is not None:
            return float(u.slots.score)
        if pending == "score" and (u.slots.dates or u.slots.months or u.slots.years):
            return None  # "2021년 1월에 본 거밖에 없는데": the number is the test date's, said instead
        if u.slots.invalid_score:  # "7oo점"
            got.errors["score"] = ctx.render("invalid.j2", code="no_score")
            return None
        # a bare number is the score when it is asked, or right after the check with a correction
        # word ("아 잘못 말했다 4.5요")
        corrects = pending is None and u.slots.correction and not (u.slots.dates or u.slots.months)
        if pending == "score" or corrects:
            match = NUMBER.search(ctx.text)
            if match:
                return float(match.group(2))
            if pending == "score":
                got.errors["score"] = ctx.render("invalid.j2", code="no_score")
        return None

    @staticmethod
    def _score_problem(score: float, test: Any, ctx: Context) -> str | None:
        if score <= 0:
            return ctx.render("invalid.j2", code="negative_score")
        if test is not None and score > test.max_score:
            return ctx.render("invalid.j2", code="score_range", test=test.name, score=score, max=test.max_score)
        return None

    # -- asking ------------------------------------------------------------------------------

    def request(self, values, ctx: Context) -> EnglishRequest:
        """The rule's request from what was said so far (what was not said stays None)."""
        month = _month_of(values.get("taken")) or values.get("_taken_month")
        return EnglishRequest(
            test=values.get("test"),
            score=float(values["score"]) if "score" in values else None,
            taken=None if month or "taken" not in values else date_from_json(values["taken"]),
            taken_month=tuple(month) if month else None,
            issued=date_from_json(values.get("issued")),
            hearing_impaired=bool(values.get("hearing_impaired", False)),
            country=values.get("country"),
            level=values.get("level"),
            regular=values.get("regular", True) is not False,
        )

    def missing(self, values, ctx: Context) -> str | None:
        try:
            result = english_rule(ctx.exam, self.request(values, ctx), ctx.today)
        except InvalidInput:
            return None  # ``answer`` says what is wrong
        return result.inputs[0] if isinstance(result, Needs) else None

    def question(self, slot, values, ctx: Context) -> Question:
        tests = _tests(ctx)
        if slot == "test":
            ids = values.get("_test_options") or list(tests)
            choices = tuple(Choice(tests[i].name, i) for i in ids if i in tests)
            return Question(slot, ctx.render("ask.j2", slot="english_test", ambiguous=bool(values.get("_test_options"))), choices)
        test = tests.get(values.get("test"))
        if slot == "score":
            request = self.request(values, ctx)
            # the date said is already inside the window: say so, the score alone decides now
            inside = date_standing(ctx.exam, request) == "inside"
            return Question(slot, ctx.render(
                "ask.j2", slot="english_score", test=test, inside=inside, request=request,
                threshold=test.hearing_impaired if request.hearing_impaired else test.general,
            ))
        if slot == "taken":
            month = _month_of(values.get("taken")) or values.get("_taken_month")
            standing = score_standing(ctx.exam, self.request(values, ctx))  # the score's verdict so far
            return Question(slot, ctx.render("ask.j2", slot="english_taken", test=test, month=month, standing=standing))
        return Question(slot, ctx.render("ask.j2", slot="english_level", test=test), LEVEL_CHOICES)

    def describe(self, slot, value, ctx: Context) -> str:
        if slot == "test":
            return _tests(ctx)[value].name
        if slot == "score":
            return f"{ctx.renderer.env.filters['num'](value)}점"
        if slot == "taken":
            month = _month_of(value)
            if month:
                return f"응시월 {month[0]}년 {month[1]}월"
            return f"응시일 {ctx.renderer.env.filters['kdate'](date_from_json(value))}"
        if slot == "level":
            return f"Level {value}"
        return str(value)

    def normalise(self, values, ctx: Context, *, changed: list[str]) -> None:
        if "test" in changed:
            values.pop("level", None)  # a level belongs to the G-TELP answer only

    # -- answering ---------------------------------------------------------------------------

    def answer(self, values, ctx: Context) -> Answer:
        tests = _tests(ctx)
        request = self.request(values, ctx)
        try:
            decision = english_rule(ctx.exam, request, ctx.today)
        except AmbiguousInput as problem:
            by_name = {t.name: t.id for t in tests.values()}
            choices = tuple(Choice(o, by_name.get(o, o)) for o in problem.options)
            return Answer(str(problem), ask_slot="test", choices=choices)
        except InvalidInput as problem:  # a score outside the test's range, a report before the test …
            slot = "score" if "점수" in str(problem) else "taken"
            return Answer(str(problem), error_slot=slot, drop=("issued",))
        test = tests.get(request.test)
        steps: list[tuple[str, dict[str, Any]]] = [
            ("다른 점수로 다시", {"do": "redo", "flow": self.name, "slot": "score", "drop": ["score"]}),
        ]
        if test is not None and not request.hearing_impaired and test.hearing_impaired is not None:
            steps.append(("청각장애인 기준으로", {"do": "rerun", "flow": self.name, "slot": "hearing_impaired", "value": True}))
        steps.append(("영어성적 제출 방법", {"do": "intent", "intent": "english_submission"}))
        return Answer(
            ctx.render("english.j2", d=decision, test=test, request=request, month=request.taken_month),
            next_steps=tuple(steps),
        )
