"""Understanding, second round (issue 9): calculators that decide from what was said (an arrival time,
one subject's score, an average, a part of the day), the applicant's own story against another
round, questions in English, and context across turns — scripts through the real engine."""
from __future__ import annotations

from datetime import datetime

import pytest



# -- arriving on exam day: the time said decides, against the timetable ----------------------------

EXAM_MORNING = datetime(2023, 4, 8, 8, 50)


def test_an_arrival_after_the_start_is_refused_with_the_later_periods(talk):
    t = talk()
    reply = t("1차 1교시에 9시 40분쯤 도착할 것 같은데 들어갈 수 있을까요?")
    assert not t.asked and "입실할 수 없어요" in reply and "09:30" in reply and "2교시" in reply


def test_an_arrival_before_the_start_is_not_barred(talk):
    t = talk(EXAM_MORNING)  # the 1차 exam day: the stage is today's
    reply = t("차가 막혀서 9시 15분 도착 예정인데 입실 되나요")
    assert not t.asked and "입실이 막히지는 않아요" in reply and "09:00" in reply and "1차 시험 당일" in reply


def test_an_arrival_whose_verdict_differs_by_stage_asks_the_stage_then_answers(talk):
    t = talk()
    t("2교시에 12시 5분 도착하면 들어갈 수 있나요?")
    assert t.asked  # 1차 2교시 began 12:00; 2차 2교시 seats until 12:10
    assert "입실할 수 있어요" in t("2차요") and "12:10" in t.turn.replies[0].text


def test_lateness_without_a_time_gets_the_rule_not_a_question(talk):
    t = talk()
    reply = t("늦잠자서 늦을 것 같은데 어떡해요")
    assert not t.asked and "시작된 뒤에는 입실할 수 없어요" in reply


# -- the pass rule on one subject's score -----------------------------------------------------------

@pytest.mark.parametrize("text", ["한 과목만 39점이고 나머지는 다 90점 넘으면 합격이에요?", "한 과목 35점이어도 평균 70 넘으면 합격인가요?"])
def test_one_subject_under_the_minimum_fails_without_a_question(talk, text):
    t = talk()
    reply = t(text)
    assert not t.asked and "불합격" in reply and "40점 미만" in reply and "1차·2차 시험 모두" in reply


def test_a_named_subject_under_the_minimum_fails(talk):
    t = talk()
    reply = t("2차 이론 39점이고 나머지 둘은 90 95인데 최소합격인원으로 구제 안 되나요")
    assert not t.asked and "불합격" in reply and "2차 시험 합격 여부" in reply


def test_a_named_subject_says_the_stage_and_a_passing_score_asks_for_the_rest(talk):
    t = talk()
    reply = t("민법 45점인데 합격 가능해요?")
    assert t.asked and "5과목 점수" in reply  # 민법 is a 1차 subject: no stage question


# -- a short question that names nothing new asks it of the fact just quoted ------------------------

def test_a_follow_up_after_a_situation_fact_stays_on_that_fact(talk):
    t = talk(datetime(2023, 1, 15, 12, 0))
    assert "exam@hrdkorea.or.kr" in t("토익을 일본에서 봤어요")  # the situation's own fact
    reply = t("언제까지 보내야 돼요?")
    assert "2023. 2. 10." in reply and "면제서류" not in reply  # not the exemption papers' period


def test_a_period_missed_before_bars_the_next_one_on_time(talk):
    t = talk(datetime(2023, 4, 8, 11, 0))
    reply = t("1교시 지각해서 못 들어갔어요 ㅠㅠ 2교시라도 보면 안돼요? 11시 50분까지 가면 되잖아요")
    assert not t.asked and "응시할 수 없어요" in reply and "입실할 수 있어요" not in reply


def test_five_scores_are_the_first_stage_and_an_average_alone_is_answered(talk):
    t = talk()
    reply = t("85 90 38 70 75 (민법 경제 부동산 법규 회계 순) 평균 71.6인데 붙었겠죠?")
    assert not t.asked and "불합격" in reply and "부동산학원론: 38점 (40점 미만)" in reply
    t2 = talk(datetime(2023, 5, 11, 12, 0))
    reply = t2("1차 평균 58점이면 과목별 점수 상관없이 불합격이죠?")
    assert not t2.asked and "불합격" in reply and "58점" in reply


def test_a_follow_up_fact_keeps_the_stage_of_the_answer_before(talk):
    t = talk()
    t("2차 1교시 과목 뭐예요?")
    reply = t("몇 분 동안 봐요?")
    assert "제2차 시험 시간표" in reply and "100분" in reply


def test_the_same_calculator_asked_again_without_inputs_keeps_the_case(talk):
    t = talk()
    t("뇌병변장애 편의 뭐 있어요?")
    reply = t("시간은 몇 배예요?")
    assert not t.asked and "1.5배" in reply


def test_a_disability_said_only_to_be_denied_is_no_accommodation_question(talk):
    t = talk()
    reply = t("텝스 320인데 가능? 청각장애는 아니에요")
    assert "인정되지 않아요" in reply and "340" in reply


def test_an_english_follow_up_is_read_with_the_question_before(talk):
    t = talk()
    t("What are the English score requirements?")
    assert "4.5" in t("What about IELTS?")


def test_a_toilet_question_gets_the_rows_answer_first(talk):
    t = talk()
    assert "화장실 이용 제한이 없어요" in t("임신부도 시험 중에 화장실 갈 수 있어요?")
    t2 = talk(datetime(2023, 5, 24, 12, 0))
    assert "화장실 이용 편의가 따로 없어요" in t2("하지장애인데 화장실 자주 가도 되나요")


def test_a_day_of_joining_with_no_leaving_is_work_to_this_day(talk):
    t = talk()
    reply = t("2018년 1월 2일 입사면요? 감평법인 현장조사요")
    assert not t.asked and "충족" in reply
    t2 = talk(datetime(2023, 3, 10, 12, 0))
    assert "충족" in t2("한국감정평가사협회에서 연구 보조 6년 했으면요?")


def test_a_reason_no_rule_knows_answers_the_reason_question(talk):
    t = talk(datetime(2023, 4, 12, 12, 0))
    t("1차 결시했는데 환불 가능?")
    reply = t("그냥 개인 사정이요 ㅎㅎ")
    assert not t.asked and "환불받을 수 없어요" in reply


def test_the_second_question_of_a_message_keeps_what_the_first_said(talk):
    t = talk()
    reply = t("미취학 아동도 시험 볼 수 있어요? 그럼 신분증은 뭘로 해요?")
    assert "임시 신분증" in reply or "미취학" in reply


def test_unsure_of_the_topic_a_fact_named_by_its_own_keyword_answers(talk):
    t = talk()
    reply = t("1차 시험 방식이 뭐예요")
    assert "객관식" in reply and t.turn.intent is not None
    # answered without being placed outright, the reading is said, with where to ask otherwise
    assert "‘출제 형식’에 관한 질문으로 이해하고" in reply
    t2 = talk(datetime(2023, 3, 16, 12, 0))
    assert "1644-8000" in t2("후루룩빤쮸 자격요건이 뭐예요")  # never beside a word never seen


def test_a_period_skipped_bars_the_next_whatever_the_stage(talk):
    t = talk()
    reply = t("1교시는 빠지고 2교시만 볼 수 있나요?")
    assert not t.asked and "응시할 수 없어요" in reply


def test_three_questions_in_one_message_are_all_answered(talk):
    t = talk()
    reply = t("1차 합격하면 2차는 언제 접수하고 시험은 언제에요? 아 그리고 2차도 응시료 4만원이에요?")
    assert "5. 22." in reply and "7. 15." in reply and "40,000원" in reply


def test_a_challenge_to_a_calculator_answer_gets_the_case_again_and_a_rule_question_the_rule(talk):
    t = talk()
    t("민법 80 경제 75 부동산 70 법규 65 회계 35 1차 어때요")
    reply = t("평균은 넘잖아요?")
    assert "불합격" in reply and "회계학: 35점 (40점 미만)" in reply
    t2 = talk(datetime(2023, 5, 11, 12, 0))
    t2("민법 80 경제 75 부동산 70 법규 65 회계 35 1차 어때요")
    assert "제1차 시험 합격 기준" in t2("합격 기준이 뭐예요?")


@pytest.mark.parametrize("text, said", [
    ("가상계좌로 오전에 접수하면 입금은 언제까지 해야 하나요", "그날 14:00까지"),
    ("저녁에 가상계좌 접수하면 입금 언제까지예요?", "다음 날 14:00까지"),
])
def test_a_part_of_the_day_gets_the_deadline_rule_without_a_question(talk, text, said):
    t = talk()
    reply = t(text)
    assert not t.asked and said in reply and "13:00~18:00" in reply


def test_the_deadline_asked_with_nothing_said_gets_the_rule_and_a_time_still_computes(talk):
    t = talk()
    reply = t("가상계좌 입금 언제까지 해야 돼요?")
    assert not t.asked and "13:00 전이면 당일 14:00까지" in reply
    t2 = talk(datetime(2023, 2, 7, 10, 0))
    assert "2023. 2. 9.(목) 14:00까지" in t2("2월 8일 오후 3시에 접수했는데 입금기한?")


def test_a_follow_up_that_says_a_disability_goes_to_the_accommodation(talk):
    t = talk()
    t("시험중 화장실 가도 돼요?")
    reply = t("임신 중이에요")
    assert "임신부" in reply and "화장실 이용 제한이 없어요" in reply and "임신사실 확인서" in reply


def test_one_subject_corrected_after_a_pass_answer_keeps_the_others(talk):
    t = talk()
    t("1차 점수 민법 50 경제 60 부동산 70 법규 60 회계 55 합격?")
    reply = t("아 회계 45였어요")
    assert "회계학: 45점" in reply and "평균: 57.00점" in reply


def test_a_length_with_the_base_date_answers_the_exemption(talk):
    t = talk()
    t("감정평가사무소에서 일했는데 1차 면제 되나요")
    reply = t("2023년 3월 1일 기준으로 4년 8개월이요")
    assert not t.asked and "말씀하신 경력(4년 8개월)으로는 기간이 모자라요" in reply
