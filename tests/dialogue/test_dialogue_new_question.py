"""A short new question in the middle of a flow is a question, not a failed answer: it is answered
(or, when unsure, the closest topics are offered) and the flow can be resumed."""
from __future__ import annotations


def test_a_clear_short_question_while_a_date_is_asked(chat):
    chat("취소했는데 환불 얼마예요")
    chat("1차요")
    reply = chat("서류 제출 지역본부 어디예요")
    assert chat.intent == "office"
    assert "알아듣지 못했어요" not in reply and "서울" in chat.buttons


def test_an_unsure_short_question_offers_topics_and_keeps_the_flow(chat):
    chat("취소했는데 환불 얼마예요")
    chat("1차요")
    reply = chat("증빙서류 어디로 내요")
    assert "알아듣지 못했어요" not in reply
    assert "1644-8000" in reply
    assert "편의 제공 서류·제출" in chat.buttons and "이어서: 수수료 환불 계산" in chat.buttons
    reply = chat("이어서: 수수료 환불 계산")
    assert "언제 취소" in reply
    reply = chat("3월 25일")
    assert "20,000원" in reply and "9. 라." in reply


def test_a_question_instead_of_a_region_is_no_failed_region(chat):
    chat("면제서류 어느 지역본부에 내요?")
    assert chat.intent == "office"
    reply = chat("증빙서류 어디로 내요")
    assert "어느 지역인지 알아듣지 못했어요" not in reply and "1644-8000" in reply


def test_a_bare_stage_still_answers_the_pending_question(chat):
    chat("취소했는데 환불 얼마예요")
    reply = chat("2차요")
    assert chat.intent == "refund" and "2차 시험 접수를 언제 취소" in reply


def test_a_non_answer_without_a_topic_is_still_a_failed_answer(chat):
    chat("취소했는데 환불 얼마예요")
    chat("1차요")
    reply = chat("몰라요")
    assert "알아듣지 못했어요" in reply and "언제 취소" in reply
