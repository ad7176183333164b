"""The staff calculators: option strings as staff type them → a rule request → the rule → a JSON dict.

Used by ``applicant-bot check …`` and by the staff web page. Every result has ``explanation`` (Korean,
ending with the notice it rests on), ``citations`` (non-empty) and the contract's figures:
refund → ``percent``, ``amount_krw``; english → ``valid``, ``threshold`` (null where the test has no
threshold for that group); id → ``accepted``; accommodation → ``time_multiplier``, ``minutes`` (one per
exam period of the stage) — plus every other field of the decision. Bad input raises
``rules.types.InvalidInput`` (``AmbiguousInput`` with ``options``) whose message is polite Korean.
"""
from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime, time
from enum import Enum
from typing import Any, Callable

from rules import accommodation, arrival, english, exemption, id_check, office_for_region, passing, payment_deadline, refund
from rules.common import settle
from rules.terms import compact, find_id_group, find_refund_reason, words
from rules.types import (
    AccommodationRequest,
    ArrivalRequest,
    Citation,
    Decision,
    EnglishRequest,
    ExemptionRequest,
    IdGroup,
    IdRequest,
    InvalidInput,
    OfficeRequest,
    Needs,
    PassRequest,
    PaymentRequest,
    RefundReason,
    RefundRequest,
    Unanimous,
    WorkPeriod,
)

from . import speech

# --- parsing what staff type ----------------------------------------------------------------------

_ISO = re.compile(r"^\s*(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\s*\.?\s*(?:\([^)]*\))?\s*$")
_KOREAN = re.compile(r"^\s*(?:(\d{4})\s*년\s*)?(\d{1,2})\s*월\s*(\d{1,2})\s*일?\s*(?:\([^)]*\))?\s*$")
_MONTH_DAY = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*\.?\s*$")
_TIME = re.compile(r"^\s*(\d{1,2})\s*[:시]\s*(\d{2})?\s*분?\s*$")


def parse_date(value: str | date, year: int) -> date:
    """``2023-03-19``, ``2023.3.19``, ``2023. 3. 19.(일)``, ``2023년 3월 19일``; year-less ``3월 19일`` or
    ``3/19`` is read in ``year`` (the exam round's year)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    m = _ISO.match(text) or _KOREAN.match(text)
    if m:
        y, mo, d = m.groups()
        y = int(y) if y else year
    elif (m := _MONTH_DAY.match(text)):
        y, (mo, d) = year, m.groups()
    else:
        raise InvalidInput("date_unreadable", said=text)
    try:
        return date(int(y), int(mo), int(d))
    except ValueError:
        raise InvalidInput("date_impossible", said=text) from None


def parse_when(value: str | date, year: int) -> date | datetime:
    """A date with an optional time: ``2023-02-10T18:01`` / ``2023-02-10 18:01`` → datetime; a bare
    date stays a date (the rule then answers for the whole day)."""
    if isinstance(value, (date, datetime)):
        return value
    text = str(value).strip()
    parts = re.split(r"[T ]", text, maxsplit=1) if re.match(r"^\d{4}", text) else [text]
    day = parse_date(parts[0], year)
    if len(parts) == 1 or not parts[1].strip():
        return day
    m = _TIME.match(parts[1])
    if not m:
        raise InvalidInput("time_unreadable", said=parts[1], example="18:01")
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise InvalidInput("time_impossible", said=parts[1])
    return datetime.combine(day, time(hour, minute))


def parse_stage(value: str | int | None, default: int | None = None) -> int:
    if value is None or str(value).strip() == "":
        if default is None:
            raise InvalidInput("stage_missing")
        return default
    m = re.fullmatch(r"\s*(?:제\s*)?(\d+)\s*(?:차(?:\s*시험)?)?\s*", str(value))
    if not m or int(m.group(1)) not in (1, 2):
        raise InvalidInput("stage_unknown", said=value)
    return int(m.group(1))


def parse_number(value: str | float, what: str = "score") -> float:
    """``what``: which number it is, for the message ("score", "amount", "period", "months")."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = str(value).strip().replace(",", "")
    text = re.sub(r"\s*점$", "", text)
    try:
        number = float(text)
    except ValueError:
        raise InvalidInput("number_unreadable", what=what, said=value) from None
    if number != number or number in (float("inf"), float("-inf")):
        raise InvalidInput("number_not_finite", what=what, said=value)
    return number


def parse_reason(exam, value: str | None) -> RefundReason:
    if value is None or not str(value).strip():
        return RefundReason.CANCEL
    text = str(value).strip()
    try:
        return RefundReason(text.lower())
    except ValueError:
        pass
    found = find_refund_reason(exam, text)
    if found is None:
        raise InvalidInput("reason_unknown", said=text)
    return found


def parse_group(exam, value: str | None) -> IdGroup | None:
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    try:
        return IdGroup(text.lower())
    except ValueError:
        pass
    if compact(text) in {compact(w) for w in words(exam).general_group}:
        return IdGroup.GENERAL
    found = find_id_group(exam, text)
    if found is None:
        raise InvalidInput("group_unknown", said=text)
    return found


def parse_country(exam, value: str | None) -> str | None:
    if value is None or not str(value).strip():
        return None
    text = compact(str(value))
    countries = {compact(w): code for w, code in words(exam).countries.items()}
    if text in countries:
        return countries[text]
    if re.fullmatch(r"[a-z]{2}", text):
        return text.upper()
    raise InvalidInput("country_unknown", said=value)


def parse_level(value: str | int | None) -> int | None:
    if value is None or str(value).strip() == "":
        return None
    m = re.search(r"\d+", str(value))
    if not m:
        raise InvalidInput("level_unreadable", said=value)
    return int(m.group())


def parse_scores(value: str | list) -> tuple[float, ...]:
    items = value if isinstance(value, (list, tuple)) else re.split(r"[\s,/]+", str(value).strip())
    return tuple(parse_number(v) for v in items if str(v).strip())


# --- decisions as JSON ----------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, Citation):
        return {**dataclasses.asdict(value), "label": value.label()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _decided(result):
    """A decision, or the polite ``InvalidInput`` naming the option the rule still needs."""
    if isinstance(result, Needs):
        raise InvalidInput("option_missing", option=result.inputs[0])
    return result


def to_json(decision: Decision, kind: str) -> dict:
    """The decision as the calculators' JSON object (``kind``: "refund", "english", …): every
    field, its phrases in the words of the templates (``bot.speech``), ``explanation`` ending with
    the notice it rests on."""
    said = speech.spoken(decision, kind)
    data: dict[str, Any] = {}
    for field in dataclasses.fields(decision):
        name = "explanation" if field.name == "says" else field.name
        data[name] = said[name] if name in said else _plain(getattr(decision, field.name))
    explanation = data["explanation"]
    data["explanation"] = f"{explanation} ({decision.notice_label})" if explanation else decision.notice_label
    data["kind"] = kind
    return data


# --- the calculators ------------------------------------------------------------------------------


def check_refund(exam, *, stage, on, reason=None, overpaid=None, today: date) -> dict:
    request = RefundRequest(
        stage=parse_stage(stage),
        on=parse_when(_required(on, "cancel_date"), exam.year),
        reason=parse_reason(exam, reason),
        overpaid_krw=None if overpaid in (None, "") else int(parse_number(overpaid, "amount")),
    )
    return to_json(_decided(refund(exam, request, today)), "refund")


def check_english(
    exam, *, test, score, taken, issued=None, hearing_impaired=False, country=None, level=None,
    special=False, today: date,
) -> dict:
    request = EnglishRequest(
        test=str(_required(test, "test")).strip(),
        score=parse_number(_required(score, "score")),
        taken=parse_date(_required(taken, "taken"), exam.year),
        issued=None if issued in (None, "") else parse_date(issued, exam.year),
        hearing_impaired=bool(hearing_impaired),
        country=parse_country(exam, country),
        level=parse_level(level),
        regular=not bool(special),
    )
    return to_json(_decided(english(exam, request, today)), "english")


def check_id(exam, *, document, group=None, today: date) -> dict:
    request = IdRequest(document=str(_required(document, "document")), group=parse_group(exam, group))
    return to_json(_decided(id_check(exam, request, today)), "id")


def check_accommodation(exam, *, disability, stage=None, region=None, today: date) -> dict:
    request = AccommodationRequest(
        disability=str(_required(disability, "disability")),
        stage=parse_stage(stage, default=1),
        region=region or None,
    )
    return to_json(_decided(accommodation(exam, request, today)), "accommodation")


def check_payment(exam, *, stage, at, today: date) -> dict:
    when = parse_when(_required(at, "applied_at"), exam.year)
    if not isinstance(when, datetime):
        raise InvalidInput("applied_at_time")
    return to_json(payment_deadline(exam, PaymentRequest(parse_stage(stage), when), today), "payment")


def check_arrival(exam, *, at, stage=None, period=None, today: date) -> dict:
    m = _TIME.match(str(_required(at, "arrival_at")))
    if not m or not (0 <= int(m.group(1)) <= 23 and 0 <= int(m.group(2) or 0) <= 59):
        raise InvalidInput("time_unreadable", said=at, example="09:20")
    request = ArrivalRequest(
        at=time(int(m.group(1)), int(m.group(2) or 0)),
        stage=None if stage in (None, "") else parse_stage(stage),
        period=None if period in (None, "") else _whole(parse_number(period, "period"), "period"),
    )
    decision = _decided(settle(arrival, exam, request, today, {"stage": (1, 2)}))
    if isinstance(decision, Unanimous):
        decision = decision.first
    data = to_json(decision, "arrival")
    data["explanation"] = f"{speech.render('arrival_verdict.j2', d=decision)} ({decision.notice_label})"
    return data


def _whole(value: float, what: str) -> int:
    if value != int(value):
        raise InvalidInput("number_not_whole", what=what, value=value)
    return int(value)


def check_pass(exam, *, stage, scores, today: date) -> dict:
    request = PassRequest(parse_stage(stage), parse_scores(_required(scores, "scores")))
    return to_json(_decided(passing(exam, request, today)), "pass")


def check_exemption(exam, *, periods=None, worked=None, today: date) -> dict:
    """``periods``: "2015-01-01~2017-12-31, 2020-01-01~" (an open end = still working there);
    or ``worked``: the months worked, said without dates ("72")."""
    if worked not in (None, "") and periods in (None, ""):
        months = parse_number(worked, "months")
        if months != int(months) or not 0 <= months <= 1200:
            raise InvalidInput("months_range", said=worked)
        request = ExemptionRequest(worked_months=(int(months), int(months)))
        return to_json(_decided(exemption(exam, request, today)), "exemption")
    parsed = []
    for chunk in re.split(r"[,;]", str(_required(periods, "periods"))):
        if not chunk.strip():
            continue
        start, _, end = chunk.partition("~")
        parsed.append(WorkPeriod(
            start=parse_date(start, exam.year),
            end=parse_date(end, exam.year) if end.strip() else None,
        ))
    return to_json(_decided(exemption(exam, ExemptionRequest(tuple(parsed)), today)), "exemption")


def check_office(exam, *, region, today: date) -> dict:
    return to_json(office_for_region(exam, OfficeRequest(str(_required(region, "region"))), today), "office")


CALCULATORS: dict[str, Callable[..., dict]] = {
    "refund": check_refund,
    "english": check_english,
    "id": check_id,
    "accommodation": check_accommodation,
    "payment": check_payment,
    "pass": check_pass,
    "arrival": check_arrival,
    "exemption": check_exemption,
    "office": check_office,
}


def _required(value, option: str):
    """``option``: the option's id, named in the message ("cancel_date" → "취소(신청)한 날짜(--on)")."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise InvalidInput("option_missing", option=option)
    return value
