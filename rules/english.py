"""English score check (notice 8. 가.): threshold by test and standard, validity window, regular sittings
only, G-TELP level, TOEIC countries, overseas and domestic submission rules.

Every failing reason is listed, not only the first. A score outside the test's range, an issue date
before the test date, or an unknown test are input errors (``InvalidInput``), not failures.

An applicant often remembers only the month ("2021년 3월"). ``english_in_month`` decides on the month
when no day of it could change the answer (every day inside the window, or every day outside it) and
refuses when the month straddles an edge of the window (2021. 2. / 2023. 2.): then the day decides.
"""
from __future__ import annotations

import calendar
import math
from dataclasses import replace
from datetime import date

from .common import citations
from .formatting import format_date, format_number, format_range, josa
from .terms import test_label, resolve_test
from .types import EnglishDecision, EnglishRequest, InvalidInput, Needs

KOREA = "KR"


INSIDE, OUTSIDE, STRADDLES = "inside", "outside", "straddles"


def month_position(exam, year: int, month: int) -> str:
    """Where every day of a test month lies against the window (taken from ``taken_from``, taken and
    issued by ``issued_by``): ``INSIDE``, ``OUTSIDE``, or ``STRADDLES`` (some days in, some out)."""
    rules = exam.english
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    if first >= rules.taken_from and last <= rules.issued_by:
        return INSIDE
    if last < rules.taken_from or first > rules.issued_by:
        return OUTSIDE
    return STRADDLES


def english_in_month(exam, request: EnglishRequest, year: int, month: int, today: date) -> EnglishDecision:
    """The check for a test taken some day of ``year``/``month`` (``request.taken`` is ignored).
    Raises ``InvalidInput`` when the month straddles the window: the day decides, ask for it."""
    position = month_position(exam, year, month)
    if position == STRADDLES:
        rules = exam.english
        raise InvalidInput(
            f"{year}년 {month}월은 날짜에 따라 달라요(인정기간 {format_date(rules.taken_from)} ~ "
            f"{format_date(rules.issued_by)}). 며칠에 보셨는지 알려 주세요."
        )
    # Every day of the month gives the same window outcome; the 1st stands for all of them (and
    # keeps an issue date said for that month on or after the test day).
    return _decide(exam, replace(request, taken=date(year, month, 1)), (year, month))


def english(exam, request: EnglishRequest, today: date) -> EnglishDecision | Needs:
    """The check, or the inputs still needed: the test, the score, then the test date — unless
    the score is under the threshold, which fails on any date — and a G-TELP level when only the
    level can still decide."""
    outside = _outside_window(exam, request)
    if outside and (request.test is None or request.score is None):
        return _window_only(exam, request, outside)  # no test or score could make it count
    if request.test is None:
        return Needs(("test",))
    if request.score is None:
        return Needs(("score",))
    test = resolve_test(exam, request.test)
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
        raise InvalidInput("점수는 숫자로 알려 주세요.")
    if not 0 <= score <= test.max_score:
        raise InvalidInput(
            f"{label} 점수는 0 ~ {format_number(test.max_score)}점 사이여야 해요. "
            f"입력하신 {format_number(score)}점을 다시 확인해 주세요."
        )
    if request.issued is not None and request.issued < request.taken:
        raise InvalidInput(
            f"성적표 교부일({format_date(request.issued)})이 시험일({format_date(request.taken)})보다 앞서요. "
            "날짜를 다시 확인해 주세요."
        )
    country = (request.country or KOREA).upper()
    hearing = request.hearing_impaired
    standard_name = "청각장애인 기준" if hearing else "일반 응시자 기준"
    threshold = test.hearing_impaired if hearing else test.general
    window = f"{format_date(rules.taken_from)} ~ {format_date(rules.issued_by)}"
    if not date_known:
        when = "응시일과 관계없이"
        taken_subject = ""
    elif month is None:
        when = format_date(request.taken)
        taken_subject = f"응시일 {when}은"
    else:
        when = f"{month[0]}년 {month[1]}월"
        taken_subject = f"{when}에 보신 시험은 날짜와 관계없이"
    failures: list[str] = []
    notes: list[str] = []
    if month is not None and rules.taken_from <= request.taken <= rules.issued_by:
        notes.append(f"{when}에 보셨다면 날짜와 관계없이 인정기간 안이에요.")
    sources = [rules.threshold_source]

    if threshold is None:
        failures.append(
            f"{josa(label, '은')} 청각장애인 기준점수가 없는 시험이라(기준점수 표의 '-') 청각장애인 기준으로는 "
            f"쓸 수 없어요. 일반 응시자 기준({format_number(test.general)}점 이상)으로는 제출할 수 있어요."
        )
    elif score < threshold:
        failures.append(
            f"{label} {standard_name}은 {format_number(threshold)}점 이상인데 {format_number(score)}점이에요."
        )

    if not date_known:
        pass
    elif request.taken < rules.taken_from:
        failures.append(
            f"{taken_subject} 인정기간 시작({format_date(rules.taken_from)}) 전이에요. "
            f"{format_date(rules.taken_from)} 이후에 실시된 시험만 인정돼요."
        )
        sources.append(rules.window_source)
    if request.taken > rules.issued_by:
        failures.append(
            f"{taken_subject} 성적표 교부 마감({format_date(rules.issued_by)}) 뒤예요. "
            f"{format_date(rules.issued_by)}까지 성적이 발표되고 성적표가 교부된 시험만 인정돼요."
        )
        sources.append(rules.window_source)
    elif request.issued is not None and request.issued > rules.issued_by:
        failures.append(
            f"성적표 교부일 {format_date(request.issued)}은 마감({format_date(rules.issued_by)}) 뒤예요. "
            f"{format_date(rules.issued_by)}까지 성적 발표 및 성적표 교부가 끝난 시험만 인정돼요."
        )
        sources.append(rules.window_source)
    elif request.issued is None and date_known and request.taken >= rules.taken_from:
        notes.append(
            f"성적이 {format_date(rules.issued_by)}까지 발표되고 성적표가 교부되었어야 인정돼요 "
            "(교부일을 알려 주시면 함께 확인해 드려요)."
        )

    if test.level is not None:
        if request.level is None:
            notes.append(f"{josa(test.name, '은')} level-{test.level} 성적만 인정돼요.")
        elif request.level != test.level:
            failures.append(
                f"{josa(test.name, '은')} level-{test.level} 성적만 인정돼요. level-{request.level} 성적은 쓸 수 없어요."
            )

    if request.regular:
        notes.append("정기시험 성적이어야 해요(특정 목적의 수시·특별시험 성적은 불인정).")
    else:
        failures.append(
            "해당 시험기관의 정기시험 성적만 인정돼요. 승진·연수·입사·입학·졸업 등 특정 목적의 수시·특별시험은 "
            "인정되지 않아요."
        )
        sources.append(rules.regular_only_source)

    how = list(rules.how_to_submit)
    if test.countries is not None:
        sources.append(rules.toeic_source)
        if country not in test.countries:
            places = ", ".join(_country_name(c) for c in test.countries)
            failures.append(f"{josa(test.name, '은')} {places}에서 시행한 정기시험 성적만 인정돼요.")
        elif country == "JP":
            deadline = format_date(exam.stage(1).application.end)
            how.insert(0, (
                f"일본에서 취득한 {test.name} 성적: 원서접수 마감일({deadline})까지 성적표와 성적 확인 동의서 스캔본 "
                f"1부를 전자우편({rules.japan_toeic_email})으로 보내고 전화({rules.japan_toeic_phone})로 연락해야 해요."
            ))
    if country != KOREA:
        sources.append(rules.overseas_source)
        how.insert(0, "국외에서 취득한 성적: " + " 그리고 ".join(rules.overseas_requirements) + "를 제출해야 인정돼요.")
    elif test.online_only_in_korea:
        how.insert(0, f"국내에서 시행한 {test.name} 성적은 온라인(다이렉트) 제출만 가능해요.")
    sources.append(rules.submission_source)

    valid = not failures
    standard = "hearing_impaired" if hearing else "general"
    threshold_text = "기준점수 없음" if threshold is None else f"{format_number(threshold)}점 이상"
    if valid:
        explanation = (
            f"{label} {format_number(score)}점({when} 응시)은 {standard_name}"
            f"({threshold_text})을 충족하고 인정기간({window}) 안이라 인정돼요."
        )
    else:
        said = f"({when} 응시)은" if date_known else "은 응시일과 관계없이"
        explanation = f"{label} {format_number(score)}점{said} 인정되지 않아요: " + " ".join(failures)
    return EnglishDecision(
        explanation=explanation,
        citations=citations(*sources),
        notice_label=exam.notice_label,
        reasons=tuple(failures + notes),
        valid=valid,
        threshold=threshold,
        failures=tuple(failures),
        how_to_submit=tuple(how),
        test=test.id,
        test_name=label,
        standard=standard,
        window=format_range(rules.taken_from, rules.issued_by),
        date_checked=date_known,
    )


_COUNTRY_NAMES = {"KR": "대한민국", "JP": "일본"}


def _country_name(code: str) -> str:
    return _COUNTRY_NAMES.get(code, code)


def _outside_window(exam, request: EnglishRequest) -> str | None:
    """Why the dates alone rule the score out (taken before the window, or taken or issued after its
    end), or None."""
    rules = exam.english
    if request.taken is None and request.taken_month is not None:
        year, month = request.taken_month
        if month_position(exam, year, month) == OUTSIDE:
            return (f"{year}년 {month}월에 본 시험은 인정기간({format_date(rules.taken_from)} ~ "
                    f"{format_date(rules.issued_by)}) 밖이에요.")
    if request.taken is not None and request.taken < rules.taken_from:
        return (f"응시일 {format_date(request.taken)}은 인정기간 시작({format_date(rules.taken_from)}) 전이에요. "
                f"{format_date(rules.taken_from)} 이후에 실시된 시험만 인정돼요.")
    if request.taken is not None and request.taken > rules.issued_by:
        return (f"응시일 {format_date(request.taken)}은 성적표 교부 마감({format_date(rules.issued_by)}) 뒤예요.")
    if request.issued is not None and request.issued > rules.issued_by:
        return (f"성적 발표·성적표 교부일 {format_date(request.issued)}이 마감({format_date(rules.issued_by)}) 뒤예요. "
                f"{format_date(rules.issued_by)}까지 성적이 발표되고 성적표가 교부된 시험만 인정돼요.")
    return None


def _window_only(exam, request: EnglishRequest, why: str) -> EnglishDecision:
    """Not valid, whatever the test and score: the dates fall outside the window."""
    rules = exam.english
    label = ""
    if request.test is not None:
        try:
            label = test_label(resolve_test(exam, request.test))
        except InvalidInput:
            label = ""
    return EnglishDecision(
        explanation=f"{label + ' ' if label else ''}성적은 점수와 관계없이 인정되지 않아요: {why}",
        citations=citations(rules.window_source, rules.threshold_source),
        notice_label=exam.notice_label,
        reasons=(why,),
        valid=False,
        threshold=None,
        failures=(why,),
        test=request.test or "",
        test_name=label,
        window=format_range(rules.taken_from, rules.issued_by),
    )


def _fails_whatever_the_date(exam, test, request: EnglishRequest) -> bool:
    """A failure no test date could undo: under the threshold (or no threshold for the standard),
    another G-TELP level, a special sitting, a TOEIC from a country it does not count in."""
    threshold = test.hearing_impaired if request.hearing_impaired else test.general
    score = request.score
    if threshold is None or (isinstance(score, (int, float)) and 0 <= score < threshold):
        return True
    if test.level is not None and request.level is not None and request.level != test.level:
        return True
    if not request.regular:
        return True
    country = (request.country or KOREA).upper()
    return test.countries is not None and country not in test.countries
