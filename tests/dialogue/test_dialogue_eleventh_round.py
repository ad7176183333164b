"""Eleventh round of understanding (issue 9): what the applicant said of themselves holds for a
later case; told inside a flow, a situation with its own answer is answered; a time no clock shows
and a dotted day before what happened on it are read."""
from __future__ import annotations

from datetime import datetime

import pytest

from bot.nlu.temporal import find_temporal
from datetime import date

HEARING_TEPS = "204"
GENERAL_TOEIC = "700점 이상(일반"


def test_a_hearing_impairment_told_before_holds_for_a_later_score(talk):
    t = talk()
    t("저 청각장애 3급 있어요")
    reply = t("토익 380점 받았는데 써먹을 수 있나요? 작년 5월 시험이에요")
    assert t.turn.intent == "english" and "350점 이상(청각장애인)" in reply and "인정돼요" in reply


def test_without_the_impairment_the_same_score_falls_short(talk):
    t = talk()
    reply = t("토익 380점 받았는데 써먹을 수 있나요? 작년 5월 시험이에요")
    assert GENERAL_TOEIC in reply and "인정되지 않아요" in reply


def test_a_statement_of_the_impairment_right_after_a_verdict_reruns_that_case(talk):
    t = talk()
    t("텝스 300점인데 모자라죠?")
    reply = t("아 참고로 저 청각장애인이에요")
    assert t.turn.intent == "english" and HEARING_TEPS in reply


def test_a_question_about_the_impairment_after_a_verdict_is_its_own_question(talk):
    t = talk()
    t("텝스 300점인데 모자라죠?")
    reply = t("청각장애 있으면 시험시간 연장 돼요?")
    assert t.turn.intent == "accommodation" and HEARING_TEPS not in reply


def test_a_situation_told_while_an_id_is_asked_gets_that_groups_ids(talk):
    t = talk()
    assert t("모바일 신분증도 돼요?") and t.asked  # which mobile one
    reply = t("아 그런데 저 지금 군복무 중인데 뭘 챙겨야 돼요?")
    assert "사병" in reply and "알아듣지 못했어요" not in reply and not t.asked


def test_an_absence_told_with_the_applicants_situation_is_the_refund_cases(talk):
    t = talk(datetime(2023, 7, 10, 10, 0))
    t("2차 시험 결국 못 봤어요")
    reply = t("군인이라서요")
    assert "휴가" in reply and "금지" in reply


@pytest.mark.parametrize("said, shown", [("어제 25시 10분에 접수했어요", "'25시 10분'"), ("오늘 13시 70분에 접수", "'13시 70분'")])
def test_a_time_no_clock_shows_is_said_back_as_impossible(talk, said, shown):
    t = talk(datetime(2023, 2, 8, 15, 0))
    t("가상계좌 입금 기한 알려주세요")
    reply = t(said)
    assert shown in reply and "없는 시각" in reply


def test_the_temporal_reader_keeps_a_good_time_and_flags_a_bad_one():
    good = find_temporal("오후 3시 20분", year=2023, today=date(2023, 2, 8))
    bad = find_temporal("25시 10분", year=2023, today=date(2023, 2, 8))
    assert good.time is not None and good.invalid_time is None
    assert bad.time is None and bad.invalid_time == "25시 10분"


@pytest.mark.parametrize("text, day", [("1차 3.25 취소하면 얼마 받아요?", date(2023, 3, 25)), ("3.29 환불신청하면", date(2023, 3, 29))])
def test_a_dotted_day_before_what_happened_on_it_is_a_date(text, day):
    assert find_temporal(text, year=2023, today=date(2023, 3, 15)).dates == [day]


def test_a_dotted_number_that_is_no_date_stays_a_number():
    assert find_temporal("아이엘츠 4.5 점수 되나요", year=2023, today=date(2023, 3, 15)).dates == []


def test_a_dotted_cancel_day_decides_the_refund(talk):
    t = talk()
    reply = t("1차 3.25 취소하면 얼마 받아요?")
    assert "20,000원" in reply and "50%" in reply


def test_a_follow_up_naming_what_the_last_topic_never_speaks_of_is_its_own_question(talk):
    t = talk()
    t("외국 국적인데 이 시험 응시자격에 제한 있어요?")
    reply = t("신분증은 뭘로 챙겨야 해요?")
    assert "응시자격 제한이 없어요" not in reply and "외국인등록증" in reply


def test_a_follow_up_on_a_thing_the_last_topic_speaks_of_stays_with_it(talk):
    t = talk()
    t("합격하고 나서 실무수습 받아야 되죠?")
    reply = t("그 교육은 어디서 해요?")
    assert "연수원" in reply


def test_a_death_in_a_month_before_the_seven_days_is_said_to_be_no_case(talk):
    t = talk(datetime(2023, 4, 12, 10, 0))
    reply = t("외할머니가 2월에 돌아가셔서 경황이 없어서 1차를 못 봤어요. 환불되죠?")
    assert "0원" in reply and "7일" in reply and "20,000원" not in reply


def test_a_death_of_no_day_said_is_answered_with_the_days_it_must_fall_in(talk):
    t = talk(datetime(2023, 4, 12, 10, 0))
    reply = t("외할머니 장례 때문에 1차를 못 봤어요 환불되나요?")
    assert "20,000원" in reply and "4. 1. ~ 4. 8." in reply


def test_a_bare_weekday_told_in_the_past_is_the_last_one():
    said = find_temporal("토요일 시험을 못 갔어요", year=2023, today=date(2023, 4, 12))
    coming = find_temporal("토요일에 시험 보러 가요", year=2023, today=date(2023, 4, 12))
    assert said.dates == [date(2023, 4, 8)] and coming.dates == [date(2023, 4, 15)]


def test_a_stretch_whose_days_differ_asks_the_day_saying_where_it_changes(talk):
    t = talk(datetime(2023, 3, 22, 10, 0))
    reply = t("다음주쯤에 1차 접수 취소할 생각인데 환불 되나요?")
    assert t.asked and "2023. 3. 27. ~ 3. 29.: 50%" in reply and "3. 30. ~ 4. 2.: 환불 불가" in reply
    reply = t("3월 28일이요")
    assert "20,000원" in reply and not t.asked


def test_a_stretch_whose_days_agree_is_answered_at_once(talk):
    t = talk(datetime(2023, 2, 20, 10, 0))
    reply = t("이번 주 안에 1차 취소하면 얼마 돌려받아요?")
    assert not t.asked and "24,000원" in reply and "어느 날 취소해도 결과가 같아요" in reply


def test_a_share_of_a_known_word_is_known(talk):
    t = talk()
    reply = t("시각장애 중증인데 2차 과목당 시간 몇 분 주나요?")
    assert t.turn.intent == "accommodation" and "170분" in reply


def test_an_adverb_is_no_thing_asked_about(talk):
    t = talk()
    reply = t("사본 올렸는데 여전히 조회 실패라고 떠요 제대로 제출된 건가요?")
    assert t.turn.intent == "cert_lookup" and "확실하게 답할 수 없어요" not in reply


def test_an_unknown_thing_beside_an_adverb_is_still_unknown(talk):
    t = talk()
    reply = t("시험장에 여전히 말랑존 있어요?")
    assert "확실하게 답할 수 없어요" in reply


def test_the_exams_own_name_inside_a_story_does_not_hide_the_situation(talk):
    t = talk()
    reply = t("작년에 감정평가사 1차 합격했어요")
    assert t.turn.intent == "exemption_info" and "면제자" in reply and not t.asked


def test_a_re_sitter_is_told_they_may_still_sit_the_second_stage(talk):
    t = talk()
    reply = t("1차 재응시자로 접수했는데 이번에 1차 떨어지면 2차는요?")
    assert "2차에는 응시할 수 있어요" in reply


def test_a_keyword_split_off_across_a_space_into_another_word_does_not_fire():
    from bot.nlu import boundaries
    from bot.nlu.normalize import normalize
    assert boundaries.split_off("계산기", normalize("경력 계산 기준일이 언제예요"))
    assert not boundaries.split_off("계산기", normalize("공학용 계산 기 돼요"))
    assert not boundaries.split_off("환불되", normalize("환불 되나요"))


def test_the_career_reference_day_is_not_read_as_the_calculator(talk):
    t = talk()
    reply = t("경력 5년 계산 기준일이 언제예요?")
    assert "2023. 3. 1." in reply and "전자계산기" not in reply


@pytest.mark.parametrize("text", ["뇌병변 장애인데 복지카드 사본 등기로 보내면 되죠?", "자격증 원본을 잃어버렸는데 첨부할 사본은 어디서 구해요"])
def test_a_copy_sent_or_obtained_is_no_id_shown_on_the_day(talk, text):
    t = talk()
    reply = t(text)
    assert "신분증으로 인정되지 않아요" not in reply and t.turn.intent != "id"


def test_a_copy_brought_to_the_exam_room_is_still_checked_as_an_id(talk):
    t = talk()
    reply = t("시험장에 주민등록증 사본 가져가도 돼요?")
    assert "복사본은 신분증으로 인정되지 않아요" in reply


def test_a_limb_disability_registered_after_an_injury_is_that_row_not_a_temporary_one(talk):
    t = talk()
    reply = t("사고로 왼팔을 다쳐서 지체장애 중증 판정 받았어요 2차 1교시 몇 분이에요?")
    assert "상지 중증" in reply and "150분" in reply and "일시적" not in reply


def test_an_injury_with_no_disability_registered_is_still_temporary(talk):
    t = talk()
    reply = t("팔 깁스했는데 시간 연장 되나요?")
    assert "일시적 신체장애" in reply
