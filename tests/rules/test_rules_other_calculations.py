"""Payment deadline (9. 다.), pass/fail and the tie rule (5. 가., 5. 나.), exemption days (6. 나., 7. 라.),
offices (7. 다.) and the certificate-lookup walk-through ([붙임])."""
from datetime import date, datetime
from decimal import Decimal

import pytest

from rules import cert_lookup, exemption, office_for_region, passing, payment_deadline, step_from_text, truncate_average
from rules.types import (
    ExemptionRequest,
    InvalidInput,
    Needs,
    OfficeRequest,
    PassRequest,
    PaymentRequest,
    WorkPeriod,
)
from rules_support import said

TODAY = date(2023, 2, 6)


# --- virtual account ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "stage, at, deadline",
    [
        (1, datetime(2023, 2, 6, 9, 0), datetime(2023, 2, 6, 14, 0)),
        (1, datetime(2023, 2, 6, 12, 59), datetime(2023, 2, 6, 14, 0)),
        (1, datetime(2023, 2, 6, 13, 0), datetime(2023, 2, 7, 14, 0)),
        (1, datetime(2023, 2, 9, 23, 30), datetime(2023, 2, 10, 14, 0)),
        (1, datetime(2023, 2, 10, 12, 59), datetime(2023, 2, 10, 14, 0)),
        (2, datetime(2023, 5, 25, 13, 1), datetime(2023, 5, 26, 14, 0)),
    ],
)
def test_virtual_account_deadline(exam, stage, at, deadline):
    d = payment_deadline(exam, PaymentRequest(stage, at), TODAY)
    assert d.virtual_account_available and d.deadline == deadline
    assert d.citations[0].clause == "9. 다."


@pytest.mark.parametrize("at", [datetime(2023, 2, 10, 13, 0), datetime(2023, 2, 10, 17, 59), datetime(2023, 2, 10, 18, 0)])
def test_last_day_afternoon_has_no_virtual_account(exam, at):
    d = payment_deadline(exam, PaymentRequest(1, at), TODAY)
    assert not d.virtual_account_available
    assert d.methods == ("신용카드", "계좌이체")


@pytest.mark.parametrize("at", [datetime(2023, 2, 6, 8, 59), datetime(2023, 2, 10, 18, 1), datetime(2023, 5, 1, 10, 0)])
def test_outside_the_application_window_is_invalid(exam, at):
    with pytest.raises(InvalidInput, match="원서접수 기간"):
        payment_deadline(exam, PaymentRequest(1, at), TODAY)


# --- pass / fail ----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "stage, scores, passed",
    [
        (1, (40, 60, 70, 80, 50), True),  # average exactly 60
        (1, (39, 90, 90, 90, 90), False),  # one subject under 40
        (1, (59, 60, 60, 60, 60), False),  # average 59.8
        (2, (60, 60, 60), True),
        (2, (39.5, 100, 100), False),
        (2, (40, 50, 60), None),  # every subject ≥ 40, average 50: depends on the minimum of 200
    ],
)
def test_pass_or_fail(exam, stage, scores, passed):
    d = passing(exam, PassRequest(stage, scores), TODAY)
    assert d.passed is passed


def test_first_stage_excludes_english(exam):
    d = passing(exam, PassRequest(1, (60, 60, 60, 60, 60)), TODAY)
    assert len(d.subjects) == 5 and not any("영어" in s for s in d.subjects)
    with pytest.raises(InvalidInput, match="5과목"):
        passing(exam, PassRequest(1, (60, 60, 60, 60, 60, 60)), TODAY)


def test_second_stage_explains_the_minimum_of_200(exam):
    d = passing(exam, PassRequest(2, (40, 50, 60)), TODAY)
    assert "200명" in said(d)["explanation"]
    assert any(c.clause == "5. 나." for c in d.citations)


def test_tie_rule_truncates_to_two_decimals_never_rounds():
    assert truncate_average([70, 65, 68]) == Decimal("67.66")  # 67.666…, rounding would give 67.67
    assert truncate_average([60, 60, 61]) == Decimal("60.33")
    assert truncate_average([59.99, 60, 60]) == Decimal("59.99")  # 59.9966…
    assert truncate_average([100, 100, 100]) == Decimal("100.00")


def test_tie_figure_in_the_decision(exam):
    d = passing(exam, PassRequest(2, (70, 65, 68)), TODAY)
    assert d.average_truncated == "67.66"
    assert any(c.title == "합격자 결정" and "반올림" in c.quote for c in d.citations)


@pytest.mark.parametrize("scores", [(101, 50, 50), (-1, 50, 50)])
def test_scores_out_of_range(exam, scores):
    with pytest.raises(InvalidInput):
        passing(exam, PassRequest(2, scores), TODAY)


# --- exemption by work experience -----------------------------------------------------------------

def periods(*spans):
    return ExemptionRequest(tuple(WorkPeriod(s, e) for s, e in spans))


def test_five_years_edge_for_one_continuous_job(exam):
    enough = exemption(exam, periods((date(2018, 3, 2), None)), TODAY)
    assert enough.eligible and enough.counted_days == enough.required_days == 1826
    assert enough.reached_on == date(2023, 3, 1)
    short = exemption(exam, periods((date(2018, 3, 3), None)), TODAY)
    assert not short.eligible and short.shortfall_days == 1


def test_periods_at_several_employers_are_summed(exam):
    # 2015-03-02 ~ 2018-03-01 (1,096 days) + 2021-03-02 ~ 2023-03-01 (730 days) = 1,826
    d = exemption(exam, periods((date(2015, 3, 2), date(2018, 3, 1)), (date(2021, 3, 2), date(2023, 3, 1))), TODAY)
    assert d.counted_days == 1826 and d.eligible
    d = exemption(exam, periods((date(2015, 3, 3), date(2018, 3, 1)), (date(2021, 3, 2), date(2023, 3, 1))), TODAY)
    assert d.counted_days == 1825 and not d.eligible


def test_days_after_the_base_date_and_overlaps_do_not_count(exam):
    d = exemption(exam, periods((date(2018, 3, 2), date(2024, 1, 1))), TODAY)
    assert d.counted_days == 1826
    overlap = exemption(exam, periods((date(2018, 3, 2), date(2020, 12, 31)), (date(2020, 1, 1), date(2023, 3, 1))), TODAY)
    assert overlap.counted_days == 1826
    late = exemption(exam, periods((date(2023, 3, 2), None)), TODAY)
    assert late.counted_days == 0 and any("이후에 시작한" in r for r in said(late)["reasons"])


def test_exemption_input_errors(exam):
    with pytest.raises(InvalidInput):
        exemption(exam, periods((date(2020, 1, 2), date(2020, 1, 1))), TODAY)
    assert exemption(exam, ExemptionRequest(()), TODAY) == Needs(("periods",))
    with pytest.raises(InvalidInput):
        exemption(exam, ExemptionRequest(worked_months=(70, 60)), TODAY)


# A length of work said without dates ("6년 일했어요"): decided only when every reading decides.
# The base date is 2023. 3. 1.; work after it does not count, so a length that may run to today
# loses the months since then.

@pytest.mark.parametrize("worked, today, verdict", [
    ((61, 61), date(2023, 3, 1), True),      # one month more than 5 years, ending by the base date
    ((60, 60), date(2023, 3, 1), None),      # exactly "5년": the day count decides — ask the dates
    ((59, 59), date(2023, 3, 1), False),     # less than 5 years however it is counted
    ((62, 62), date(2023, 3, 15), True),     # 15 days after the base date: at most one month cut off
    ((61, 61), date(2023, 3, 15), None),     # …which may take 61 months down to 60: ask
    ((61, 61), date(2023, 3, 2), None),      # one day after the base date already may cut a month
    ((72, 84), date(2023, 3, 15), True),     # "7년차": six years at least
    ((48, 60), date(2023, 3, 15), None),     # "5년차": four to five years — the dates decide
    ((48, 59), date(2023, 3, 15), False),
])
def test_a_length_of_work_decides_only_when_every_reading_does(exam, worked, today, verdict):
    result = exemption(exam, ExemptionRequest(worked_months=worked), today)
    if verdict is None:
        assert result == Needs(("periods",))
    else:
        assert result.eligible is verdict
        assert result.worked_months == worked and result.required_months == 60
        assert result.base_date == date(2023, 3, 1)


def test_dates_said_win_over_a_length(exam):
    request = ExemptionRequest(periods=(WorkPeriod(date(2020, 1, 1), date(2022, 12, 31)),), worked_months=(72, 72))
    assert exemption(exam, request, TODAY).eligible is False


# --- offices --------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "region, name, phone",
    [("서울", "서울지역본부", "02-2137-0554"), ("부산광역시", "부산지역본부", "051-330-1812"),
     ("대구", "대구지역본부", "053-580-2372"), ("광주", "광주지역본부", "062-970-1799"),
     ("대전에 살아요", "대전지역본부", "042-580-9137")],
)
def test_office_for_each_exam_region(exam, region, name, phone):
    d = office_for_region(exam, OfficeRequest(region), TODAY)
    assert d.found and d.name == name and d.phone == phone


@pytest.mark.parametrize("region", ["인천", "제주", ""])
def test_other_regions_are_not_in_the_notice(exam, region):
    d = office_for_region(exam, OfficeRequest(region), TODAY)
    assert not d.found and "나와 있지 않아요" in said(d)["explanation"] and "1644-8000" in said(d)["explanation"]


# --- certificate lookup walk-through ----------------------------------------------------------------

def test_walk_through_from_start_to_done(guide):
    d = cert_lookup(guide, None, "start")
    assert (d.step, d.next_step, d.done) == (1, 2, False)
    for expected in (2, 3, 4):
        d = cert_lookup(guide, d.step, "next")
        assert d.step == expected
    d = cert_lookup(guide, 4, "next")  # not done until the status reads the done marker
    assert d.step == 4 and not d.done and guide.done_marker in said(d)["explanation"]
    d = cert_lookup(guide, 4, "조회 결과가 조회 실패 (증빙서류제출 완료)로 나와요")
    assert d.done and d.citations[0].doc == "cert_guide"


@pytest.mark.parametrize(
    "text, step",
    [("조회 실패라고 떠요", 1), ("자격증 사본 첨부 필요라고 나와요", 1), ("정부24에서 뭘 눌러야 하죠", 2),
     ("상장형 자격증 발급은 어디서", 2), ("파일 선택 버튼이 있어요", 3), ("조회 실패 (증빙서류제출 완료)", "done"),
     ("날씨가 좋네요", None)],
)
def test_step_from_what_the_applicant_sees(guide, text, step):
    assert step_from_text(guide, text) == step


def test_back_and_unknown(guide):
    assert cert_lookup(guide, 3, "back").step == 2
    assert cert_lookup(guide, 1, "이전").step == 1
    d = cert_lookup(guide, 2, "음…")
    assert d.step == 2 and "알 수 없어요" in said(d)["explanation"]
    with pytest.raises(InvalidInput):
        cert_lookup(guide, 9, "next")


# --- pass / fail on some subjects' scores ---------------------------------------------------------

@pytest.mark.parametrize("stage", [1, 2])
def test_one_subject_under_40_fails_whatever_the_rest(exam, stage):
    decision = passing(exam, PassRequest(stage=stage, scores=(39.0,), partial=True), TODAY)
    assert decision.passed is False and decision.partial and decision.subject_min == 40


@pytest.mark.parametrize("score", [40.0, 75.0])
def test_a_subject_at_or_over_40_needs_every_score(exam, score):
    assert passing(exam, PassRequest(stage=1, scores=(score,), partial=True), TODAY) == Needs(("scores",))


def test_a_failing_subject_needs_no_stage(exam):
    from rules.common import settle
    from rules.types import Unanimous

    assert passing(exam, PassRequest(stage=None, scores=(35.0,), partial=True), TODAY) == Needs(("stage",))
    settled = settle(passing, exam, PassRequest(stage=None, scores=(35.0,), partial=True), TODAY, {"stage": (1, 2)})
    assert isinstance(settled, Unanimous) and settled.first.passed is False
    # a full set of scores is never settled across stages (the subjects differ)
    assert settle(passing, exam, PassRequest(stage=None, scores=(35.0,)), TODAY, {"stage": (1, 2)}) == Needs(("stage",))


def test_a_partial_score_out_of_range_is_refused(exam):
    with pytest.raises(InvalidInput, match="0 ~ 100"):
        passing(exam, PassRequest(stage=1, scores=(140.0,), partial=True), TODAY)


def test_an_average_said_alone(exam):
    from rules.common import settle
    from rules.types import Unanimous

    under1 = passing(exam, PassRequest(stage=1, scores=(), partial=True, average=58), TODAY)
    assert under1.passed is False and under1.average_said == 58
    under2 = passing(exam, PassRequest(stage=2, scores=(), partial=True, average=58), TODAY)
    assert under2.passed is None and not under2.subjects_decide  # the minimum pass count may take it
    over = settle(passing, exam, PassRequest(stage=None, scores=(), partial=True, average=62), TODAY, {"stage": (1, 2)})
    assert isinstance(over, Unanimous) and over.first.subjects_decide  # 40 in every subject decides, both stages
    assert passing(exam, PassRequest(stage=1, scores=(), partial=True, average=60), TODAY).subjects_decide
    assert passing(exam, PassRequest(stage=1, scores=(), partial=True, average=59.99), TODAY).passed is False
