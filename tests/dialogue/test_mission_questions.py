"""The five questions of DESIGN.md's user table, end to end through the real engine (NLU, dialogue,
rules, knowledge, templates) on 2023-03-01, with the notice's figures and clauses; and a question
about another exam, which must never get this exam's facts."""
from __future__ import annotations

from datetime import datetime

import pytest

from bot.engine import Engine
from bot.storage import Store

TODAY = datetime(2023, 3, 1, 10, 0)
NOTICE = "2023년도 제34회 공고 기준"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(store=Store(None), clock=lambda: TODAY)


@pytest.fixture
def ask(engine, request):
    session = f"mission-{request.node.name}"

    def send(text):
        turn = engine.handle(session, text, channel="test")
        send.turn = turn
        return turn.replies[0].text, list(turn.replies[0].buttons)

    return send


def test_refund_on_march_25(ask):
    text, buttons = ask("3월 25일에 취소하면 환불 얼마?")
    assert ask.turn.intent == "refund"
    assert NOTICE in text and "1차 시험 수수료 환불" in text
    assert "20,000원" in text and "50%" in text  # 3. 20. ~ 3. 29. is the 50% period (exam 4. 8.)
    assert "2023. 3. 29.(수)까지" in text
    assert "9. 라." in text
    assert "2차로 계산" in buttons


def test_toeic_march_2021_750(ask):
    text, _ = ask("토익 2021년 3월 750점 인정?")
    assert ask.turn.intent == "english"
    assert NOTICE in text and "인정돼요 ✅" in text
    assert "700점 이상" in text and "2021년 3월에 보셨다면 날짜와 관계없이 인정기간 안이에요" in text
    assert "8. 가." in text


def test_mobile_id(ask):
    text, buttons = ask("모바일 신분증 돼요?")
    assert ask.turn.intent == "id"
    mobile_forms = [b for b in buttons if "모바일" in b]
    assert "모바일 운전면허증 (경찰청 발행)" in mobile_forms
    assert "PASS 모바일 운전면허 확인서비스" in mobile_forms
    assert "정부24·PASS 주민등록증 모바일 확인서비스" in mobile_forms
    text, _ = ask("모바일 운전면허증 (경찰청 발행)")
    assert NOTICE in text and "인정돼요" in text and "12. 2." in text


def test_visual_impairment_severe_first_period(ask):
    text, buttons = ask("시각장애 중증이면 1교시 몇 분?")
    assert ask.turn.intent == "accommodation"
    assert "시험인가요" not in text  # 1.7배 in both stages: nothing to ask
    assert NOTICE in text and "1.7배" in text
    assert "1교시" in text and "120분 → 204분" in text  # 1차 1교시 120분 × 1.7
    assert "100분 → 170분" in text  # 2차 1교시 100분 × 1.7
    assert "9. 사." in text
    assert buttons[:2] == ["1차 교시별 시간", "2차 교시별 시간"]


def test_certificate_lookup_failure(ask):
    text, buttons = ask("가산점 자격증 조회 실패 떠요")
    assert ask.turn.intent == "cert_lookup"
    assert "1단계" in text and "조회 실패" in text and "가산점 조회/등록 결과 확인" in text
    assert "다음 단계" in buttons


def test_another_exam_never_gets_this_exams_facts(ask):
    text, _ = ask("공인중개사 시험 언제예요?")
    assert ask.turn.intent == "out_of_scope"
    for fact in ("2023. 4. 8.", "2023. 7. 15.", "4월 8일", "시험일", "40,000원"):
        assert fact not in text
    assert "1644-8000" in text


def test_pregnancy_toilet_question_is_answered_without_asking_the_stage(tmp_path):
    # No time extension for 임신부: the stage only moves the document deadline, so no extra turn.
    from datetime import datetime

    from bot.engine import Engine
    from bot.storage import Store

    engine = Engine(store=Store(None), clock=lambda: datetime(2023, 2, 1, 10, 0))
    turn = engine.handle("preg", "임신했는데 시험 중에 화장실 가도 돼요?")
    text = turn.replies[0].text
    assert turn.intent == "accommodation"
    assert "화장실 이용 제한(횟수 및 시간) 없음" in text
    assert "시험인가요" not in text  # no extension: the stage changes only the document deadline
    assert "1차 증빙서류 제출 기한: 원서접수 마감 후 4일 이내(2023. 2. 14.(화)까지)" in text
    assert "2차 증빙서류 제출 기한: 원서접수 마감 후 4일 이내(2023. 5. 30.(화)까지)" in text
    assert "2023. 2. 14.(화)" in text and "이미 지났어요" not in text
    assert "1차 교시별 시간" not in turn.replies[0].buttons  # standard minutes: nothing per stage to show
    assert "제출 서류·기한" in turn.replies[0].buttons
