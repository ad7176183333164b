"""ID on exam day (notice 12. 수험자 유의사항 2.): every entry of the list per group, the rejected forms,
documents the notice does not accept, mobile forms and group inference. Names as applicants type them."""
from datetime import date

import pytest

from rules import id_check
from rules.types import AmbiguousInput, IdGroup, IdRequest, InvalidInput
from rules_support import said

TODAY = date(2023, 4, 1)

COMMON = [
    "주민등록증", "주민등록증발급신청확인서", "정부24 주민등록증 모바일 확인서비스", "PASS 주민등록증",
    "운전면허증", "모바일 운전면허증", "PASS 모바일 운전면허 확인서비스", "건설기계조종사면허증", "여권",
    "공무원증", "장교 신분증", "군무원 신분증", "장애인등록증", "복지카드", "국가유공자증", "국가기술자격증",
    "카카오 자격증", "네이버 자격증", "정부24 자격증", "동력수상레저기구 조종면허증",
]
GROUP_ONLY = {
    IdGroup.STUDENT: ["학생증", "고등학교 학생증", "NEIS 재학증명서", "국가자격검정용 신분확인증명서", "청소년증",
                      "청소년증발급신청확인서", "국가자격증"],
    IdGroup.PRESCHOOL: ["국가자격검정용 임시신분증", "국가자격증"],
    IdGroup.SOLDIER: ["국가자격검정용 신분확인증명서"],
    IdGroup.FOREIGNER: ["외국인등록증", "외국국적동포국내거소신고증", "거소신고증", "영주증"],
}


def check(exam, document, group=None):
    return id_check(exam, IdRequest(document=document, group=group), TODAY)


@pytest.mark.parametrize("group", list(IdGroup))
@pytest.mark.parametrize("document", COMMON)
def test_common_documents_count_for_every_group(exam, document, group):
    d = check(exam, document, group)
    assert d.accepted is True, said(d)["explanation"]
    assert IdGroup.GENERAL in d.groups
    assert d.citations[0].clause == "12. 2."


@pytest.mark.parametrize(
    "group, document", [(g, doc) for g, docs in GROUP_ONLY.items() for doc in docs]
)
def test_group_documents_count_for_their_group_only(exam, group, document):
    assert check(exam, document, group).accepted is True
    d = check(exam, document, IdGroup.GENERAL)
    assert d.accepted is False and "에게만 인정" in said(d)["explanation"]


@pytest.mark.parametrize(
    "document, group",
    [("학생증", IdGroup.STUDENT), ("청소년증", IdGroup.STUDENT), ("외국인등록증", IdGroup.FOREIGNER),
     ("영주증", IdGroup.FOREIGNER), ("국가자격검정용 임시신분증", IdGroup.PRESCHOOL), ("여권", IdGroup.GENERAL),
     ("고등학생인데 여권", IdGroup.STUDENT), ("군인인데 신분확인증명서", IdGroup.SOLDIER)],
)
def test_group_is_inferred_when_not_given(exam, document, group):
    d = check(exam, document)
    assert d.group is group and d.accepted is True


@pytest.mark.parametrize(
    "document, form",
    [("주민등록증 복사본", "복사본"), ("운전면허증 캡처", "화면 캡처본"), ("모바일 운전면허증 캡처본", "화면 캡처본"),
     ("여권 사진 찍은 것", "녹화·촬영본"), ("주민등록증 사본", "복사본"), ("학생증 컬러복사", "복사본")],
)
def test_rejected_forms_are_not_accepted_even_for_listed_documents(exam, document, form):
    d = check(exam, document)
    assert d.accepted is False
    assert d.rejected_form == form and d.document is not None


@pytest.mark.parametrize(
    "document", ["대학교 학생증", "대학생증", "사원증", "건강보험증", "민간자격증", "국가공인 자격증", "주민등록등본",
                 "수험표", "신용카드"],
)
def test_documents_the_notice_does_not_accept(exam, document):
    d = check(exam, document)
    assert d.accepted is False
    assert "인정되지 않아요" in said(d)["explanation"] and d.alternatives


def test_university_student_card_points_to_common_documents(exam):
    d = check(exam, "대학교 학생증")
    assert d.group is IdGroup.GENERAL
    assert "초·중·고" in said(d)["explanation"]


@pytest.mark.parametrize("document", ["모바일 여권", "모바일 학생증", "휴대폰 공무원증"])
def test_mobile_forms_count_only_where_the_notice_names_them(exam, document):
    d = check(exam, document)
    assert d.accepted is False and "모바일" in said(d)["explanation"]


def test_mobile_driver_licence_said_the_other_way_round(exam):
    d = check(exam, "운전면허증 모바일로 보여줘도 돼요?")
    assert d.accepted is True and d.document_id == "driver_licence_mobile"


def test_conditions_name_the_required_fields_and_originals(exam):
    d = check(exam, "학생증")
    joined = " ".join(said(d)["conditions"])
    for word in ("사진", "성명", "생년월일", "발급기관", "원본", "학교장 직인"):
        assert word in joined


def test_unknown_document_offers_the_list(exam):
    d = check(exam, "도서관 카드")
    assert d.accepted is None
    assert "① 주민등록증" in d.alternatives and "④ 여권" in d.alternatives
    assert "1644-8000" in said(d)["explanation"]


def test_several_documents_answer_the_last_and_mention_the_others(exam):
    d = check(exam, "주민등록증 없으면 사원증 돼요?")
    assert d.accepted is False and d.document_id == "employee_card"
    assert any("주민등록증도 인정" in r for r in said(d)["reasons"])


def test_empty_document_is_invalid(exam):
    with pytest.raises(InvalidInput):
        check(exam, "  ")


@pytest.mark.parametrize(
    "document, option",
    [("모바일 신분증", "모바일 운전면허증 (경찰청 발행)"), ("자격증", "국가기술자격증"), ("군인 신분증", "국가자격검정용 신분확인증명서")],
)
def test_words_that_could_mean_several_documents_are_asked(exam, document, option):
    with pytest.raises(AmbiguousInput) as info:
        check(exam, document)
    assert option in info.value.options
    for choice in info.value.options:  # every option reads back to a decision
        assert check(exam, choice).document is not None


def test_ambiguous_word_in_a_rejected_form_is_still_refused(exam):
    assert check(exam, "모바일 신분증 캡처").accepted is False
