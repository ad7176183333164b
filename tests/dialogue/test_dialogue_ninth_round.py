"""Ninth round of understanding (issue 9): a question asked inside a sentence ("…되는지 궁금하고",
"…되는지랑") is a question of its own in a run-on message; a part answered by the same clause as the
part before is not called unanswerable when that clause names what it asks about; a distributive
씩 is a particle."""
from __future__ import annotations

from datetime import datetime

import pytest

HELP_DESK = "1644-8000"
UNSURE = "확실하게 답할 수 없어요"


@pytest.mark.parametrize("text", ["2차 과목마다 몇 문제씩 나와요?", "1차는 과목당 몇문제씩 출제돼요?"])
def test_a_distributive_particle_is_no_unknown_thing(talk, text):
    t = talk()
    reply = t(text)
    assert t.turn.intent == "question_format" and UNSURE not in reply


@pytest.mark.parametrize("text, decisive", [
    # a validity check asked inside the sentence, then a threshold
    ("작년 3월에 본 토익 800점 이거 인정되는지 궁금하고 텝스는 기준이 몇점이에요?", ("인정돼요", "340")),
    # an aid of the accommodation row asked inside the sentence, then the hearing-impaired threshold
    ("청각장애인인데 보청기 써도 되는지랑 토익은 몇점 있어야 되는지 알려주세요", ("보청기", "350")),
])
def test_a_question_asked_inside_a_sentence_is_answered_with_the_next(talk, text, decisive):
    t = talk()
    reply = t(text)
    assert all(d in reply for d in decisive), reply
    assert not t.asked


def test_a_part_the_same_clause_answers_is_not_called_unanswerable(talk):
    t = talk()
    reply = t("1차 과락이 몇점이고 평균 몇점 넘어야 붙는거에요?")
    assert "40점" in reply and "60점" in reply and UNSURE not in reply


def test_a_part_naming_what_the_clause_does_not_say_is_still_called_unanswerable(talk):
    t = talk()
    reply = t("1차 과락이 몇점이에요? 그리고 과락 면제 쿠폰은 어디서 받아요?")
    assert "40점" in reply and HELP_DESK in reply


@pytest.mark.parametrize("word, thing", [("힘들어서", None), ("졸려서", None), ("늦어서", None), ("동의서", "동의서"), ("보고서", "보고서")])
def test_a_verb_connective_in_eoseo_is_no_thing_but_a_paper_is(word, thing):
    from bot.nlu.coverage import thing_named

    assert thing_named(word) == thing


def test_an_indefinite_pronoun_is_no_unknown_thing(talk):
    t = talk()
    reply = t("경력 사실확인서 입증인은 아무나 해도 돼요?")
    assert "동일 직업" in reply and HELP_DESK not in reply


@pytest.mark.parametrize("text, thing", [
    ("영어성적 다이렉트 제출 스마트폰으로 할 수 있어요?", "스마트폰"),
    ("국민연금가입증명원 휴대폰으로 발급받은 거 돼요?", "휴대폰"),
])
def test_a_word_of_the_lexicon_that_is_no_input_is_no_knowledge_of_the_calculator(talk, text, thing):
    t = talk()
    reply = t(text)
    assert HELP_DESK in reply and "확실하게 답할 수 없어요" in reply


@pytest.mark.parametrize("text, verdict", [("모바일 운전면허증 되나요?", "인정돼요"), ("핸드폰으로 찍은 주민등록증 사진 돼요?", "인정되지 않아요")])
def test_the_same_words_read_as_an_input_still_decide(talk, text, verdict):
    t = talk()
    assert verdict in t(text)


# -- what the last clause asks of, beside a calculator's inputs ------------------------------------

@pytest.mark.parametrize("text, thing", [
    ("입원해서 1차 못 봤는데 대리인이 대신 환불 신청해도 되나요?", "대리인"),
    ("부산지역본부 가려면 버스 몇번 타야돼요?", "버스"),
    ("여권 보여줄때 모자도 벗어야 되나요?", "모자"),
])
def test_what_the_last_clause_asks_beside_the_inputs_must_be_known(talk, text, thing):
    t = talk()
    reply = t(text)
    assert HELP_DESK in reply and f"‘{thing}’" in reply


@pytest.mark.parametrize("text, decisive", [
    ("태풍 와서 기차가 다 끊기는 바람에 1차 시험장에 못 갔어요", "50%"),  # a story alone asks nothing
    ("시각장애 중증이라서 걱정인데 2차 세과목 다 합치면 총 몇분이에요?", "510분"),  # counted exam things
    ("신장장애가 있어서 화장실을 자주 가야되는데 시험중에 나갔다 올 수 있나요", "화장실"),  # a past form is a verb
])
def test_the_story_before_the_last_clause_is_the_calculators_own(talk, text, decisive):
    t = talk()
    reply = t(text)
    assert decisive in reply and "확실하게 답할 수 없어요" not in reply


@pytest.mark.parametrize("text, things", [
    ("모바일 운전면허증 보여줄때 마스크도 벗어야돼요?", ["모바일", "운전면허증", "마스크"]),
    ("여권 보여줄때 모자도 벗어야 되나요?", ["여권", "모자"]),
    ("담요 가져가도 돼요?", ["담요"]),
    ("물 마셔도 되나요?", []),
])
def test_a_thing_with_the_particle_do_is_no_permission_verb(text, things):
    from bot.nlu.coverage import things_asked_about

    assert things_asked_about(text) == things


# -- a clause the notice states for one stage only -------------------------------------------------

def test_a_clause_stated_for_one_stage_asked_of_the_other_says_so(talk):
    t = talk()
    reply = t("2차 가답안도 공개돼요?")
    assert "제1차 시험에 대해서만" in reply and HELP_DESK in reply and "4. 8." in reply


def test_the_same_clause_asked_of_its_own_stage_is_answered_plainly(talk):
    t = talk()
    reply = t("1차 가답안 언제 나와요?")
    assert "4. 8." in reply and "대해서만" not in reply


def test_a_stage_with_a_clause_of_its_own_gets_that_clause(talk):
    t = talk()
    reply = t("2차 시험시간표 알려주세요")
    assert "대해서만" not in reply and "2차" in reply


@pytest.mark.parametrize("word, thing", [("영문으로도", "영문"), ("사람한테도", "사람"), ("서울에서는", "서울"), ("카드로는", "카드")])
def test_two_particles_come_off_a_thing(word, thing):
    from bot.nlu.coverage import thing_named

    assert thing_named(word) == thing


@pytest.mark.parametrize("text", ["카드 결제했는데 환불은 카드취소로 돼요?", "2차 채점기준은 공개되나요?"])
def test_a_kind_of_a_general_exam_word_is_not_spoken_of_by_that_word(talk, text):
    t = talk()
    reply = t(text)
    assert HELP_DESK in reply and "확실하게 답할 수 없어요" in reply


# -- a follow-up a calculator would start from scratch ---------------------------------------------

def test_a_follow_up_that_gives_a_calculator_nothing_is_read_with_the_question_before(talk):
    t = talk()
    t("경력 면제서류 내는 기간이 언제까지예요?")
    reply = t("일요일에 가져가도 받아주나요?")
    assert not t.asked and "토·일·공휴일 제외" in reply


def test_a_follow_up_that_gives_the_calculator_its_input_is_that_calculator(talk):
    t = talk()
    t("경력 면제서류 내는 기간이 언제까지예요?")
    reply = t("여권 가져가도 되나요?")
    assert "인정돼요" in reply


# -- a case of the applicant's own, told of a relative -----------------------------------------------

@pytest.mark.parametrize("text", [
    "엄마가 입원하셔서 시험 못봤어요 환불돼요?",
    "아버지께서 코로나 확진돼서 간병하느라 1차 못 갔어요 환불되나요",
])
def test_a_relatives_hospital_stay_or_quarantine_refunds_nothing(talk, text):
    t = talk(datetime(2023, 4, 20, 12, 0))
    reply = t(text)
    assert "0원" in reply and "20,000원" not in reply


@pytest.mark.parametrize("text", [
    "제가 입원해서 시험 못봤어요 엄마가 환불되냐고 물어보래요",
    "남편이 확진 받아서 저도 격리됐어요 환불되나요",
    "동생이 입원해서 1차 시험 못 봤대요 환불 되나요?",  # asked for the sibling, who is the applicant
])
def test_the_applicants_own_stay_told_beside_a_relative_still_refunds_half(talk, text):
    t = talk(datetime(2023, 4, 20, 12, 0))
    reply = t(text)
    assert "20,000원" in reply
