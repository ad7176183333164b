"""Property-based tests: every parser and the engine take any Unicode string without an exception.

The strategies mix fully arbitrary Unicode with text built from the words, digits and punctuation
the parsers look for ("3월 30일", "토익 750점", "010-…"), because purely random code points rarely
get past the first regular expression of a parser.
"""
from __future__ import annotations

import logging
import re
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import knowledge
from bot import calculators
from bot import nlu
from bot.privacy import mask
from bot.web.clientip import client_address, parse_trusted_proxies
from bot.web.ratelimit import parse_rate_limit
from rules.types import InvalidInput

TODAY = date(2023, 3, 1)
NOW = datetime(2023, 3, 1, 10, 0)
EXAM = knowledge.load_exam(knowledge.DEFAULT_EXAM_FILE)

DOMAIN_TOKENS = [
    "환불", "취소", "1차", "2차", "제", "차", "시험", "토익", "TOEIC", "토플", "iBT", "텝스", "지텔프", "레벨",
    "아이엘츠", "점", "월", "일", "년", "시", "분", "오전", "오후", "내일", "어제", "모레", "다음주", "2023",
    "2021", "02", "30", "31", "29", "2월", "30일", "-5", "99999", "750", "0.5", "１２", "３월", ".", "-", "/",
    ":", "~", "(", ")", "(일)", "T", " ", "\n", "\t", "신분증", "모바일", "운전면허증", "여권", "학생증", "시각",
    "중증", "경증", "청각", "임신", "입원", "격리", "사망", "폭설", "과오납", "서울", "부산", "제주", "네",
    "아니요", "%", "원", "40,000", "010-1234-5678", "900101-1234567", "a@b.co", "\x00", "\u202e", "\u200f",
    "\ufeff", "😀", "👍🏽", "ㅋㅋ", "ㅎ", "{{ 7*7 }}", "{% raw %}", "'; DROP TABLE sessions;--", "<script>",
    "NaN", "inf", "1e309", "٣", "Ⅻ", "⁵", "½",
]

korean_like = st.lists(
    st.one_of(st.sampled_from(DOMAIN_TOKENS), st.text(max_size=3)), max_size=14
).map("".join)
any_text = st.one_of(st.text(max_size=200), korean_like)

PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)


# --- the staff calculators: a result, or InvalidInput with a Korean message, nothing else -------




CALLS = {
    "refund": lambda t: calculators.check_refund(EXAM, stage=t[0], on=t[1], reason=t[2], overpaid=t[3], today=TODAY),
    "english": lambda t: calculators.check_english(
        EXAM, test=t[0], score=t[1], taken=t[2], issued=t[3], country=t[4], level=t[5], today=TODAY
    ),
    "id": lambda t: calculators.check_id(EXAM, document=t[0], group=t[1], today=TODAY),
    "accommodation": lambda t: calculators.check_accommodation(EXAM, disability=t[0], stage=t[1], region=t[2], today=TODAY),
    "payment": lambda t: calculators.check_payment(EXAM, stage=t[0], at=t[1], today=TODAY),
    "pass": lambda t: calculators.check_pass(EXAM, stage=t[0], scores=t[1], today=TODAY),
    "exemption": lambda t: calculators.check_exemption(EXAM, periods=t[0], today=TODAY),
    "office": lambda t: calculators.check_office(EXAM, region=t[0], today=TODAY),
    "arrival": lambda t: calculators.check_arrival(EXAM, at=t[0], stage=t[1], period=t[2], today=TODAY),
}
assert set(CALLS) == set(calculators.CALCULATORS), "a new calculator needs a property test here"


@pytest.mark.parametrize("name", sorted(CALLS))
@PROPERTY_SETTINGS
@given(texts=st.lists(st.one_of(st.none(), any_text), min_size=6, max_size=6))  # None: an option left out
def test_calculators_answer_or_refuse_politely(name, texts):
    try:
        result = CALLS[name](texts)
    except InvalidInput as refused:
        assert str(refused).strip() and re.search(r"[가-힣]", str(refused)), "refusal must say why, in Korean"
        return
    assert isinstance(result, dict)
    assert result["explanation"] and result["citations"]


@PROPERTY_SETTINGS
@given(text=any_text)
def test_calculator_value_parsers_raise_only_invalid_input(text):
    for parse in (
        lambda: calculators.parse_date(text, 2023),
        lambda: calculators.parse_when(text, 2023),
        lambda: calculators.parse_stage(text),
        lambda: calculators.parse_number(text),
        lambda: calculators.parse_reason(EXAM, text),
        lambda: calculators.parse_group(EXAM, text),
        lambda: calculators.parse_country(EXAM, text),
        lambda: calculators.parse_level(text),
        lambda: calculators.parse_scores(text),
    ):
        try:
            parse()
        except InvalidInput:
            pass


# --- the configuration parsers of the web layer: ValueError naming the variable, nothing else ----


@PROPERTY_SETTINGS
@given(text=st.one_of(st.text(max_size=60), st.from_regex(r"(session|client)=\d{1,4}/(s|min|h);?", fullmatch=True)))
def test_rate_limit_grammar_raises_only_value_error(text):
    try:
        parse_rate_limit(text)
    except ValueError as exc:
        assert "APPLICANT_BOT_RATE_LIMIT" in str(exc)


@PROPERTY_SETTINGS
@given(text=st.text(max_size=60), peer=st.one_of(st.none(), st.text(max_size=40), st.ip_addresses().map(str)),
       chain=st.lists(st.one_of(st.text(max_size=30), st.ip_addresses().map(str)), max_size=5))
def test_trusted_proxy_parsing_and_chain_walk_never_crash(text, peer, chain):
    try:
        parse_trusted_proxies(text)
    except ValueError as exc:
        assert "APPLICANT_BOT_TRUSTED_PROXIES" in str(exc)
    trusted = parse_trusted_proxies("127.0.0.0/8, ::1, 10.0.0.0/8")
    result = client_address(peer, [", ".join(chain)], trusted)
    assert result is None or isinstance(result, str)


# --- masking: personal data embedded anywhere in arbitrary text does not survive ---------------

separator = st.sampled_from([" ", "\n", "은 ", "이고 ", ", ", "번호 ", "(", ": "])
rrn = st.builds(lambda a, b, dash: f"{a:06d}{dash}{b:07d}", st.integers(0, 999999), st.integers(0, 9999999), st.sampled_from(["-", "", " - "]))
mobile = st.builds(lambda p, a, b, sep: f"{p}{sep}{a:04d}{sep}{b:04d}", st.sampled_from(["010", "011", "016", "+82 10"]),
                   st.integers(0, 9999), st.integers(0, 9999), st.sampled_from(["-", "", " ", "."]))
email = st.from_regex(r"[a-z][a-z0-9._]{0,12}@[a-z0-9]{1,10}\.(com|kr|co\.kr|net)", fullmatch=True)


@PROPERTY_SETTINGS
@given(before=st.text(max_size=30), after=st.text(max_size=30), sep1=separator, sep2=separator,
       secret=st.one_of(rrn, mobile, email))
def test_mask_removes_personal_data_wherever_it_stands(before, after, sep1, sep2, secret):
    masked = mask(f"{before}{sep1}{secret}{sep2}{after}")
    assert secret not in masked


# --- NLU and the engine -------------------------------------------------------------------------


def _slot_names() -> list:
    from bot.nlu import slots

    names = set()
    for group in ("DATE_SLOTS", "STAGE_SLOTS", "SCORE_SLOTS", "SCORES_SLOTS", "LEVEL_SLOTS", "YES_NO_SLOTS"):
        names |= set(getattr(slots, group))
    names |= {"time", "test", "reason", "document", "group", "kind", "severity", "disability", "region", "country"}
    return [None, "no-such-slot", *sorted(names)]


@PROPERTY_SETTINGS
@given(text=any_text)
def test_normalize_and_extract_slots_never_raise(text):
    normalized = nlu.normalize(text)
    assert isinstance(normalized, str)
    nlu.extract_slots(text, year=2023, today=TODAY)
    nlu.extract_slots(normalized, year=2023, today=TODAY)


@PROPERTY_SETTINGS
@given(text=any_text, expecting=st.sampled_from(_slot_names()))
def test_understand_never_raises_and_stays_in_range(text, expecting):
    result = nlu.understand(text, year=2023, today=TODAY, expecting=expecting)
    assert 0.0 <= result.confidence <= 1.0


class ErrorRecords(logging.Handler):
    """Collects ERROR records: ``Engine.handle`` catches every exception and apologises, so "no
    exception" is only checked by seeing that it never had to (and never failed to save)."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture(scope="module")
def engine():
    from bot.engine import Engine
    from bot.storage import Store

    errors = ErrorRecords()
    logging.getLogger("bot").addHandler(errors)
    engine = Engine(store=Store(None), clock=lambda: NOW)
    engine.errors = errors.records
    yield engine
    logging.getLogger("bot").removeHandler(errors)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
          derandomize=True)
@given(messages=st.lists(any_text, min_size=1, max_size=4), session=st.text(max_size=20))
@example(messages=["2월 30일에 취소하면?", "1차", "2월 30일"], session="impossible-date-first")  # found by the benchmark
@example(messages=["환불", "4월 31일 환불", "2023-02-30", "0월 0일"], session="impossible-dates")
@example(messages=["토익 인정?", "토익 -5점", "99999점", "2021년 2월 30일"], session="impossible-scores")
@example(messages=["{{ 7*7 }}", "'; DROP TABLE sessions;--", "\x00\u202e환불\u202c", "😀" * 3000], session="hostile")
def test_engine_answers_any_conversation_politely(engine, messages, session):
    for text in messages:
        turn = engine.handle(session, text, channel="test", now=NOW)
        assert turn.replies and all(reply.text.strip() for reply in turn.replies)
        assert 0.0 <= turn.confidence <= 1.0
        assert "Traceback" not in turn.replies[0].text
        assert not engine.errors, engine.errors[0].getMessage()


# The e-mail pattern before it was anchored at the start of a run (linear instead of quadratic):
# both must mask exactly the same text.
_EMAIL_BEFORE = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")


@PROPERTY_SETTINGS
@given(text=st.text(alphabet=st.sampled_from(list("ab.-_+%@x.kr가 1")), max_size=60), address=email)
def test_anchored_email_pattern_masks_the_same_text(text, address):
    from bot.privacy import _EMAIL

    for sample in (text, f"{text}{address}{text}", f"{address}{text}"):
        assert _EMAIL.sub("[이메일]", sample) == _EMAIL_BEFORE.sub("[이메일]", sample)
