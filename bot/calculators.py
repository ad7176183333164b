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
from rules.terms import compact, find_id_group, find_refund_reason, words
from rules.common import settle
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
        raise InvalidInput(f"'{text}'은(는) 날짜로 읽을 수 없어요. 2023-03-19처럼 적어 주세요.")
    try:
        return date(int(y), int(mo), int(d))
    except ValueError:
        raise InvalidInput(f"'{text}'은(는) 없는 날짜예요. 날짜를 다시 확인해 주세요.") from None


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
        raise InvalidInput(f"'{parts[1]}'은(는) 시각으로 읽을 수 없어요. 18:01처럼 적어 주세요.")
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise InvalidInput(f"'{parts[1]}'은(는) 없는 시각이에요. 00:00 ~ 23:59 사이로 적어 주세요.")
    return datetime.combine(day, time(hour, minute))


def parse_stage(value: str | int | None, default: int | None = None) -> int:
    if value is None or str(value).strip() == "":
        if default is None:
            raise InvalidInput("몇 차 시험인지 알려 주세요 (1 또는 2).")
        return default
    m = re.fullmatch(r"\s*(?:제\s*)?(\d+)\s*(?:차(?:\s*시험)?)?\s*", str(value))
    if not m or int(m.group(1)) not in (1, 2):
        raise InvalidInput(f"'{value}'차 시험은 없어요. 1차 또는 2차 중에서 골라 주세요.")
    return int(m.group(1))


def parse_number(value: str | float, what: str = "점수") -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = str(value).strip().replace(",", "")
    text = re.sub(r"\s*점$", "", text)
    try:
        number = float(text)
    except ValueError:
        raise InvalidInput(f"{what} '{value}'은(는) 숫자로 읽을 수 없어요. 750처럼 숫자로 적어 주세요.") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise InvalidInput(f"{what} '{value}'은(는) 숫자로 읽을 수 없어요.")
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
        raise InvalidInput(
            f"환불 사유 '{text}'을(를) 알아듣지 못했어요. 예: 취소, 결시, 입원, 격리, 사망, 휴가 금지, 폭설, "
            "귀책, 과오납, 부적격"
        )
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
        raise InvalidInput(
            f"수험자 구분 '{text}'을(를) 알아듣지 못했어요. 일반, 학생(초·중·고·만18세 이하), 미취학, 사병(군인), "
            "외국인 중에서 골라 주세요."
        )
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
    raise InvalidInput(f"국가 '{value}'을(를) 알아듣지 못했어요. JP, US처럼 두 글자 국가 코드로 적어 주세요.")


def parse_level(value: str | int | None) -> int | None:
    if value is None or str(value).strip() == "":
        return None
    m = re.search(r"\d+", str(value))
    if not m:
        raise InvalidInput(f"레벨 '{value}'을(를) 숫자로 읽을 수 없어요. 예: 2")
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


# What a staff calculator says when its rule still needs an input (the options are typed: ask for it).
_NEEDED = {"level": "G-TELP 레벨(--level)", "stage": "시험 차수(--stage)", "taken": "응시일(--taken)",
           "score": "점수(--score)", "test": "시험 이름(--test)", "on": "날짜(--on)", "reason": "사유(--reason)",
           "periods": "근무 기간(--periods)"}


def _decided(result):
    """A decision, or the polite ``InvalidInput`` naming the option the rule still needs."""
    if isinstance(result, Needs):
        raise InvalidInput(f"{_NEEDED.get(result.inputs[0], result.inputs[0])}을(를) 알려 주세요.")
    return result


def to_json(decision: Decision, kind: str) -> dict:
    """The decision as the calculators' JSON object (``kind``: "refund", "english", …)."""
    data = _plain(decision)
    data["kind"] = kind
    data["explanation"] = f"{decision.explanation} ({decision.notice_label})" if decision.explanation else decision.notice_label
    return data


# --- the calculators ------------------------------------------------------------------------------


def check_refund(exam, *, stage, on, reason=None, overpaid=None, today: date) -> dict:
    request = RefundRequest(
        stage=parse_stage(stage),
        on=parse_when(_required(on, "취소(신청)한 날짜(--on)"), exam.year),
        reason=parse_reason(exam, reason),
        overpaid_krw=None if overpaid in (None, "") else int(parse_number(overpaid, "금액")),
    )
    return to_json(_decided(refund(exam, request, today)), "refund")


def check_english(
    exam, *, test, score, taken, issued=None, hearing_impaired=False, country=None, level=None,
    special=False, today: date,
) -> dict:
    request = EnglishRequest(
        test=str(_required(test, "시험 이름(--test)")).strip(),
        score=parse_number(_required(score, "점수(--score)")),
        taken=parse_date(_required(taken, "응시일(--taken)"), exam.year),
        issued=None if issued in (None, "") else parse_date(issued, exam.year),
        hearing_impaired=bool(hearing_impaired),
        country=parse_country(exam, country),
        level=parse_level(level),
        regular=not bool(special),
    )
    return to_json(_decided(english(exam, request, today)), "english")


def check_id(exam, *, document, group=None, today: date) -> dict:
    request = IdRequest(document=str(_required(document, "신분증(--document)")), group=parse_group(exam, group))
    return to_json(_decided(id_check(exam, request, today)), "id")


def check_accommodation(exam, *, disability, stage=None, region=None, today: date) -> dict:
    request = AccommodationRequest(
        disability=str(_required(disability, "장애 유형·정도(--disability)")),
        stage=parse_stage(stage, default=1),
        region=region or None,
    )
    return to_json(_decided(accommodation(exam, request, today)), "accommodation")


def check_payment(exam, *, stage, at, today: date) -> dict:
    when = parse_when(_required(at, "접수한 시각(--at)"), exam.year)
    if not isinstance(when, datetime):
        raise InvalidInput("접수를 마친 시각도 알려 주세요. 예: 2023-02-06T13:30")
    return to_json(payment_deadline(exam, PaymentRequest(parse_stage(stage), when), today), "payment")


def check_arrival(exam, *, at, stage=None, period=None, today: date) -> dict:
    m = _TIME.match(str(_required(at, "도착 시각(--at)")))
    if not m or not (0 <= int(m.group(1)) <= 23 and 0 <= int(m.group(2) or 0) <= 59):
        raise InvalidInput(f"'{at}'은(는) 시각으로 읽을 수 없어요. 09:20처럼 적어 주세요.")
    request = ArrivalRequest(
        at=time(int(m.group(1)), int(m.group(2) or 0)),
        stage=None if stage in (None, "") else parse_stage(stage),
        period=None if period in (None, "") else _whole(parse_number(period, "교시"), "교시"),
    )
    decision = _decided(settle(arrival, exam, request, today, {"stage": (1, 2)}))
    if isinstance(decision, Unanimous):
        decision = decision.first
    data = to_json(decision, "arrival")
    sentence = _sentences().get_template("arrival_verdict.j2").render(d=decision).strip()
    data["explanation"] = f"{sentence} ({decision.notice_label})"
    return data


def _whole(value: float, what: str) -> int:
    if value != int(value):
        raise InvalidInput(f"{what} '{value:g}'은(는) 1, 2처럼 정수로 적어 주세요.")
    return int(value)


def _sentences():
    # the verdict's words live in templates/ alone; one environment per process
    global _SENTENCES
    if _SENTENCES is None:
        from bot.dialogue.render import make_environment

        _SENTENCES = make_environment()
    return _SENTENCES


_SENTENCES = None


def check_pass(exam, *, stage, scores, today: date) -> dict:
    request = PassRequest(parse_stage(stage), parse_scores(_required(scores, "과목 점수(--scores)")))
    return to_json(_decided(passing(exam, request, today)), "pass")


def check_exemption(exam, *, periods=None, worked=None, today: date) -> dict:
    """``periods``: "2015-01-01~2017-12-31, 2020-01-01~" (an open end = still working there);
    or ``worked``: the months worked, said without dates ("72")."""
    if worked not in (None, "") and periods in (None, ""):
        months = parse_number(worked, "경력 개월 수")
        if months != int(months) or not 0 <= months <= 1200:
            raise InvalidInput(f"경력 개월 수 '{worked}'은(는) 0부터 1200 사이의 정수로 적어 주세요.")
        request = ExemptionRequest(worked_months=(int(months), int(months)))
        return to_json(_decided(exemption(exam, request, today)), "exemption")
    parsed = []
    for chunk in re.split(r"[,;]", str(_required(periods, "근무 기간(--periods)"))):
        if not chunk.strip():
            continue
        start, _, end = chunk.partition("~")
        parsed.append(WorkPeriod(
            start=parse_date(start, exam.year),
            end=parse_date(end, exam.year) if end.strip() else None,
        ))
    return to_json(_decided(exemption(exam, ExemptionRequest(tuple(parsed)), today)), "exemption")


def check_office(exam, *, region, today: date) -> dict:
    return to_json(office_for_region(exam, OfficeRequest(str(_required(region, "지역(--region)"))), today), "office")


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


def _required(value, what: str):
    if value is None or (isinstance(value, str) and not value.strip()):
        raise InvalidInput(f"{what}을(를) 알려 주세요.")
    return value
