"""ID on exam day (notice 12. 수험자 유의사항 2.): is this document accepted for this applicant?

Free text → a listed document (the "모든 수험자 공통" list counts for every group), a document the
notice does not accept ("대학교 학생증"), or a rejected form of a listed one ("주민등록증 복사본",
"화면 캡처본"). Mobile forms count only where the notice names them (모바일 운전면허증, PASS 모바일
운전면허 확인서비스, 정부24·PASS 주민등록증 모바일 확인서비스, 모바일 국가기술자격증); "모바일 여권"
is not one of them. The group is inferred from the words or the document when not given. A document
the notice does not speak of gets ``accepted=None`` with the list to choose from — never a guess.
"""
from __future__ import annotations

from datetime import date

from .common import HELPDESK, citations
from .formatting import josa
from .terms import find_all, find_id_group, id_terms, words
from .types import AmbiguousInput, IdDecision, IdGroup, IdRequest, InvalidInput


def _docs_by_id(exam) -> dict:
    docs = {}
    for group in exam.ids.groups:
        for doc in group.documents:
            docs.setdefault(doc.id, doc)
    for doc in (*exam.ids.not_accepted, *exam.ids.rejected_forms):
        docs.setdefault(doc.id, doc)
    return docs


def groups_listing(exam, doc) -> tuple[IdGroup, ...]:
    """Every group whose list names this document (same id or the same printed name)."""
    return tuple(
        IdGroup(g.id) for g in exam.ids.groups
        if any(d.id == doc.id or d.name == doc.name for d in g.documents)
    )


def allowed_documents(exam, group: IdGroup) -> list:
    """The documents an applicant of ``group`` may bring: the common list plus the group's own."""
    by_id = {g.id: g for g in exam.ids.groups}
    docs = list(by_id["general"].documents)
    if group is not IdGroup.GENERAL:
        docs += by_id[group.value].documents
    return docs


def _names(docs) -> tuple[str, ...]:
    names: list[str] = []
    for doc in docs:
        label = f"{doc.number} {doc.name}" if doc.number else doc.name
        if label not in names:
            names.append(label)
    return tuple(names)


def _group_name(exam, group: IdGroup) -> str:
    if group is IdGroup.GENERAL:  # the notice's heading "모든 수험자 공통 적용" reads badly as a group
        return "일반"
    return next(g.name for g in exam.ids.groups if g.id == group.value)


def id_check(exam, request: IdRequest, today: date) -> IdDecision:
    text = (request.document or "").strip()
    if not text:
        raise InvalidInput("어떤 신분증인지 알려 주세요. 예: 주민등록증, 모바일 운전면허증, 학생증")
    docs = _docs_by_id(exam)
    matches = find_all(text, id_terms(exam))
    named = [m for m in matches if m.key[0] in ("listed", "not_accepted", "ambiguous")]
    rejected = [docs[m.key[1]] for m in matches if m.key[0] == "rejected"]
    mobile_said = bool(find_all(text, [(w, w) for w in words(exam).mobile]))

    # The group: as given; else group words outside the document's own name ("고등학생인데 여권");
    # else what the document tells ("학생증" → student); else everyone's list.
    outside = "".join(
        ch if not any(m.start <= i < m.end for m in matches) else " " for i, ch in enumerate(text)
    )
    group = request.group or find_id_group(exam, outside)
    if named and named[-1].key[0] == "ambiguous" and not rejected:
        candidates = [docs[i] for i in exam.ids.ambiguous_aliases[named[-1].key[1]]]
        options = tuple(dict.fromkeys(d.name for d in candidates))
        raise AmbiguousInput(
            f"'{named[-1].key[1]}'은(는) 여러 신분증을 뜻할 수 있어 어떤 것인지 알아야 답할 수 있어요. "
            f"다음 중 어느 것인가요? {', '.join(options)}",
            options,
        )
    named = [m for m in named if m.key[0] != "ambiguous"]
    primary = docs[named[-1].key[1]] if named else None
    primary_kind = named[-1].key[0] if named else None
    if group is None:
        listing = groups_listing(exam, primary) if primary_kind == "listed" else ()
        group = IdGroup.GENERAL if not listing or IdGroup.GENERAL in listing else listing[0]
    group = IdGroup(group)
    allowed = allowed_documents(exam, group)
    alternatives = _names(allowed)
    common = dict(
        citations=citations(exam.ids.source), notice_label=exam.notice_label, group=group,
        alternatives=alternatives,
    )
    base_conditions = (
        f"신분증(증명서)에 {josa(', '.join(exam.ids.required_fields), '이')} 모두 있어야 해요(없으면 불인정).",
        "원본만 인정돼요: " + ", ".join(d.name for d in exam.ids.rejected_forms) + " 등은 불인정.",
    )
    others = _other_documents(exam, named[:-1], docs, group)
    mobile_list = "공고가 인정하는 모바일 신분증: " + ", ".join(
        dict.fromkeys(d.name for d in allowed if d.mobile)
    ) + "."

    if primary is None:
        if rejected:
            form = rejected[0]
            return IdDecision(
                explanation=(
                    f"{josa(form.name, '은')} 신분증으로 인정되지 않아요. {josa(form.instead or '신분증 원본', '을')} 가져오세요."
                ),
                reasons=(exam.ids.no_id_note,), accepted=False, rejected_form=form.name,
                conditions=base_conditions, **common,
            )
        return IdDecision(
            explanation=(
                f"'{text}': 공고의 신분증 인정 범위에서 찾지 못했어요. "
                f"{_group_name(exam, group)} 수험자는 다음 중 하나를 가져오시면 돼요. 확실하지 않다면 {HELPDESK}에 "
                "확인해 주세요."
            ),
            reasons=(exam.ids.no_id_note,), accepted=None, conditions=base_conditions, **common,
        )

    if primary_kind == "not_accepted":
        return IdDecision(
            explanation=(
                f"{josa(primary.name, '은')} 공고의 신분증 인정 범위에 없어 인정되지 않아요. "
                f"대신 {josa(primary.instead or '인정 신분증', '을')} 가져오세요."
            ),
            reasons=(exam.ids.no_id_note, *others), accepted=False, document=primary.name,
            document_id=primary.id, conditions=base_conditions, **common,
        )

    listing = groups_listing(exam, primary)
    if mobile_said and not primary.mobile:
        sibling = next(
            (d for d in allowed if d.mobile and d.number == primary.number and _same_list(exam, d, primary)), None
        )
        if sibling is None:
            return IdDecision(
                explanation=(
                    f"{josa(primary.name, '은')} 모바일(휴대폰 화면) 형태가 인정 범위에 없어요. "
                    f"{primary.name} 원본을 가져오세요."
                ),
                reasons=(mobile_list, exam.ids.no_id_note, *others), accepted=False, document=primary.name,
                document_id=primary.id, groups=listing, conditions=base_conditions, **common,
            )
        primary = sibling
    if IdGroup.GENERAL not in listing and group not in listing:
        who = ", ".join(_group_name(exam, g) for g in listing)
        return IdDecision(
            explanation=(
                f"{josa(primary.name, '은')} {who} 수험자에게만 인정되는 신분증이라 "
                f"{_group_name(exam, group)} 수험자에게는 인정되지 않아요."
            ),
            reasons=(exam.ids.no_id_note, *others), accepted=False, document=primary.name,
            document_id=primary.id, groups=listing, conditions=base_conditions, **common,
        )
    conditions = (*primary.conditions, *base_conditions)
    if request.expired:
        # an expired document: refused where the notice makes its validity a condition, else the
        # notice does not say
        explanation = (
            f"유효기간이 지난 {josa(primary.name, '은')} 인정되지 않아요(공고: {', '.join(primary.conditions)}). "
            "유효기간 안의 것이나 다른 인정 신분증을 가져오세요."
        ) if primary.expires else (
            f"공고는 {primary.name}의 유효기간이 지난 경우를 따로 정하지 않았어요. 확실하게 하려면 "
            f"유효한 다른 인정 신분증을 챙기시고, 궁금하면 {HELPDESK}에 확인해 주세요."
        )
        return IdDecision(
            explanation=explanation, reasons=(exam.ids.no_id_note, *others),
            accepted=False if primary.expires else None, document=primary.name,
            document_id=primary.id, groups=listing, conditions=conditions, **common,
        )
    if primary.mobile:
        conditions = (*conditions, "앱에서 바로 띄운 화면이어야 해요(화면 캡처·촬영본 불가).")
    if rejected:
        form = rejected[0]
        return IdDecision(
            explanation=(
                f"{josa(primary.name, '이라')}도 {josa(form.name, '은')} 신분증으로 인정되지 않아요. "
                f"{josa(form.instead or primary.name + ' 원본', '을')} 가져오세요."
            ),
            reasons=(exam.ids.no_id_note, *others), accepted=False, document=primary.name,
            document_id=primary.id, rejected_form=form.name, groups=listing, conditions=conditions, **common,
        )
    who = "모든 수험자" if IdGroup.GENERAL in listing else ", ".join(_group_name(exam, g) for g in listing)
    reasons = [f"{who}에게 인정되는 신분증이에요."]
    if mobile_said or primary.mobile:
        reasons.append(mobile_list)
    return IdDecision(
        explanation=(
            f"{josa(primary.name, '은')} 신분증으로 인정돼요"
            + (f" ({', '.join(primary.conditions)})." if primary.conditions else ".")
            + " 시험 당일 수험표, 필기구와 함께 가져오세요."
        ),
        reasons=(*reasons, *others), accepted=True, document=primary.name, document_id=primary.id,
        groups=listing, conditions=conditions, **common,
    )


def _same_list(exam, a, b) -> bool:
    return any(
        any(d.id == a.id for d in g.documents) and any(d.id == b.id for d in g.documents)
        for g in exam.ids.groups
    )


def _other_documents(exam, matches, docs, group: IdGroup) -> tuple[str, ...]:
    """One line for each other document named in the same text ("수험표랑 주민등록증")."""
    lines: list[str] = []
    allowed_names = {d.name for d in allowed_documents(exam, group)}
    for m in matches:
        doc = docs[m.key[1]]
        if m.key[0] == "listed" and doc.name in allowed_names:
            lines.append(f"함께 말씀하신 {doc.name}도 인정되는 신분증이에요.")
        else:
            lines.append(f"함께 말씀하신 {josa(doc.name, '은')} 신분증으로 인정되지 않아요.")
    return tuple(dict.fromkeys(lines))
