"""The calculator intents against their nearest fact topics (tests/corpus/holdout3.yaml): a message
that names a condition (임신, 과민성대장) and the toilet asks the accommodation, not the general rule."""
from datetime import date

import pytest

from bot.nlu import understand
from bot.nlu.intents import OUT_OF_SCOPE

from nlu_support import load_corpus

TODAY = date(2023, 3, 15)


def test_neighbour_holdout_accuracy():
    cases = load_corpus("holdout3.yaml")
    wrong = []
    for case in cases:
        u = understand(case.text, year=case.year, today=case.today, expecting=case.expecting)
        got = OUT_OF_SCOPE if u.out_of_scope else u.intent
        if got != case.intent:
            wrong.append(f"{case.text!r}: want {case.intent}, got {got} ({u.confidence:.2f})")
    assert len(cases) >= 40
    assert 1 - len(wrong) / len(cases) >= 0.95, "\n".join(wrong)


@pytest.mark.parametrize("text, intent", [
    ("과민성대장이라 화장실 자주 가는데 편의 신청되나요", "accommodation"),
    ("임신 중이라 시험 중에 화장실 가야 해요 편의 신청돼요?", "accommodation"),
    ("시험 중에 화장실 가도 돼요?", "toilet"),
    ("응시수수료 카드 결제 되나요", "payment_methods"),
    ("응시수수료 얼마예요", "fees"),
    ("입실 시간 지나서 가면 시험 못 봐요?", "late_entry"),
    ("입실 시간 몇 시예요", "entry_time"),
    ("환불 받으려면 어떤 서류 필요해요", "refund_info"),
    ("3월 25일에 취소하면 환불 얼마예요?", "refund"),
])
def test_neighbours(text, intent):
    assert understand(text, year=2023, today=TODAY).intent == intent
