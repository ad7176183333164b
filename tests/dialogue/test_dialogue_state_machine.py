"""The state machine on its own: each message's NLU reading is given explicitly (what
``bot.nlu.understand`` would return), so these tests pin the dialogue logic, not the classifier.
End-to-end scripts through the real NLU are in test_dialogue_scripts.py."""
from datetime import date, datetime

import pytest

from bot.engine import Engine
from bot.nlu.intents import label
from bot.nlu.types import Slots, Understanding
from bot.storage import Store

NOW = datetime(2023, 3, 1, 10, 0)


def reading(intent=None, confidence=0.9, alternatives=(), out_of_scope=False, **slots):
    return Understanding(
        intent=intent, confidence=confidence if intent else 0.2, slots=Slots(**slots),
        alternatives=list(alternatives), out_of_scope=out_of_scope,
    )


class Script:
    """An `understand` that returns the reading written for each message (unknown text: nothing)."""

    def __init__(self, readings):
        self.readings = readings
        self.expecting = []

    def __call__(self, text, *, year, today, expecting=None):
        self.expecting.append(expecting)
        u = self.readings.get(text, reading())
        u.text = text
        return u


def engine_for(readings, store=None):
    script = Script(readings)
    return Engine(store=store or Store(None), understand=script, clock=lambda: NOW, warm=False), script


def ask(engine, text, session="s"):
    turn = engine.handle(session, text, channel="test", now=NOW)
    return turn, turn.replies[0].text, list(turn.replies[0].buttons)


def test_asks_one_missing_slot_at_a_time_with_buttons():
    engine, script = engine_for({
        "환불 얼마예요": reading("refund"),
        "1차요": reading(stage=1),
        "3월 10일": reading(dates=[date(2023, 3, 10)]),
    })
    _, text, buttons = ask(engine, "환불 얼마예요")
    # the day first: it says the stage as well ("3월 10일" is a 1차 cancellation)
    assert "언제 취소" in text and "오늘" in buttons and "1차 시험인가요" not in text
    _, text, buttons = ask(engine, "1차요")  # another input the rule needs, told instead: kept
    assert "1차 시험 접수를 언제" in text and "오늘" in buttons
    assert script.expecting[-1] == "date"
    turn, text, buttons = ask(engine, "3월 10일")
    assert script.expecting[-1] == "date"
    assert "24,000원" in text and "2023. 3. 19.(일)" in text and "근거: 9. 라. 수수료 환불" in text
    assert "2023년도 제34회 공고 기준" in text
    assert turn.intent == "refund"
    assert "👍" in buttons and "👎" in buttons and "2차로 계산" in buttons


def test_pressing_a_button_fills_the_slot_without_the_classifier():
    engine, script = engine_for({"환불": reading("refund")})
    ask(engine, "환불")
    _, text, _ = ask(engine, "오늘")  # the button's text; the script has no reading for it
    assert "60%" in text and "24,000원" in text  # 2023. 3. 1.: a 1차 cancellation
    assert len(script.expecting) == 1  # the button press never reached the NLU


def test_several_slots_in_one_message_answer_at_once():
    engine, _ = engine_for({"1차 3월 25일 취소 환불": reading("refund", stage=1, dates=[date(2023, 3, 25)])})
    _, text, _ = ask(engine, "1차 3월 25일 취소 환불")
    assert "20,000원" in text and "50%" in text  # 3. 20. ~ 3. 29. is the 50% period


def test_invalid_answer_says_why_then_after_two_failures_offers_buttons_and_help_desk():
    engine, _ = engine_for({
        "환불": reading("refund"),
        "3차요": reading(),
        "몰라요": reading(),
    })
    ask(engine, "환불")
    _, text, _ = ask(engine, "3차요")
    assert "1차와 2차만" in text and "언제 취소" in text
    _, text, _ = ask(engine, "몰라요")  # the day asked is not answered: a first failure
    assert "알아듣지 못했어요" in text and "1644-8000" not in text
    _, text, buttons = ask(engine, "몰라요")
    assert "1644-8000" in text and "오늘" in buttons and "고객센터 안내" in buttons
    assert engine.store.list_unanswered()[0]["text"] == "몰라요"


def test_impossible_date_is_caught_and_asked_again():
    engine, _ = engine_for({
        "1차 환불": reading("refund", stage=1),
        "2월 30일": reading(invalid_dates=["2월 30일"]),
    })
    ask(engine, "1차 환불")
    _, text, _ = ask(engine, "2월 30일")
    assert "'2월 30일'은 달력에 없는 날짜예요" in text and "언제" in text


def test_correction_mid_flow_and_right_after_the_answer():
    engine, _ = engine_for({
        "시각장애 편의": reading("accommodation", disability="시각"),
        "중증이요": reading(),
        "1차": reading(stage=1),
        "아 2차요": reading(stage=2),
    })
    _, text, buttons = ask(engine, "시각장애 편의")
    assert "중증" in text and buttons[:2] == ["중증(심한 장애)", "경증(심하지 않은 장애)"]
    _, text, _ = ask(engine, "중증이요")  # the stage changes no multiplier: answered at once
    assert "시험인가요" not in text and "120분 → 204분" in text and "100분 → 170분" in text
    _, text, _ = ask(engine, "1차")  # right after the answer: that stage alone
    assert "120분 → 204분" in text and "80분 → 136분" in text and "170분" not in text
    _, text, _ = ask(engine, "아 2차요")  # and corrected again
    assert "2차 시험으로 바꿨어요" in text and "100분 → 170분" in text


def test_confident_other_topic_switches_and_offers_to_resume():
    engine, _ = engine_for({
        "영어 성적 인정되나": reading("english"),
        "시험 언제예요": reading("schedule_exam_date", confidence=0.95),
    })
    ask(engine, "영어 성적 인정되나")
    turn, text, buttons = ask(engine, "시험 언제예요")
    assert turn.intent == "schedule_exam_date"
    assert "이어서: 영어성적 인정 확인" in buttons
    _, text, _ = ask(engine, "이어서: 영어성적 인정 확인")
    assert "어떤 영어시험" in text


def test_answer_to_the_pending_question_is_not_taken_for_a_topic_switch():
    engine, _ = engine_for({
        "환불": reading("refund"),
        "2차 시험": reading("schedule_exam_date", confidence=0.6, stage=2),
    })
    ask(engine, "환불")
    turn, text, _ = ask(engine, "2차 시험")
    assert turn.intent == "refund" and "2차 시험 접수를 언제" in text


def test_cancel_resets_and_shows_the_menu():
    engine, _ = engine_for({"환불": reading("refund"), "처음으로 할래": reading("cancel")})
    ask(engine, "환불")
    _, text, buttons = ask(engine, "처음으로 할래")
    assert "처음으로 돌아왔어요" in text and "수수료 환불 계산" in buttons
    assert engine.store.load_session("s")["flow"] is None


def test_small_talk_mid_flow_repeats_the_question():
    engine, _ = engine_for({"환불": reading("refund"), "고마워요": reading("thanks")})
    ask(engine, "환불")
    _, text, _ = ask(engine, "고마워요")
    assert "다행이에요" in text and "언제 취소" in text


def test_low_confidence_falls_back_to_closest_topics_and_logs_the_question():
    engine, _ = engine_for({
        "그거 어떻게 돼요": reading(alternatives=[("refund", 0.4), ("fees", 0.3), ("photo", 0.2), ("toilet", 0.1)]),
    })
    turn, text, buttons = ask(engine, "그거 어떻게 돼요")
    assert turn.intent is None
    assert "1644-8000" in text
    answerable = [i for i in ("refund", "fees", "photo", "toilet") if i == "refund" or engine.dialogue.facts.has(i)]
    expected = [label(i) for i in answerable[:3]]  # the 2-3 closest topics this round can answer
    assert buttons[: len(expected)] == expected
    assert buttons[len(expected):] == ["고객센터 안내", "처음으로"]
    assert engine.store.list_unanswered()[0]["text"] == "그거 어떻게 돼요"


def test_out_of_scope_is_never_answered_with_this_exams_facts():
    engine, _ = engine_for({
        "공인중개사 시험 환불은요?": reading("refund", out_of_scope=True, confidence=0.8),
    })
    turn, text, _ = ask(engine, "공인중개사 시험 환불은요?")
    assert turn.intent == "out_of_scope"
    assert "원" not in text.replace("문의", "")  # no amounts, no rule answer
    assert "9. 라." not in text and "1644-8000" in text
    assert engine.store.list_unanswered()[0]["reason"] == "out_of_scope"


def test_fact_intents_answer_from_the_knowledge_file_with_the_clause():
    engine, _ = engine_for({"응시료 얼마": reading("fees")})
    turn, text, buttons = ask(engine, "응시료 얼마")
    fact = next(f for f in engine.exam.facts if f.intent == "fees")
    assert fact.answer.strip()[:20] in text
    assert f"근거: {fact.source.clause}" in text and "2023년도 제34회 공고 기준" in text
    assert "👍" in buttons


def test_feedback_button_is_recorded_under_the_last_intent():
    engine, _ = engine_for({"응시료 얼마": reading("fees")})
    ask(engine, "응시료 얼마")
    _, text, _ = ask(engine, "👎")
    rows = engine.store.list_feedback()
    assert rows[0]["value"] == -1 and rows[0]["intent"] == "fees"
    assert "1644-8000" in text


def test_engine_feedback_api():
    engine, _ = engine_for({"응시료 얼마": reading("fees")})
    ask(engine, "응시료 얼마")
    engine.feedback("s", 1, note="좋아요")
    assert engine.store.list_feedback()[0]["value"] == 1


def test_restart_mid_flow_continues_from_the_file(tmp_path):
    path = tmp_path / "bot.db"
    readings = {"환불": reading("refund"), "3월 10일": reading(dates=[date(2023, 3, 10)])}
    first, _ = engine_for(readings, Store(path))
    ask(first, "환불", session="web-1")
    ask(first, "1차", session="web-1")
    first.store.close()
    second, _ = engine_for(readings, Store(path))  # a new process on the same file
    _, text, _ = ask(second, "3월 10일", session="web-1")
    assert "24,000원" in text


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01", "가" * 5000])
def test_empty_or_oversized_messages_get_a_polite_reply(text):
    engine, _ = engine_for({})
    turn, reply, buttons = ask(engine, text)
    assert reply and buttons


def test_a_bug_in_a_flow_never_reaches_the_channel(monkeypatch):
    engine, _ = engine_for({"환불": reading("refund")})

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(engine.dialogue, "step", broken)
    turn, text, _ = ask(engine, "환불")
    assert "1644-8000" in text and turn.intent is None


def test_negative_and_impossible_scores_are_refused_with_the_reason():
    engine, _ = engine_for({
        "토익 점수 확인": reading("english", test="toeic"),
        "-5점": reading(score=5.0),
        "9999점": reading(score=9999.0),
    })
    ask(engine, "토익 점수 확인")
    _, text, _ = ask(engine, "-5점")
    assert "0점보다 낮은 점수는 나올 수 없어요" in text
    _, text, buttons = ask(engine, "9999점")
    assert "990" in text and "1644-8000" in text  # second failure: the help desk is offered


from hypothesis import given, settings, strategies as st


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gets_a_reply_and_never_an_exception(text):
    engine = _ROBUST_ENGINE
    turn = engine.handle("fuzz", text, channel="test", now=NOW)
    assert turn.replies and turn.replies[0].text
    assert "문제가 생겼어요" not in turn.replies[0].text  # the engine's catch-all did not fire


_ROBUST_ENGINE, _ = engine_for({})


def test_a_longer_question_leaning_elsewhere_is_not_a_correction_of_the_last_answer():
    engine, _ = engine_for({
        "1차 3월 10일 환불": reading("refund", stage=1, dates=[date(2023, 3, 10)]),
        "경력으로 1차 면제 되는지 계산해 주세요": reading(stage=1, alternatives=[("exemption_info", 0.47), ("exemption", 0.3)]),
        "2차는요?": reading(stage=2),
    })
    ask(engine, "1차 3월 10일 환불")
    turn, text, buttons = ask(engine, "경력으로 1차 면제 되는지 계산해 주세요")
    assert turn.intent is None and "1차 시험 면제 대상" in buttons  # the fallback, not the refund again
    turn, text, _ = ask(engine, "2차는요?")  # the old answer is no longer "just given"
    assert "바꿨어요" not in text


def test_a_short_follow_up_right_after_the_answer_is_a_correction():
    engine, _ = engine_for({
        "1차 3월 10일 환불": reading("refund", stage=1, dates=[date(2023, 3, 10)]),
        "그럼 3월 25일은요?": reading(dates=[date(2023, 3, 25)], alternatives=[("refund", 0.15)]),
    })
    ask(engine, "1차 3월 10일 환불")
    _, text, _ = ask(engine, "그럼 3월 25일은요?")
    assert "바꿨어요" in text and "20,000원" in text
