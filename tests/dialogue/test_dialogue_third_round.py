"""Understanding, third round (issue 9): the stage asked about gets that stage's answer alone, and
more of what the applicant says is read as it is meant — scripts through the real engine."""
from __future__ import annotations

import pytest


# -- a fact that covers both stages, asked for one ---------------------------------------------------

@pytest.mark.parametrize("question, own, other", [
    ("감평 1차 시험 언제에요?", "2023. 4. 8.", "7. 15."),
    ("2차 시험날짜 알려주세요", "2023. 7. 15.", "4. 8."),
    ("1차 원서접수 기간 언제부터 언제까지?", "2. 6.", "5. 22."),
    ("2차 최종 합격발표일", "10. 18.", "5. 10."),
    ("1차 2교시 입실 몇시까지에요", "11:50", "12:10"),
])
def test_one_stage_asked_gets_that_stage_alone(talk, question, own, other):
    reply = talk()(question)
    assert own in reply and other not in reply


def test_the_other_stage_asked_next_gets_its_own_answer(talk):
    t = talk()
    assert "4. 8." in t("1차 시험 언제예요?")
    reply = t("그럼 2차는요?")
    assert "7. 15." in reply and "4. 8." not in reply


def test_both_stages_asked_get_the_whole_answer(talk):
    reply = talk()("1차랑 2차 시험 날짜 둘 다 알려주세요")
    assert "4. 8." in reply and "7. 15." in reply


def test_no_stage_said_gets_both(talk):
    reply = talk()("시험 언제 봐요?")
    assert "4. 8." in reply and "7. 15." in reply


# -- what an answer states, so no figure beside it reads as another answer -------------------------

def test_a_partial_refund_states_the_share_and_the_amount_not_the_whole_fee(talk):
    reply = talk()("교통사고로 입원중이라 1차 시험 못봤어요 시험날도 병원에 있었구요 환불되나요")
    assert "20,000원" in reply and "50%" in reply and "40,000원" not in reply


def test_the_accommodation_answer_adds_up_the_periods_and_says_the_four_days(talk):
    reply = talk()("시각장애 중증이면 2차 세과목 시험시간 다 합치면 총 몇분이에요")
    assert "510분" in reply and "4일 이내" in reply


# -- two questions joined without a question mark ----------------------------------------------------

@pytest.mark.parametrize("message, first, second", [
    ("토플 기준점수랑 영어성적 인정기간 알려주세요", "530", "2021. 2. 11."),
    ("사진 규격이랑 2차 원서접수 기간 알려줘요", "3.5cm", "5. 22."),
    ("1차 과목 뭐고 시험시간은 몇분씩이에요?", "민법", "120분"),
    ("합격자 발표는 언제 하고 최소합격인원은 몇명이에요", "10. 18.", "200명"),
])
def test_two_questions_of_two_topics_in_one_message_are_both_answered(talk, message, first, second):
    t = talk()
    t(message)
    reply = "\n".join(r.text for r in t.turn.replies)
    assert first in reply and second in reply


def test_a_calculator_input_joined_to_a_question_is_no_question_of_its_own(talk):
    t = talk()
    t("장애인등록증이랑 시각장애 중증 서류 뭐 내요")
    replies = t.turn.replies
    assert len(replies) == 1 and "신분증으로 인정" not in replies[0].text


def test_one_part_answered_by_the_part_before_is_not_said_twice(talk):
    t = talk()
    t("실무수습 기간 얼마고 그거 어디서 받아요")
    texts = [r.text for r in t.turn.replies]
    assert len(texts) == len(set(texts))


# -- the ID on exam day: what the applicant lacks, who they are ------------------------------------

def test_a_document_said_as_lacking_by_its_short_name_is_not_checked(talk):
    t = talk()
    reply = t("가방을 잃어버려서 민증이 없어요 시험 어떻게 보죠")
    assert "인정돼요 ✅" not in reply and "발급신청확인서" in reply


def test_an_age_under_nineteen_gets_the_student_list(talk):
    t = talk()
    reply = t("저 16살인데 신분증 뭐 가져가야 돼요")
    assert not t.asked and "학생증" in reply


def test_a_civilian_of_the_army_gets_the_list_that_names_their_card_without_a_question(talk):
    t = talk()
    reply = t("부사관인데 신분증 뭐 돼요")
    assert not t.asked and "부사관" in reply


def test_a_document_named_after_a_lost_one_is_the_one_checked(talk):
    t = talk()
    t("주민증을 잃어버렸어요")
    assert "인정돼요" in t("재발급 신청은 해 뒀어요")


# -- a score stated: the verdict so far, and the date that still decides ---------------------------

def test_a_score_over_the_threshold_is_said_to_meet_it_while_the_date_is_asked(talk):
    t = talk()
    reply = t("텝스 400점 나왔는데 쓸 수 있죠?")
    assert t.asked and "충족" in reply and "340점" in reply and "2021. 2. 11." in reply
    assert "인정돼요 ✅" in t("2022년 6월 12일이요")


def test_a_hearing_impaired_applicants_score_is_checked_not_answered_with_the_table(talk):
    t = talk()
    reply = t("청각장애가 있는데 지텔프 레벨2 50점이면 돼요?")
    assert "청각장애인 기준점수(43점 이상)를 충족" in reply


def test_a_score_under_the_threshold_still_fails_at_once(talk):
    t = talk()
    reply = t("토플 iBT 60점인데 되나요")
    assert not t.asked and "인정되지 않아요" in reply


# -- refund cases told as stories, the region of a stage ----------------------------------------------

def test_an_exam_the_organiser_did_not_hold_is_refunded_in_full_whatever_caused_it(talk):
    reply = talk()("폭설 때문에 공단이 시험을 취소했대요 돈 다 돌려주나요")
    assert "40,000원" in reply and "100%" in reply and "20,000원" not in reply


def test_transport_cut_by_weather_is_the_refund_case_without_money_being_named(talk):
    t = talk()
    reply = t("태풍 와서 기차가 다 끊기는 바람에 1차 시험장에 못 갔어요")
    assert t.turn.intent == "refund" and "50%" in reply and "재난문자" in reply


def test_missing_the_exam_asked_in_general_says_no_refund_then_asks_the_reason(talk):
    t = talk()
    reply = t("시험 결시하면 응시료 돌려받을 수 있어요?")
    assert t.asked and "환불되지 않아요" in reply


def test_a_region_where_a_stage_is_not_held_gets_that_stages_regions(talk):
    reply = talk()("2차를 광주에서 보고 싶은데 되나요")
    assert "서울, 부산에서만" in reply and "광주" in reply


# -- context: what a follow-up adds or asks of the answer before ---------------------------------------

def test_a_situation_the_last_topic_takes_stays_in_that_topic(talk):
    t = talk()
    t("텝스 몇 점 넘어야 돼요?")
    reply = t("아 참고로 저 청각장애 있어요")
    assert "204" in reply


def test_the_last_calculators_figure_asked_for_one_stage_is_the_same_case(talk):
    t = talk()
    t("뇌병변 장애가 있는데 시험시간 연장 되나요?")
    reply = t("1차 기준으로 교시마다 몇분이에요?")
    assert t.turn.intent == "accommodation" and "180분" in reply and "2차 시험" not in reply


def test_a_bare_number_corrects_the_score_just_checked(talk):
    t = talk()
    t("토플 iBT 65점인데 되나요")
    reply = t("아 잘못 말했어요 75요")
    assert "75점" in reply and "충족" in reply


def test_now_answers_when_the_cancelling_was(talk):
    t = talk()
    t("1차 취소하면 얼마 돌려받아요?")
    reply = t("지금이요")
    assert not t.asked and "24,000원" in reply  # 2023-03-15: inside the 60% period


# -- what the applicant sets aside before asking ---------------------------------------------------

def test_a_question_after_what_was_set_aside_is_the_one_answered(talk):
    reply = talk()("수험표는 이미 뽑았고요 질문은 1차 시험 몇시에 끝나요?")
    assert "13:20" in reply


def test_a_topic_set_aside_with_a_weaker_question_after_it_keeps_the_whole(talk):
    t = talk()
    t("환불 말고요 접수한 시험장을 바꾸고 싶은데 지금 가능해요?")
    assert t.turn.intent != "refund"


# -- accommodation asked in everyday words ----------------------------------------------------------

def test_more_time_for_a_disability_not_named_asks_which_one(talk):
    t = talk()
    t("몸이 불편한 장애가 있는데 시간 좀 더 받을 수 있나요?")
    assert t.asked and t.turn.intent == "accommodation"


def test_the_papers_for_accommodation_are_the_accommodation_documents(talk):
    reply = talk()("상이등급 받은 국가유공자예요 편의 신청 서류가 뭐예요")
    assert "국가유공자증" in reply


def test_accommodation_not_marked_at_application_is_not_given_at_the_venue(talk):
    reply = talk()("원서 쓸 때 장애 편의 표시를 안 했는데 당일에 말하면 해주나요")
    assert "일반 수험자와 같은 조건" in reply


def test_a_venue_the_organiser_changed_told_in_other_words_is_refunded_in_full(talk):
    reply = talk()("시행기관이 자기네 사정으로 고사장을 바꿔버려서 시험 못 봤어요")
    assert "100%" in reply and "40,000원" in reply


def test_changing_the_chosen_venue_after_applying_gets_the_venue_rule(talk):
    reply = talk()("접수 끝났는데 시험장 바꿀 수 있나요?")
    assert "다시 접수" in reply


def test_a_part_of_a_run_on_message_not_answered_is_said_so(talk):
    t = talk()
    t("1차 시험 언제예요? 그리고 뽀로롱 절차는 어떻게 돼요?")
    texts = [r.text for r in t.turn.replies]
    assert "4. 8." in texts[0] and any("뽀로롱" in x and "1644-8000" in x for x in texts)


@pytest.mark.parametrize("question", ["24년도 1차 시험일 알려줘", "차기 시험 접수 언제 해요"])
def test_another_round_said_short_is_another_round(talk, question):
    t = talk()
    reply = t(question)
    assert t.turn.intent == "out_of_scope" and "2023년도 제34회" in reply and "4. 8." not in reply


def test_this_rounds_year_said_short_is_this_round(talk):
    assert "4. 8." in talk()("23년도 1차 시험일 언제예요")


def test_a_stage_before_기준_is_no_next_round(talk):
    t = talk()
    t("2차 기준으로 교시마다 몇 분인지 알려주세요")
    assert t.turn.intent != "out_of_scope"


def test_a_refund_case_states_its_own_period_and_offers_the_others(talk):
    from datetime import datetime
    t = talk(datetime(2023, 2, 8, 10, 0))  # inside the 1차 application period
    reply = t("오늘 1차 취소하면 전액 환불되나요?")
    assert "40,000원" in reply and "100%" in reply and "60%" not in reply and "50%" not in reply
    assert "환불 기간·신청 방법" in t.buttons


def test_a_case_past_every_period_says_no_refund_in_its_own_line(talk):
    from datetime import datetime
    t = talk(datetime(2023, 3, 30, 12, 0))
    reply = t("오늘 1차 취소하면 얼마 돌려받아요?")
    assert "환불액: 0원 (환불 불가)" in reply


def test_the_verdict_so_far_and_the_question_are_separate_lines(talk):
    reply = talk()("토익 750점인데 되나요?")
    assert "인정돼요.\n응시일을 알려 주시면" in reply
