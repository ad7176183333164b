"""Refunds (notice 9. 라.): every row of the table, every extra case, both sides of every boundary.

Expected figures are written out from the notice (fee 40,000원; 1차 exam 2023. 4. 8., 2차 2023. 7. 15.;
"시험시행일 20일/10일 전까지" = through 3. 19. / 3. 29. and 6. 25. / 7. 5.), not computed here.
"""
from datetime import date, datetime

import pytest

from rules import refund
from rules.types import InvalidInput, RefundReason, RefundRequest
from rules_support import said

TODAY = date(2023, 1, 10)


def decide(exam, stage, on, reason=RefundReason.CANCEL, **kw):
    return refund(exam, RefundRequest(stage=stage, on=on, reason=reason, **kw), TODAY)


# --- cancellation: application period, 60%, 50%, nothing -----------------------------------------

@pytest.mark.parametrize(
    "stage, on, percent, amount",
    [
        # 1차: application 2023. 2. 6. 09:00 ~ 2. 10. 18:00
        (1, datetime(2023, 2, 6, 9, 0), 100, 40000),
        (1, datetime(2023, 2, 10, 18, 0), 100, 40000),
        (1, datetime(2023, 2, 10, 18, 1), 60, 24000),
        (1, datetime(2023, 3, 19, 23, 59), 60, 24000),
        (1, date(2023, 3, 19), 60, 24000),
        (1, date(2023, 3, 20), 50, 20000),
        (1, date(2023, 3, 29), 50, 20000),
        (1, date(2023, 3, 30), 0, 0),
        (1, date(2023, 4, 7), 0, 0),
        # 2차: application 2023. 5. 22. 09:00 ~ 5. 26. 18:00, exam 7. 15.
        (2, datetime(2023, 5, 22, 9, 0), 100, 40000),
        (2, datetime(2023, 5, 26, 18, 0), 100, 40000),
        (2, datetime(2023, 5, 26, 18, 1), 60, 24000),
        (2, date(2023, 6, 25), 60, 24000),
        (2, date(2023, 6, 26), 50, 20000),
        (2, date(2023, 7, 5), 50, 20000),
        (2, date(2023, 7, 6), 0, 0),
    ],
)
def test_cancellation_periods(exam, stage, on, percent, amount):
    d = decide(exam, stage, on)
    assert (d.percent, d.amount_krw, d.fee_krw) == (percent, amount, 40000)
    assert d.citations and all(c.clause == "9. 라." for c in d.citations)


def test_cancellation_answer_shows_concrete_periods_and_where(exam):
    d = decide(exam, 1, date(2023, 3, 25))
    assert "60% 환불: 2023. 2. 11. ~ 3. 19." in " ".join(said(d)["schedule"])
    assert "50% 환불: 2023. 3. 20. ~ 3. 29." in " ".join(said(d)["schedule"])
    assert any(line.startswith("환불 불가: 2023. 3. 30.") for line in said(d)["schedule"])
    assert "20,000원" in said(d)["explanation"] and "2023. 3. 20. ~ 3. 29." in said(d)["explanation"]
    assert "마이페이지" in said(d)["where_to_apply"]
    assert d.period_end == datetime(2023, 3, 29, 23, 59, 59)
    d2 = decide(exam, 2, date(2023, 6, 1))
    assert "60% 환불: 2023. 5. 27. ~ 6. 25." in " ".join(said(d2)["schedule"])
    assert "50% 환불: 2023. 6. 26. ~ 7. 5." in " ".join(said(d2)["schedule"])


def test_last_application_day_without_time_names_both_sides_of_18h(exam):
    d = decide(exam, 1, date(2023, 2, 10))
    assert d.percent == 100
    assert any("18:00" in r and "60%" in r for r in said(d)["reasons"])


def test_just_after_close_is_in_the_60_percent_period(exam):
    d = decide(exam, 1, datetime(2023, 2, 10, 18, 1))
    assert any("18:00" in r for r in said(d)["reasons"])


def test_no_refund_after_ten_days_before_mentions_special_cases(exam):
    d = decide(exam, 1, date(2023, 3, 30))
    assert d.percent == 0 and said(d)["period"] == "환불기간 종료"
    assert any("2023. 4. 8.(토) ~ 5. 8.(월)" in r for r in said(d)["reasons"])


@pytest.mark.parametrize("on", [datetime(2023, 2, 6, 8, 59), date(2023, 2, 5), date(2022, 12, 1)])
def test_before_the_application_opens_is_invalid_input(exam, on):
    with pytest.raises(InvalidInput, match="원서접수 시작"):
        decide(exam, 1, on)


def test_stage_must_exist(exam):
    with pytest.raises(InvalidInput):
        decide(exam, 3, date(2023, 3, 1))


# --- the after-exam 50% cases: exam date .. exam date + 30 ---------------------------------------

AFTER_EXAM = [
    (RefundReason.BEREAVEMENT, ()),
    (RefundReason.HOSPITALISATION, ("의료기관의 입원확인서",)),
    (RefundReason.QUARANTINE, ("국가(공공기관) 및 의료기관 발급한 확인서",)),
    (RefundReason.MILITARY_LEAVE_BAN, ("중대장 이상이 발급한 확인서",)),
    (RefundReason.WEATHER, ("재난문자, 경찰서 확인서 등 객관적인 증빙자료",)),
]


@pytest.mark.parametrize("reason, proof", AFTER_EXAM)
@pytest.mark.parametrize(
    "stage, on, percent",
    [
        (1, date(2023, 4, 8), 50),  # exam day
        (1, date(2023, 5, 8), 50),  # exam date + 30
        (1, date(2023, 5, 9), 0),  # exam date + 31
        (2, date(2023, 7, 15), 50),
        (2, date(2023, 8, 14), 50),
        (2, date(2023, 8, 15), 0),
    ],
)
def test_after_exam_cases_window_and_proof(exam, reason, proof, stage, on, percent):
    d = decide(exam, stage, on, reason)
    assert d.percent == percent
    assert d.amount_krw == 40000 * percent // 100
    assert ", ".join(d.proof) == ", ".join(proof)
    last = date(2023, 5, 8) if stage == 1 else date(2023, 8, 14)
    assert d.deadline == datetime(last.year, last.month, last.day, 23, 59, 59)
    if percent:
        assert "환불신청서" in said(d)["where_to_apply"]


def test_after_exam_case_asked_before_the_exam_says_when_to_apply_and_what_cancelling_now_gives(exam):
    d = decide(exam, 1, date(2023, 3, 10), RefundReason.HOSPITALISATION)
    assert d.percent == 50
    assert any("시험일(2023. 4. 8.(토))부터" in r and "60%(24,000원)" in r for r in said(d)["reasons"])


def test_bereavement_states_the_seven_day_condition(exam):
    d = decide(exam, 1, date(2023, 4, 10), RefundReason.BEREAVEMENT)
    assert any("7일" in c for c in said(d)["conditions"])


@pytest.mark.parametrize("reason", [
    RefundReason.HOSPITALISATION, RefundReason.QUARANTINE, RefundReason.MILITARY_LEAVE_BAN,
])
def test_a_case_of_the_applicants_own_told_of_a_relative_is_a_plain_absence(exam, reason):
    # 9. 라. 7.~9.: 본인의 사고 및 질병으로 입원 / 격리대상자로 판정된 수험자 / 군인 및 군무원 수험자
    own = decide(exam, 1, date(2023, 4, 10), reason, relative="엄마")
    told = decide(exam, 1, date(2023, 4, 10), reason, relative="엄마", told_of_relative=True)
    assert (own.percent, own.amount_krw) == (50, 20000)
    assert (told.percent, told.amount_krw, told.reason) == (0, 0, RefundReason.ABSENT.value)
    assert "엄마" in said(told)["explanation"]


def test_a_death_told_of_a_relative_is_still_the_bereavement_case(exam):
    d = decide(exam, 1, date(2023, 4, 10), RefundReason.BEREAVEMENT, relative="할머니", told_of_relative=True)
    assert (d.percent, d.amount_krw) == (50, 20000)


# --- 100% cases and nothing cases -----------------------------------------------------------------

@pytest.mark.parametrize("on", [date(2023, 3, 1), date(2023, 4, 8), date(2023, 6, 1)])
def test_organiser_fault_is_full_refund(exam, on):
    d = decide(exam, 1, on, RefundReason.ORGANISER_FAULT)
    assert (d.percent, d.amount_krw) == (100, 40000)


def test_where_to_apply_before_and_after_the_exam(exam):
    assert "마이페이지" in said(decide(exam, 1, date(2023, 4, 7), RefundReason.ORGANISER_FAULT))["where_to_apply"]
    assert "환불신청서" in said(decide(exam, 1, date(2023, 4, 8), RefundReason.ORGANISER_FAULT))["where_to_apply"]


def test_overpayment_returns_the_overpaid_amount(exam):
    d = decide(exam, 1, date(2023, 2, 20), RefundReason.OVERPAYMENT, overpaid_krw=40000)
    assert (d.percent, d.amount_krw) == (100, 40000)
    d = decide(exam, 1, date(2023, 2, 20), RefundReason.OVERPAYMENT, overpaid_krw=5000)
    assert d.amount_krw == 5000 and "5,000원" in said(d)["explanation"]
    assert decide(exam, 1, date(2023, 2, 20), RefundReason.OVERPAYMENT).amount_krw is None
    with pytest.raises(InvalidInput):
        decide(exam, 1, date(2023, 2, 20), RefundReason.OVERPAYMENT, overpaid_krw=-1)


@pytest.mark.parametrize("reason", [RefundReason.ABSENT, RefundReason.DISQUALIFIED])
@pytest.mark.parametrize("on", [date(2023, 4, 8), date(2023, 4, 20), date(2023, 10, 20)])
def test_absent_and_disqualified_get_nothing(exam, reason, on):
    d = decide(exam, 1 if on < date(2023, 7, 1) else 2, on, reason)
    assert (d.percent, d.amount_krw) == (0, 0)


def test_amounts_are_written_in_won(exam):
    d = decide(exam, 1, date(2023, 3, 1))
    assert "응시수수료의 60%인 24,000원" in said(d)["explanation"] and "40,000원" not in said(d)["explanation"]
    assert d.notice_label == "2023년도 제34회 공고 기준"


@pytest.mark.parametrize(
    "stage, on, start, end",
    [
        (1, date(2023, 3, 20), datetime(2023, 3, 20, 0, 0), datetime(2023, 3, 29, 23, 59, 59)),
        (1, date(2023, 3, 1), datetime(2023, 2, 10, 18, 0, 1), datetime(2023, 3, 19, 23, 59, 59)),
        (2, date(2023, 7, 1), datetime(2023, 6, 26, 0, 0), datetime(2023, 7, 5, 23, 59, 59)),
        (1, datetime(2023, 2, 7, 10, 0), datetime(2023, 2, 6, 9, 0), datetime(2023, 2, 10, 18, 0)),
    ],
)
def test_period_bounds_are_the_first_and_last_instant_of_the_period(exam, stage, on, start, end):
    decision = decide(exam, stage, on)
    assert (decision.period_start, decision.period_end) == (start, end)


# --- an event said from the exam day ("시험 전날 퇴원했어요", "시험 사흘 전에 돌아가셨어요") -----------

@pytest.mark.parametrize("reason, from_exam, ended, percent", [
    (RefundReason.HOSPITALISATION, -1, True, 0),    # discharged the day before: the stay missed the exam
    (RefundReason.HOSPITALISATION, 0, True, 50),    # discharged on the exam day: it covers the exam day
    (RefundReason.QUARANTINE, -2, True, 0),         # released two days before
    (RefundReason.BEREAVEMENT, -3, False, 50),      # a death three days before: inside the 7 days
    (RefundReason.BEREAVEMENT, -7, False, 50),      # seven days before: still inside
    (RefundReason.BEREAVEMENT, -8, False, 0),       # eight days before: outside
])
@pytest.mark.parametrize("stage", [1, 2])
def test_an_event_counted_from_the_exam_day(exam, stage, reason, from_exam, ended, percent):
    exam_day = {1: date(2023, 4, 8), 2: date(2023, 7, 15)}[stage]
    d = refund(exam, RefundRequest(stage=stage, on=exam_day, reason=reason, event_from_exam=from_exam,
                                   event_ended=ended, relative="할머니"), exam_day)
    assert d.percent == percent and d.amount_krw == 400 * percent


@pytest.mark.parametrize("today, percent", [(date(2023, 5, 8), 50), (date(2023, 5, 9), 0)])
def test_an_after_exam_reason_with_no_day_said_is_applied_for_today(exam, today, percent):
    # "입원해서 못 봤는데 신청을 까먹었어요, 지금이라도 되나요?": the 30 days after 4. 8. end on 5. 8.
    decision = refund(exam, RefundRequest(stage=1, reason=RefundReason.HOSPITALISATION), today)
    assert decision.percent == percent


@pytest.mark.parametrize("today, stage", [(date(2023, 4, 20), 1), (date(2023, 7, 20), 2), (date(2023, 6, 20), 1)])
def test_a_missed_exams_reason_with_no_stage_is_about_the_exam_held_last(exam, today, stage):
    decision = refund(exam, RefundRequest(reason=RefundReason.HOSPITALISATION), today)
    assert decision.stage == stage and decision.stage_last_held
    assert refund(exam, RefundRequest(reason=RefundReason.HOSPITALISATION), date(2023, 3, 15)).__class__.__name__ == "Needs"


# --- a death told by its month only ("2월에 돌아가셔서") -------------------------------------------

@pytest.mark.parametrize("stage, month, percent", [
    (1, (2023, 2), 0),   # all of February is before 4. 1. (7 days before the 1차 on 4. 8.)
    (1, (2023, 3), 0),   # 3. 31. is the day before the window opens
    (1, (2023, 4), 50),  # April holds 4. 1. ~ 4. 8.: the month cannot rule it out
    (2, (2023, 6), 0),   # the 2차 on 7. 15.: its window is 7. 8. ~ 7. 15.
    (2, (2023, 7), 50),
    (2, (2023, 8), 0),   # after the exam: no death before it
])
def test_a_death_in_a_month_outside_the_seven_days_is_no_case(exam, stage, month, percent):
    exam_day = {1: date(2023, 4, 8), 2: date(2023, 7, 15)}[stage]
    d = refund(exam, RefundRequest(stage=stage, on=exam_day, reason=RefundReason.BEREAVEMENT, event_month=month,
                                   relative="할머니"), exam_day)
    assert d.percent == percent


def test_a_death_of_no_day_said_names_the_days_it_must_fall_in(exam):
    d = refund(exam, RefundRequest(stage=1, reason=RefundReason.BEREAVEMENT, relative="할머니"), date(2023, 4, 10))
    window = [r for r in d.reasons if getattr(r, "id", "") == "death_window"]
    assert d.percent == 50 and window and (window[0].earliest, window[0].exam_day) == (date(2023, 4, 1), date(2023, 4, 8))


def test_a_death_whose_day_was_said_inside_the_days_needs_no_window(exam):
    d = refund(exam, RefundRequest(stage=1, reason=RefundReason.BEREAVEMENT, relative="할머니",
                                   event_dates=(date(2023, 4, 6),)), date(2023, 4, 10))
    assert d.percent == 50 and not [r for r in d.reasons if getattr(r, "id", "") == "death_window"]


def test_outcome_runs_group_the_days_of_a_stretch_by_outcome(exam):
    from rules.common import outcome_runs
    days = [date(2023, 3, d) for d in range(27, 32)]
    runs = outcome_runs(refund, exam, RefundRequest(stage=1, reason=RefundReason.CANCEL), TODAY, "on", days)
    assert [(a, b, d.percent) for a, b, d in runs] == [
        (date(2023, 3, 27), date(2023, 3, 29), 50), (date(2023, 3, 30), date(2023, 3, 31), 0),
    ]


# --- a cause the case's condition does not name (a leave refused for a routine training) ----------

@pytest.mark.parametrize("stage, exam_day", [(1, date(2023, 4, 8)), (2, date(2023, 7, 15))])
def test_a_leave_refused_for_a_routine_cause_is_no_leave_ban_refund(exam, stage, exam_day):
    banned = decide(exam, stage, exam_day, RefundReason.MILITARY_LEAVE_BAN)
    routine = decide(exam, stage, exam_day, RefundReason.MILITARY_LEAVE_BAN, cause_outside=True)
    assert (banned.percent, banned.amount_krw) == (50, 20000)
    assert (routine.percent, routine.amount_krw) == (0, 0)
    assert routine.says.id == "not_covered" and routine.says.why.id == "cause_outside"
    assert "그 조건에 해당하지 않아요" in said(routine)["explanation"]


def test_a_cause_outside_does_not_touch_a_plain_cancellation(exam):
    assert decide(exam, 1, date(2023, 3, 10), cause_outside=True).percent == 60


# --- the day of cancelling told from the exam day ("시험 열흘 전에 취소하면") ----------------------

@pytest.mark.parametrize(
    "stage, days_before, percent",
    [
        # 1차 exam 2023. 4. 8.: 20 days before = 3. 19. (60%), 21 = 3. 18.; 10 days = 3. 29. (50%), 9 = 3. 30. (0)
        (1, 20, 60), (1, 19, 50), (1, 10, 50), (1, 9, 0),
        # 2차 exam 2023. 7. 15.: 20 days before = 6. 25. (60%), 19 = 6. 26. (50%); 10 = 7. 5. (50%), 9 = 7. 6. (0)
        (2, 20, 60), (2, 19, 50), (2, 10, 50), (2, 9, 0),
    ],
)
def test_a_cancellation_told_from_the_exam_day(exam, stage, days_before, percent):
    d = refund(exam, RefundRequest(stage=stage, on=None, on_from_exam=-days_before), TODAY)
    assert d.percent == percent


def test_a_cancellation_told_from_the_exam_day_with_no_stage_asks_for_it(exam):
    from rules.types import Needs

    assert refund(exam, RefundRequest(stage=None, on=None, on_from_exam=-10), TODAY) == Needs(("stage",))


# --- an overpayment told by what was paid -----------------------------------------------------------

@pytest.mark.parametrize(
    "paid, times, overpaid",
    [
        (80000, None, 40000),   # "8만원이 빠져나갔어요": all that was paid
        (80000, 2, 40000),      # "두 번 돼서 8만원이": still all that was paid
        (40000, 2, 40000),      # "4만원이 두 번": the fee once more
        (None, 2, 40000),       # "두 번 결제됐어요": the fee once more
        (50000, None, 10000),
    ],
)
def test_an_overpayment_told_by_what_was_paid(exam, paid, times, overpaid):
    d = decide(exam, 1, date(2023, 2, 9), RefundReason.OVERPAYMENT, paid_krw=paid, times_paid=times)
    assert d.amount_krw == overpaid


def test_a_sum_up_to_the_fee_paid_once_is_no_overpaid_sum(exam):
    d = decide(exam, 1, date(2023, 2, 9), RefundReason.OVERPAYMENT, paid_krw=40000)
    assert d.amount_krw is None  # "더 낸 금액 전부": the sum is not known
