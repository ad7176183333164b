"""Personal data is masked before anything is stored; what the bot needs (dates, scores) is not."""
import pytest

from bot.privacy import mask


@pytest.mark.parametrize(
    "text, secret, label",
    [
        ("제 주민번호는 900101-1234567 이에요", "900101-1234567", "[주민등록번호]"),
        ("주민번호 9001011234567", "9001011234567", "[주민등록번호]"),
        ("외국인등록번호 900101 - 5234567", "5234567", "[주민등록번호]"),
        ("010-1234-5678로 연락 주세요", "1234-5678", "[전화번호]"),
        ("01012345678", "01012345678", "[전화번호]"),
        ("집 02-123-4567", "123-4567", "[전화번호]"),
        ("부산 051 330 1812", "330 1812", "[전화번호]"),
        ("+82 10 1234 5678", "1234 5678", "[전화번호]"),
        ("+821012345678", "1012345678", "[전화번호]"),
        ("메일은 hong.gildong@example.co.kr 입니다", "hong.gildong@example.co.kr", "[이메일]"),
        ("자격증번호 : 12345678", "12345678", "[번호]"),
        ("등록번호는 23-1234567 입니다", "23-1234567", "[번호]"),
        ("수험번호 12345 인데요", "12345", "[번호]"),
        ("여권 M12345678 가져가요", "M12345678", "[여권번호]"),
        ("계좌 110-123-456789 로 환불", "110-123-456789", "[번호]"),
    ],
)
def test_personal_data_is_replaced_by_a_label(text, secret, label):
    masked = mask(text)
    assert secret not in masked
    assert label in masked


@pytest.mark.parametrize(
    "text",
    [
        "3월 25일에 취소하면 2023-03-25 환불 얼마?",
        "토익 750점 2023. 3. 19. 09:00~18:00 40,000원",
        "HRD 고객센터 1644-8000 맞나요",
        "1차 70 65 80 55 60점",
        "20230325에 접수했어요",
        "2017. 3. 1. ~ 2023. 2. 28. 근무",
    ],
)
def test_questions_without_personal_data_are_unchanged(text):
    assert mask(text) == text


def test_empty_and_none():
    assert mask("") == ""
    assert mask(None) == ""
