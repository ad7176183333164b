"""English score check (notice 8. 가.): threshold by test and standard, validity window, regular sittings
only, G-TELP level, TOEIC countries, overseas and domestic submission rules.

Every failing reason is listed, not only the first. A score outside the test's range, an issue date
before the test date, or an unknown test are input errors (``InvalidInput``), not failures.

An applicant often remembers only the month ("2021년 3월") or the year ("2019년에 봤어요").
``english_in_month`` decides on the month — or the whole year, when the month is ``None`` — when no
day of it could change the answer (every day inside the window, or every day outside it) and refuses
when it straddles an edge of the window (2021. 2. / 2023. 2.; the years 2021 and 2023): then the day
decides.
"""
from __future__ import annotations

import calendar
import math
from dataclasses import replace
from datetime import date

from .common import citations
from .terms import test_label, resolve_test
from .types import EnglishDecision, EnglishRequest, InvalidInput, Needs, Phrase, ScoreStanding, phrase, quote

KOREA = "KR"


INSIDE, OUTSIDE, STRADDLES = "inside", "outside", "straddles"


def month_position(exam, year: int, month: int | None) -> str:
    """Where every day of a test month (``month`` None: of the whole year) lies against the window
    (taken from ``taken_from``, taken and issued by ``issued_by``): ``INSIDE``, ``OUTSIDE``, or
    ``STRADDLES`` (some days in, some out)."""
    rules = exam.english
    first = date(year, month or 1, 1)
    last = date(year, 12, 31) if month is None else date(year, month, calendar.monthrange(year, month)[1])
    if first >= rules.taken_from and last <= rules.issued_by:
        return INSIDE
    if last < rules.taken_from or first > rules.issued_by:
        return OUTSIDE
    return STRADDLES


def english_in_month(exam, request: EnglishRequest, year: int, month: int | None, today: date) -> EnglishDecision:
    """The check for a test taken some day of ``year``/``month`` (``request.taken`` is ignored).
    Raises ``InvalidInput`` when the month straddles the window: the day decides, ask for it."""
    position = month_position(exam, year, month)
    if position == STRADDLES:
        rules = exam.english
        raise InvalidInput("month_straddles", year=year, month=month, start=rules.taken_from, end=rules.issued_by)
    # Every day of the month (or year) gives the same window outcome; its first day stands for all
    # of them (and keeps an issue date said for that month on or after the test day).
    return _decide(exam, replace(request, taken=date(year, month or 1, 1)), (year, month))


def english(exam, request: EnglishRequest, today: date) -> EnglishDecision | Needs:
    """The check, or the inputs still needed: the test, the score, then the test date — unless
    the score is under the threshold, which fails on any date — and a G-TELP level when only the
    level can still decide."""
    outside = _outside_window(exam, request)
    if outside and (request.test is None or request.score is None):
        return _window_only(exam, request, outside)  # no test or score could make it count
    if request.test is None:
        return Needs(("test",))
    test = resolve_test(exam, request.test)
    if request.score is None:
        unusable = _unusable_sitting(exam, test, request)
        if unusable is not None:  # a TOEIC taken in the US: no score could make it count
            source = {"country_not_counted": exam.english.toeic_source, "other_level": exam.english.threshold_source}.get(
                unusable.id, exam.english.regular_only_source)
            return _window_only(exam, request, unusable, source)
        return Needs(("score",))
    if request.taken is None:
        if _fails_whatever_the_date(exam, test, request):
            return _decide(exam, replace(request, taken=exam.english.taken_from), None, date_known=False)
        if request.taken_month is None:
            return Needs(("taken",))
        year, month = request.taken_month
        if month_position(exam, year, month) == STRADDLES:
            return Needs(("taken",))  # some days of that month are inside the window, some not
        decision = english_in_month(exam, request, year, month, today)
    else:
        decision = _decide(exam, request, None)
    if test.level is not None and request.level is None and decision.valid:
        return Needs(("level",))
    return decision


def date_standing(exam, request: EnglishRequest) -> str | None:
    """Where the test date said so far lies against the window, before the score is known:
    ``INSIDE`` (the score then decides), ``OUTSIDE``, or None (no date, or a month that straddles)."""
    rules = exam.english
    if request.taken is not None:
        if request.taken < rules.taken_from or request.taken > rules.issued_by:
            return OUTSIDE
        return INSIDE
    if request.taken_month is not None:
        position = month_position(exam, *request.taken_month)
        return None if position == STRADDLES else position
    return None


def _threshold(test, request: EnglishRequest) -> float | None:
    """The threshold of the applicant's standard (None: the test has none for it)."""
    return test.hearing_impaired if request.hearing_impaired else test.general


def _abroad_steps(exam, test, country: str) -> list[Phrase]:
    """What a score taken outside Korea needs before it counts (none for a score taken in Korea)."""
    rules = exam.english
    steps = []
    if country != KOREA:
        steps.append(phrase("overseas_submission", requirements=tuple(rules.overseas_requirements)))
    if country == "JP" and test.countries is not None and country in test.countries:
        steps.append(phrase(
            "japan_submission", name=test.name, deadline=exam.stage(1).application.end,
            email=rules.japan_toeic_email, phone=rules.japan_toeic_phone,
        ))
    return steps


def score_standing(exam, request: EnglishRequest) -> ScoreStanding | None:
    """How the score alone stands, before the test date is known (None without a test, a score
    or a threshold for the standard)."""
    if request.test is None or request.score is None:
        return None
    test = resolve_test(exam, request.test)
    threshold = _threshold(test, request)
    if threshold is None or not 0 <= request.score <= test.max_score:
        return None
    return ScoreStanding(
        test_name=test_label(test), score=request.score, threshold=threshold,
        standard="hearing_impaired" if request.hearing_impaired else "general", meets=request.score >= threshold,
        window_start=exam.english.taken_from, window_end=exam.english.issued_by,
        abroad=tuple(_abroad_steps(exam, test, (request.country or KOREA).upper())),
    )


def _decide(
    exam, request: EnglishRequest, month: tuple[int, int] | None, *, date_known: bool = True,
) -> EnglishDecision:
    """``month``: only the month of the test is known (see ``english_in_month``); the wording then
    names the month instead of a day the applicant did not say. ``date_known`` False: no date was
    given and the score alone fails, so nothing is said about the window."""
    rules = exam.english
    test = resolve_test(exam, request.test)
    label = test_label(test)
    score = request.score
    if isinstance(score, bool) or not isinstance(score, (int, float)) or math.isnan(score):
        raise InvalidInput("score_not_number")
    if not 0 <= score <= test.max_score:
        raise InvalidInput("score_out_of_range", test=label, max=test.max_score, score=score)
    if request.issued is not None and request.issued < request.taken:
        raise InvalidInput("issued_before_taken", issued=request.issued, taken=request.taken)
    country = (request.country or KOREA).upper()
    hearing = request.hearing_impaired
    threshold = _threshold(test, request)
    window = dict(start=rules.taken_from, end=rules.issued_by)
    # when the test was taken, as the answer names it: a day, a month, or not at all
    when = dict(taken=request.taken, month=month, date_known=date_known)
    failures: list[Phrase] = []
    notes: list[Phrase] = []
    if month is not None and rules.taken_from <= request.taken <= rules.issued_by:
        notes.append(phrase("month_inside", month=month))
    sources = [rules.threshold_source]

    if threshold is None:
        failures.append(phrase("no_hearing_threshold", test=label, general=test.general))
    elif score < threshold:
        failures.append(phrase("below_threshold", test=label, hearing=hearing, threshold=threshold, score=score))

    if not date_known:
        pass
    elif request.taken < rules.taken_from:
        failures.append(phrase("taken_before_window", **when, **window))
        sources.append(rules.window_source)
    if request.taken > rules.issued_by:
        failures.append(phrase("taken_after_window", **when, **window))
        sources.append(rules.window_source)
    elif request.issued is not None and request.issued > rules.issued_by:
        failures.append(phrase("issued_after_window", issued=request.issued, **window))
        sources.append(rules.window_source)
    elif request.issued is None and date_known and request.taken >= rules.taken_from:
        notes.append(phrase("issue_date_unknown", **window))

    if test.level is not None:
        if request.level is None:
            notes.append(phrase("level_only", name=test.name, level=test.level))
        elif request.level != test.level:
            failures.append(phrase("other_level", name=test.name, level=test.level, said=request.level))

    if request.regular:
        notes.append(phrase("regular_only"))
    else:
        failures.append(phrase("not_regular"))
        sources.append(rules.regular_only_source)

    how = [*_abroad_steps(exam, test, country), *(quote(line) for line in rules.how_to_submit)]
    if test.countries is not None:
        sources.append(rules.toeic_source)
        if country not in test.countries:
            failures.append(phrase("country_not_counted", name=test.name, countries=tuple(test.countries)))
    if country != KOREA:
        sources.append(rules.overseas_source)
    elif test.online_only_in_korea:
        how.insert(0, phrase("online_only", name=test.name))
    sources.append(rules.submission_source)

    valid = not failures
    return EnglishDecision(
        says=phrase(
            "valid" if valid else "not_valid", test=label, score=score, hearing=hearing, threshold=threshold,
            failures=tuple(failures), **when, **window,
        ),
        citations=citations(*sources),
        notice_label=exam.notice_label,
        reasons=tuple(failures + notes),
        valid=valid,
        threshold=threshold,
        failures=tuple(failures),
        how_to_submit=tuple(how),
        test=test.id,
        test_name=label,
        standard="hearing_impaired" if hearing else "general",
        window=phrase("window", **window),
        date_checked=date_known,
    )


def _outside_window(exam, request: EnglishRequest) -> Phrase | None:
    """Why the dates alone rule the score out (taken before the window, or taken or issued after its
    end), or None."""
    rules = exam.english
    window = dict(start=rules.taken_from, end=rules.issued_by)
    if request.taken is None and request.taken_month is not None:
        year, month = request.taken_month
        if month_position(exam, year, month) == OUTSIDE:
            return phrase("month_outside", month=(year, month), **window)
    if request.taken is not None and request.taken < rules.taken_from:
        return phrase("taken_before", taken=request.taken, **window)
    if request.taken is not None and request.taken > rules.issued_by:
        return phrase("taken_after", taken=request.taken, **window)
    if request.issued is not None and request.issued > rules.issued_by:
        return phrase("issued_late", issued=request.issued, **window)
    return None


def _unusable_sitting(exam, test, request: EnglishRequest) -> Phrase | None:
    """Why a sitting of ``test`` cannot count, whatever its score: a TOEIC from a country it does
    not count in, a special (non-regular) sitting, another G-TELP level."""
    if test.level is not None and request.level is not None and request.level != test.level:
        return phrase("other_level", name=test.name, level=test.level, said=request.level)
    country = (request.country or KOREA).upper()
    if test.countries is not None and country not in test.countries:
        return phrase("country_not_counted", name=test.name, countries=tuple(test.countries))
    if not request.regular:
        return phrase("not_regular")
    return None


def _window_only(exam, request: EnglishRequest, why: Phrase, source=None) -> EnglishDecision:
    """Not valid, whatever the score: the dates fall outside the window, or the sitting cannot
    count (``_unusable_sitting``)."""
    rules = exam.english
    label = ""
    if request.test is not None:
        try:
            label = test_label(resolve_test(exam, request.test))
        except InvalidInput:
            label = ""
    return EnglishDecision(
        says=phrase("window_only", test=label, why=why),
        citations=citations(source or rules.window_source, rules.threshold_source),
        notice_label=exam.notice_label,
        reasons=(why,),
        valid=False,
        threshold=None,
        failures=(why,),
        test=request.test or "",
        test_name=label,
        window=phrase("window", start=rules.taken_from, end=rules.issued_by),
    )


def _fails_whatever_the_date(exam, test, request: EnglishRequest) -> bool:
    """A failure no test date could undo: under the threshold (or no threshold for the standard),
    another G-TELP level, a special sitting, a TOEIC from a country it does not count in."""
    threshold = _threshold(test, request)
    score = request.score
    if threshold is None or (isinstance(score, (int, float)) and 0 <= score < threshold):
        return True
    if test.level is not None and request.level is not None and request.level != test.level:
        return True
    if not request.regular:
        return True
    country = (request.country or KOREA).upper()
    return test.countries is not None and country not in test.countries
