"""English thresholds: a message that names a test gets that test's figures first (general and
hearing-impaired, "–" read as "cannot be used"), then the notice's full list."""
from __future__ import annotations

FULL_LIST = "토플 PBT 530, 토플 iBT 71, 토익 700, 텝스 340"


def test_named_test_leads(chat):
    reply = chat("텝스몇점이상이에요")
    assert chat.intent == "english_thresholds"
    lead = "TEPS 기준점수는 일반 340점, 청각장애인 204점이에요."
    assert lead in reply and FULL_LIST in reply
    assert reply.index(lead) < reply.index(FULL_LIST)
    assert "8. 가." in reply


def test_a_test_without_a_hearing_impaired_standard(chat):
    reply = chat("토플 ibt 몇점 이상이에요?")
    assert "TOEFL iBT 기준점수는 일반 71점이고, 청각장애인 기준은 없어요(사용할 수 없어요)." in reply


def test_an_ambiguous_name_leads_with_every_test_it_may_mean(chat):
    reply = chat("토플 기준점수 몇점?")
    assert "TOEFL PBT 기준점수는 일반 530점, 청각장애인 352점이에요." in reply
    assert "TOEFL iBT 기준점수는 일반 71점이고" in reply


def test_no_test_named_gives_the_list_only(chat):
    reply = chat("영어 기준점수 알려줘")
    assert FULL_LIST in reply and "기준점수는 일반" not in reply


def test_every_test_of_the_knowledge(shared_engine, chat):
    for test in shared_engine.exam.english.tests:
        reply = chat(f"{test.aliases[0]} 기준점수 몇점이에요?")
        general = f"일반 {test.general:g}점"
        assert general in reply, (test.id, reply)
        if test.hearing_impaired is None:
            assert "청각장애인 기준은 없어요(사용할 수 없어요)" in reply, test.id
        else:
            assert f"청각장애인 {test.hearing_impaired:g}점이에요" in reply, test.id

