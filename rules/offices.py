"""Which HRDK office serves an exam region (notice 7. 다.): the five regions 서울·부산·대구·광주·대전.
Anything else: the notice does not say, so the answer says so and gives the help desk."""
from __future__ import annotations

from datetime import date

from .common import citations
from .terms import exam_regions, find_region
from .types import OfficeDecision, OfficeRequest, phrase


def office_for_region(exam, request: OfficeRequest, today: date) -> OfficeDecision:
    region = find_region(exam, request.region or "")
    office = next((o for o in exam.offices if region in o.regions), None) if region else None
    common = dict(citations=citations(exam.exemption.offices_source), notice_label=exam.notice_label)
    if office is None:
        return OfficeDecision(
            says=phrase(
                "not_found", said=(request.region or "").strip(), offices=tuple(o.name for o in exam.offices),
                regions=tuple(exam_regions(exam)), helpdesk=(exam.helpdesk.name, exam.helpdesk.phone),
            ),
            found=False, region=None, **common,
        )
    return OfficeDecision(
        says=phrase(
            "found", region=region, name=office.name, department=office.department, postcode=office.postcode,
            address=office.address, phone=office.phone,
        ),
        reasons=(phrase("may_change"),),
        found=True, region=region, office_id=office.id, name=office.name, department=office.department,
        address=office.address, postcode=office.postcode, phone=office.phone, **common,
    )
