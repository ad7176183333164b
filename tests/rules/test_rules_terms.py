"""Finding the notice's terms in whole sentences (for the NLU) and the Korean formats."""
from datetime import date, datetime

import pytest

from rules import find_disability, find_id_document, find_id_group, find_refund_reason, find_region, find_test
from rules.accommodation import resolve_rows
from rules.formatting import format_date, format_datetime, format_krw, format_range, josa
from rules.types import IdGroup, RefundReason


@pytest.mark.parametrize(
    "text, test_id",
    [("토익", "toeic"), ("토익 2021년 3월 750점 인정돼요?", "toeic"), ("TOEIC 800", "toeic"),
     ("토플 iBT 80점이요", "toefl_ibt"), ("토플IBT", "toefl_ibt"), ("TOEFL-iBT", "toefl_ibt"),
     ("토플 pbt 550", "toefl_pbt"), ("텝스 350이면 돼요?", "teps"), ("지텔프 레벨2 70점", "gtelp"),
     ("G-TELP 65", "gtelp"), ("플렉스", "flex"), ("토셀 어드밴스드", "tosel"), ("아이엘츠 5.5", "ielts"),
     ("IELTS 6.0", "ielts"),
     ("토플 80점", None),  # PBT or iBT: ask
     ("토익스피킹 150", None),  # a different test, not in the table
     ("영어 성적 몇 점이에요?", None)],
)
def test_find_test(exam, text, test_id):
    assert find_test(exam, text) == test_id


@pytest.mark.parametrize(
    "text, reason",
    [("입원해서 시험 못 봤어요 환불 되나요", RefundReason.HOSPITALISATION),
     ("코로나 확진으로 격리됐어요", RefundReason.QUARANTINE),
     ("할머니가 돌아가셔서 못 갔어요", RefundReason.BEREAVEMENT),
     ("폭설로 교통이 끊겼어요", RefundReason.WEATHER),
     ("부대 휴가 금지라서요", RefundReason.MILITARY_LEAVE_BAN),
     ("시험장 정전", RefundReason.ORGANISER_FAULT),
     ("두 번 결제했어요", RefundReason.OVERPAYMENT),
     ("3월 25일에 취소하면 환불 얼마?", RefundReason.CANCEL),
     ("결시했는데 환불", RefundReason.ABSENT),
     ("안녕하세요", None)],
)
def test_find_refund_reason(exam, text, reason):
    assert find_refund_reason(exam, text) == reason


@pytest.mark.parametrize(
    "text, phrase",
    [("시각장애 중증이면 1교시 몇 분?", "시각 중증"), ("상지 경증인데요", "상지 경증"),
     ("상지 중증 하지 복합이에요", "상지 중증 하지"), ("임신 중인데 화장실 가도 돼요?", "임신"),
     ("과민성대장증후군 있어요", "과민성대장"), ("팔에 깁스했어요", "일시적"),
     ("신청하지 않았어요", None), ("입실 시각이 언제예요?", None), ("하지만 궁금해요", None)],
)
def test_find_disability(exam, text, phrase):
    assert find_disability(exam, text) == phrase
    if phrase:  # the canonical phrase reads back to the same row
        assert resolve_rows(exam, phrase).aliases[0] == phrase


@pytest.mark.parametrize(
    "text, phrase",
    [("모바일 신분증 돼요?", "모바일 신분증"), ("주민등록증 복사본도 되나요?", "주민등록증 복사본"),
     ("대학교 학생증 가져가도 돼요?", "대학교 학생증"), ("운전면허증 캡처해서 보여줘도 돼요", "운전면허증 캡처"),
     ("여권 돼요?", "여권"), ("뭘 가져가야 해요?", None)],
)
def test_find_id_document_keeps_what_qualifies_it(exam, text, phrase):
    assert find_id_document(exam, text) == phrase


@pytest.mark.parametrize(
    "text, group",
    [("고등학생인데요", IdGroup.STUDENT), ("군인이에요", IdGroup.SOLDIER), ("외국인도 돼요?", IdGroup.FOREIGNER),
     ("미취학 아동", IdGroup.PRESCHOOL), ("그냥 궁금", None)],
)
def test_find_id_group(exam, text, group):
    assert find_id_group(exam, text) == group


@pytest.mark.parametrize("text, region", [("서울", "서울"), ("부산광역시에서 봐요", "부산"), ("대전 지역본부", "대전"), ("인천", None)])
def test_find_region(exam, text, region):
    assert find_region(exam, text) == region


def test_korean_formats():
    assert format_date(date(2023, 3, 19)) == "2023. 3. 19.(일)"
    assert format_datetime(datetime(2023, 2, 10, 18, 0)) == "2023. 2. 10.(금) 18:00"
    assert format_krw(24000) == "24,000원"
    assert format_range(date(2023, 2, 11), date(2023, 3, 19)) == "2023. 2. 11. ~ 3. 19."
    assert format_range(date(2023, 12, 30), date(2024, 1, 2)) == "2023. 12. 30. ~ 2024. 1. 2."


@pytest.mark.parametrize(
    "word, particle, expected",
    [("주민등록증", "은", "주민등록증은"), ("수험표", "은", "수험표는"), ("TOEIC", "은", "TOEIC은"),
     ("G-TELP", "은", "G-TELP는"), ("여권", "을", "여권을"), ("서울", "으로", "서울로"), ("부산", "으로", "부산으로")],
)
def test_particles(word, particle, expected):
    assert josa(word, particle) == expected
