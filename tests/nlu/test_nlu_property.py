"""Any Unicode string: no exception, well-formed output. (Speed is measured by benchmarks/, not
asserted here: a first call that loads the model would make a timing assertion fail at random.)"""
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.nlu import normalize, understand
from bot.nlu.normalize import MAX_CHARS

KOREANISH = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3),
        st.characters(min_codepoint=0x3131, max_codepoint=0x318E),
        st.sampled_from(list("0123456789 .-/:?!~년월일시분점차토익환불취소")),
    ),
    max_size=80,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), KOREANISH))
def test_any_text(text):
    result = understand(text, year=2023, today=date(2023, 3, 15))
    assert result.intent is None or isinstance(result.intent, str)
    assert 0.0 <= result.confidence <= 1.0
    assert len(result.text) <= MAX_CHARS
    assert normalize(result.text) == result.text  # normalisation is idempotent


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300), st.sampled_from([None, "date", "stage", "score", "test", "reason", "document", "level"]))
def test_any_text_while_expecting(text, expecting):
    understand(text, year=2023, today=date(2023, 3, 15), expecting=expecting)


def test_huge_input_is_read_capped():
    text = ("토익 750점 3월 25일 환불 " * 10_000) + "\u202e" * 1000
    result = understand(text, year=2023, today=date(2023, 3, 15))
    assert len(result.text) <= MAX_CHARS and "\u202e" not in result.text
