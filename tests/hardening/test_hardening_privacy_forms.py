"""The mask reads personal data the way the NLU reads text (full-width and other digits folded,
zero-width characters dropped, Sino-Korean digits read), so no form of a 주민등록번호, phone number,
e-mail or passport number people type survives it, while dates, times, scores and amounts stay as
typed. Fast properties on ``bot.privacy.mask`` and on the store's file; the same forms against a
real server are in test_hardening_privacy.py."""
from __future__ import annotations

import sqlite3

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.nlu import normalize
from bot.privacy import holds_personal_data, mask
from bot.storage import Store
from privacy_forms import Secret, readable, sentences

PROPERTY = settings(max_examples=400, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])

# The forms the issue found stored unmasked (messages, their WAL, unanswered questions).
ISSUE_FORMS = [
    (Secret("rrn", "９１０２０３－２３４５６７８", "2345678"), "９１０２０３－２３４５６７８"),
    (Secret("rrn", "910203 뒷자리 2345678", "2345678"), "주민번호 앞자리 910203 뒷자리 2345678"),
    (Secret("rrn", "910203 2345678", "2345678"), "910203 2345678 이에요"),
    (Secret("phone", "010 8765 4321", "8765432"), "010 8765 4321 로 연락 주세요"),
    (Secret("phone", "０１０－８７６５－４３２１", "8765432"), "연락처 ０１０－８７６５－４３２１"),
    (Secret("phone", "공일공 팔칠육오 사삼이일", "8765432"), "공일공 팔칠육오 사삼이일 로 전화 주세요"),
    (Secret("email", "ｋｉｍ７７＠ｅｘａｍｐｌｅ．ｃｏｍ", "kim77"), "메일 ｋｉｍ７７＠ｅｘａｍｐｌｅ．ｃｏｍ"),
    (Secret("passport", "Ｍ１２３４５６７８", "12345678"), "여권 Ｍ１２３４５６７８ 돼요?"),
]


@pytest.mark.parametrize("secret, text", ISSUE_FORMS, ids=[f"{s.kind}-{i}" for i, (s, _) in enumerate(ISSUE_FORMS)])
def test_the_forms_found_in_the_issue_are_masked(secret, text):
    assert readable(secret, text)
    assert not readable(secret, mask(text)), mask(text)


@PROPERTY
@given(sentences())
@example((ISSUE_FORMS[1][0], ISSUE_FORMS[1][1]))
def test_no_form_of_personal_data_survives_the_mask(case):
    secret, text = case
    assert readable(secret, text), "the reader must see the secret in what was typed"
    masked = mask(text)
    assert not readable(secret, masked), f"{secret.kind} {secret.typed!r} readable in {masked!r}"
    assert not readable(secret, normalize(masked))
    assert mask(masked) == masked  # masking twice changes nothing
    assert holds_personal_data(text)


def _fullwidth(text: str) -> str:
    return text.translate({c: c + 0xFEE0 for c in range(0x30, 0x3A)})


day = st.builds(lambda y, m, d: (y, m, d), st.sampled_from([2021, 2022, 2023]), st.integers(1, 12), st.integers(1, 28))
not_personal = st.one_of(
    day.map(lambda t: "%d. %d. %d." % t),
    day.map(lambda t: "%d-%02d-%02d" % t),
    day.map(lambda t: "%d.%02d.%02d" % t),
    day.map(lambda t: "%d%02d%02d" % t),
    day.map(lambda t: "%d월 %d일" % t[1:]),
    st.builds(lambda h, m: "%02d:%02d" % (h, m), st.integers(0, 23), st.sampled_from([0, 30, 50])),
    st.integers(0, 990).map(lambda n: f"{n}점"),
    st.integers(0, 100).map(str),
    st.sampled_from([40000, 24000, 20000, 100000]).map(lambda n: f"{n:,}원"),
    st.sampled_from(["1차", "2차", "60%", "1644-8000", "1교시", "토익", "환불", "언제예요?"]),
)


@PROPERTY
@given(parts=st.lists(not_personal, min_size=1, max_size=6),
       joiner=st.sampled_from([" ", ", ", " ~ ", "\n", "에 ", " 그리고 "]), wide=st.booleans())
def test_dates_times_scores_and_amounts_stay_as_typed(parts, joiner, wide):
    text = joiner.join(parts)
    text = _fullwidth(text) if wide else text
    assert mask(text) == text


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(cases=st.lists(sentences(), min_size=1, max_size=4))
def test_the_store_file_and_its_wal_hold_no_form_of_personal_data(tmp_path_factory, cases):
    path = tmp_path_factory.mktemp("forms") / "applicant-bot.db"
    store = Store(path)
    for k, (_, text) in enumerate(cases):
        store.save_turn(f"s{k}", {"v": 1}, channel="test", incoming=text, outgoing=(f"답: {text}",))
        store.add_unanswered(f"s{k}", text, channel="test")
        store.add_feedback(f"s{k}", -1, note=text)
    wal = path.with_name(path.name + "-wal").read_bytes()
    rows = _text_columns(path)
    store.close()
    for secret, _ in cases:
        for name, data in (("WAL", wal), ("database", path.read_bytes())):
            assert secret.typed.encode() not in data, f"{secret.typed!r} in the {name}"
        for row in rows:
            assert not readable(secret, row), f"{secret.typed!r} readable in the stored {row!r}"


def _text_columns(path) -> list[str]:
    with sqlite3.connect(path) as db:
        return [value for sql in ("SELECT text FROM messages", "SELECT text FROM unanswered", "SELECT note FROM feedback",
                                  "SELECT state FROM sessions") for (value,) in db.execute(sql)]
