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

from .common import citations
from .terms import find_all, find_id_group, glued_prefix, id_terms, words
from .types import AmbiguousInput, IdDecision, IdGroup, IdRequest, InvalidInput, phrase, quote


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


def _group(exam, group: IdGroup) -> tuple[str, str]:
    """(id, the notice's name) of a group, as a figure: templates name it."""
    return group.value, next(g.name for g in exam.ids.groups if g.id == group.value)


def id_check(exam, request: IdRequest, today: date) -> IdDecision:
    text = (request.document or "").strip()
    if not text:
        raise InvalidInput("document_missing")
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
        raise AmbiguousInput("document_ambiguous", options, word=named[-1].key[1])
    named = [m for m in named if m.key[0] != "ambiguous"]
    if named and _another_document(exam, text, named[-1]):
        named, rejected = [], []  # "국제운전면허증" is not the 운전면허증 of the list: not a guess
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
        phrase("required_fields", fields=tuple(exam.ids.required_fields)),
        phrase("originals_only", forms=tuple(d.name for d in exam.ids.rejected_forms)),
    )
    others = _other_documents(exam, named[:-1], docs, group)
    mobile_list = phrase("mobile_list", names=tuple(dict.fromkeys(d.name for d in allowed if d.mobile)))
    no_id = phrase("no_id_no_exam", note=exam.ids.no_id_note)  # what follows from a refused document

    if primary is None:
        if rejected:
            form = rejected[0]
            return IdDecision(
                says=phrase("rejected_form", form=form.name, instead=form.instead),
                reasons=(no_id,), accepted=False, rejected_form=form.name,
                conditions=base_conditions, **common,
            )
        return IdDecision(
            says=phrase("not_found", said=text, group=_group(exam, group), helpdesk=_helpdesk(exam)),
            reasons=(no_id,), accepted=None, conditions=base_conditions, **common,
        )

    if primary_kind == "not_accepted":
        return IdDecision(
            says=phrase("not_accepted", name=primary.name, instead=primary.instead),
            reasons=(no_id, *others), accepted=False, document=primary.name,
            document_id=primary.id, conditions=base_conditions, **common,
        )

    listing = groups_listing(exam, primary)
    if mobile_said and not primary.mobile:
        sibling = next(
            (d for d in allowed if d.mobile and d.number == primary.number and _same_list(exam, d, primary)), None
        )
        if sibling is None:
            return IdDecision(
                says=phrase("mobile_not_listed", name=primary.name),
                reasons=(mobile_list, no_id, *others), accepted=False, document=primary.name,
                document_id=primary.id, groups=listing, conditions=base_conditions, **common,
            )
        primary = sibling
    if IdGroup.GENERAL not in listing and group not in listing:
        return IdDecision(
            says=phrase("group_only", name=primary.name, listing=tuple(_group(exam, g) for g in listing),
                        group=_group(exam, group)),
            reasons=(no_id, *others), accepted=False, document=primary.name,
            document_id=primary.id, groups=listing, conditions=base_conditions, **common,
        )
    conditions = (*(quote(c) for c in primary.conditions), *base_conditions)
    if request.expired:
        # an expired document: refused where the notice makes its validity a condition, else the
        # notice does not say
        says = phrase("expired", name=primary.name, conditions=tuple(primary.conditions)) if primary.expires \
            else phrase("expiry_unstated", name=primary.name, helpdesk=_helpdesk(exam))
        return IdDecision(
            says=says, reasons=(no_id, *others),
            accepted=False if primary.expires else None, document=primary.name,
            document_id=primary.id, groups=listing, conditions=conditions, **common,
        )
    if primary.mobile:
        conditions = (*conditions, phrase("live_screen"))
    if rejected:
        form = rejected[0]
        return IdDecision(
            says=phrase("rejected_form_of", name=primary.name, form=form.name, instead=form.instead),
            reasons=(no_id, *others), accepted=False, document=primary.name,
            document_id=primary.id, rejected_form=form.name, groups=listing, conditions=conditions, **common,
        )
    reasons = [phrase("accepted_for", everyone=IdGroup.GENERAL in listing,
                      listing=tuple(_group(exam, g) for g in listing))]
    if mobile_said or primary.mobile:
        reasons.append(mobile_list)
    return IdDecision(
        says=phrase("accepted", name=primary.name, conditions=tuple(primary.conditions)),
        reasons=(*reasons, *others), accepted=True, document=primary.name, document_id=primary.id,
        groups=listing, conditions=conditions, **common,
    )


def _another_document(exam, text: str, match) -> bool:
    """Is the listed name only the tail of a longer word that names another document — two
    syllables or more written onto it that are no mobile form ("국제운전면허증", "임시여권")?"""
    prefix = glued_prefix(text, match.start)
    return len(prefix) >= 2 and not find_all(prefix, [(w, w) for w in words(exam).mobile])


def _same_list(exam, a, b) -> bool:
    return any(
        any(d.id == a.id for d in g.documents) and any(d.id == b.id for d in g.documents)
        for g in exam.ids.groups
    )


def _other_documents(exam, matches, docs, group: IdGroup) -> tuple[str, ...]:
    """One line for each other document named in the same text ("수험표랑 주민등록증")."""
    allowed_names = {d.name for d in allowed_documents(exam, group)}
    lines = [
        phrase("also_accepted" if m.key[0] == "listed" and docs[m.key[1]].name in allowed_names else "also_refused",
               name=docs[m.key[1]].name)
        for m in matches
    ]
    return tuple(dict.fromkeys(lines))


def _helpdesk(exam) -> tuple[str, str]:
    return exam.helpdesk.name, exam.helpdesk.phone
