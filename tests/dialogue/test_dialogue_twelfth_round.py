"""Twelfth round of understanding (issue 9): the refund rule asks for the day before the stage; any
input a flow needs, told instead of the one asked, is an answer; verb forms, times and stories are
no things asked about; the certificate walk-through keeps the screen the applicant is at; a limb
injury and a disability under another law; causes outside a refund case's condition; kinds of answer
asked are no topic (more in test_dialogue_twelfth_round_cases.py)."""
from __future__ import annotations

from datetime import datetime

import pytest

from bot.nlu.coverage import is_no_thing, thing_named
from bot.nlu.frames import is_generic
from bot.nlu.normalize import normalize


def test_a_bare_refund_question_asks_the_day_not_the_stage(talk):
    t = talk(datetime(2023, 3, 15, 10, 0))
    reply = t("접수 취소하면 돈 얼마 돌려받아요?")
    assert t.asked and "언제 취소" in reply and "1차 시험인가요" not in reply
    reply = t("3월 25일이요")
    assert not t.asked and "20,000원" in reply and "50%" in reply  # 3. 25.: a 1차 cancellation


def test_a_stage_told_while_the_day_is_asked_is_kept_and_the_day_asked_again(talk):
    t = talk(datetime(2023, 5, 23, 10, 0))
    t("접수 취소했는데 환불 되나요?")  # a cancellation made: today is not assumed
    reply = t("2차 시험이에요")
    assert t.asked and t.turn.intent == "refund" and "2차 시험 접수를 언제" in reply
    reply = t("오늘")
    assert "100%" in reply and "40,000원" in reply  # inside the 2차 application period


def test_a_day_between_the_stages_still_asks_the_stage(talk):
    t = talk(datetime(2023, 4, 15, 10, 0))
    t("환불 얼마 받아요?")
    reply = t("4월 20일에 취소하면요")
    assert t.asked and "1차 시험인가요, 2차 시험인가요?" in reply


# -- a verb's form, a time or a condition is no thing the question asks about ------------------



@pytest.mark.parametrize("word", ["뒀는지", "될지", "받았던지", "볼까", "할까요", "못감", "못봄"])
def test_verb_forms_name_no_thing(word):
    assert thing_named(word) is None


@pytest.mark.parametrize("word", ["예전에", "만약", "아까", "최근에"])
def test_times_and_conditions_are_no_things(word):
    thing = thing_named(word)
    assert thing is None or is_no_thing(word, thing)


@pytest.mark.parametrize("word", ["정수기", "증명서", "원서", "사물함"])
def test_things_stay_things(word):
    assert thing_named(word) == word


def test_the_employer_s_stamp_in_everyday_words_is_the_notice_s():
    assert "사업주 직인" in normalize("사장님 도장 받을 수가 없어요")


def test_a_lost_ticket_on_the_exam_morning_is_the_ticket_fact(talk):
    t = talk(datetime(2023, 4, 8, 7, 0))
    reply = t("수험표를 어디다 뒀는지 기억이 안 나요 어떡해요")
    assert "다시 출력" in reply or "재출력" in reply


def test_oversleeping_is_a_plain_absence(talk):
    t = talk(datetime(2023, 4, 8, 14, 0))
    reply = t("알람 못 듣고 늦잠 자서 못감 환불 되나")
    assert "환불받을 수 없어요" in reply


def test_a_closed_office_whose_boss_cannot_stamp_is_the_closed_employer_case(talk):
    t = talk()
    reply = t("일하던 사무소가 문을 닫아서 사장님 도장을 받을 수가 없어요 경력증명서는 어떻게 하죠")
    assert "입증인" in reply and "사실확인서" in reply


# -- the certificate walk-through lands where the applicant is ---------------------------------

def test_a_question_of_a_later_screen_with_an_aside_is_answered_at_that_screen(talk):
    t = talk()
    reply = t("상장형 자격증은 출력하면 바로 나와요? 접수 마감이 얼마 안 남아서 마음이 급해요")
    assert "2단계 / 4단계" in reply and "즉시 출력" in reply


def test_the_failure_shown_again_after_uploading_keeps_the_last_screen(talk):
    t = talk()
    t("조회 실패 나와서 자격증 사본 이미 올렸어요")
    reply = t("그런데 아직도 조회 실패라고 떠요")
    assert "4단계 / 4단계" in reply and "증빙서류제출 완료" in reply and "1단계 /" not in reply


def test_the_failure_alone_is_still_the_first_screen_for_a_new_walk_through():
    from knowledge import load_guide
    from rules.cert_lookup import failure_alone, step_from_text

    guide = load_guide()
    assert step_from_text(guide, "조회 실패라고 떠요") == 1
    assert step_from_text(guide, "조회 실패라고 떠요", current=3) == 3
    assert step_from_text(guide, "자격증 사본 첨부 필요라고 떠요", current=3) == 1  # the first screen's own words
    assert failure_alone(guide, "아직도 조회실패래요") and not failure_alone(guide, "선택된 파일 없음 조회 실패")


def test_not_knowing_whether_the_file_went_in_is_the_check_screen(talk):
    t = talk()
    reply = t("가산점 자격증 파일 제출됐는지 어디서 봐요?")
    assert "4단계 / 4단계" in reply


def test_the_delete_button_is_the_note_on_changing_the_type(talk):
    t = talk()
    reply = t("가산점 등록 화면 삭제 버튼 누르면 어떻게 돼요?")
    assert "삭제한 후 다시 등록" in reply


def test_the_done_answer_shows_how_the_finished_screen_looks(talk):
    t = talk()
    reply = t("증빙서류제출 완료로 바뀌었어요")
    assert "가산점 신청 내역" in reply and "자격증 사본 제출 완료" in reply


def test_two_parts_asking_back_in_two_flows_keep_the_first_and_say_the_second(talk):
    t = talk()
    reply = t("취소하면 환불 얼마예요? 그리고 토익 점수 인정돼요?")
    assert t.asked
    assert "언제 취소" in reply or "TOEIC" in reply


# -- accommodation: an injury of a limb, and a disability under another law ----------------------

def test_a_limb_injured_with_no_disability_named_is_the_temporary_row(talk):
    t = talk()
    reply = t("무릎 수술해서 목발 짚고 다녀요 편의 받을 수 있나요?")
    assert "일시적 신체장애" in reply and "하지(장애정도" not in reply


def test_a_limb_disability_is_still_its_row(talk):
    t = talk()
    reply = t("하지장애인데 편의 뭐 있어요?")
    assert "하지(장애정도 구분 없음" in reply


def test_a_veteran_s_disability_gets_paper_two(talk):
    t = talk()
    reply = t("군에서 다쳐서 국가유공자 상이등급 판정 받았는데 편의 신청 서류 뭐 내요?")
    assert "국가유공자증 사본" in reply and "상이등급" in reply and "일시적 신체장애" not in reply


def test_an_industrial_accident_disability_gets_paper_three(talk):
    t = talk()
    reply = t("작업 중 사고로 산재 처리돼서 장해급여 받고 있어요 시험 편의 서류는요?")
    assert "보험급여지급확인원" in reply and "일시적 신체장애" not in reply


# -- refunds: a cause outside the case's condition ---------------------------------------------

def test_a_leave_refused_for_training_is_no_leave_ban(talk):
    t = talk(datetime(2023, 4, 12, 10, 0))
    reply = t("저 상병인데 부대 훈련 일정 때문에 휴가 못 나가서 1차 못 봤어요 환불 되죠?")
    assert "환불액: 0원" in reply and "국가 위기" in reply


def test_a_leave_banned_in_a_crisis_is_the_half_refund(talk):
    t = talk(datetime(2023, 4, 12, 10, 0))
    reply = t("북한 도발 때문에 외출 금지돼서 1차 못 봤어요 환불 되나요")
    assert "20,000원" in reply and "50%" in reply


def test_a_kinship_the_applicant_says_of_themselves_names_no_one_who_died():
    from datetime import date

    from bot.nlu import understand

    said = understand("장모님이 시험 사흘 전에 돌아가셨어요. 저는 맏사위인데 해당되나요?", year=2023, today=date(2023, 4, 12))
    assert said.slots.relative == "장모님" or "사위" not in (said.slots.relative or "")
    kept = understand("제가 할머니 손에 컸는데 할머니가 돌아가셨어요", year=2023, today=date(2023, 4, 12))
    assert "할머니" in (kept.slots.relative or "")


def test_the_case_asked_again_under_a_condition_told_reruns_the_last_verdict(talk):
    t = talk()
    t("텝스 점수 인정되나요? 2022년 3월에 본 거예요")
    t("300점이요")
    reply = t("근데 저 청각장애 있거든요 그 기준으로 하면요?")
    assert t.turn.intent == "english" and "204" in reply and "인정돼요" in reply


# -- a kind of answer asked is no topic: "무슨 서류", "어디로 내요" follow the topic before ----------

@pytest.mark.parametrize("keyword", ["무슨서류", "어떤서류", "서류뭐", "어디로내"])
def test_keywords_of_a_kind_asked_name_no_topic(keyword):
    assert is_generic(keyword)


@pytest.mark.parametrize("keyword", ["경력증명서", "면제서류", "지역본부", "관할"])
def test_topic_keywords_still_name_their_topic(keyword):
    assert not is_generic(keyword)


def test_papers_asked_with_no_topic_and_no_context_are_not_guessed(talk):
    t = talk()
    reply = t("무슨 서류 내야 돼요?")
    assert "1644-8000" in reply and "경력증명서" not in reply


def test_papers_and_where_to_send_them_follow_the_accommodation_before(talk):
    t = talk()
    t("임신했는데 시험 중에 화장실 써도 돼요?")
    reply = t("서류는 뭐 내면 돼요?")
    assert "임신사실 확인서" in reply and "경력증명서" not in reply
    reply = t("언제까지 어디로 보내요?")
    assert "4일 이내" in reply and "등기우편 또는 방문" in reply


def test_an_injury_told_in_a_hurry_is_still_an_injury(talk):
    t = talk()
    reply = t("무릎 다쳐서 급하게 깁스했는데 시험 편의 돼요?")
    assert "일시적 신체장애" in reply
