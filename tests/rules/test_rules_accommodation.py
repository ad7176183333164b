"""Accommodations (notice 9. 사. and the table "장애인 등 유형별 편의 제공사항"): every row, 1차 (120/80분)
and 2차 (100/100/100분) minutes in the written column, the composite worked example (60 → 84분),
documents ①–⑤, the 4-day submission date, and the notes. Figures are written out from the notice."""
from datetime import date, datetime
from decimal import Decimal

import pytest

from rules import accommodation, extended_minutes
from rules.accommodation import column_multiplier
from rules.types import AccommodationRequest, AmbiguousInput, InvalidInput
from rules_support import said

TODAY = date(2023, 2, 1)

# (text, row id, written multiplier or None, 1차 minutes, 2차 minutes, document numbers)
ROWS = [
    ("시각 중증", "visual_severe", 1.7, (204, 136), (170, 170, 170), "①②③"),
    ("시각장애 경증", "visual_mild", 1.5, (180, 120), (150, 150, 150), "①②③"),
    ("뇌병변", "brain_lesion", 1.5, (180, 120), (150, 150, 150), "①②③"),
    ("상지 중증", "upper_limb_severe", 1.5, (180, 120), (150, 150, 150), "①②③"),
    ("상지 경증", "upper_limb_mild", 1.2, (144, 96), (120, 120, 120), "①②③"),
    ("하지", "lower_limb", 1.0, (120, 80), (100, 100, 100), "①②③"),
    ("상지 중증 하지", "composite_upper_severe_lower", 1.5, (180, 120), (150, 150, 150), "①②③"),
    ("상지 경증 하지", "composite_upper_mild_lower", 1.2, (144, 96), (120, 120, 120), "①②③"),
    ("청각", "hearing", 1.0, (120, 80), (100, 100, 100), "①②③"),
    ("신장장애", "kidney_heart_stoma", 1.0, (120, 80), (100, 100, 100), "①②③"),
    ("깁스", "temporary", None, (120, 80), (100, 100, 100), "④"),
    ("과민성대장", "irritable_bowel_bladder", 1.0, (120, 80), (100, 100, 100), "④"),
    ("임신", "pregnant", 1.0, (120, 80), (100, 100, 100), "④⑤"),
]


def decide(exam, text, stage=1, region=None):
    return accommodation(exam, AccommodationRequest(disability=text, stage=stage, region=region), TODAY)


@pytest.mark.parametrize("text, row_id, multiplier, first, second, documents", ROWS)
def test_every_row_in_both_stages(exam, text, row_id, multiplier, first, second, documents):
    d1 = decide(exam, text, 1)
    assert d1.rows == (row_id,)
    assert d1.column == "written"
    assert d1.time_multiplier == multiplier
    assert d1.minutes == first
    assert [p.base_minutes for p in d1.periods] == [120, 80]
    assert d1.submit_by == datetime(2023, 2, 14, 23, 59, 59)
    d2 = decide(exam, text, 2)
    assert d2.minutes == second
    assert d2.submit_by == datetime(2023, 5, 30, 23, 59, 59)
    assert "".join(doc[0] for doc in d1.documents) == documents
    assert d1.extension_pending_review is (multiplier is None)
    assert {c.clause for c in d1.citations} >= {"9. 사."}


def test_answer_names_date_office_and_how(exam):
    d = decide(exam, "시각 중증", 1, region="부산")
    assert "2023. 2. 14.(화)까지" in said(d)["explanation"] and "등기우편 또는 방문" in said(d)["explanation"]
    assert d.offices == ("부산지역본부 필기시험부 (46519) 부산 북구 금곡대로 441번길 26 ☎ 051-330-1812",)
    d = decide(exam, "시각 중증", 2)
    assert [o.split(":")[0] for o in d.offices] == ["서울", "부산"]
    with pytest.raises(InvalidInput, match="서울, 부산"):
        decide(exam, "시각 중증", 2, region="대구")


def test_aids_and_documents_are_resolved_to_text(exam):
    d = decide(exam, "시각 중증")
    assert any(a.startswith("문제인지 방법:") and "점자 문제지" in a for a in d.aids)
    assert any(a.startswith("답안작성 방법:") and "답안대필" in a for a in d.aids)
    assert d.documents[0].startswith("① 장애인복지법 제2조")
    temp = decide(exam, "깁스")
    assert "종합병원" in temp.documents[0] and "유효기간" in temp.documents[0]


def test_notes_spine_and_temporary(exam):
    spine = decide(exam, "척추 장애")
    assert spine.rows == ("lower_limb",)
    assert any("척추장애는 기본적으로 하지장애" in n and "종합병원" in n for n in said(spine)["reasons"])
    temp = decide(exam, "골절로 깁스")
    assert temp.time_multiplier is None and temp.extension_pending_review
    assert any("종합병원" in n and "유효기간" in n for n in said(temp)["reasons"])


def test_worked_example_sixty_minutes_to_eighty_four(exam):
    # 표준시간 60분 + 60×0.3 = 78분, + 하지 60×0.1 = 6분 → 84분 (작업형)
    assert extended_minutes(60, 1.3, 0.1) == 84
    row = next(r for r in exam.accommodation.rows if r.id == "composite_upper_severe_lower")
    cell = row.practical
    assert extended_minutes(60, cell.multiplier, cell.lower_limb_extra) == exam.accommodation.worked_example_minutes == 84
    assert column_multiplier(cell) == Decimal("1.4")
    # the written column gives the upper-limb time, no lower-limb extra
    assert column_multiplier(row.written) == Decimal("1.5")


def test_practical_column_applies_the_composite_formula_through_the_data(exam):
    practical = exam.model_copy(
        update={"accommodation": exam.accommodation.model_copy(update={"column": "practical"})}
    )
    d = decide(practical, "상지 중증 하지", 2)
    assert d.time_multiplier == pytest.approx(1.4) and d.minutes == (140, 140, 140)
    assert decide(practical, "하지", 2).minutes == (110, 110, 110)


def test_no_float_artifacts(exam):
    # 80 × 1.7 is 136.00000000000003 in binary floating point; a ceiling would give 137.
    assert extended_minutes(80, 1.7) == 136
    assert extended_minutes(100, 1.1) == 110


def test_composite_from_two_separate_rows(exam):
    assert decide(exam, "하지랑 상지 중증").rows == ("composite_upper_severe_lower",)


@pytest.mark.parametrize(
    "text, options",
    [("시각", {"시각 중증", "시각 경증"}), ("상지", {"상지 중증", "상지 경증"}),
     ("하지 상지", {"상지 중증 하지", "상지 경증 하지"}), ("시각 중증 청각", {"시각 중증", "청각"}),
     ("다리 골절로 깁스", {"하지", "일시적"})],
)
def test_type_without_severity_or_unrelated_rows_ask_which(exam, text, options):
    with pytest.raises(AmbiguousInput) as info:
        decide(exam, text)
    assert set(info.value.options) == options


def test_unknown_text_offers_every_row(exam):
    with pytest.raises(AmbiguousInput) as info:
        decide(exam, "두통")
    assert len(info.value.options) == len(exam.accommodation.rows)


def test_rounding_is_stated(exam):
    d = decide(exam, "시각 중증")
    assert d.rounding == "ceil" and any("올림" in r for r in said(d)["reasons"])
