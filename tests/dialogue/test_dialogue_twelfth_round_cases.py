"""Twelfth round of understanding (issue 9), continued: exam-day IDs beside the ticket, exemption
periods with no end, English asked of another test's sitting or of the way to hand a score in, the
last case asked again from another side, an illness told with a missed exam."""
from __future__ import annotations

from datetime import datetime

import pytest

from bot.nlu.coverage import thing_named


# -- exam-day IDs: the ticket beside an ID, a private certificate named by its kind ---------------

def test_an_id_named_with_the_ticket_is_the_id_judged(talk):
    t = talk()
    reply = t("운전면허증 복사해 온 거랑 수험표 챙기면 되죠?")
    assert "복사본은 신분증으로 인정되지 않아요" in reply


def test_the_ticket_alone_is_still_no_id(talk):
    t = talk()
    reply = t("수험표만 들고 가도 돼요?")
    assert "수험표는 공고의 신분증 인정 범위에 없어" in reply and "지참을 가져오세요" not in reply


def test_a_private_certificate_named_by_its_kind_is_a_private_certificate(talk):
    t = talk()
    reply = t("신분증이 없어서 그러는데 민간 컴활 자격증에 사진 붙어 있거든요 이거 되나요?")
    assert "국가공인·민간자격증" in reply and "인정되지 않아요" in reply


def test_a_copy_handed_in_with_the_exemption_papers_is_no_exam_day_id(talk):
    t = talk()
    t("구청 세무과에서 과세표준 업무 보는 공무원이에요 면제 서류 알려주세요")
    reply = t("인사기록카드는 복사해서 내면 되나요?")
    assert "시험 당일 신분증 확인" not in reply and "인사기록카드" in reply


# -- exemption: a start with no end, a history year, the period asked as a stretch ---------------

def test_a_start_with_no_end_is_work_to_this_day(talk):
    t = talk(datetime(2023, 5, 10, 10, 0))
    reply = t("2016년 11월부터 감정평가사사무소에서 보조로 일해 왔어요 면제 되나요?")
    assert "2016. 11. 1.(화) ~ 현재" in reply and "충족해요" in reply


def test_a_start_and_its_leaving_is_still_asked_for_the_end(talk):
    t = talk(datetime(2023, 5, 10, 10, 0))
    reply = t("2019년 4월부터 법인에서 일하다 퇴사했는데 면제 되나요?")
    assert t.asked and "언제부터 언제까지" in reply


def test_the_year_one_joined_is_no_other_round(talk):
    t = talk(datetime(2023, 5, 10, 10, 0))
    reply = t("2019년에 감정평가법인 입사해서 쭉 다니는 중인데 5년 되나요?")
    assert "2019년 시험은" not in reply and t.turn.intent == "exemption"


def test_a_period_told_after_the_answer_replaces_the_last_one(talk):
    t = talk()
    t("감정평가법인에 2016년 5월부터 다녔는데 면제 될까요")
    reply = t("정확히는 2016년 5월 16일부터 지금까지예요")
    assert "2016. 5. 16.(월) ~ 현재" in reply


@pytest.mark.parametrize("text", ["토익 시험장에서도 모바일 신분증 돼요?", "텝스 볼 때 계산기 가져가도 돼요?"])
def test_an_english_test_s_own_sitting_is_out_of_scope(talk, text):
    t = talk()
    reply = t(text)
    assert "1644-8000" in reply and "인정돼요" not in reply


def test_a_score_of_an_english_test_is_still_this_exam_s_question(talk):
    t = talk()
    reply = t("토익 시험 볼 때 860점 나왔는데 2022년 9월 거 인정돼요?")
    assert "인정돼요" in reply and "TOEIC 860점" in reply


# -- English: a score taken abroad, the way to hand a score in ---------------------------------

def test_a_score_taken_abroad_told_alone_gets_its_own_way_of_submission(talk):
    t = talk()
    reply = t("예전에 일본 있을 때 본 토익이 있는데요")
    assert "exam@hrdkorea.or.kr" in reply


def test_how_to_hand_a_score_in_is_the_submission_fact_not_a_score_question(talk):
    t = talk()
    reply = t("텝스 성적표 스캔본 업로드하면 되는 건가요?")
    assert not t.asked and "다이렉트" in reply


def test_an_impossible_day_inside_a_fact_question_is_said_back(talk):
    t = talk()
    reply = t("응시 편의 진단서를 4월 31일에 뗐는데 그걸로 내도 되나요?")
    assert "'4월 31일'은 달력에 없는 날짜예요" in reply


def test_the_employer_papers_name_the_common_ones_and_the_witness_words_of_the_notice(talk):
    t = talk()
    reply = t("한국부동산원 다녔는데 면제 서류 뭐 내요?")
    assert "별지1" in reply and "별지2" in reply
    reply = t("다니던 감정평가사무소가 폐업했는데 면제 서류는요?")
    assert "동일 직업에 종사하고 있는 입증인" in reply


def test_a_cancellation_told_from_the_exam_day_is_that_day_for_either_stage(talk):
    t = talk(datetime(2023, 3, 1, 10, 0))
    reply = t("시험 열흘 전에 취소해도 돈 돌려받아요?")
    assert "50%" in reply and "1차·2차 시험 모두 같아요" in reply and "오늘(" not in reply


def test_a_cancellation_a_week_before_the_2nd_exam_gives_nothing(talk):
    t = talk(datetime(2023, 3, 1, 10, 0))
    reply = t("2차 시험 일주일 전에 취소하면요")
    assert "환불액: 0원" in reply and "7. 8." in reply


def test_what_a_doctor_s_certificate_must_hold_is_its_own_clause(talk):
    t = talk()
    reply = t("편의 신청할 진단서에 의사가 뭘 적어줘야 하나요?")
    assert "유효기간" in reply and "이유(불편 사항)" in reply


def test_a_photo_taken_with_no_id_named_is_not_guessed_to_be_an_id(talk):
    t = talk()
    reply = t("셀카로 찍은 사진도 돼요?")
    assert "신분증으로 인정되지 않아요" not in reply


def test_a_photo_of_an_id_is_still_no_id(talk):
    t = talk()
    reply = t("운전면허증 사진 찍어둔 걸로 입실 되나요?")
    assert "촬영본은 신분증으로 인정되지 않아요" in reply


def test_another_test_sold_under_a_listed_name_is_said_to_be_no_listed_test(talk):
    t = talk()
    reply = t("토익스피킹 160점 받았는데 인정돼요?")
    assert "'토익 스피킹'은 공고에서 인정하는 영어시험이 아니에요" in reply or "토익스피킹'은 공고에서 인정하는" in reply


# -- the last case asked again from another side; an illness told with a missed exam --------------

def test_what_the_last_refund_case_tells_is_asked_again_of_that_case(talk):
    t = talk(datetime(2023, 4, 12, 10, 0))
    t("4월 7일부터 9일까지 입원해서 1차 시험 못 봤어요 환불 돼요?")
    reply = t("그럼 뭐 내야 돼요?")
    assert "입원확인서" in reply and "시험시행일 20일 전까지 취소하면 60%" not in reply


def test_an_illness_with_a_missed_exam_asks_the_reason(talk):
    t = talk(datetime(2023, 4, 12, 10, 0))
    reply = t("시험 당일 몸살이 나서 못 갔어요")
    assert t.asked and t.turn.intent == "refund" and "어떤 사유" in reply


@pytest.mark.parametrize("word", ["아파서", "바빠서", "늦어서"])
def test_a_reason_form_of_a_verb_is_no_thing(word):
    assert thing_named(word) is None


def test_when_and_where_asked_after_the_case_are_that_case_s_not_the_rule_table(talk):
    t = talk(datetime(2023, 4, 11, 10, 0))
    t("할머니가 시험 사흘 전에 돌아가셔서 1차 못 봤어요")
    t("이것도 환불 되나요?")
    reply = t("그럼 언제까지 어디서 신청해요?")
    assert "5. 8." in reply and "가족 사망" in reply


def test_a_date_rule_asked_with_no_case_before_is_still_the_rule(talk):
    t = talk()
    reply = t("60% 환불은 며칠까지예요?")
    assert "3. 19." in reply and "6. 25." in reply


def test_another_exam_asked_about_is_out_of_scope_though_this_one_is_named(talk):
    t = talk()
    reply = t("세무사 시험은 영어 몇 점 있어야 돼요? 감정평가사도 같이 보려고요")
    assert "1644-8000" in reply and "700" not in reply


def test_another_exam_s_certificate_as_an_id_is_still_an_id_question(talk):
    t = talk()
    reply = t("전기기사 자격증을 신분증으로 써도 되나요?")
    assert "시험 당일 신분증 확인" in reply


def test_a_chat_sign_of_feeling_ends_the_story_before_the_question(talk):
    t = talk(datetime(2023, 4, 10, 10, 0))
    reply = t("집안 어르신 상을 당해서 1차 못 갔네요ㅠㅠ 이럴 때도 환불 돼요?")
    assert "가족의 범위" in reply and "1644-8000" not in reply.split("근거")[0]


def test_a_double_payment_told_by_its_sum_is_the_fee_once_more(talk):
    t = talk(datetime(2023, 2, 9, 10, 0))
    reply = t("응시료가 이중 결제돼서 8만원 나갔어요 돌려받을 수 있나요?")
    assert "40,000원" in reply and "80,000원" not in reply


def test_a_sum_with_a_digit_before_man_is_read_as_written():
    from bot.nlu.normalize import normalize

    assert "4만원" in normalize("4만원 냈어요") and "40000원" in normalize("사만원 냈어요")
