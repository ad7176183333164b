"""Understanding, fourth round (issue 9): words read where they really end, a sitting that no score
can save refused at once, what was said earlier kept — scripts through the real engine."""
from __future__ import annotations

import pytest


# -- a topic word that only straddles a known word and its particle ---------------------------------

def test_a_pregnant_applicant_asking_for_accommodation_is_no_bankrupt_employer(talk):
    reply = talk()("임신부도 편의 있어요?")
    assert "임신사실 확인서" in reply and "폐업" not in reply


def test_a_bankrupt_employer_is_still_read_as_such(talk):
    assert "폐업·부도" in talk()("회사가 부도나서 경력증명서를 못 받아요")


# -- a TOEIC from a country it does not count in --------------------------------------------------

@pytest.mark.parametrize("message", [
    "미국 살때 토익 봤는데 그거 써도 돼요?",       # no score: none would make it count
    "미국 살때 토익 850 받은게 있는데(작년 9월) 그거 내도 돼요?",
])
def test_a_toeic_taken_outside_korea_and_japan_is_refused_without_asking(talk, message):
    reply = talk()(message)
    assert "인정되지 않아요" in reply and "대한민국, 일본" in reply
    assert "점수를 알려" not in reply


def test_a_toeic_taken_in_japan_still_asks_for_the_score(talk):
    reply = talk()("일본에서 본 토익 써도 돼요?")
    assert "인정되지 않아요" not in reply


# -- what the applicant said of themselves before still holds --------------------------------------

def test_a_question_of_the_running_flow_s_own_topic_is_answered_with_the_situation_said(talk):
    t = talk()
    t("감평법인 근무 5년 넘었어요 1차 면제 돼요?")          # the work periods are asked next
    reply = t("서류 뭐 내야 돼요?")
    assert "감정평가법인·사무소·협회 근무자" in reply and "경력증명서" in reply
    assert "이어서: 1차 면제 경력 계산" in t.buttons              # the flow is kept aside
    assert "종사하셨는지" in t("이어서: 1차 면제 경력 계산")


def test_a_situation_said_in_an_earlier_message_picks_the_sub_answer_later(talk):
    t = talk()
    t("저 사병이에요")
    assert "사병" in t("신분증 뭐 가져가요?")


def test_a_situation_said_now_wins_over_one_said_before(talk):
    t = talk()
    t("저 사병이에요")
    reply = t("외국인은 신분증 뭐 가져가요?")
    assert "외국인" in reply


def test_the_situations_said_survive_a_saved_state(talk):
    from bot.dialogue.state import State
    state = State(situations=["soldier"])
    assert State.from_dict(state.to_dict()).situations == ["soldier"]
    assert State.from_dict({**state.to_dict(), "situations": None}).situations == []


# -- the thing a question is compared with is not what it asks about --------------------------------

@pytest.mark.parametrize("message, right, wrong", [
    ("장애인 편의 증빙서류도 경력서류처럼 5월 26일까지 보내면 되나요?", "4일 이내", "5. 26."),
    ("임신부 소견서도 척추장애처럼 종합병원에서 받아야 돼요?", "의원급", "척추장애 포함"),
    # the notice says where the exemption papers go, and not how the refund form is sent: that is
    # said, never the exemption period
    ("환불 50% 받으려는데 입원확인서는 면제서류처럼 지역본부에 우편으로 보내요?", "‘우편’", "5. 17."),
])
def test_a_word_set_beside_the_question_by_처럼_does_not_pick_the_topic(talk, message, right, wrong):
    reply = talk()(message)
    assert right in reply and wrong not in reply


def test_without_comparisons_keeps_a_message_that_is_nothing_else():
    from bot.nlu.frames import without_comparisons
    assert without_comparisons("환불처럼") == "환불처럼"
    assert without_comparisons("사진 규격 원서랑 같나요?") == "사진 규격 같나요?"
    assert without_comparisons("신분증 사본도 같이 내요?") == "신분증 사본도 같이 내요?"  # together, no comparison


# -- scores said with their subjects' names, some missing --------------------------------------------

def test_named_scores_are_kept_and_only_the_missing_subject_is_asked(talk):
    t = talk()
    reply = t("1차 점수 민법 60 경제 55 부동산 70 법규 45")
    assert t.asked and "회계학 점수도" in reply and "경제학원론 55점" in reply
    reply = t("회계는 50점이요")
    assert "56.00" in reply and "불합격" in reply


def test_a_bare_number_completes_the_one_missing_subject(talk):
    t = talk()
    t("2차 실무 70 이론 65")
    assert t.asked
    assert "61.66" in t("50")


def test_one_named_subject_under_forty_decides_without_the_others(talk):
    t = talk()
    reply = t("1차 민법 60 회계 30 합격이에요?")
    assert not t.asked and "불합격" in reply and "40점 미만" in reply


# -- a thing the bot has never heard of, named before the topic word -------------------------------

@pytest.mark.parametrize("message", ["트렌질 수수료 얼마에요?", "블라쿠 교시 입실은 몇시까지에요", "감평 플라몬 점수 몇점 필요해요?"])
def test_a_made_up_name_before_a_topic_word_is_declined_not_answered(talk, message):
    reply = talk()(message)
    assert "1644-8000" in reply and "40,000원" not in reply and "11:50" not in reply and "700" not in reply


@pytest.mark.parametrize("message, figure", [
    ("인플루엔자 확진으로 격리돼서 1차 못 봤어요 환불돼요?", "50%"),   # an everyday loanword
    ("맹장염 수술로 입원해서 1차 못 봤어요 환불돼요?", "50%"),         # a noun with its suffix
])
def test_an_everyday_word_the_notice_never_uses_is_no_made_up_name(talk, message, figure):
    assert figure in talk()(message)


def test_wordfreq_knows_everyday_words_and_not_made_up_ones():
    from bot.nlu.known import is_everyday
    assert is_everyday("인플루엔자") and is_everyday("자가격리") and is_everyday("맹장염")
    assert not is_everyday("트렌질") and not is_everyday("블라쿠")


# -- of two facts for one situation, the one made for what is asked -------------------------------

def test_how_to_apply_after_the_exam_gets_the_application_not_the_reasons(talk):
    reply = talk()("시험 끝나고 환불 신청하려면 어떻게 해요?")
    assert "환불신청서" in reply and "7일 전까지" not in reply


def test_whether_a_refund_is_due_after_the_exam_gets_the_reasons(talk):
    assert "7일 전까지" in talk()("시험 끝나고 환불 돼요?")


def test_a_soldier_asking_about_the_refund_proof_gets_the_commander_s_certificate(talk):
    t = talk()
    reply = t("군인 환불 확인서는 누가 써줘야 돼요?")
    assert "중대장" in reply and not t.asked


# -- a missed exam for no reason the notice knows --------------------------------------------------

def test_a_plain_absence_says_which_reasons_would_have_refunded(talk):
    from datetime import datetime
    t = talk(datetime(2023, 4, 20, 12, 0))
    reply = t("시험날 아침에 독감 걸려서 병원 외래만 다녀오고 집에서 쉬었어요 입원은 안했구요. 1차 환불돼요?")
    assert "0원" in reply and "입원" in reply and "감염병 격리" in reply
    assert "그냥 결시했어요" not in reply and "50%" not in reply   # not the applicant's words; no other figure


# -- work told over several messages is counted, not answered with the employer's papers ----------

def test_work_lengths_told_over_messages_are_counted_together(talk):
    t = talk()
    assert "모자라요" in t("부동산원에서 3년 일했고")
    assert "5년 6개월" in t("그 다음 감정평가법인에서 2년 반 일했어요")
    reply = t("합쳐서 면제 되나요?")
    assert "5년 6개월" in reply and "합산" in reply


def test_work_the_notice_does_not_count_decides_over_the_length(talk):
    reply = talk()("한국부동산원 서무원으로 6년 근무했어요 면제 되나요")
    assert "서무원은 인정되지 않아요" in reply and "충족" not in reply


# -- what earlier messages said is an input of the calculator a later question starts --------------

def test_a_reason_told_before_the_refund_question_decides_it(talk):
    t = talk()
    t("친구 결혼식이라 1차 못 갔어요")
    reply = t("환불 돼요?")
    assert not t.asked and "0원" in reply


def test_a_case_told_over_two_messages_is_read_as_one(talk):
    t = talk()
    t("시험장이 갑자기 바뀌어서 1차 못 봤어요")
    reply = t("공단 사정이었대요 환불 얼마에요?")
    assert not t.asked and "100%" in reply and "40,000원" in reply and "오늘(" not in reply  # no day assumed over the case


def test_a_stage_said_of_another_question_is_not_carried(talk):
    t = talk()
    t("2차 과목 뭐예요?")
    t("취소했는데 환불 얼마예요?")
    asked = t.turn.replies[0].text
    assert t.asked and "언제 취소" in asked and "2차 시험 접수를" not in asked


def test_the_last_messages_kept_are_masked_and_bounded(talk_engine):
    from bot.dialogue.state import MESSAGES_KEPT
    talk = [talk_engine.handle("said-1", text, now=__import__("datetime").datetime(2023, 3, 15, 12)) for text in
            ["하나", "둘", "셋", "제 번호는 010-1234-5678이에요"]]
    said = talk_engine.store.load_session("said-1")["said"]
    texts = [text for text, _ in said]
    assert len(said) == MESSAGES_KEPT and "하나" not in texts
    assert "010-1234-5678" not in " ".join(texts) and "번호는" in texts[-1]


# -- numbers and words read where they are ------------------------------------------------------------

def test_a_subject_score_alone_is_checked_against_the_pass_rule(talk):
    t = talk()
    reply = t("1차 과목 하나 35점 나올 것 같아요")
    assert "불합격" in reply and "40점 미만" in reply


def test_a_keyword_starting_with_a_digit_is_not_read_inside_a_number(talk):
    reply = talk()("나머지 다 90점 넘으면 합격이죠?")
    assert "답안지" not in reply


# -- a longer message the bot cannot place alone, read with the question before ----------------------

@pytest.mark.parametrize("before, message, said, not_said", [
    # a longer message the bot cannot place alone, and that names no topic: read with the case before
    ("토익 650점이에요", "언제 본 건지는 기억 안 나는데 1차 영어 되나요?", ["700점", "인정되지 않아요"], []),
    ("일본에서 토익 봤어요", "성적표 보낼 메일 주소가 뭐예요?", ["exam@hrdkorea.or.kr"], []),
    # …but not one about a thing the bot never heard of, nor marks and numbers alone
    ("토익 몇 점 필요해요?", "그럼 트렌질 점수는 몇 점 필요해요?", ["1644-8000"], ["700"]),
    ("토익 800점 2022년 5월에 봤어요", '<script>window.__x = 1</script><img src=x onerror="window.__x = 2">',
     ["1644-8000"], ["인정돼요"]),
])
def test_a_follow_up_is_read_with_the_case_before_only_when_it_leans_on_it(talk, before, message, said, not_said):
    t = talk()
    t(before)
    reply = t(message)
    assert all(x in reply for x in said) and not any(x in reply for x in not_said)


# -- a kind of answer the last topic does not give, from the related topic that does ----------------

@pytest.mark.parametrize("first, minutes, other", [
    ("1차 1교시 과목이 뭐예요", "120분", "100분"),
    ("2차 2교시 무슨 과목이에요?", "100분", "120분"),
])
def test_how_long_after_the_subjects_is_the_timetable_of_that_stage(talk, first, minutes, other):
    t = talk()
    t(first)
    reply = t("그거 몇 분이에요?")
    assert minutes in reply and other not in reply


def test_every_kind_a_topic_gives_is_a_kind_of_answer():
    from bot.nlu.intents import ANSWERS
    from knowledge import load_lexicon
    assert ANSWERS["timetable"] == {"time", "duration"} and set().union(*ANSWERS.values()) <= set(load_lexicon().asks)


def test_a_rule_fact_asked_after_the_applicant_s_decisive_figure_gets_their_case(talk):
    t = talk()
    t("2차 한 과목 38점이에요")
    reply = t("최소합격인원 못 채우면 붙을 수도 있어요?")
    assert "불합격" in reply and "40점 미만" in reply


def test_how_to_do_something_is_still_the_fact_after_a_decided_case(talk):
    t = talk()
    t("토익 800점 2022년 5월에 봤어요")
    reply = t("영어성적 제출 방법이 뭐예요?")
    assert "다이렉트" in reply and "결과:" not in reply


# -- a time asked points to the topics that give times ----------------------------------------------

@pytest.mark.parametrize("message, figure", [
    ("2차 보상법규 몇시에 봐요", "14:40"),
    ("2차 과목이 뭐고 과목당 몇분이에요", "100분"),
])
def test_a_subject_asked_with_a_time_gets_the_timetable(talk, message, figure):
    assert figure in talk()(message)


def test_a_time_word_inside_a_longer_word_asks_no_time():
    from bot.nlu.frames import asks
    assert "time" not in asks("시각장애있는데신분증으로복지카드돼요?")
    assert "place" in asks("서류는어디로보내요?")


# -- another round, said in more ways ------------------------------------------------------------------

@pytest.mark.parametrize("message", [
    "25년 시험 날짜", "24년 2차 언제 봐요", "다음 회 시험 일정 나왔어요?", "이듬해 시험은 언제",
    "내년에도 영어 인정기간 같아요?", "다음 시험 때도 신분증 똑같아요?",
])
def test_another_round_is_declined_with_where_to_look(talk, message):
    reply = talk()(message)
    assert "2023년도 제34회" in reply and "1644-8000" in reply and "4. 8." not in reply


@pytest.mark.parametrize("message", ["21년 3월 토익 750점 돼요?", "22년 1차 합격했는데 2차 언제 봐요"])
def test_a_two_digit_year_of_the_applicant_s_own_past_is_no_other_round(talk, message):
    assert "안내해 드릴 수 없어요" not in talk()(message)
