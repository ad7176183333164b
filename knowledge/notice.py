"""The notice's own text, split into its numbered sections, for the staff page's search.

Headings are recognised by their place in the numbering, not by their look alone: the notice's
lists reuse "1." … and "가." … inside sections (결격사유 1.–6., 귀책사유 가.–라.), so a line only
opens a section when it carries the *next* expected number (and a top-level title is short).
Section 12's numbered cautions become their own sections ("12. 2.", "12. 제1차 3."), as do the
forms after it (별지 2, 4, 5).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .schema import Exam

KOREAN_ORDER = "가나다라마바사아자차카타파하"
TOP = re.compile(r"^(\d{1,2})\.\s+(\S.*)$")
SUB = re.compile(r"^([가-하])\.\s+(\S.*)$")
ITEM = re.compile(r"^(\d{1,2})\.\s+(\S.*)$")
BLOCK = re.compile(r"^【\s*(.+?)\s*】\s*$")
FORM = re.compile(r"^【별지\s*(\d+)】\s*(.*)$")
CONSENT_FORM_TITLE = "개인정보 수집·이용 및 제3자 제공 동의서"  # printed without its 【별지2】 label
MAX_TOP_TITLE = 25


@dataclass(frozen=True)
class Section:
    clause: str  # "9. 라."
    title: str  # "수수료 환불"
    text: str  # the section's own lines (its heading line included)


def _title(rest: str) -> str:
    """"제출 기간: 2023. 05. 17.(수) …" -> "제출 기간"; "**8. 공인어학성적**" styling removed."""
    rest = rest.replace("**", "").strip()
    return rest.split(":", 1)[0].strip() if ":" in rest[:20] else rest


def split_notice(text: str) -> list[Section]:
    sections: list[Section] = []
    clause, title, lines = "", "공고 개요", []
    expected_top, expected_sub = 1, 0
    top_clause, block_prefix, expected_item = "", None, 1

    def close() -> None:
        body = "\n".join(lines).strip()
        if body:
            sections.append(Section(clause, title, body))

    for raw in text.splitlines():
        line = raw.strip()
        top = TOP.match(line)
        sub = SUB.match(line)
        form = FORM.match(line)
        block = BLOCK.match(line)
        if top and int(top.group(1)) == expected_top and "\t" not in line and len(top.group(2)) <= MAX_TOP_TITLE:
            close()
            top_clause = f"{expected_top}."
            clause, title, lines = top_clause, _title(top.group(2)), [line]
            expected_top, expected_sub, block_prefix = expected_top + 1, 0, None
            continue
        if sub and top_clause and expected_sub < len(KOREAN_ORDER) and sub.group(1) == KOREAN_ORDER[expected_sub]:
            close()
            clause, title, lines = f"{top_clause} {sub.group(1)}.", _title(sub.group(2)), [line]
            expected_sub += 1
            continue
        if form or (line == CONSENT_FORM_TITLE and expected_top > 12):
            close()
            number = form.group(1) if form else "2"
            clause, title, lines = f"별지 {number}", (form.group(2).strip() if form else line) or f"별지 {number}", [line]
            top_clause, block_prefix = "", None
            continue
        if block and top_clause:
            close()
            name = block.group(1)
            stage = re.search(r"제(\d)차 시험 수험자", name)
            block_prefix = f"제{stage.group(1)}차 " if stage and "·" not in name else ""
            clause, title, lines = top_clause, name, [line]
            expected_item = 1
            continue
        item = ITEM.match(line)
        if block_prefix is not None and item and int(item.group(1)) == expected_item:
            close()
            clause = f"{top_clause} {block_prefix}{expected_item}."
            title, lines = _block_title(block_prefix), [line]
            expected_item += 1
            continue
        lines.append(line)
    close()
    return sections


def _block_title(prefix: str) -> str:
    return f"{prefix.strip()} 시험 수험자 유의사항".strip() if prefix else "제1·2차 시험 공통 수험자 유의사항"


def notice_text(exam: Exam, exam_file: Path | str | None = None) -> str:
    """The notice's text shipped next to the exam file (``notice_file`` in the YAML)."""
    from .loader import EXAMS_DIR, source_path

    if not exam.notice_file:
        return ""
    loaded_from = Path(exam_file) if exam_file else source_path(exam)
    base = loaded_from.resolve().parent if loaded_from else EXAMS_DIR
    return (base / exam.notice_file).read_text(encoding="utf-8")


def notice_sections(exam: Exam, exam_file: Path | str | None = None) -> list[Section]:
    """The notice of ``exam`` split at its headings ("9. 응시원서 접수", "9. 라. 수수료 환불" …)."""
    return split_notice(notice_text(exam, exam_file))
