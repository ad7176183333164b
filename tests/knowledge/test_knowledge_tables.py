"""The data equals the notice's tables. The expected values are typed here from the notice itself
(8. 가. 기준점수, 9. 라. 환불, 9. 사. 편의 제공, 12. 2. 신분증, 7. 다. 제출 기관, 3. 나. 시험시간)."""
from __future__ import annotations

import math
from datetime import date, datetime, time

import pytest

from knowledge import load_exam

# 8. 가. 기준점수 (시행령 별표2): test -> (일반 응시자, 청각 장애인); "-" is None
NOTICE_THRESHOLDS = {
    "toefl_pbt": (530, 352),
    "toefl_ibt": (71, None),
    "toeic": (700, 350),
    "teps": (340, 204),
    "gtelp": (65, 43),
    "flex": (625, 375),
    "tosel": (640, 145),
    "ielts": (4.5, None),
}


@pytest.fixture(scope="module")
def exam():
    return load_exam()


def test_every_threshold_equals_the_notice_table(exam):
    assert {t.id: (t.general, t.hearing_impaired) for t in exam.english.tests} == NOTICE_THRESHOLDS


def test_threshold_qualifiers(exam):
    tests = {t.id: t for t in exam.english.tests}
    assert tests["gtelp"].level == 2
    assert tests["tosel"].variant == "Advanced"
    assert tests["ielts"].variant == "Overall Band Score"
    assert tests["toeic"].countries == ["KR", "JP"]
    assert {t.id for t in exam.english.tests if t.online_only_in_korea} == {"toeic", "teps", "gtelp"}


def test_english_window(exam):
    assert exam.english.taken_from == date(2021, 2, 11)
    assert exam.english.issued_by == date(2023, 2, 10)
    assert exam.english.japan_toeic_email == "exam@hrdkorea.or.kr"
    assert exam.english.japan_toeic_phone == "052-714-8381"


@pytest.mark.parametrize("word, test_id", [
    ("토익", "toeic"), ("토잌", "toeic"), ("toeic", "toeic"), ("토플 ibt", "toefl_ibt"), ("ibt", "toefl_ibt"),
    ("pbt", "toefl_pbt"), ("텝스", "teps"), ("지텔프", "gtelp"), ("g-telp", "gtelp"), ("플렉스", "flex"),
    ("flex", "flex"), ("토셀", "tosel"), ("tosel", "tosel"), ("아이엘츠", "ielts"), ("ielts", "ielts"),
])
def test_english_aliases(exam, word, test_id):
    assert [t.id for t in exam.english.tests if word in t.aliases] == [test_id]


def test_plain_toefl_is_ambiguous_not_guessed(exam):
    assert exam.english.ambiguous_aliases["토플"] == ["toefl_pbt", "toefl_ibt"]
    assert not [t for t in exam.english.tests if "토플" in t.aliases]


def test_refund_table(exam):
    refund = exam.refund
    assert refund.in_period_percent == 100
    assert [(t.percent, t.days_before_exam) for t in refund.tiers] == [(60, 20), (50, 10)]
    cases = {c.reason: c for c in refund.cases}
    assert {r: c.percent for r, c in cases.items()} == {
        "overpayment": 100, "organiser_fault": 100, "bereavement": 50, "hospitalisation": 50,
        "quarantine": 50, "military_leave_ban": 50, "weather": 50, "absent": 0, "disqualified": 0,
    }
    for reason in ("bereavement", "hospitalisation", "quarantine", "military_leave_ban", "weather"):
        assert cases[reason].apply_within_days_after_exam == 30, reason
    assert cases["bereavement"].event_within_days_before_exam == 7
    assert cases["hospitalisation"].proof == ["의료기관의 입원확인서"]
    assert cases["military_leave_ban"].proof == ["중대장 이상이 발급한 확인서"]
    assert len(cases["organiser_fault"].sub_cases) == 6  # table 1.–2. and 귀책사유 가.–라.


def test_refund_tier_dates_match_design(exam):
    """DESIGN: 1차 60% through 03-19, 50% through 03-29; 2차 60% through 06-25, 50% through 07-05."""
    from datetime import timedelta

    last_days = {s.number: [s.exam_date - timedelta(days=t.days_before_exam) for t in exam.refund.tiers]
                 for s in exam.stages}
    assert last_days == {1: [date(2023, 3, 19), date(2023, 3, 29)], 2: [date(2023, 6, 25), date(2023, 7, 5)]}


def test_payment(exam):
    assert exam.payment.methods == ["신용카드", "계좌이체", "가상계좌"]
    assert exam.payment.virtual_account_cutoff == time(13, 0)
    assert exam.payment.virtual_account_deadline == time(14, 0)
    assert exam.payment.last_day_blackout == (time(13, 0), time(18, 0))


# 9. 사. 장애인 등 유형별 편의 제공사항: row -> (필기 및 필답형, 작업형, 제출서류)
NOTICE_ACCOMMODATION = {
    "visual_severe": (1.7, 1.5, ["①", "②", "③"]),
    "visual_mild": (1.5, 1.3, ["①", "②", "③"]),
    "brain_lesion": (1.5, 1.3, ["①", "②", "③"]),
    "upper_limb_severe": (1.5, 1.3, ["①", "②", "③"]),
    "upper_limb_mild": (1.2, 1.2, ["①", "②", "③"]),
    "lower_limb": (1.0, 1.1, ["①", "②", "③"]),
    "composite_upper_severe_lower": (1.5, 1.3, ["①", "②", "③"]),
    "composite_upper_mild_lower": (1.2, 1.2, ["①", "②", "③"]),
    "hearing": (1.0, 1.0, ["①", "②", "③"]),
    "kidney_heart_stoma": (1.0, 1.0, ["①", "②", "③"]),
    "temporary": (1.0, 1.0, ["④"]),
    "irritable_bowel_bladder": (1.0, 1.0, ["④"]),
    "pregnant": (1.0, 1.0, ["④", "⑤"]),
}


def test_every_accommodation_row_equals_the_notice_table(exam):
    rows = {r.id: (r.written.multiplier, r.practical.multiplier, r.documents) for r in exam.accommodation.rows}
    assert rows == NOTICE_ACCOMMODATION
    assert exam.accommodation.column == "written"
    assert set(exam.accommodation.documents) == {"①", "②", "③", "④", "⑤"}
    assert exam.accommodation.submit_within_days_after_close == 4


def test_accommodation_aids(exam):
    rows = {r.id: r for r in exam.accommodation.rows}
    assert rows["visual_severe"].written.aids["문제인지 방법"] == [
        "음성지원컴퓨터", "문제지대독", "점자 문제지", "확대 문제지", "점자정보단말기", "독서확대기 지참 허용"]
    assert rows["visual_severe"].practical.aids == {"문제인지 방법": ["문제지대독"]}
    assert "수화통역사 또는 문자통역사 배치" in rows["hearing"].written.aids["기타"]
    assert rows["temporary"].written.decided_individually
    for toilet in ("kidney_heart_stoma", "irritable_bowel_bladder", "pregnant"):
        assert rows[toilet].written.aids["기타"] == ["시험 중 화장실 이용 제한(횟수 및 시간) 없음"]


def test_worked_example_follows_from_the_data(exam):
    """9. 사.: 60분, 중증상지① + 하지③, 작업형 ⇒ 60 + 60*0.3 = 78, + 60*0.1 = 6 ⇒ 84분."""
    row = next(r for r in exam.accommodation.rows if r.id == "composite_upper_severe_lower")
    column = row.practical
    assert column.extra_for_lower_limb
    minutes = math.ceil(round(60 * column.multiplier, 6)) + math.ceil(round(60 * column.lower_limb_extra, 6))
    assert minutes == exam.accommodation.worked_example_minutes == 84
    assert "84분" in exam.accommodation.worked_example


@pytest.mark.parametrize("word, row", [
    ("시각 중증", "visual_severe"), ("저시력", "visual_mild"), ("상지 중증", "upper_limb_severe"),
    ("상지 경증", "upper_limb_mild"), ("하지", "lower_limb"), ("척추", "lower_limb"), ("휠체어", "lower_limb"),
    ("청각", "hearing"), ("보청기", "hearing"), ("신장", "kidney_heart_stoma"), ("심장", "kidney_heart_stoma"),
    ("장루", "kidney_heart_stoma"), ("요루", "kidney_heart_stoma"), ("과민성대장", "irritable_bowel_bladder"),
    ("과민성방광", "irritable_bowel_bladder"), ("임신", "pregnant"), ("깁스", "temporary"),
    ("골절", "temporary"), ("일시적", "temporary"),
])
def test_accommodation_aliases(exam, word, row):
    assert [r.id for r in exam.accommodation.rows if word in r.aliases] == [row]


@pytest.mark.parametrize("word", ["시각", "상지", "손"])
def test_severity_less_words_are_ambiguous(exam, word):
    assert len(exam.accommodation.ambiguous_aliases[word]) >= 2


# 12. 2. 신분증 인정 범위: group -> numbered items
NOTICE_ID_NUMBERS = {
    "general": ["①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨"],
    "student": ["①", "②", "③", "④", "⑤"],
    "preschool": ["①", "②"],
    "soldier": ["①"],
    "foreigner": ["①", "②", "③"],
}


def test_id_groups_cover_every_numbered_item(exam):
    numbers = {g.id: sorted({d.number for d in g.documents}) for g in exam.ids.groups}
    assert numbers == NOTICE_ID_NUMBERS
    assert exam.ids.required_fields == ["사진", "성명", "주민번호(생년월일)", "발급기관"]


@pytest.mark.parametrize("word, where", [
    ("모바일 운전면허증", "general/driver_licence_mobile"), ("pass 운전면허", "general/driver_licence_pass"),
    ("여권", "general/passport"), ("학생증", "student/school_student_card"), ("청소년증", "student/youth_card"),
    ("외국인등록증", "foreigner/alien_registration_card"),
    ("캡처", "rejected/screen_capture"), ("사진 찍은 것", "rejected/recording_or_photo"),
    ("복사본", "rejected/photocopy"), ("대학교 학생증", "not_accepted/university_student_card"),
    ("건강보험증", "not_accepted/health_insurance_card"), ("민간자격증", "not_accepted/private_qualification"),
    ("사원증", "not_accepted/employee_card"),
])
def test_id_aliases(exam, word, where):
    found = [f"{g.id}/{d.id}" for g in exam.ids.groups for d in g.documents if word in d.aliases]
    found += [f"rejected/{d.id}" for d in exam.ids.rejected_forms if word in d.aliases]
    found += [f"not_accepted/{d.id}" for d in exam.ids.not_accepted if word in d.aliases]
    assert found == [where]


# 7. 다. 서류 제출 기관
NOTICE_OFFICES = [
    ("서울지역본부", "전문자격시험부", "서울 동대문구 장안벚꽃로 279", "02512", "02-2137-0554", ["서울"]),
    ("부산지역본부", "필기시험부", "부산 북구 금곡대로 441번길 26", "46519", "051-330-1812", ["부산"]),
    ("대구지역본부", "필기시험부", "대구 달서구 성서공단로 213", "42704", "053-580-2372", ["대구"]),
    ("광주지역본부", "필기시험부", "광주 북구 첨단벤처로 82", "61008", "062-970-1799", ["광주"]),
    ("대전지역본부", "필기시험부", "대전 중구 서문로 25번길 1", "35000", "042-580-9137", ["대전"]),
]


def test_offices_equal_the_notice_table(exam):
    assert [(o.name, o.department, o.address, o.postcode, o.phone, o.regions) for o in exam.offices] == NOTICE_OFFICES


def test_exemption(exam):
    exemption = exam.exemption
    assert exemption.base_date == date(2023, 3, 1) and exemption.years_required == 5
    assert [b.number for b in exemption.bodies] == list(range(1, 10))
    assert exemption.submission.start == datetime(2023, 5, 17, 9, 0)
    assert exemption.submission.end == datetime(2023, 5, 26, 17, 0)
    assert exemption.submission_note == "토·일·공휴일 제외"
    assert len(exemption.common_documents) == 2 and len(exemption.documents) == 4


def test_pass_rules(exam):
    rules = exam.pass_rules
    assert (rules.stage1.subject_min, rules.stage1.average_min, rules.stage1.excluded_subjects) == (40, 60, ["영어"])
    assert (rules.stage2.subject_min, rules.stage2.average_min) == (40, 60)
    assert (rules.minimum_pass_count, rules.tie_decimals, rules.tie_rounding) == (200, 2, "truncate")


# 3. 나. 과목별 시험시간: (교시, 입실완료, 시작, 종료, 분)
NOTICE_TIMETABLE = {
    1: [("1교시", "09:00", "09:30", "11:30", 120), ("2교시", "11:50", "12:00", "13:20", 80)],
    2: [("1교시", "09:00", "09:30", "11:10", 100), ("2교시", "12:10", "12:30", "14:10", 100),
        ("3교시", "14:30", "14:40", "16:20", 100)],
}


def test_timetable_equals_the_notice(exam):
    for stage in exam.stages:
        got = [(p.name, f"{p.entry:%H:%M}", f"{p.start:%H:%M}", f"{p.end:%H:%M}", p.minutes) for p in stage.periods]
        assert got == NOTICE_TIMETABLE[stage.number]
    assert exam.stage(1).regions == ["서울", "부산", "대구", "광주", "대전"]
    assert exam.stage(2).regions == ["서울", "부산"]
    assert exam.stage(1).provisional_answers.start == datetime(2023, 4, 8, 17, 0)
    assert exam.stage(1).provisional_answers.end == datetime(2023, 4, 14, 18, 0)


def test_contacts(exam):
    phones = {c.id: c.phone for c in exam.contacts}
    assert exam.helpdesk.phone == "1644-8000"
    assert phones["results_ars"] == "1666-0100"
    assert phones["kapa_licence"] == "02-3465-9914"
    assert phones["kapa_training"] == "02-3465-9813"
    assert phones["japan_toeic"] == "052-714-8381"


@pytest.mark.parametrize("word", ["모바일 신분증", "자격증"])
def test_id_words_that_could_go_either_way_are_ambiguous(exam, word):
    assert len(exam.ids.ambiguous_aliases[word]) >= 2
    assert not [d for g in exam.ids.groups for d in g.documents if word in d.aliases]
