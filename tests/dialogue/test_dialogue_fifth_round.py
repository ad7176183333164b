"""Understanding, fifth round (issue 9): a test date said only as a year, a hypothetical sitting
after the window, what follows from a refused ID — scripts through the real engine."""
from __future__ import annotations

from datetime import datetime

import pytest

from bot.nlu.temporal import find_temporal


# -- a test date said only as a year: decided when no day of that year could change it -------------

@pytest.mark.parametrize("text, year", [("2019년에 본 토익", 2019), ("작년에 본 토익 800", 2022), ("재작년에 봤어요", 2021)])
def test_a_year_said_alone_is_read_as_a_year(text, year):
    found = find_temporal(text, year=2023, today=datetime(2023, 3, 15).date())
    assert found.years == [year] and not found.months and not found.dates


def test_a_year_with_its_month_is_a_month_not_a_year():
    found = find_temporal("2021년 3월에 봤어요", year=2023, today=datetime(2023, 3, 15).date())
    assert found.months == [(2021, 3)] and found.years == []


def test_a_year_before_the_window_is_refused_without_asking_the_day(talk):
    t = talk()
    reply = t("2019년에 본 토익 800점 돼요?")
    assert "인정되지 않아요" in reply and "2019년에 보신 시험은 날짜와 관계없이" in reply
    assert "2021. 2. 11." in reply and not t.asked


def test_a_year_wholly_inside_the_window_is_accepted_without_asking_the_day(talk):
    t = talk()
    reply = t("작년에 본 토익 800점 돼요?")  # 2023-03-15: 작년 is 2022, every day of it inside the window
    assert "인정돼요 ✅" in reply and "응시 연도 2022년" in reply and not t.asked


def test_a_year_the_window_starts_in_asks_the_day_and_reads_the_answer_in_that_year(talk):
    t = talk()
    reply = t("2021년에 본 토익 800점 돼요?")
    assert t.asked and "2021년 몇 월 며칠" in reply
    reply = t("3월 14일이요")  # a day of 2021, not of the round's year
    assert "인정돼요 ✅" in reply and "2021. 3. 14." in reply


def test_a_year_the_window_starts_in_is_still_refused_for_a_low_score(talk):
    t = talk()
    reply = t("2021년에 본 토익 650점 돼요?")
    assert "인정되지 않아요" in reply and "700점" in reply and not t.asked


# -- a sitting still to come, after the window: it cannot count -------------------------------------

@pytest.mark.parametrize("message", ["2024년에 토익 보면 써도 되나요?", "2023년 5월에 토익 보면 써도 되나요?"])
def test_a_sitting_after_the_window_is_refused_not_called_a_future_date(talk, message):
    t = talk()
    reply = t(message)
    assert "인정되지 않아요" in reply and "인정기간" in reply and "아직 오지 않은" not in reply and not t.asked


def test_a_sitting_still_to_come_inside_the_window_is_not_checked(talk):
    t = talk(datetime(2023, 1, 10, 12, 0))
    reply = t("토익 2023년 1월 29일에 보면 써도 되나요?")
    assert "아직 오지 않은" in reply




# -- the refund asked for now: today is the day of cancelling, said so ------------------------------

@pytest.mark.parametrize("message", ["1차 접수 취소하려구요 환불 얼마나 돼요", "1차 환불율이요", "1차 취소하면 다 돌려줌?"])
def test_a_refund_asked_for_now_is_computed_for_today(talk, message):
    t = talk()  # 2023-03-15: inside 1차's 60% period (through 3. 19.)
    reply = t(message)
    assert not t.asked and "60%" in reply and "24,000원" in reply
    assert "오늘(2023. 3. 15.(수)) 취소하는 것으로 계산했어요" in reply and "다른 날짜로 다시 계산" in t.buttons


def test_now_said_is_today_without_an_assumption(talk):
    t = talk()
    reply = t("지금이라도 취소하면 돈 조금이라도 돌려받을 수 있나요? 1차요")
    assert not t.asked and "24,000원" in reply and "취소하는 것으로 계산했어요" not in reply


def test_now_on_the_exam_day_is_the_arrival_time(talk):
    t = talk(datetime(2023, 4, 8, 9, 40))
    reply = t("지금 시험장 도착함 1교시 들어갈수있나요ㅠㅠ")
    assert "입실할 수 없어요" in reply and "09:40" in reply


def test_today_s_refund_changes_with_today(talk):
    t = talk(datetime(2023, 3, 22, 9, 0))  # 3. 20. ~ 3. 29.: 50%
    reply = t("1차 접수 취소하면 환불 얼마예요?")
    assert "50%" in reply and "20,000원" in reply and not t.asked


def test_a_cancellation_already_made_asks_its_day(talk):
    t = talk()
    t("1차 취소했는데 환불 얼마예요?")
    assert t.asked and "언제 취소" in t.turn.replies[0].text


def test_a_bare_refund_topic_still_asks(talk):
    t = talk()
    reply = t("환불")
    assert t.asked and "언제 취소" in reply and "1차 시험인가요" not in reply  # the day says the stage


def test_a_wish_to_cancel_now_is_today_s_cancellation(talk):
    t = talk(datetime(2023, 3, 30, 10, 0))  # 1차 refunds ended 3. 29.
    reply = t("1차 시험 취소하고 환불받고 싶어요")
    assert not t.asked and "환불 불가" in reply and "3. 29." in reply


def test_today_is_not_assumed_for_a_stage_whose_application_has_not_opened(talk):
    t = talk()  # 2023-03-15: 2차 applications open 5. 22.
    reply = t("2차 취소하면 얼마 돌려받아요?")
    assert t.asked and "언제 취소" in reply and "오늘(" not in reply


def test_today_is_not_assumed_after_every_exam(talk):
    t = talk(datetime(2023, 9, 1, 12, 0))
    t("1차 환불 얼마예요?")
    assert t.asked


def test_another_day_button_asks_the_day_instead_of_assuming_today_again(talk):
    t = talk()
    t("1차 접수 취소하려구요 환불 얼마나 돼요")
    reply = t("다른 날짜로 다시 계산")
    assert t.asked and "언제 취소" in reply
    assert "20,000원" in t("3월 25일이요")


# -- a question asking for the calculator's own input gets the rule's table --------------------------

@pytest.mark.parametrize("message, must", [
    ("2차 시험 60% 환불은 며칠까지예요?", "2023. 6. 25.(일)까지 취소하면 60%"),
    ("환불 받으려면 언제까지 취소해야 돼요?", "2023. 3. 19.(일)까지 60%"),
])
def test_asking_for_a_day_of_the_refund_gets_its_table(talk, message, must):
    t = talk()
    reply = t(message)
    assert must in reply and not t.asked and t.turn.intent == "refund_info"


# -- a period said missed in other words ------------------------------------------------------------

def test_a_first_period_not_entered_bars_the_second_whatever_the_time(talk):
    reply = talk()("지하철이 고장나서 9시 35분에 도착했는데 1교시 입실을 못했어요. 2교시는 볼 수 있는 거죠?")
    assert "응시할 수 없어요" in reply and "입실할 수 있어요" not in reply


# -- a bare hour read with the part of the day said elsewhere ---------------------------------------

@pytest.mark.parametrize("text, hour, ambiguous", [
    ("오늘 점심시간에 접수 완료했어요(12시 30분쯤)", 12, False),
    ("점심 먹고 1시에 접수했어요", 13, False),
    ("6시에 접수했어요", 6, True),                  # nothing says which 6
    ("아침에 나가서 저녁에 7시쯤 접수", 7, True),     # two parts of the day: still unsure
])
def test_a_bare_hour_takes_the_part_of_the_day_the_message_names(text, hour, ambiguous):
    found = find_temporal(text, year=2023, today=datetime(2023, 2, 7).date())
    assert found.time.hour == hour and found.time_ambiguous is ambiguous


# -- several dates: the one said of the calculator's event ------------------------------------------

def test_the_day_of_applying_is_the_one_said_with_applying_not_the_last(talk):
    t = talk(datetime(2023, 2, 7, 15, 0))
    reply = t("오늘 점심시간에 1차 접수 완료했어요(12시 30분쯤). 월급날이 내일이라 내일 입금하려고 하는데 괜찮을까요? 가상계좌로 했어요")
    assert "2023. 2. 7.(화) 14:00까지" in reply and not t.asked


def test_the_day_of_cancelling_is_still_the_one_said_with_cancelling(talk):
    reply = talk()("2월 8일 접수했는데 3월 25일 취소하면 환불 얼마예요?")
    assert "20,000원" in reply


# -- asking for the score, with the date already known ---------------------------------------------

def test_a_date_inside_the_window_is_said_when_the_score_is_asked(talk):
    t = talk()
    reply = t("텝스를 2021년 2월 11일에 봤는데 그거 유효한가요")
    assert t.asked and "인정기간(2021. 2. 11.(목) ~ 2023. 2. 10.(금)) 안이에요" in reply and "340점 이상이면 인정돼요" in reply


def test_a_kind_asked_inside_a_keyword_that_asks_it_counts():
    from bot.nlu import frames
    assert frames.asks("2차취소하면얼마돌려받아요?") == ["amount"]
    assert frames.asks("시각장애인데요") == []  # 시각 of 시각장애 asks no time


# -- the applicant's own case, asked again in the topic they were in --------------------------------

def test_where_to_send_after_a_japan_toeic_is_the_japan_address_not_the_offices(talk):
    t = talk()
    t("일본에서 토익 봤는데요")
    reply = t("성적표는 어디로 보내면 돼요?")
    assert "exam@hrdkorea.or.kr" in reply and "지역본부" not in reply


def test_only_one_document_is_the_document_asked_about(talk):
    t = talk()
    reply = t("대학생이라 학생증밖에 없는데 학생증으로 신분확인 돼요?")
    assert not t.asked and "인정되지 않아요" in reply and "초·중·고등학교 학생증" in reply


def test_a_document_lacked_is_still_not_the_document(talk):
    t = talk()
    t("주민등록증이 아직 없는데 뭐 가져가요?")
    assert "주민등록증은 신분증으로 인정돼요" not in t.turn.replies[0].text


def test_a_phone_number_asked_of_a_topic_is_the_contacts_answer(talk):
    reply = talk()("실무수습 교육 문의 전화번호")
    assert "02-3465-9813" in reply


# -- "X 말고 뭘 더": besides X, X's topic still --------------------------------------------------------

def test_besides_a_document_asks_for_more_documents_of_its_topic(talk):
    reply = talk()("감정평가법인 근무자는 경력증명서 말고 뭘 더 내야 돼요?")
    assert "건강보험자격득실확인서" in reply


def test_a_topic_set_aside_still_does_not_count():
    from bot.nlu import understand
    u = understand("환불 말고요 신분증 뭐 돼요?", year=2023, today=datetime(2023, 3, 15).date())
    assert u.intent != "refund" and u.intent in ("id_info", "id")




# -- what the applicant heard, then the same asked of another thing ---------------------------------



def test_a_heard_clause_without_another_thing_asked_reads_whole():
    from bot.dialogue.reading import also_asked
    assert also_asked("계산기는 된다던데 전자사전도 가져가도 돼요?") == "전자사전도 가져가도 돼요?"
    assert also_asked("시각장애인데 1교시 몇 분이에요?") is None


# -- a kind of exam thing the notice never names ----------------------------------------------------



def test_a_verb_form_before_an_exam_thing_is_no_name():
    from bot.nlu import known
    assert known.names_unseen("동네 의원에서 떼준 서류 내도 돼요") == []
    assert known.names_unseen("감평 보름달 전형 일정") == ["보름달"]


# -- the applicant's situation, in a topic next to the one asked ------------------------------------

def test_a_soldier_asking_what_to_bring_gets_the_soldier_s_id(talk):
    t = talk()
    t("저 군인이에요")
    t("병장이요")
    reply = t("시험장에 뭐 가져가야 돼요?")
    assert "신분확인증명서" in reply


def test_what_is_set_aside_still_tells_the_case(talk):
    reply = talk()("작년 1차 합격했는데 올해는 1차 말고 2차만 보고 싶어요. 어떻게 접수해요?")
    assert "면제자" in reply


def test_related_topics_leave_the_own_topic_out():
    from bot.dialogue import topics
    assert "id_info" in topics.related_topics("exam_day_cautions")
    assert "exam_day_cautions" not in topics.related_topics("exam_day_cautions")


# -- more of the same case, after the calculator answered -------------------------------------------

def test_a_statement_adding_inputs_reruns_the_last_calculator(talk):
    t = talk()
    t("토익 380점인데 영어 대체 돼요?")
    reply = t("저 청각장애인이에요. 2022년 4월 시험이고요")
    assert "인정돼요 ✅" in reply and "350점" in reply and "청각장애인" in reply


def test_a_fact_of_the_calculator_s_topic_with_inputs_is_the_same_case(talk):
    t = talk()
    t("플렉스 점수 600점 있어요")
    reply = t("2022년 9월 정기시험이에요. 되나요?")
    assert "FLEX 600점" in reply and "625점" in reply


def test_the_test_named_before_fills_what_a_later_message_leaves_out(talk):
    t = talk()
    t("토셀로도 영어 대체돼요?")
    reply = t("어드밴스드 620점이요. 2022년 5월 정기시험")
    assert not t.asked and "TOSEL" in reply and "640점" in reply and "인정되지 않아요" in reply




def test_a_clause_ending_before_an_exam_thing_is_no_name():
    from bot.nlu import known
    assert known.names_unseen("이사 날짜가 3월 말이라 시험은 대전에서") == []
    assert known.names_unseen("오후 4시 반쯤 접수 완료했어요") == []


# -- run-ons: a list of figures is one list; the calculator that can decide answers --------------------

def test_a_list_of_scores_is_not_split_into_questions(talk):
    t = talk()
    reply = t("2차 가채점 결과예요. 실무 42점, 이론 78점, 법규 66점. 실무가 진짜 망했는데 평균은 괜찮은 것 같아서요. 합격 가능성 있나요?")
    assert not t.asked and "평균: 62.00점" in reply and "충족해요" in reply


def test_the_calculator_given_every_input_answers_over_one_that_would_ask(talk):
    t = talk(datetime(2023, 2, 7, 11, 30))
    reply = t("시험시간 연장 신청한 사람인데요, 가상계좌 입금 시간은 몇 시까지예요? 오늘 오전 11시에 접수했어요")
    assert not t.asked and "2023. 2. 7.(화) 14:00까지" in reply


def test_a_part_that_asks_back_waits_for_the_parts_after_it(talk):
    t = talk(datetime(2023, 5, 24, 10, 0))
    reply = "\n".join(r.text for r in [*t.engine.handle(t.session, "제가 2차 접수를 하긴 했는데 사정이 생겨서 환불받고 싶어요. 전화로 취소해도 되나요? 아니면 어디서 해야 하나요?", now=t.now).replies])
    assert "마이페이지" in reply and "언제 취소" in reply
    assert reply.index("마이페이지") < reply.index("언제 취소")  # the question back ends the reply


def test_an_application_just_finished_is_timed_now_and_said_so(talk):
    t = talk(datetime(2023, 5, 23, 15, 20))
    reply = t("2차 접수 완료했고 가상계좌로 낼건데 입금 기한이요")
    assert not t.asked and "2023. 5. 24.(수) 14:00까지" in reply and "지금 접수를 마치신 것으로 계산했어요" in reply


def test_outside_the_application_periods_nothing_is_assumed(talk):
    t = talk()  # 2023-03-15: no application period
    reply = t("접수 완료했는데 입금 기한 언제예요")
    assert "지금 접수를 마치신 것으로" not in reply


@pytest.mark.parametrize("text", ["대체하는거죠 과목에서", "온라인으로 제출하는거 수수료 있나요", "학력 제한이나 자격 조건"])
def test_verb_forms_and_particles_before_an_exam_thing_are_no_names(text):
    from bot.nlu import known
    assert known.names_unseen(text) == []


# -- the topic read (None: not answered with confidence) ---------------------------------------------

@pytest.mark.parametrize("message, intent", [
    # a name the bot never uses, everyday or made up, set as the name of an exam thing
    ("감평 보름달 전형 일정 알려줘", None), ("1차 퐁당 과목 몇 분이에요", None), ("바나나 시험 몇 시예요", None),
    ("로봇 편의 제공", None), ("우주 접수 기간 알려줘", None), ("치즈 합격 기준", None),
    # …but the notice's own names, and a known word with one syllable more, are read
    ("1차 시험 과목 뭐예요", "subjects"), ("면제 서류 어디 내요", "exemption_submission"),
    ("시각 중증이면 2차 한과목 몇분이에요", "accommodation"), ("팔 골절로 깁스중 시험시간 더 받을수있나요?", "accommodation"),
    # whether a rule holds in another year is another round; a sitting's year is a sitting
    ("2025년 토익 기준 바뀌나요", "out_of_scope"), ("내년에도 토익 700점 기준 그대로에요?", "out_of_scope"),
    ("2022년 토익 800점 돼요?", "english"), ("2020년에 본 토익 그대로 인정돼요?", "english"),
])
def test_the_topic_read(talk, message, intent):
    t = talk()
    t(message)
    assert t.turn.intent == intent


# -- one message, the decisive words of its answer ---------------------------------------------------

@pytest.mark.parametrize("message, must, must_not", [
    # a refused ID says what follows; an accepted one does not warn
    ("주민등록증 사진 찍은 거 보여줘도 돼요?", ("인정되지 않아요", "응시할 수 없어요"), ()),
    ("학생증 되나요? 대학생이에요", ("인정되지 않아요", "응시할 수 없어요"), ()),
    ("여권 되나요?", ("인정돼요",), ("응시할 수 없어요",)),
    # writing instruments are the answer-sheet rules
    ("2차 답안 샤프로 쓰면 어떻게 돼요", ("검은색", "지워지는 펜"), ()),
    ("지워지는 볼펜(프릭션) 시험장에서 써도 되나요?", ("검은색", "지워지는 펜"), ()),
    # what the applicant heard is background; the thing asked "too" is the topic
    ("계산기는 된다던데 전자사전도 가져가도 돼요?", ("전자사전",), ("전자계산기는 필요하면",)),
])
def test_one_message_answers(talk, message, must, must_not):
    reply = talk()(message)
    assert all(m in reply for m in must) and not any(m in reply for m in must_not)
