"""English scores (notice 8. 가.): every cell of the 기준점수 table, the validity window's edges, and the
rules on level, countries, overseas scores and sittings. Thresholds are written out from the notice."""
import importlib
from datetime import date

import pytest

from rules import english
from rules.types import AmbiguousInput, EnglishRequest, InvalidInput, Needs
from rules_support import said

TODAY = date(2023, 2, 1)
TAKEN = date(2022, 6, 1)

# (name as staff type it, test id, general, hearing-impaired or None for "-", step below threshold)
TABLE = [
    ("토플 PBT", "toefl_pbt", 530, 352, 1),
    ("토플 iBT", "toefl_ibt", 71, None, 1),
    ("토익", "toeic", 700, 350, 1),
    ("텝스", "teps", 340, 204, 1),
    ("지텔프", "gtelp", 65, 43, 1),
    ("플렉스", "flex", 625, 375, 1),
    ("토셀", "tosel", 640, 145, 1),
    ("아이엘츠", "ielts", 4.5, None, 0.5),
]


def check(exam, test, score, **kw):
    kw.setdefault("taken", TAKEN)
    return english(exam, EnglishRequest(test=test, score=score, **kw), TODAY)


@pytest.mark.parametrize("name, test_id, general, hearing, step", TABLE)
def test_general_threshold_cell(exam, name, test_id, general, hearing, step):
    at = check(exam, name, general, level=2 if test_id == "gtelp" else None)
    assert at.valid and at.threshold == general and at.test == test_id
    below = check(exam, name, general - step, level=2 if test_id == "gtelp" else None)
    assert not below.valid and below.threshold == general
    assert any(str(general).rstrip("0").rstrip(".") in f for f in said(below)["failures"])


@pytest.mark.parametrize("name, test_id, general, hearing, step", TABLE)
def test_hearing_impaired_threshold_cell(exam, name, test_id, general, hearing, step):
    level = 2 if test_id == "gtelp" else None
    if hearing is None:  # "-": the test cannot be used under the hearing-impaired standard
        d = check(exam, name, general + step, hearing_impaired=True, level=level)
        assert not d.valid and d.threshold is None
        assert any("청각장애인 기준점수가 없는" in f for f in said(d)["failures"])
        return
    assert check(exam, name, hearing, hearing_impaired=True, level=level).valid
    below = check(exam, name, hearing - step, hearing_impaired=True, level=level)
    assert not below.valid and below.threshold == hearing


@pytest.mark.parametrize(
    "taken, issued, valid",
    [
        (date(2021, 2, 10), None, False),  # taken one day before the window
        (date(2021, 2, 11), None, True),  # first day of the window
        (date(2023, 2, 10), date(2023, 2, 10), True),  # last day, issued the same day
        (date(2023, 1, 20), date(2023, 2, 10), True),
        (date(2023, 1, 20), date(2023, 2, 11), False),  # issued one day late
        (date(2023, 2, 11), None, False),  # taken after the issue deadline
    ],
)
def test_validity_window_edges(exam, taken, issued, valid):
    d = check(exam, "토익", 800, taken=taken, issued=issued)
    assert d.valid is valid
    if not valid:
        assert any(c.title == "공인어학성적 인정기간" for c in d.citations)


def test_missing_issue_date_says_it_must_be_issued_by_the_deadline(exam):
    d = check(exam, "토익", 800)
    assert d.valid
    assert any("2023. 2. 10.(금)까지" in r and "교부" in r for r in said(d)["reasons"])


def test_every_failing_reason_is_listed(exam):
    d = check(exam, "토익", 600, taken=date(2021, 1, 5), country="US", regular=False)
    assert not d.valid
    assert len(said(d)["failures"]) == 4  # threshold, window, country, regular sitting
    joined = " ".join(said(d)["failures"])
    for word in ("700점", "2021. 2. 11.", "일본", "정기시험"):
        assert word in joined


def test_gtelp_level_two_only(exam):
    assert check(exam, "지텔프", 70, level=2).valid
    d = check(exam, "지텔프", 70, level=3)
    assert not d.valid and any("level-2" in f for f in said(d)["failures"])
    # without a level the rule cannot decide (level-3 70 would fail): it asks
    assert check(exam, "지텔프", 70) == Needs(("level",))
    # …unless the score fails anyway
    assert not check(exam, "지텔프", 50).valid


def test_toeic_only_korea_and_japan(exam):
    assert check(exam, "토익", 800, country="KR").valid
    japan = check(exam, "토익", 800, country="JP")
    assert japan.valid
    how = " ".join(said(japan)["how_to_submit"])
    assert "exam@hrdkorea.or.kr" in how and "052-714-8381" in how and "2023. 2. 10.(금)" in how
    assert "아포스티유" in how
    us = check(exam, "토익", 800, country="US")
    assert not us.valid


def test_a_sitting_no_score_could_save_is_decided_without_the_score(exam):
    us = english(exam, EnglishRequest(test="토익", score=None, country="US"), TODAY)
    assert not isinstance(us, Needs) and not us.valid
    assert any(c.title == "TOEIC 인정 국가" for c in us.citations)
    special = english(exam, EnglishRequest(test="텝스", score=None, regular=False), TODAY)
    assert not isinstance(special, Needs) and not special.valid
    # in Japan (or Korea) the score still decides
    assert english(exam, EnglishRequest(test="토익", score=None, country="JP"), TODAY) == Needs(("score",))


def test_overseas_scores_need_apostille_or_embassy_and_translation(exam):
    d = check(exam, "아이엘츠", 6.5, country="GB")
    assert d.valid
    how = " ".join(said(d)["how_to_submit"])
    assert "대사관 확인" in how and "아포스티유" in how and "번역" in how
    assert any(c.title == "국외 취득 공인어학성적" for c in d.citations)


@pytest.mark.parametrize(
    "name, score, online_only", [("토익", 900, True), ("텝스", 500, True), ("지텔프", 90, True), ("플렉스", 900, False)]
)
def test_domestic_toeic_teps_gtelp_online_direct_only(exam, name, score, online_only):
    d = check(exam, name, score, level=2 if name == "지텔프" else None)
    assert ("온라인(다이렉트) 제출만 가능해요" in said(d)["how_to_submit"][0]) is online_only


def test_special_sitting_is_not_accepted(exam):
    d = check(exam, "토익", 900, regular=False)
    assert not d.valid and any(c.title == "정기시험 성적만 인정" for c in d.citations)


@pytest.mark.parametrize("name, score", [("토익", -5), ("토익", 991), ("아이엘츠", 9.5), ("토플 iBT", 121)])
def test_score_outside_the_test_range_is_invalid_input(exam, name, score):
    with pytest.raises(InvalidInput, match="사이"):
        check(exam, name, score)


def test_unknown_and_ambiguous_tests(exam):
    with pytest.raises(AmbiguousInput) as info:
        check(exam, "토플", 80)
    assert set(info.value.options) == {"TOEFL PBT", "TOEFL iBT"}
    with pytest.raises(InvalidInput, match="기준점수 표에 없는"):
        check(exam, "토익스피킹", 150)
    with pytest.raises(InvalidInput):
        check(exam, "HSK", 200)


def test_issue_date_before_test_date_is_invalid(exam):
    with pytest.raises(InvalidInput, match="앞서요"):
        check(exam, "토익", 800, taken=date(2022, 6, 1), issued=date(2022, 5, 1))


# --- only the month of the test is known ("토익 2021년 3월 750점") -------------------------------
# (the module, not the function ``rules.english`` that the package exports under the same name)
english_module = importlib.import_module("rules.english")

@pytest.mark.parametrize(
    "year, month, position",
    [
        (2021, 1, "outside"),  # ends before 2021. 2. 11.
        (2021, 2, "straddles"),  # 2. 10. out, 2. 11. in
        (2021, 3, "inside"),
        (2022, 12, "inside"),
        (2023, 1, "inside"),
        (2023, 2, "straddles"),  # 2. 10. in, 2. 11. out
        (2023, 3, "outside"),
    ],
)
def test_month_position_against_the_window(exam, year, month, position):
    assert english_module.month_position(exam, year, month) == position


def month_check(exam, test, score, year, month, **kw):
    request = EnglishRequest(test=test, score=score, taken=date(1900, 1, 1), **kw)  # taken is ignored
    return english_module.english_in_month(exam, request, year, month, TODAY)


def test_a_month_inside_the_window_is_valid_whatever_the_day(exam):
    d = month_check(exam, "토익", 750, 2021, 3)
    assert d.valid and d.threshold == 700
    assert "2021년 3월에 보셨다면 날짜와 관계없이 인정기간 안이에요." in said(d)["reasons"]
    assert "2021년 3월 응시" in said(d)["explanation"] and "2021. 3. 1." not in said(d)["explanation"]  # no invented day


def test_a_month_inside_the_window_still_checks_the_score(exam):
    d = month_check(exam, "토익", 650, 2021, 3)
    assert not d.valid and any("700점" in f for f in said(d)["failures"])


@pytest.mark.parametrize("year, month, edge", [(2021, 1, "인정기간 시작"), (2023, 3, "교부 마감")])
def test_a_month_outside_the_window_is_invalid_whatever_the_day(exam, year, month, edge):
    d = month_check(exam, "토익", 900, year, month)
    assert not d.valid
    assert any(f"{year}년 {month}월에 보신 시험은 날짜와 관계없이" in f and edge in f for f in said(d)["failures"])
    assert any(c.title == "공인어학성적 인정기간" for c in d.citations)


@pytest.mark.parametrize("year, month", [(2021, 2), (2023, 2)])
def test_a_month_that_straddles_the_window_needs_the_day(exam, year, month):
    with pytest.raises(InvalidInput, match="며칠"):
        month_check(exam, "토익", 900, year, month)
