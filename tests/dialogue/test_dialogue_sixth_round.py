"""Understanding, sixth round (issue 9): a follow-up placed alone in its own topic, "the next exam"
while a sitting of the round is ahead, "됐어요" asked as a question, the common misspelling of 며칠
— scripts through the real engine."""
from __future__ import annotations

from datetime import datetime

import pytest

from bot.nlu.normalize import normalize

LAST_DAY_AFTERNOON = datetime(2023, 2, 10, 14, 0)  # the 1차 application's last day, after 13:00


# -- a follow-up its own reading places in another topic more surely than the last one -------------

def test_a_follow_up_placed_surely_elsewhere_asks_its_own_question(talk):
    t = talk(LAST_DAY_AFTERNOON)
    t("지금 1차 원서 접수하려고요")
    assert t.turn.intent == "schedule_application"
    t("가상계좌로 결제 가능해요?")
    assert t.turn.intent == "payment"  # not the application period quoted again


def test_a_follow_up_the_last_topic_takes_still_stays_there(talk):
    t = talk()
    t("텝스 몇 점 넘어야 돼요?")
    assert "204" in t("아 참고로 저 청각장애 있어요")


# -- "다음 시험": the round's next sitting while one is ahead, another round after the last ----------

@pytest.mark.parametrize("now, expected, not_expected", [
    (datetime(2023, 3, 15, 10), "2023. 4. 8.", "7. 15."),
    (datetime(2023, 4, 8, 7), "2023. 4. 8.", "7. 15."),  # the day itself: still ahead in the morning
    (datetime(2023, 5, 1, 10), "2023. 7. 15.", "4. 8."),
])
def test_the_next_exam_is_the_next_sitting_of_the_round(talk, now, expected, not_expected):
    t = talk(now)
    reply = t("다음 시험 언제에요?")
    assert expected in reply and not_expected not in reply and not t.asked


def test_the_next_exam_after_the_last_sitting_is_another_round(talk):
    t = talk(datetime(2023, 8, 1, 10))
    reply = t("다음 시험 언제에요?")
    assert t.turn.intent == "out_of_scope" and "다음 시험은 제가 안내해 드릴 수 없어요" in reply
    assert "7. 15." not in reply


def test_next_year_is_another_round_whatever_the_day(talk):
    t = talk(datetime(2023, 3, 15, 10))
    reply = t("내년 시험 언제예요?")
    assert t.turn.intent == "out_of_scope" and "4. 8." not in reply


# -- "됐어요" sends the applicant away only when said alone --------------------------------------

@pytest.mark.parametrize("message", ["됐어요", "됐어요 취소", "아 됐어요", "이제 됐습니다"])
def test_done_alone_goes_back_to_the_start(talk, message):
    t = talk()
    t(message)
    assert t.turn.intent == "cancel"


@pytest.mark.parametrize("message", ["저번에 말한 그거 어떻게 됐어요 그 서류 그거", "결제 됐어요?"])
def test_done_inside_a_question_is_no_cancel(talk, message):
    t = talk()
    t(message)
    assert t.turn.intent != "cancel"


# -- 몇일: the common misspelling of 며칠 ------------------------------------------------------------

@pytest.mark.parametrize("text", ["2차 시험 몇일이죠?", "몇 일까지 내요", "몇칠이에요"])
def test_the_misspelling_of_myeochil_is_read_as_myeochil(text):
    assert "며칠" in normalize(text)


def test_a_date_asked_with_the_misspelling_is_answered(talk):
    t = talk()
    reply = t("2차 시험 몇일이죠?")
    assert "2023. 7. 15." in reply and not t.asked


def test_the_next_exam_asked_to_stay_the_same_is_another_round(talk):
    t = talk(datetime(2023, 3, 15, 10))
    t("다음 시험 때도 신분증 똑같아요?")
    assert t.turn.intent == "out_of_scope"


# -- a follow-up asking a kind of answer the last topic gives stays there ---------------------------

def test_a_phone_number_asked_after_an_office_is_that_offices(talk):
    t = talk()
    t("경력 서류 제출 서울은 어디예요?")
    reply = t("전화번호도요")
    assert "02-2137-0554" in reply


# -- a nationality said is the foreigner's situation ------------------------------------------------

@pytest.mark.parametrize("message", ["베트남 국적이고 한국에 살아요. 시험 당일 신분증 뭐 인정돼요?", "중국 사람인데 신분증 뭐 가져가요"])
def test_a_foreign_nationality_gets_the_foreigners_ids(talk, message):
    t = talk()
    assert "외국인등록증" in t(message)


def test_a_korean_or_a_country_of_a_score_is_no_nationality(talk):
    t = talk()
    reply = t("일본에서 토익 봤어요")
    assert "외국인등록증" not in reply


# -- "상이 나서": a death in the family, said the everyday way --------------------------------------

def test_a_death_in_the_family_said_as_sang_gets_the_family_list(talk):
    t = talk()
    reply = t("집안에 상이 나서 시험 못 봤는데 환불 되는 거죠?")
    assert "가족의 범위" in reply and "시험일로부터 7일 전까지" in reply


# -- an everyday thing the notice never speaks of, asked about: no confident answer ----------------

@pytest.mark.parametrize("message", ["회계학 별자리가 뭐예요", "가상계좌 구름 몇 시에 떠요?"])
def test_a_question_about_a_thing_the_notice_never_names_is_not_answered(talk, message):
    t = talk()
    reply = t(message)
    assert t.turn.intent is None and "1644-8000" in reply


@pytest.mark.parametrize("message, intent", [("회계학 출제기준이 뭐에요", "subjects"), ("2차 시험 과목 뭐예요", "subjects")])
def test_known_words_and_their_compounds_still_answer(talk, message, intent):
    t = talk()
    t(message)
    assert t.turn.intent == intent


# -- a period asked of now: where the moment of the message stands --------------------------------

@pytest.mark.parametrize("now, expected", [
    (datetime(2023, 5, 23, 10), "• 제2차 원서접수: 기간 중이에요(2023. 5. 26.(금) 18:00까지)."),
    (datetime(2023, 6, 1, 10), "• 제2차 원서접수: 기간이 끝났어요(2023. 5. 26.(금) 18:00 마감)."),
    (datetime(2023, 5, 1, 10), "• 제2차 원서접수: 아직 시작 전이에요(2023. 5. 22.(월) 09:00부터)."),
])
def test_the_application_asked_of_now_says_where_now_stands(talk, now, expected):
    t = talk(now)
    reply = t("지금 2차 원서 접수 되나요")
    assert expected in reply and "제1차 원서접수:" not in reply and not t.asked


def test_both_stages_standings_when_no_stage_is_said(talk):
    t = talk(datetime(2023, 5, 23, 10))
    reply = t("지금 원서 넣을 수 있어요?")
    assert "• 제1차 원서접수: 기간이 끝났어요" in reply and "• 제2차 원서접수: 기간 중이에요" in reply


def test_the_provisional_answers_window_asked_of_now(talk):
    t = talk(datetime(2023, 6, 1, 10))
    assert "• 제1차 가답안 의견제시: 기간이 끝났어요(2023. 4. 14.(금) 18:00 마감)" in t("가답안 의견제시 지금 할 수 있나요?")


def test_a_period_asked_with_no_moment_gets_its_dates_alone(talk):
    t = talk(datetime(2023, 6, 1, 10))
    reply = t("2차 원서접수 언제예요?")
    assert "2023. 5. 22.(월) 09:00" in reply and "기준으로" not in reply


# -- another round named in a follow-up ------------------------------------------------------------

def test_another_round_named_in_a_follow_up_is_declined(talk):
    t = talk()
    t("1차 시험 언제예요?")
    reply = t("내년 35회는요?")
    assert t.turn.intent == "out_of_scope" and "4. 8." not in reply and "1644-8000" in reply


# -- unsure of the topic, but a close calculator is given every input: it decides ---------------------

def test_a_cancellation_now_of_a_stage_said_tersely_is_computed(talk):
    t = talk(datetime(2023, 6, 26, 8, 30))
    reply = t("2차 취소 지금하면?")
    assert t.turn.intent == "refund" and "20,000원" in reply and not t.asked


def test_applying_now_and_paying_by_virtual_account_on_the_last_afternoon(talk):
    t = talk(datetime(2023, 2, 10, 13, 40))
    reply = t("지금 접수하는데 가상계좌로 결제하려구요")
    assert t.turn.intent == "payment" and "쓸 수 없어요" in reply and not t.asked


@pytest.mark.parametrize("message", ["2차 접수 취소할래요 환불 돼요?", "2차 취소해주세요 환불 되나요"])
def test_cancelling_now_after_the_last_refund_day_is_no_refund_without_asking(talk, message):
    t = talk(datetime(2023, 7, 6, 7, 0))
    reply = t(message)
    assert "0원 (환불 불가)" in reply and "2023. 7. 5.(수)" in reply and not t.asked


def test_the_exemption_papers_asked_on_a_saturday_say_the_next_weekday(talk):
    t = talk(datetime(2023, 5, 20, 10))
    reply = t("오늘 토요일인데 면제서류 공단 방문해서 내도 되나요?")
    assert "토·일·공휴일이라 받지 않아요" in reply and "2023. 5. 22.(월)부터" in reply


def test_applying_now_asked_tersely_gets_the_open_period(talk):
    t = talk(datetime(2023, 5, 25, 10))
    reply = t("지금 접수하면 되나요?")
    assert "• 제2차 원서접수: 기간 중이에요(2023. 5. 26.(금) 18:00까지)." in reply


# -- a run-on part that asks without a question word -----------------------------------------------

def test_a_part_asking_to_be_told_is_a_question_of_its_own():
    from bot.dialogue.reading import questions
    assert questions("1차 시험 언제고 원서접수는 언제부터예요? 수수료도 알려주세요")[-1] == "수수료도 알려주세요"


def test_every_part_of_a_run_on_is_answered(talk):
    t = talk()
    reply = t("1차 시험 언제고 원서접수는 언제부터예요? 수수료도 알려주세요")
    assert "2023. 4. 8." in reply and "2023. 2. 6." in reply and "40,000원" in reply


# -- the organiser moved the venue and no one said so -------------------------------------------

def test_a_venue_changed_without_word_is_the_organisers_fault(talk):
    t = talk()
    reply = t("시험장이 갑자기 바뀌었다는데 연락을 못받아서 못봤어요")
    assert "40,000원 (응시수수료의 100%)" in reply


def test_late_for_the_application_is_no_late_arrival_situation():
    from bot.nlu import frames
    assert "late_arrival" not in frames.situations("지금2차접수하면늦었나요")
    assert "late_arrival" in frames.situations("시험장에늦었어요")
