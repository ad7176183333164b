"""Eighth round of understanding (issue 9): what a closed list does not hold is said so, never
guessed at; a kind of answer the notice never gives (a length of time, a price) is not answered
with a neighbouring fact; a thing nothing the bot knows uses is not excused by a stage or another
calculator's input."""
from __future__ import annotations

from datetime import datetime

import pytest

HELP_DESK = "1644-8000"


# -- a kind the accommodation table has no row for ----------------------------------------------

@pytest.mark.parametrize("text, kind", [
    ("우울증 있는데 시간 더 주나요?", "우울증"),
    ("공황장애 있으면 시험시간 연장돼요?", "공황장애"),
    ("ADHD 있는데 편의 신청 가능해요?", "ADHD"),
    ("지적장애 3급인데 편의 받을 수 있어요?", "지적장애"),
])
def test_a_condition_the_table_does_not_list_is_not_asked_into_a_row(talk, text, kind):
    t = talk()
    reply = t(text)
    assert not t.asked and HELP_DESK in reply and kind in reply
    assert "배" not in reply.split("\n")[0]  # no multiplier of some other row


@pytest.mark.parametrize("text, multiplier", [("시각장애 중증이면 1교시 몇 분?", "1.7배"), ("뇌병변 장애 시간 연장 얼마나 돼요?", "1.5배")])
def test_a_listed_condition_still_gets_its_row(talk, text, multiplier):
    t = talk()
    assert multiplier in t(text)


def test_a_listed_condition_beside_the_word_disabled_person_is_no_relative(talk):
    t = talk()
    t("장애인 편의 서류 뭐 내요?")
    assert t.turn.intent == "accommodation_info"


# -- an ID written onto a listed name, a test or ID set aside -----------------------------------

@pytest.mark.parametrize("text", ["국제운전면허증으로 신분확인 돼요?", "임시여권 되나요?"])
def test_a_document_written_onto_a_listed_name_is_not_the_listed_one(talk, text):
    t = talk()
    reply = t(text)
    assert "인정돼요 ✅" not in reply and "찾지 못했어요" in reply and HELP_DESK in reply


@pytest.mark.parametrize("text, accepted", [("모바일운전면허증 되나요", "모바일 운전면허증"), ("외국인등록증 되나요?", "외국인등록증")])
def test_a_listed_name_with_its_own_prefix_is_still_accepted(talk, text, accepted):
    t = talk()
    reply = t(text)
    assert "인정돼요 ✅" in reply and accepted in reply


def test_a_document_set_aside_is_not_the_one_checked(talk):
    t = talk()
    reply = t("주민등록증 말고 여권도 되나요?")
    assert "인정돼요 ✅ (여권)" in reply


@pytest.mark.parametrize("text", ["G-TELP 말고 플렉스 점수도 되나요?", "플렉스 점수도 되나요?"])
def test_a_named_test_asked_as_accepted_is_the_english_check_of_that_test(talk, text):
    t = talk()
    reply = t(text)
    assert t.turn.intent == "english" and "FLEX" in reply and "G-TELP" not in reply.split("\n")[0]


# -- a length of time or a price the notice never states -----------------------------------------

@pytest.mark.parametrize("text", [
    "자격증 신청하고 실물 받기까지 며칠 걸려요?",
    "접수취소하고 환불 신청하면 돈 며칠만에 들어와요?",
    "합격자발표 ARS 전화 요금 1분에 얼마에요?",
    "감정평가사 자격증 발급 수수료 얼마에요?",
])
def test_a_length_of_time_or_a_price_the_notice_never_states_is_not_answered(talk, text):
    t = talk()
    reply = t(text)
    assert t.turn.intent is None and HELP_DESK in reply


@pytest.mark.parametrize("text, fact", [
    ("1차 시험 1교시 몇 분 걸려요?", "120분"),
    ("실무수습 기간 얼마나 걸려요?", "1년"),
    ("1차 응시료 얼마에요?", "40,000원"),
    ("시험날 아침에 독감 걸려서 못 봤어요 환불돼요?", "사유"),  # 걸리다 of an illness: no length asked
])
def test_a_length_or_a_sum_the_notice_states_is_still_answered(talk, text, fact):
    t = talk()
    assert fact in t(text)


# -- things no knowledge uses, said with a stage or a region ------------------------------------

@pytest.mark.parametrize("text", [
    "서울 시험장 근처에 셔틀버스 다니나요?",
    "2차 답안지 모자라면 추가로 더 받을수있어요? 몇장까지요",
    "응시료 국민내일배움카드로 결제 되나요?",
    "시험장 학교에 사물함 있어서 짐 맡길수 있어요?",
])
def test_a_thing_the_notice_never_names_is_not_answered_with_the_topic_nearby(talk, text):
    t = talk()
    reply = t(text)
    assert t.turn.intent is None and HELP_DESK in reply


def test_a_word_holding_tomorrow_is_no_date(talk):
    from bot.nlu import understand
    from knowledge import load_exam
    from datetime import date

    exam = load_exam()
    u = understand("국민내일배움카드로 결제 되나요?", exam=exam, year=exam.year, today=date(2023, 3, 15))
    assert not u.slots.dates
    u = understand("내일 취소하면 환불 얼마예요?", exam=exam, year=exam.year, today=date(2023, 3, 15))
    assert u.slots.dates


def test_an_exam_event_told_as_a_condition_is_not_what_is_asked(talk):
    t = talk()
    reply = t("1차 합격하면 2차는 언제 접수해요?")
    assert "5. 22." in reply or "5월 22일" in reply


# -- another test sold under a listed test's name -----------------------------------------------

@pytest.mark.parametrize("text, named", [
    ("토익스피킹 점수만 있는데 이걸로 영어 대체 되나요?", "토익 스피킹"),
    ("토플 홈에디션(집에서 보는거) 점수도 인정돼요?", "토플 홈에디션"),
    ("아이엘츠 제너럴 모듈로 본것도 인정되나요?", "아이엘츠 제너럴"),
])
def test_another_test_under_a_listed_name_is_not_the_listed_test(talk, text, named):
    t = talk()
    reply = t(text)
    assert t.turn.intent is None and named in reply and HELP_DESK in reply


# -- another topic's inputs excuse nothing; a story before the question is no thing asked about ---

@pytest.mark.parametrize("text", [
    "플렉스 시험 일정 언제 있어요? 원서마감 전에 볼수있는거",  # a test named: the English check's input
    "실무수습 교육 부산 같은 지방에서도 받을수 있어요?",  # a region: the offices' input
])
def test_a_thing_beside_another_calculator_s_input_is_still_checked(talk, text):
    t = talk()
    reply = t(text)
    assert t.turn.intent is None and HELP_DESK in reply


def test_the_calculator_s_own_inputs_still_carry_its_story(talk):
    t = talk()
    reply = t("현역 중사인데 휴가 외출 전부 통제돼서 시험 못 봤습니다 환불 가능한가요")
    assert "20,000원" in reply


def test_a_story_before_the_question_does_not_make_it_unknown(talk):
    t = talk()
    reply = t("제가 작년에 직장 그만두고 올해 처음 준비하는데요 아직 아무것도 모르는 상태라서요 1차 시험 과목이 뭐뭐인지 알려주실수있나요")
    assert t.turn.intent == "subjects" and "민법" in reply


def test_another_g_telp_level_is_refused_without_asking_the_score(talk):
    t = talk()
    reply = t("지텔프 레벨3 성적도 돼요?")
    assert not t.asked and "level-2 성적만 인정돼요" in reply and "점수와 관계없이" in reply


def test_a_correction_that_starts_with_no_is_the_new_question(talk):
    t = talk()
    t("2차 원서접수 언제까지에요?")
    reply = t("아 아니다 제가 물어보려던건 1차 면제서류 제출 마감이요")
    assert "5. 26." in reply and "17:00" in reply


# -- "can I still do it now?": the schedule of that act, at the applicant's moment ------------------

@pytest.mark.parametrize("now, text, fact", [
    (datetime(2023, 2, 3, 10, 0), "1차 원서 지금 넣을수있어요?", "2. 6."),
    (datetime(2023, 5, 26, 17, 50), "2차 원서 아직 넣을수있어요? 급해요", "18:00"),
    (datetime(2023, 5, 10, 8, 30), "1차 결과 지금 볼 수 있어요?", "09:00"),
])
def test_whether_an_act_can_still_be_done_is_its_schedule(talk, now, text, fact):
    t = talk(now)
    assert fact in t(text)


def test_a_negated_verb_is_no_thing_asked_about(talk):
    t = talk(datetime(2023, 2, 10, 16, 30))
    reply = t("영어성적표 지금 제출해도 늦지 않았죠?")
    assert t.turn.intent == "english_submission" and "늦지" not in reply.split("\n")[0]


def test_a_test_date_said_while_the_score_is_asked_is_the_date_not_a_bad_score(talk):
    t = talk()
    t("토익 인정되나요?")
    reply = t("2021년 1월에 본거밖에 없는데")
    assert "점수를 숫자로" not in reply and "점수와 관계없이 인정되지 않아요" in reply


@pytest.mark.parametrize("text", ["2차 접수 취소 아직 돼요? 환불은요", "2차 취소 아직 가능해요?"])
def test_whether_one_can_still_cancel_is_asked_at_the_applicant_s_moment(talk, text):
    t = talk(datetime(2023, 7, 8, 10, 0))
    reply = t(text)
    assert not t.asked and "0원" in reply


def test_what_is_taken_is_asked_of_not_where_it_goes(talk):
    t = talk()
    reply = t("1차 끝나고 시험문제지 집에 가져가도 되나요?")
    assert t.turn.intent is None and "시험문제지" in reply and HELP_DESK in reply


def test_a_kind_of_a_general_exam_word_is_not_spoken_of_by_its_head(talk):
    t = talk()
    reply = t("최종합격하고 협회에 자격증 신청할때 영어성적 또 내야돼요?")
    assert t.turn.intent is None and HELP_DESK in reply


def test_late_for_a_refund_application_is_the_refund_not_the_exam_room(talk):
    t = talk(datetime(2023, 4, 20, 10, 0))
    reply = t("1차 시험날 입원해 있어서 못봤는데 지금 환불 신청해도 안늦었나요")
    assert t.turn.intent == "refund" and "20,000원" in reply and "5. 8." in reply


def test_a_past_year_of_the_applicant_s_own_is_no_other_year_asked_about(talk):
    t = talk()
    reply = t("2020년에 감정평가사 시험 보다가 부정행위로 처분을 받았었는데 올해는 응시할수있나요")
    assert "5년" in reply and "2020년 시험은" not in reply
