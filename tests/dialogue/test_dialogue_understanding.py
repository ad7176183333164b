"""Understanding the applicant's situation and answering from what they already said (issue 9):
conversation scripts through the real engine, asserting the decisive fact and that no question was
asked that the answer does not depend on."""
from __future__ import annotations

from datetime import datetime

import pytest

AFTER_FIRST_EXAM = datetime(2023, 4, 20, 10, 0)
SECOND_APPLICATION = datetime(2023, 5, 24, 12, 0)


# -- 1. nothing is asked that does not change the answer ------------------------------------------

def test_a_score_under_the_threshold_needs_no_test_date(talk):
    t = talk()
    reply = t("텝스 280점인데 쓸 수 있나요?")
    assert not t.asked and "인정되지 않아요" in reply and "340" in reply and "응시일과 관계없이" in reply


def test_a_multiplier_the_same_for_both_stages_is_answered_without_the_stage(talk):
    t = talk()
    reply = t("뇌병변장애 시험시간 몇배 연장됨?")
    assert not t.asked and "1.5배" in reply and "120분 → 180분" in reply and "100분 → 150분" in reply
    assert "1차 교시별 시간" in t.buttons and "2차 교시별 시간" in t.buttons


def test_cancelling_inside_the_application_period_is_full_whatever_the_day(talk):
    t = talk(SECOND_APPLICATION)
    reply = t("2차도 접수기간에 취소하면 다 돌려주죠?")
    assert not t.asked and "40,000원" in reply and "100%" in reply


def test_a_general_question_about_a_calculator_gets_the_rule_itself(talk):
    t = talk()
    reply = t("입금 기한 규칙이 어떻게 돼요?")
    assert not t.asked and "13시" in reply and "14시" in reply and t.turn.intent == "payment_methods"


# -- 2. the applicant's reason or situation decides ------------------------------------------------

@pytest.mark.parametrize("text, percent, amount", [
    ("아버지가 돌아가셔서 1차 시험 못 봤어요 환불돼요?", "50%", "20,000원"),
    ("시험 전날 맹장수술로 입원해서 시험을 못 봤어요", "50%", "20,000원"),
    ("코로나 확진돼서 격리 중이라 시험 못 갔어요", "50%", "20,000원"),
    ("현역 중사인데 휴가 외출 전부 통제돼서 시험 못 봤습니다 환불 가능한가요", "50%", "20,000원"),
    ("폭설로 버스가 다 끊겨서 시험장에 못 갔어요 환불 되나요", "50%", "20,000원"),
    ("시험장 정전돼서 시험을 못 봤어요 환불되나요", "100%", "40,000원"),
    ("시험 이틀 전에 공단 사정으로 시험장소가 바뀌었는데 몰라서 시험 못봤어요", "100%", "40,000원"),
    ("같은 날 다른 국가자격 시험이랑 시간이 겹쳐서 감평을 못 봤어요 환불되나요", "100%", "40,000원"),
    ("수험표 안내에 입실시간이 잘못 나와 있어서 입실을 못 했어요 환불되나요", "100%", "40,000원"),
])
def test_a_reason_that_decides_alone_needs_no_date(talk, text, percent, amount):
    t = talk(AFTER_FIRST_EXAM)
    reply = t(text)
    assert t.turn.intent == "refund" and not t.asked, reply
    assert percent in reply and amount in reply


def test_who_counts_as_family_is_the_notices_closed_list(talk):
    t = talk(AFTER_FIRST_EXAM)
    reply = t("큰아버지가 돌아가셔서 1차 시험을 못 봤어요 환불되나요?")
    assert "환불액: 0원" in reply and "큰아버지" in reply and "배우자의 부모" in reply
    t = talk(AFTER_FIRST_EXAM)
    reply = t("사촌 결혼식이랑 겹쳐서 1차 시험 못 갔어요 환불 가능?")
    assert "환불액: 0원" in reply and "50%" not in reply.split("근거")[0].split("환불 기간")[0]


def test_a_stay_that_ended_before_the_exam_day_is_no_hospitalisation_case(talk):
    t = talk(AFTER_FIRST_EXAM)
    reply = t("4월 2일부터 5일까지 입원했다가 퇴원했는데 8일 시험은 못 갔어요 입원으로 환불 되나요")
    assert "환불액: 0원" in reply and "포함되지 않아요" in reply


@pytest.mark.parametrize("text, decisive", [
    ("지금 시험장 가는 지하철인데 신분증을 집에 두고 왔어요 어떡해요", "응시할 수 없어요"),
    ("일병인데 휴가 나와서 1차 보려구요 병사는 신분증 뭐 가져가야 되나요?", "신분확인증명서"),
    ("고등학생인데 주민등록증이 아직 없어요 신분증 뭐 가져가요?", "학생증"),
    ("도쿄에서 토익 봤어요 820점 어떻게 내면 돼요?", "exam@hrdkorea.or.kr"),
    ("다니던 감정평가사사무소가 폐업해서 사장님 도장을 못 받아요 면제 서류 어떻게 내요?", "사실확인서"),
    ("작년 33회 1차 붙고 2차 떨어졌어요 올해 서류 따로 내야 돼요?", "면제자"),
])
def test_a_situation_picks_the_notices_sub_answer(talk, text, decisive):
    t = talk()
    reply = t(text)
    assert decisive in reply and not t.asked, reply


def test_a_score_taken_abroad_gets_its_verdict_so_far_and_what_abroad_needs(talk):
    # the score meets the threshold and the test date still decides: both said, the date asked
    reply = talk()("영국 유학 중에 IELTS 6.5 받았는데 인정돼요?")
    assert "충족" in reply and "아포스티유" in reply and "응시일" in reply


def test_work_periods_with_a_gap_are_summed(talk):
    t = talk()
    reply = t("2014.3~2016.2 감정평가사무소, 몇 년 쉬고 2020.1부터 현재까지 감정평가법인. 면제 되나요")
    assert not t.asked and "합산" in reply and "충족" in reply


# -- 3. a neighbouring keyword does not win --------------------------------------------------------

def test_a_copy_in_an_accommodation_documents_question_is_about_those_documents(talk):
    t = talk()
    reply = t("장애인 편의 신청 증빙서류는 장애인등록증 사본으로 내도 돼요?")
    assert t.turn.intent == "accommodation_info" and "사본" in reply and "복사본은 신분증" not in reply


def test_where_to_hand_in_papers_in_a_named_city_is_that_office(talk):
    t = talk()
    reply = t("2차 시험장 부산으로 골랐는데 장애인 편의 증빙서류는 어디로 보내요?")
    assert "부산 북구 금곡대로" in reply and "051-330-1812" in reply


def test_a_topic_set_aside_does_not_count(talk):
    t = talk(SECOND_APPLICATION)
    reply = t("환불 말고요 접수한 시험장을 바꾸고 싶은데 지금 가능해요?")
    assert t.turn.intent != "refund" and "변경할 수 없" in reply


# -- 4. context -----------------------------------------------------------------------------------

def test_a_short_reply_is_read_with_the_question_before(talk):
    t = talk()
    t("1차 면제 경력서류 어디로 내요?")
    reply = t("광주요")
    assert "광주 북구 첨단벤처로 82" in reply and "062-970-1799" in reply


def test_a_what_if_follow_up_stays_in_the_topic(talk):
    t = talk()
    t("영어 성적 기준 점수 알려줘")
    reply = t("청각장애 있으면요?")
    assert t.turn.intent == "english_thresholds" and "350" in reply and "204" in reply


def test_a_topic_named_inside_a_flow_is_a_new_question(talk):
    t = talk()
    t("신분증 인정되는지 확인하고 싶어요")
    assert t.asked
    reply = t("환불 규정 전부 알려줘")
    assert t.turn.intent == "refund_info" and "60%" in reply and "50%" in reply


def test_a_button_label_with_no_answer_behind_it_gets_a_question_back(talk):
    t = talk()
    reply = t("다른 날짜로 다시 계산")
    assert t.turn.intent is None and "1644-8000" in reply and "환불액" not in reply


def test_a_correction_after_an_answer_recomputes(talk):
    t = talk(SECOND_APPLICATION)
    t("6월 20일에 2차 취소하면 얼마 돌려받아요?")
    reply = t("아 잘못 말했어요 6월 30일이요")
    assert "20,000원" in reply and "50%" in reply


# -- 5 and 6. unknown words and other years lower confidence ---------------------------------------

@pytest.mark.parametrize("text", ["뽀로롱 절차가 궁금해요", "크앙삐 신청은 어디서 해요?", "후루룩빤쮸 자격요건이 뭐예요"])
def test_nonsense_with_generic_words_is_not_answered_confidently(talk, text):
    t = talk()
    reply = t(text)
    assert t.turn.intent is None and "1644-8000" in reply and "[2023년도 제34회 공고 기준]" not in reply


@pytest.mark.parametrize("text", ["2026년 시험 언제예요?", "제35회 원서접수 기간 알려주세요", "내년 응시료는 얼마에요?",
                                  "작년 합격선 몇 점이었어요?"])
def test_another_year_gets_the_2023_scope_never_2023_figures(talk, text):
    t = talk()
    reply = t(text)
    assert t.turn.intent == "out_of_scope" and "2023년도 제34회" in reply and "1644-8000" in reply
    for figure in ("2023. 4. 8.", "2023. 2. 6.", "40,000원"):
        assert figure not in reply


def test_a_year_the_notice_itself_speaks_of_is_answered(talk):
    t = talk()
    reply = t("2024년 최소합격인원도 200명인가요?")
    assert "200명 미만" in reply


# -- 7. the certificate walk-through starts where the applicant is ---------------------------------

def test_someone_who_already_uploaded_lands_on_the_last_screen(talk):
    t = talk()
    reply = t("이미 자격증 사본 올렸는데 화면에 계속 조회실패라고 떠요")
    assert "4단계 / 4단계" in reply and "증빙서류제출 완료" in reply


def test_changing_the_certificate_type_gets_the_delete_and_register_again_note(talk):
    t = talk()
    reply = t("가산점 자격증 조회 실패 떴는데 자격증 종류를 잘못 골라서 바꾸고 싶어요")
    assert "삭제한 후 다시 등록" in reply


# -- 8. a length of work said without dates decides the exemption when every reading does ---------

def test_a_length_of_work_well_over_five_years_is_answered_without_asking_the_dates(talk):
    t = talk()
    reply = t("감정평가사사무소에서 보조 업무로 8년 일했습니다 1차 면제 되나요")
    assert not t.asked and "충족" in reply and "8년" in reply and "합산" in reply


def test_lengths_at_two_employers_are_summed(talk):
    t = talk()
    reply = t("한국감정평가사협회 2년 다니다가 감정평가법인에서 3년 6개월 근무했어요 면제 가능해요?")
    assert not t.asked and "5년 6개월" in reply and "충족" in reply


def test_a_length_added_in_the_next_message_counts_with_the_first(talk):
    t = talk()
    first = t("감정평가법인에서 3년 근무했는데 1차 면제 돼요?")
    assert not t.asked and "모자라요" in first
    reply = t("한국부동산원에서도 2년 반 일했어요")
    assert "5년 6개월" in reply and "충족" in reply


def test_a_length_on_the_five_year_line_asks_for_the_dates(talk):
    t = talk()
    reply = t("감정평가법인에서 5년 일했는데 면제 돼요?")
    assert t.asked and "기준일(2023. 3. 1.(수))까지 일한 기간이 5년이 되는지" in reply and "충족" not in reply


def test_work_the_notice_excludes_is_its_answer_not_the_length(talk):
    t = talk()
    reply = t("감정평가법인에서 회계 담당으로 9년 일했는데 면제 받을 수 있나요")
    assert "충족" not in reply and ("단순노무" in reply or "제외" in reply)


# -- 9. what the applicant adds after a fact belongs to the question they asked --------------------

def test_a_statement_after_a_documents_answer_keeps_to_documents(talk):
    t = talk()
    t("응시 편의 신청할 때 내는 서류 알려주세요")
    reply = t("시각장애가 있어요")  # the severity changes the minutes, not the papers
    assert not t.asked and "장애인등록증" in reply and "중증" not in reply


def test_a_statement_after_a_documents_answer_picks_the_employer_s_papers(talk):
    t = talk()
    t("1차 면제 서류 뭐 내야 해요")
    reply = t("저는 한국부동산원 다녀요")
    assert not t.asked and "한국부동산원 경력증명서" in reply


def test_what_about_another_period_stays_with_the_calculator(talk):
    t = talk()
    t("청각 장애 있는데 2차 1교시 시간 몇 분이에요")
    reply = t("3교시는?")
    assert t.turn.intent == "accommodation" and "3교시" in reply


def test_what_about_a_named_topic_goes_to_that_topic(talk):
    t = talk()
    t("시각 중증이면 1차 몇 분이에요")
    t("환불은요?")
    assert t.turn.intent == "refund"


def test_two_questions_joined_by_a_question_word_and_go_are_both_answered(talk):
    t = talk()
    t("2차 시험 응시료는 얼마고 합격자 발표는 언제예요?")
    texts = [r.text for r in t.turn.replies]
    assert any("40,000원" in x for x in texts) and any("2023. 10. 18." in x for x in texts)


# -- 10. a reason whose condition the applicant's own words rule out ------------------------------

def test_a_stay_that_ended_the_day_before_the_exam_gets_nothing(talk):
    t = talk(AFTER_FIRST_EXAM)
    reply = t("폐렴으로 입원했다가 시험 전날 퇴원했어요 몸이 안 좋아서 1차 못 봤는데 환불 되죠?")
    assert not t.asked and "0원" in reply and "20,000원" not in reply.split("\n")[1]


def test_no_stay_at_all_is_a_plain_absence(talk):
    t = talk(AFTER_FIRST_EXAM)
    reply = t("입원까지는 안 했고 집에서 앓아누웠어요 1차 시험 못 갔는데 돈 돌려받을 수 있어요?")
    assert not t.asked and "0원" in reply and "결시" in reply


def test_a_longer_exam_time_is_the_accommodation_table_not_the_timetable(talk):
    t = talk()
    t("시험시간 연장 신청할 수 있어요?")
    assert t.turn.intent == "accommodation" and t.asked
    reply = t("청각장애예요")
    assert "청각" in reply and not t.asked


def test_the_same_case_asked_from_another_side_keeps_its_values(talk):
    t = talk()
    t("하지 지체장애 있는데 어떤 편의 받을 수 있어요")
    reply = t("그럼 시간 연장은 없고 다른 건 뭐 해줘요?")
    assert not t.asked and "하지" in reply


def test_chatter_around_one_question_gets_that_question_answered(talk):
    t = talk()
    reply = t("2차 보는데요 점심시간이 언제예요? 도시락 싸야 할지 고민이에요 근처 식당도 모르겠고")
    assert t.turn.intent == "timetable" and "11:10" in reply


def test_chatter_never_turns_another_year_into_this_one(talk):
    t = talk()
    reply = t("정신이 없네요. 2026년 1차 시험 언제예요? 알려주세요")
    assert t.turn.intent == "out_of_scope" and "2023. 4. 8." not in reply


def test_a_child_not_yet_at_school_gets_the_pre_schooler_documents(talk):
    t = talk()
    reply = t("아들이 아직 학교 안 다니는 나이인데 시험 보려고요 신분증은 뭘로 해요")
    assert "임시신분증" in reply


def test_a_reissue_applied_for_is_the_application_certificate(talk):
    t = talk()
    t("주민증을 잃어버렸어요")
    reply = t("재발급 신청은 해 뒀어요")
    assert "발급신청확인서" in reply and "인정돼요" in reply

