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


# -- a thing the notice never speaks of, asked with a topic's words --------------------------

@pytest.mark.parametrize("text, thing", [
    ("시험장에 정수기 있어요?", "정수기"),
    ("수험표 코팅해도 돼요?", "코팅"),
    ("시험장에 담요 가져가도 돼요?", "담요"),
    ("시험실 에어컨 틀어주나요?", "에어컨"),
])
def test_a_thing_the_topic_never_speaks_of_is_said_so_with_the_nearest_clause(talk, text, thing):
    t = talk()
    reply = t(text)
    assert t.turn.intent is None and "1644-8000" in reply
    assert f"‘{thing}’에 관한 내용은 공고에 없어서" in reply and "공고에서 가장 가까운 내용" in reply


@pytest.mark.parametrize("text, fact", [
    ("시험장 주차 돼요?", "주차공간"),  # the venue's fact speaks of parking
    ("계좌이체로 내도 돼요?", "계좌이체"),  # 내도: a verb, no thing
    ("스마트워치 차도 되나요", "스마트워치"),
])
def test_a_thing_the_topic_speaks_of_is_answered(talk, text, fact):
    t = talk()
    reply = t(text)
    assert t.turn.intent is not None and fact in reply and "공고에 없어서" not in reply


def test_the_thing_asked_of_is_read_from_the_closing_predicate():
    from bot.nlu.coverage import asked_thing
    assert asked_thing("시험장에 정수기 있어요?".split()) == "정수기"
    assert asked_thing("담요 가져가도 돼요?".split()) == "담요"
    assert asked_thing("수험표 코팅해도 돼요?".split()) == "코팅"
    assert asked_thing("지금 가능해요?".split()) is None  # an adverb is no thing
    assert asked_thing("계산기 몇개까지 돼요".split()) is None  # a question word is no thing
    assert asked_thing("손목시계 아날로그만 되는거죠".split()) is None  # what the thing is narrowed to


def test_a_word_said_beside_the_question_is_not_what_it_asks():
    from bot.nlu import known
    assert known.unseen_things("전공 상관있나요? 경영학과 아닌데") == []


def test_scores_given_decide_whatever_else_is_said(talk):
    t = talk()
    reply = t("2차 이론 39점이고 나머지 둘은 90 95인데 최소합격인원으로 구제 안 되나요")
    assert "불합격" in reply


# -- a disability group the table splits into rows ---------------------------------------------

def test_a_limb_disability_is_asked_among_its_rows_only_with_the_severity_kept(talk):
    t = talk()
    reply = t("지체장애 경증인데 시간 연장돼요?")
    assert t.asked and "상지" in reply and "하지" in reply
    assert t.buttons[:3] == ("지체(상지·손·팔)", "지체(하지·척추)", "지체(상지+하지)")
    reply = t("상지요")
    assert "1.2배 연장" in reply and "상지 경증" in reply


@pytest.mark.parametrize("answer, expected", [("하지요", "연장 없음"), ("상지랑 하지 둘 다요", "복합장애")])
def test_the_limb_rows_are_read_from_a_short_answer(talk, answer, expected):
    t = talk()
    t("지체장애 경증이에요")
    assert expected in t(answer)


def test_the_things_an_asking_sentence_names_leave_out_verbs_and_the_predicate():
    from bot.nlu.coverage import things_asked_about
    assert things_asked_about("계좌이체로 내도 돼요?") == ["계좌이체"]
    assert things_asked_about("지금 원서 넣을 수 있어요?") == ["원서"]
    assert "정수기" in things_asked_about("시험장에 정수기 있어요?")


def test_a_topic_word_set_beside_another_topic_is_no_unknown_thing(talk):
    t = talk()
    reply = t("환불 말고요 신분증 뭐 돼요?")
    assert "주민등록증" in reply and "공고에 없어서" not in reply


def test_a_made_up_name_gets_no_nearest_clause_whose_figures_would_read_as_its_answer(talk):
    t = talk()
    reply = t("트렌질 수수료 얼마에요?")
    assert "1644-8000" in reply and "40,000원" not in reply


# -- a story told before the question is no question of its own --------------------------------

@pytest.mark.parametrize("text", [
    "시험장 배정이 제가 접수한 지역이 아니라 다른 광역시로 됐어요 제가 고른게 아니라 공단에서 그렇게 배정한거고 너무 멀어서 결국 1차 못갔는데 이러면 환불되나요?",
    "수험표에 나온 시험장 안내가 잘못돼 있어서 그거 보고 엉뚱한 데 갔다가 1차 못 봤어요 정정 공지 같은 것도 없었구요 환불돼요?",
])
def test_a_story_then_a_refund_question_is_the_refund_the_story_decides(talk, text):
    t = talk(datetime(2023, 4, 10, 12, 0))
    reply = t(text)
    assert not t.asked and "40,000원 (응시수수료의 100%)" in reply


def test_an_asking_sentence_is_checked_for_its_thing_wherever_it_stands():
    from bot.nlu.coverage import asked_things
    assert asked_things("1차 끝나고 문제지 가져가도 돼요? 가채점하려구요") == ["문제지"]


# -- the kinds of answer a fact gives -------------------------------------------------------------

def test_the_time_asked_after_the_provisional_answers_is_theirs(talk):
    t = talk()
    t("가답안 언제 나와요? 1차요")
    reply = t("몇시요?")
    assert t.turn.intent == "provisional_answers" and "17:00" in reply


def test_the_period_of_a_subject_is_asked_of_the_timetable(talk):
    t = talk()
    t("2차 시험 과목 알려주세요")
    reply = t("보상법규는 몇교시에요?")
    assert t.turn.intent == "timetable" and "3교시" in reply


def test_a_follow_up_goes_to_the_fact_of_the_topic_that_speaks_of_what_it_names(talk):
    t = talk()
    t("면제서류 제출할때 공통으로 내는거 있어요?")
    reply = t("동의서는 몇부에요?")
    assert t.turn.intent == "exemption_documents" and "동의서" in reply and "1부" in reply


def test_a_long_word_ending_in_seo_is_a_thing_a_short_one_a_verb():
    from bot.nlu.coverage import thing_named
    assert thing_named("동의서는") == "동의서" and thing_named("원서") == "원서"
    assert thing_named("가서") is None


# -- a document said as not held ---------------------------------------------------------------

def test_a_document_said_as_not_held_is_not_the_one_checked(talk):
    t = talk()
    reply = t("외국인인데요 한국 주민등록증은 당연히 없고.. 시험날 인정되는 신분증 뭐에요?")
    assert "외국인등록증" in reply and "인정돼요 ✅ (주민등록증)" not in reply


def test_a_document_asked_without_is_still_that_document():
    from knowledge import load_exam
    from rules.terms import find_id_document
    exam = load_exam()
    assert find_id_document(exam, "주민등록증 없으면 어떻게 해요?") == "주민등록증"
    assert find_id_document(exam, "주민등록증은 없고 여권 있어요") == "여권"


def test_a_calculator_well_behind_the_best_reading_does_not_take_the_question(talk):
    t = talk(datetime(2023, 5, 26, 16, 30))
    reply = t("경력 면제서류 오늘 서울본부 방문해서 내려고 지금 출발하는데 몇시까지 가야 돼요?")
    assert t.turn.intent != "arrival" and "17:00" in reply


# -- a calculator asked of a thing its rule never reads ------------------------------------------

@pytest.mark.parametrize("text, thing", [
    ("보청기 쓰는데 시험장에 여분 배터리 있나요?", "배터리"),
    ("임신중인데 허리 아파서 등받이 쿠션 가져가도 될까요?", "쿠션"),
])
def test_a_calculator_asked_of_a_thing_its_rule_never_reads_says_so(talk, text, thing):
    t = talk()
    reply = t(text)
    assert t.turn.intent is None and f"‘{thing}’에 관한 내용은 공고에 없어서" in reply and "1644-8000" in reply


def test_a_figure_given_is_what_the_calculator_decides_whatever_word_qualifies_it(talk):
    t = talk()
    reply = t("텝스 340점 2022년 11월 20일에 봤는데 턱걸이인데 되나요")
    assert t.turn.intent == "english" and "인정돼요" in reply
