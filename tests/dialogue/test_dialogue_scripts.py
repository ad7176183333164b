"""Multi-turn conversations through the real NLU, rules, knowledge and templates.

Each calculator flow has a script with an invalid answer, a correction and a topic switch, and
asserts the rule's actual figures and the cited clause. The clock is 2023-03-01 10:00 (conftest).
"""
from __future__ import annotations

from dialogue_support import NOW

NOTICE = "2023년도 제34회 공고 기준"


def test_refund_script(chat):
    reply = chat("취소했는데 환불 받고 싶어요")
    assert chat.intent == "refund"
    assert "언제 취소" in reply and "오늘" in chat.buttons  # the day first: it says the stage too

    reply = chat("3차요")  # invalid: there is no 3rd stage
    assert "1차와 2차만" in reply and "언제 취소" in reply

    reply = chat("1차요")
    assert "1차 시험 접수를 언제" in reply

    reply = chat("2월 30일")  # invalid: no such day
    assert "달력에 없는 날짜" in reply

    reply = chat("3월 10일")
    assert NOTICE in reply
    assert "24,000원" in reply and "60%" in reply
    assert "2023. 3. 19.(일)" in reply  # the last day of the 60% period (exam 4. 8. − 20 days)
    assert "근거: 9. 라. 수수료 환불" in reply
    assert "👍" in chat.buttons

    reply = chat("아 2차요")  # correction right after the answer: 3. 10. is before 2차 application
    assert "2차 시험으로 바꿨어요" in reply
    assert "원서접수 시작" in reply and "언제" in reply

    reply = chat("6월 20일")
    assert "24,000원" in reply and "2023. 6. 25.(일)" in reply  # 2차 exam 7. 15. − 20 days

    reply = chat("모바일 운전면허증도 신분증으로 되나요?")  # topic switch
    assert chat.intent == "id"
    assert "인정돼요" in reply and "12. 2." in reply


def test_refund_several_slots_at_once(chat):
    reply = chat("1차 시험 3월 25일에 접수 취소하면 환불 얼마 받아요?")
    assert "20,000원" in reply and "50%" in reply and "2023. 3. 29.(수)" in reply


def test_english_script(chat):
    reply = chat("영어 성적 인정되는지 확인하고 싶어요")
    assert chat.intent == "english"
    assert "TOEIC" in chat.buttons and "TEPS" in chat.buttons

    reply = chat("TOEIC")  # a button
    assert "TOEIC 점수" in reply

    reply = chat("9999점")  # invalid: above the test's maximum
    assert "990" in reply and "TOEIC 점수" in reply

    reply = chat("750점")
    assert "응시일" in reply or "본 날짜" in reply

    reply = chat("2022년 5월 29일")
    assert NOTICE in reply and "인정돼요" in reply and "700점" in reply
    assert "8. 가." in reply

    reply = chat("아 텝스였어요")  # correction: 750 does not fit TEPS (max 600)
    assert "TEPS" in reply and "600" in reply

    reply = chat("300점")
    assert "인정되지 않아요" in reply and "340" in reply

    reply = chat("그럼 환불은 얼마나 받을 수 있어요?")  # topic switch
    assert chat.intent == "refund"


def test_english_hearing_impaired_standard_button(chat):
    chat("토익 2022년 5월 29일 응시 400점 인정돼요?")
    assert "인정되지 않아요" in chat.turn.replies[0].text
    reply = chat("청각장애인 기준으로")
    assert "인정돼요" in reply and "350" in reply


def test_id_script(chat):
    reply = chat("제 신분증으로 시험 볼 수 있나요?")
    assert chat.intent == "id"
    assert "주민등록증" in chat.buttons

    reply = chat("몰라요")  # invalid: no document named
    assert "신분증 이름" in reply

    reply = chat("주민등록증 복사본이요")
    assert NOTICE in reply and "인정되지 않아요" in reply and "12. 2." in reply

    reply = chat("여권은요?")  # correction of the document
    assert "인정돼요" in reply

    reply = chat("시각장애 중증이면 시험시간 얼마나 늘어나요?")  # topic switch
    assert chat.intent == "accommodation"


def test_accommodation_script(chat):
    reply = chat("시각장애 중증이면 1교시 몇 분이에요?")
    assert chat.intent == "accommodation"
    # the multiplier is the row's: no stage question, both stages' minutes at once
    assert "시험인가요" not in reply and NOTICE in reply and "1.7배" in reply
    # 1교시 asked: that period of each stage (120 × 1.7, 100 × 1.7), not the 2교시
    assert "204분" in reply and "170분" in reply and "136분" not in reply
    assert "9. 사." in reply
    assert chat.buttons[:2] == ["1차 교시별 시간", "2차 교시별 시간"]

    reply = chat("2차 교시별 시간")  # one stage's detail
    assert "2차 시험 응시 편의" in reply and "170분" in reply and "204분" not in reply

    reply = chat("3차")  # invalid correction
    assert "1차와 2차만" in reply

    reply = chat("경증이면요?")  # correction of the severity: 1.5 × 100
    assert "150분" in reply and "1.5배" in reply

    reply = chat("2차 시험 날짜가 언제예요?")  # topic switch to a fact
    assert chat.intent == "schedule_exam_date"
    assert "2023. 7. 15." in reply


def test_certificate_lookup_script(chat):
    reply = chat("가산점 자격증 조회 실패라고 떠요")
    assert chat.intent == "cert_lookup"
    assert "1단계" in reply and "붙임 1." in reply
    assert "다음 단계" in chat.buttons

    reply = chat("다음 단계")
    assert "2단계" in reply and "상장형" in reply

    reply = chat("음 잘 모르겠어요")  # invalid: no screen recognised, stays on step 2
    assert "알 수 없어요" in reply and "2단계" in reply

    reply = chat("아 3단계요")  # correction: jump to the step they are on
    assert "3단계" in reply and "증빙서류제출" in reply

    reply = chat("조회 실패 (증빙서류제출 완료)로 바뀌었어요")
    assert "제출 완료" in reply and "더 하실 일은 없어요" in reply

    chat("자격증 조회 실패 떠요")
    reply = chat("환불은 얼마 받아요?")  # topic switch mid-walk-through
    assert chat.intent == "refund"
    assert any(b.startswith("이어서") for b in chat.buttons) or "1차 시험인가요" in reply


def test_fallback_offers_topics_and_help_desk_and_is_logged(shared_engine, chat):
    reply = chat("ㅁㄴㅇㄹ 그거 어떻게 됐더라")
    assert chat.intent is None
    assert "1644-8000" in reply
    assert "처음으로" in chat.buttons
    logged = [r["text"] for r in shared_engine.store.list_unanswered(limit=50)]
    assert "ㅁㄴㅇㄹ 그거 어떻게 됐더라" in logged


def test_other_exams_are_out_of_scope(chat):
    reply = chat("공인중개사 시험 일정 알려주세요")
    assert chat.intent == "out_of_scope"
    assert "2023. 4. 8." not in reply and "근거" not in reply
    assert "1644-8000" in reply


def test_template_injection_comes_back_literally(chat):
    for hostile in ("{{ 7*7 }}", "{% for x in range(3) %}x{% endfor %}"):
        reply = chat(hostile)
        assert "49" not in reply and "xxx" not in reply
        assert hostile in reply  # echoed in the fallback, as text


def test_greeting_and_help_show_the_topic_menu(chat):
    reply = chat("안녕하세요")
    assert chat.intent == "greeting" and "수수료 환불 계산" in chat.buttons
    reply = chat("도움말")
    assert chat.intent == "help" and "1644-8000" in reply


def test_a_word_naming_several_ids_is_asked_not_guessed(chat):
    reply = chat("모바일 신분증 돼요?")
    assert "어느 것인가요" in reply
    assert "모바일 운전면허증 (경찰청 발행)" in chat.buttons
    reply = chat("모바일 운전면허증 (경찰청 발행)")  # the button
    assert "인정돼요" in reply and "12. 2." in reply


from hypothesis import HealthCheck, given, settings, strategies as st

KOREANISH = st.text(
    alphabet=st.sampled_from(list("환불신분증토익점차월일시험영어취소몰라요네아니 0123456789-.:/{}%?!ㅋㅠ")) | st.characters(),
    max_size=120,
)


STARTERS = (
    "환불 얼마 받을 수 있어요?", "토익 점수 인정되는지 확인해 주세요", "모바일 신분증 돼요?",
    "장애인 편의 시험시간 계산", "자격증 조회 실패 떠요", "1차 합격했는지 계산해 주세요",
    "가상계좌 입금 언제까지예요", "경력으로 1차 면제 되는지 계산", "서류 제출 지역본부 어디예요",
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(starter=st.sampled_from(STARTERS), text=KOREANISH, again=KOREANISH)
def test_any_message_mid_conversation_gets_a_real_reply(shared_engine, starter, text, again):
    for message in ("처음으로", starter, text, again):
        reply = shared_engine.handle("fuzz-real", message, channel="test", now=NOW).replies[0].text
        assert reply and "문제가 생겼어요" not in reply  # answered, not the engine's catch-all


def test_pass_check_with_the_tie_rule_figure(chat):
    reply = chat("1차 점수 계산 좀 70 65 80 55 60")
    assert chat.intent == "pass" and "합격 기준을 충족해요" in reply and "66.00" in reply
    reply = chat("아 2차 60 50 45요")  # 2차: all ≥ 40 but average < 60 → depends on the minimum count
    assert "최소합격인원" in reply and "51.66" in reply and "5. 나." in reply


def test_payment_deadline_asks_morning_or_afternoon_for_a_bare_hour(chat):
    reply = chat("2월 8일 오후 3시에 접수했는데 가상계좌 입금 언제까지?")
    assert "2023. 2. 9.(목) 14:00까지" in reply and "9. 다." in reply
    reply = chat("6시")
    assert "오전인가요, 오후인가요?" in reply and chat.buttons[:2] == ["오전 6시", "오후 6시"]
    reply = chat("오전 6시")
    assert "2023. 2. 8.(수) 14:00까지" in reply  # before 13:00: the same day


def test_exemption_by_experience(chat):
    chat("감정평가법인 2017년 3월부터 다녔는데 1차 면제 되나요")
    reply = chat("2017년 3월 2일부터 현재까지")
    assert "충족해요" in reply and "2,191일" in reply and "1,826일" in reply and "6. 나." in reply


def test_office_for_a_region(chat):
    reply = chat("면제서류 부산에서 어디로 내요")
    assert "부산지역본부" in reply and "051-330-1812" in reply and "7. 다." in reply
