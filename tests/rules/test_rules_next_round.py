"""A second round (dates shifted a year, the TOEIC threshold raised to 750) gives shifted answers with
no code change: the rules read every date, figure and threshold from the knowledge data."""
from datetime import date, datetime

from rules import accommodation, english, payment_deadline, refund
from rules.types import AccommodationRequest, EnglishRequest, PaymentRequest, RefundRequest
from rules_support import said


def test_refund_periods_move_with_the_exam_date(exam_2024):
    assert exam_2024.stage(1).exam_date == date(2024, 4, 8)
    assert refund(exam_2024, RefundRequest(1, date(2024, 3, 19)), date(2024, 1, 1)).percent == 60
    assert refund(exam_2024, RefundRequest(1, date(2024, 3, 20)), date(2024, 1, 1)).percent == 50
    assert refund(exam_2024, RefundRequest(1, date(2024, 3, 30)), date(2024, 1, 1)).percent == 0
    d = refund(exam_2024, RefundRequest(1, datetime(2024, 2, 10, 18, 1)), date(2024, 1, 1))
    assert d.percent == 60 and d.notice_label == "2024년도 제35회 공고 기준"
    assert "60% 환불: 2024. 2. 11. ~ 3. 19." in " ".join(said(d)["schedule"])


def test_changed_threshold_and_window(exam, exam_2024):
    request = EnglishRequest(test="토익", score=720, taken=date(2022, 6, 1))
    assert english(exam, request, date(2023, 1, 1)).valid
    later = english(exam_2024, EnglishRequest(test="토익", score=720, taken=date(2023, 6, 1)), date(2024, 1, 1))
    assert not later.valid and later.threshold == 750
    assert english(exam_2024, EnglishRequest(test="토익", score=750, taken=date(2022, 2, 11)), date(2024, 1, 1)).valid
    old = english(exam_2024, EnglishRequest(test="토익", score=900, taken=date(2022, 2, 10)), date(2024, 1, 1))
    assert not old.valid


def test_submission_and_payment_dates_move(exam_2024):
    d = accommodation(exam_2024, AccommodationRequest("시각 중증", 1), date(2024, 1, 1))
    assert d.submit_by.date() == date(2024, 2, 14) and d.minutes == (204, 136)
    p = payment_deadline(exam_2024, PaymentRequest(1, datetime(2024, 2, 6, 13, 30)), date(2024, 1, 1))
    assert p.deadline == datetime(2024, 2, 7, 14, 0)
