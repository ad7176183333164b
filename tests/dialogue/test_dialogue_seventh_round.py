"""Seventh round of understanding (issue 9): a score asked for is the table's, not the applicant's;
an answer given without an outright reading says the reading; a colloquial ending is no strange word."""
from __future__ import annotations

from datetime import datetime

import pytest


# -- a score asked for: the thresholds and the pass marks answer it ----------------------------

def test_another_test_asked_for_its_score_after_a_verdict_gets_its_threshold(talk):
    t = talk()
    t("토익 2022년 3월 750점 인정돼요?")
    reply = t("그럼 텝스는 몇 점이에요?")
    assert "TEPS 기준점수는 일반 340점, 청각장애인 204점" in reply and not t.asked


def test_a_score_asked_of_a_test_with_a_disability_is_the_hearing_impaired_threshold_not_accommodation(talk):
    t = talk()
    reply = t("청각장애 2급인데 토플은 몇 점 필요해요?")
    assert t.turn.intent == "english_thresholds"
    assert "TOEFL PBT 기준점수는 일반 530점, 청각장애인 352점" in reply


@pytest.mark.parametrize("text", ["1차 몇 점 받아야 합격이에요?", "평균 몇 점 넘어야 붙어요?"])
def test_the_marks_asked_for_are_the_pass_rule_not_a_request_for_scores(talk, text):
    t = talk()
    reply = t(text)
    assert not t.asked and "모든 과목 40점 이상, 전 과목 평균 60점 이상" in reply


def test_scores_given_with_a_score_question_are_still_computed(talk):
    t = talk()
    reply = t("민법 60 경제 50 부동산 70 법규 40 회계 30이면 몇 점이에요?")
    assert "불합격" in reply and "50.00점" in reply


# -- an answer given without an outright reading ---------------------------------------------

def test_an_outright_answer_carries_no_reading_note(talk):
    t = talk()
    reply = t("1차 시험 언제예요?")
    assert "질문으로 이해하고 답했어요" not in reply


# -- colloquial endings ------------------------------------------------------------------------

def test_a_colloquial_ending_is_no_unfamiliar_word():
    from bot.nlu import known
    assert known.unfamiliar_words("지금 접수하는데 가상계좌로 결제하려구요") == []
    assert known.unfamiliar_words("우주선 타고 시험장 가도 돼요") == ["우주선"]


# -- the thing acted on decides the topic ------------------------------------------------------

def test_an_answer_to_be_fixed_is_the_answer_sheet_not_the_application(talk):
    t = talk()
    reply = t("2차 답안 틀린 부분 어떻게 고쳐요?")
    assert t.turn.intent == "answer_sheet" and "두 줄" in reply


def test_a_provisional_answer_thought_wrong_is_an_objection(talk):
    t = talk()
    t("가답안 틀린거 같은데 어디에 말해요?")
    assert t.turn.intent == "provisional_answers"


def test_cheating_in_everyday_words_is_the_cheating_clause(talk):
    t = talk()
    reply = t("커닝하다 걸리면 어떻게 돼요?")
    assert "5년간 응시할 수 없어요" in reply
