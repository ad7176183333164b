"""Tenth round of understanding (issue 9): a paper of another topic's procedure named with a copy
("자격증 사본" is the certificate lookup's attachment) is no copy of an ID unless the exam day is
spoken of; the guide's own screens and terms (수첩형, 파일 변경) name the lookup walk-through."""
from __future__ import annotations

import pytest

NOT_AN_ID = "신분증으로 인정되지 않아요"


@pytest.mark.parametrize("text", ["자격증 사본 파일 바꾸고 싶어요", "자격증 사본 안 올리면 어떻게 돼요"])
def test_the_lookups_certificate_copy_is_not_an_id_copy(talk, text):
    t = talk()
    reply = t(text)
    assert t.turn.intent == "cert_lookup" and NOT_AN_ID not in reply


@pytest.mark.parametrize("text", ["국가기술자격증 사본으로 시험장 들어갈 수 있어요?", "자격증 사본 가져가도 돼요?"])
def test_a_certificate_copy_brought_on_the_exam_day_is_still_no_id(talk, text):
    t = talk()
    reply = t(text)
    assert NOT_AN_ID in reply


@pytest.mark.parametrize("text, step", [("수첩형 자격증 스캔해도 돼요?", "2단계"), ("파일 변경 어떻게 해요", "4단계")])
def test_the_guides_own_terms_name_its_walk_through(talk, text, step):
    t = talk()
    reply = t(text)
    assert t.turn.intent == "cert_lookup" and step in reply
