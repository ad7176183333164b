"""Which HRDK office serves an exam region (notice 7. 다.): the five regions 서울·부산·대구·광주·대전.
Anything else: the notice does not say, so the answer says so and gives the help desk."""
from __future__ import annotations

from datetime import date

from .common import citations
from .terms import exam_regions, find_region
from .types import OfficeDecision, OfficeRequest


def office_for_region(exam, request: OfficeRequest, today: date) -> OfficeDecision:
    region = find_region(exam, request.region or "")
    office = next((o for o in exam.offices if region in o.regions), None) if region else None
    common = dict(citations=citations(exam.exemption.offices_source), notice_label=exam.notice_label)
    if office is None:
        phone = exam.helpdesk.phone or "1644-8000"
        return OfficeDecision(
            explanation=(
                f"공고에는 '{(request.region or '').strip()}' 지역을 담당하는 기관이 나와 있지 않아요. 공고의 서류 제출 "
                f"기관은 {', '.join(o.name for o in exam.offices)}이고, 시험은 {', '.join(exam_regions(exam))}에서 "
                f"시행해요. 정확한 담당 기관은 {exam.helpdesk.name}({phone})에 문의해 주세요."
            ),
            found=False, region=None, **common,
        )
    return OfficeDecision(
        explanation=(
            f"{region} 지역은 {office.name} {office.department}예요: ({office.postcode}) {office.address}, "
            f"☎ {office.phone}."
        ),
        reasons=("조직개편에 따라 부서 및 연락처는 변경될 수 있으니 큐넷 홈페이지를 참조해 주세요.",),
        found=True, region=region, office_id=office.id, name=office.name, department=office.department,
        address=office.address, postcode=office.postcode, phone=office.phone, **common,
    )
