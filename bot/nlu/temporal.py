"""Dates and times in normalised Korean text.

Dates: 2023-03-25, 2023.3.25, 2023. 3. 25., 23.3.25, 2023년 3월 25일, 3월 25일, 3/25, 25일 (the month
said before it, else this month), 오늘/내일/모레/어제/그저께/글피, (다음 주|이번 주|지난주) 월요일.
Year-less dates take the exam round's year; relative ones count from ``today``. A date that cannot
exist ("2월 30일", "2023-02-29", "13월 1일") is reported as written, never silently shifted.
Months without a day ("2021년 3월", "3월에 봤어요") are reported separately, and so are years said
alone ("2019년에 봤어요", "작년에 본 토익"): a rule decides on them when no day of them could change
the answer.

Times: 오후 3시, 15:00, 오전 9시 30분, 3시반, 저녁 7시, 정오. A bare "6시" is flagged ambiguous
(06:00 or 18:00?) because the application closes at 18:00 and a wrong guess changes an answer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time, timedelta

_WEEKDAYS = "월화수목금토일"
_FOLLOWING = 14  # letters after a date kept to tell what happened on it ("오늘 점심시간에 1차 접수했어요")
# a two-digit year with slashes ("22/11/20") is read as a date only within these years before the
# round's: "70/55/80" is a list of scores
_RECENT_YEARS = 5

_FULL = re.compile(
    r"(?<![\d.])(\d{4}|\d{2})\s*(?:[-./]|년)\s*(\d{1,2})\s*(?:[-./]|월)\s*(\d{1,2})(?![\d])(?!\s*(?:점|개|명|분|시간))\s*(?:일|\.)?"
)
_MONTH_DAY = re.compile(r"(?<![\d.])(\d{1,2})\s*월\s*(\d{1,2})\s*일")
_SLASH = re.compile(r"(?<![\d/.])(\d{1,2})/(\d{1,2})(?![\d/])")
_DOTTED_WEEKDAY = re.compile(r"(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.?\s?\(([월화수목금토일])\)")
_DOTTED = re.compile(r"(?<![\d.])(\d{1,2})\.\s?(\d{1,2})(?![\d])\.?")
# "3.30에 취소하면": a dotted month and day that a particle makes a date (a bare "4.5" may be a score)
_DOTTED_WITH_PARTICLE = re.compile(r"(?<![\d.])(\d{1,2})\.\s?(\d{1,2})(?![\d.])(?=\s*(?:에|까지|부터|날|쯤|일))")
# "1차 3.25 취소하면": a dotted month and day right before what happened on it (a score has no such verb)
_DOTTED_BEFORE_EVENT = re.compile(
    r"(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.?(?![\d.])(?=\s*(?:취소|접수|입금|결제|환불|신청|제출|사망|입원|퇴원|격리|확진|발표|응시|시험|오전|오후|\d{1,2}\s*시))"
)
# "하루 뒤", "이틀 후", "다음 날", "3일 뒤": a day counted from a date said before (else today)
_SHIFT = re.compile(
    r"(하루|이틀|사흘|나흘|닷새|엿새|일주일|이주일|열흘|보름|한\s*달|(\d{1,2})\s*일|(\d{1,2})\s*주(?:일)?)\s*(뒤|후|전)"
    r"|(다음\s*날|다음날|그\s*다음날|전날|그\s*전날)"
)
_SHIFT_DAYS = {"하루": 1, "이틀": 2, "사흘": 3, "나흘": 4, "닷새": 5, "엿새": 6, "일주일": 7, "이주일": 14, "열흘": 10,
               "보름": 15, "한달": 30, "한 달": 30}
# "방금 접수했어요": now
# "지금 시험장 도착함", "2차접수 지금 가상계좌로 하면": the moment of the message (not "지금까지")
_JUST_NOW = re.compile(r"방금|지금\s*막|이제\s*막|막\s*(?:접수|결제|신청)|지금(?!\s*(?:까지|껏|도|부터|쯤|은\s*아))")
_DAY_ONLY = re.compile(
    r"(?<![\d.\-/])(\d{1,2})\s*일(?!\s*(?:전|후|이내|안에|간|동안|이후|이전|내|만에|째|차|씩|분|치|정도)|\d)"
)
# "2014.3~2016.2", "2020. 1.": a year and a month, dotted
_YEAR_MONTH_DOTTED = re.compile(r"(?<![\d.])(20\d\d|19\d\d)\.\s?(\d{1,2})\.?(?![\d]|\.\s?\d)")
_MONTH_ONLY = re.compile(r"(?<![\d.])(?:(\d{4}|\d{2})\s*년\s*)?(\d{1,2})\s*월(?!\s*\d{1,2}\s*일)(?!급)")
_YEAR = re.compile(r"(?<![\d.])(\d{4}|\d{2})\s*년")
_RELATIVE_MONTH = re.compile(r"(이번\s*달|다음\s*달|지난\s*달|저번\s*달)")
_RELATIVE = re.compile(r"(?<![가-힣])(그저께|그제|어제|오늘|금일|내일모레|내일|익일|명일|모레|글피)")  # a word of its own: not "국민내일배움카드"
_RELATIVE_DAYS = {"그저께": -2, "그제": -2, "어제": -1, "오늘": 0, "금일": 0, "내일": 1, "익일": 1, "명일": 1,
                  "모레": 2, "내일모레": 2, "글피": 3}
# "20230626": a date written as eight digits
_COMPACT = re.compile(r"(?<!\d)(20\d\d)(0[1-9]|1[0-2])([0-3]\d)(?!\d)")
# "작년 10월", "재작년 3월": a month of a year said relative to today
_RELATIVE_YEAR = re.compile(r"(재작년|작년|지난해|올해|금년|내년)\s*(?=\d{1,2}\s*월)")
# "작년에 본 토익": a year said alone, relative to today (not "작년 10월", a month)
_RELATIVE_YEAR_ALONE = re.compile(r"(재작년|작년|지난해|올해|금년|내년)(?!\s*\d{1,2}\s*월)")
_RELATIVE_YEARS = {"재작년": -2, "작년": -1, "지난해": -1, "올해": 0, "금년": 0, "내년": 1}
_WEEKDAY = re.compile(r"(다다음\s*주|다음\s*주|이번\s*주|금주|지난\s*주|저번\s*주)?\s*([월화수목금토일])요일")

# a verb in the past tense ("갔어요", "돌아가셨는데", "못 봤고"), and where a clause ends
_PAST = re.compile(r"(?:았|었|였|했|갔|봤|왔|났|됐|렸|셨|쳤|졌)(?:어|습|는|고|다|지|네|음|던|으니|으나|을)")
_CLAUSE_END = re.compile(r"[.?!？。\n]")
_CLAUSE_CHARS = 30


def _clause_after(text: str, start: int) -> str:
    rest = text[start:start + _CLAUSE_CHARS]
    end = _CLAUSE_END.search(rest)
    return rest[:end.start()] if end else rest


_TIME_HOUR = re.compile(
    r"(오전|오후|아침|저녁|밤|새벽|낮)?\s*(\d{1,2})\s*시(?!간|험|작|각|계|기|설|장|도|청|민|행)\s*(?:(\d{1,2})\s*분|(반))?"
)
_TIME_COLON = re.compile(r"(오전|오후|아침|저녁|밤|새벽|낮)?\s*(?<!\d)(\d{1,2}):(\d{2})(?!\d)")
_NOON = re.compile(r"정오|자정")
_PM = ("오후", "저녁", "밤")
_AM = ("오전", "아침", "새벽")


@dataclass
class Temporal:
    dates: list[date] = field(default_factory=list)
    invalid_dates: list[str] = field(default_factory=list)
    months: list[tuple[int, int]] = field(default_factory=list)
    years: list[int] = field(default_factory=list)  # a year said without its month, in the order written
    # what follows each date of ``dates`` (a few letters, spaces dropped): "접수했는데" — the event it is the day of
    date_followed_by: list[str] = field(default_factory=list)
    time: time | None = None
    time_ambiguous: bool = False
    invalid_time: str | None = None  # "25시 10분", "13시 70분": said as a time of day, but no clock shows it
    spans: list[tuple[int, int]] = field(default_factory=list)  # text used up by dates and times
    # every date and month in the order written: ("date", date) or ("month", (year, month))
    moments: list[tuple[str, object]] = field(default_factory=list)
    day_shift: int | None = None  # "하루 뒤": days from a date said before (the reader picks it)
    just_now: bool = False  # "방금": the moment of the message


def _year(raw: str | None, default: int) -> int:
    if raw is None:
        return default
    value = int(raw)
    return 2000 + value if len(raw) == 2 else value


def _make(y: int, m: int, d: int) -> date | None:
    if not 1900 <= y <= 2100:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _free(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return all(end <= s or start >= e for s, e in spans)


def find_temporal(text: str, *, year: int, today: date, expecting_date: bool = False) -> Temporal:
    """Every date, month and the first time in ``text`` (normalised), in the order written."""
    found: list[tuple[int, int, date | None, str]] = []  # (start, end, date or None=invalid, as written)
    spans: list[tuple[int, int]] = []

    def add(start: int, end: int, value: date | None) -> None:
        if _free(spans, start, end):
            spans.append((start, end))
            found.append((start, end, value, text[start:end].strip()))

    # "2021년 3월에 보고 4월 5일에 성적표": a year said earlier in the message carries over.
    said_years = [(m.start(), _year(m.group(1), year)) for m in _YEAR.finditer(text)]
    said_years += [(m.start(), today.year + _RELATIVE_YEARS[m.group(1)]) for m in _RELATIVE_YEAR.finditer(text)]
    said_years.sort()
    for m in _COMPACT.finditer(text):
        add(m.start(), m.end(), _make(int(m.group(1)), int(m.group(2)), int(m.group(3))))

    def year_before(position: int) -> int:
        earlier = [y for s, y in said_years if s < position]
        return earlier[-1] if earlier else year

    for m in _FULL.finditer(text):
        y, month, day = _year(m.group(1), year), int(m.group(2)), int(m.group(3))
        recent = year - _RECENT_YEARS <= y <= year  # "22/11/20": a date of the last few years
        if not ("월" in m.group() or (1 <= month <= 12 and 1 <= day <= 31 and (len(m.group(1)) == 4 or "/" not in m.group() or recent))):
            continue  # "70/55/80": a list of scores, not an impossible date
        said_years.append((m.start(), y))
        add(m.start(), m.end(), _make(y, month, day))
    said_years.sort()
    for m in _MONTH_DAY.finditer(text):
        add(m.start(), m.end(), _make(year_before(m.start()), int(m.group(1)), int(m.group(2))))
    for m in _DOTTED_WEEKDAY.finditer(text):
        add(m.start(), m.end(), _make(year, int(m.group(1)), int(m.group(2))))
    for m in _SLASH.finditer(text):
        if int(m.group(1)) > 12 or int(m.group(2)) > 31:
            continue
        add(m.start(), m.end(), _make(year, int(m.group(1)), int(m.group(2))))
    if expecting_date:
        for m in _DOTTED.finditer(text):
            add(m.start(), m.end(), _make(year, int(m.group(1)), int(m.group(2))))
    for m in [*_DOTTED_WITH_PARTICLE.finditer(text), *_DOTTED_BEFORE_EVENT.finditer(text)]:
        if 1 <= int(m.group(1)) <= 12:
            add(m.start(), m.end(), _make(year, int(m.group(1)), int(m.group(2))))
    shift = _SHIFT.search(text)
    if shift and _free(spans, shift.start(), shift.end()):
        spans.append(shift.span())
        if shift.group(5):
            days = -1 if "전" in shift.group(5) else 1
        else:
            if shift.group(2):
                days = int(shift.group(2))
            elif shift.group(3):
                days = 7 * int(shift.group(3))  # "3주 전"
            else:
                days = _SHIFT_DAYS[shift.group(1)]
            days = -days if shift.group(4) == "전" else days
        shift_days: int | None = days
    else:
        shift_days = None
    for m in _RELATIVE.finditer(text):
        add(m.start(), m.end(), today + timedelta(days=_RELATIVE_DAYS[m.group(1)]))
    for m in _WEEKDAY.finditer(text):
        week, weekday = (m.group(1) or "").replace(" ", ""), _WEEKDAYS.index(m.group(2))
        monday = today - timedelta(days=today.weekday())
        if week in ("다음주",):
            value = monday + timedelta(days=7 + weekday)
        elif week == "다다음주":
            value = monday + timedelta(days=14 + weekday)
        elif week in ("이번주", "금주"):
            value = monday + timedelta(days=weekday)
        elif week in ("지난주", "저번주"):
            value = monday + timedelta(days=weekday - 7)
        elif _PAST.search(_clause_after(text, m.end())):
            # "토요일 시험을 못 갔어요": a bare weekday told in the past is the last one, up to today
            value = today - timedelta(days=(today.weekday() - weekday) % 7)
        else:  # a bare weekday: the next one from today on
            value = today + timedelta(days=(weekday - today.weekday()) % 7)
        add(m.start(), m.end(), value)

    months: list[tuple[int, int, int]] = []  # (start, year, month)
    for m in _YEAR_MONTH_DOTTED.finditer(text):
        if _free(spans, m.start(), m.end()) and 1 <= int(m.group(2)) <= 12:
            spans.append((m.start(), m.end()))
            months.append((m.start(), int(m.group(1)), int(m.group(2))))
    for m in _MONTH_ONLY.finditer(text):
        if _free(spans, m.start(), m.end()):
            month = int(m.group(2))
            if 1 <= month <= 12:
                spans.append((m.start(), m.end()))
                months.append((m.start(), _year(m.group(1), year_before(m.start())), month))
            else:
                add(m.start(), m.end(), None)

    years: list[tuple[int, int]] = []  # (start, year): what is left of the years after dates and months
    for m in _YEAR.finditer(text):
        if len(m.group(1)) == 4 and 1900 <= int(m.group(1)) <= 2100 and _free(spans, m.start(), m.end()):
            years.append((m.start(), int(m.group(1))))
    for m in _RELATIVE_YEAR_ALONE.finditer(text):
        if _free(spans, m.start(), m.end()):
            years.append((m.start(), today.year + _RELATIVE_YEARS[m.group(1)]))

    relative_months = [(m.start(), m.group(1).replace(" ", "")) for m in _RELATIVE_MONTH.finditer(text)]
    for m in _DAY_ONLY.finditer(text):
        if not _free(spans, m.start(), m.end()):
            continue
        y, month = today.year, today.month
        context = [(s, yy, mm) for s, yy, mm in months if s < m.start()]
        context += [(s, d.year, d.month) for s, _, d, _ in found if d is not None and s < m.start()]
        relative = [(s, w) for s, w in relative_months if s < m.start()]
        if context and (not relative or max(context)[0] > max(relative)[0]):
            _, y, month = max(context)
        elif relative:
            shift = {"이번달": 0, "다음달": 1, "지난달": -1, "저번달": -1}[max(relative)[1]]
            first = date(today.year, today.month, 1)
            if shift > 0:
                first = (first + timedelta(days=32)).replace(day=1)
            elif shift < 0:
                first = (first - timedelta(days=1)).replace(day=1)
            y, month = first.year, first.month
        add(m.start(), m.end(), _make(y, month, int(m.group(1))))

    result = Temporal(day_shift=shift_days, just_now=bool(_JUST_NOW.search(text)))
    for start, end, value, written in sorted(found, key=lambda f: f[0]):
        if value is None:
            result.invalid_dates.append(written)
        else:
            result.dates.append(value)
            result.date_followed_by.append(re.sub(r"\s+", "", text[end:end + _FOLLOWING])[:_FOLLOWING])
    result.months = [(y, m) for _, y, m in sorted(months)]
    result.years = [y for _, y in sorted(years)]
    ordered = [(start, "date", value) for start, _, value, _ in found if value is not None]
    ordered += [(start, "month", (y, m)) for start, y, m in months]
    result.moments = [(kind, value) for _, kind, value in sorted(ordered, key=lambda o: o[0])]

    times: list[tuple[int, int, time, bool]] = []
    for m in _TIME_COLON.finditer(text):
        hour, minute = int(m.group(2)), int(m.group(3))
        t = _clock(m.group(1), hour, minute)
        if t is None and _free(spans, m.start(2), m.end()):
            result.invalid_time = result.invalid_time or m.group().strip()
        if t is not None and _free(spans, m.start(2), m.end()):
            explicit = m.group(1) is not None or m.group(2).startswith("0") or hour > 12 or hour == 0
            times.append((m.start(), m.end(), t, not explicit))
    for m in _TIME_HOUR.finditer(text):
        if not _free(spans, m.start(2), m.end()) or not _free([(s, e) for s, e, _, _ in times], m.start(), m.end()):
            continue
        hour = int(m.group(2))
        minute = 30 if m.group(4) else int(m.group(3) or 0)
        t = _clock(m.group(1), hour, minute)
        if t is not None:
            times.append((m.start(), m.end(), t, m.group(1) is None and 1 <= hour <= 12))
        else:
            result.invalid_time = result.invalid_time or m.group().strip()
    for m in _NOON.finditer(text):
        times.append((m.start(), m.end(), time(12, 0) if m.group() == "정오" else time(0, 0), False))
    if times:
        start, end, result.time, result.time_ambiguous = min(times, key=lambda t: t[0])
        if result.time_ambiguous:
            result.time, result.time_ambiguous = _with_part_of_day(result.time, text)
        spans += [(s, e) for s, e, _, _ in times]
    result.spans = spans
    return result


# "점심시간에 접수했어요(12시 30분쯤)": a part of the day said elsewhere in the message settles a bare hour
_PART_OF_DAY = re.compile(r"(점심|오후|저녁|밤|오전|아침|새벽)")
_AFTERNOON_HOURS = {"점심": range(11, 15), "오후": range(12, 24), "저녁": range(17, 24), "밤": range(18, 24)}
_MORNING_HOURS = {"오전": range(0, 12), "아침": range(5, 12), "새벽": range(0, 7)}


def _with_part_of_day(t: time, text: str) -> tuple[time, bool]:
    """A bare hour ("12시 30분") read with the one part of the day the message names, when exactly
    one reading of the hour (as written, or 12 hours on) falls in it; else still ambiguous."""
    parts = {m.group(1) for m in _PART_OF_DAY.finditer(text)}
    if len(parts) != 1:
        return t, True
    part = parts.pop()
    hours = _AFTERNOON_HOURS.get(part) or _MORNING_HOURS[part]
    readings = [h for h in {t.hour % 12, t.hour % 12 + 12} if h in hours]
    if len(readings) != 1:
        return t, True
    return t.replace(hour=readings[0]), False


def _clock(marker: str | None, hour: int, minute: int) -> time | None:
    if minute >= 60 or hour > 24:
        return None
    if marker in _PM and hour < 12:
        hour += 12
    elif marker == "낮" and hour < 7:
        hour += 12
    elif marker in _AM and hour == 12:
        hour = 0
    if hour == 24:
        hour = 0
    return time(hour, minute)
