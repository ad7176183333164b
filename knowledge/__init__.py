"""Exam knowledge: one validated YAML file per exam notice, plus guides.

Public API (owned by the knowledge module):
    load_exam(path=None) -> schema.Exam          # default: $APPLICANT_BOT_EXAM (path or bundled id), else
                                                 # the bundled 2023 file; cached by resolved path
    load_guide(path=None) -> schema.CertLookupGuide
    load_lexicon(path=None) -> schema.Lexicon        # everyday words the NLU reads (knowledge/lexicon.yaml)
    check(path=None) -> list[str]                # human-readable problems, [] when the file is fine
    check_problems(path=None) -> list[Problem]   # the same as (file, field, problem) records
    KnowledgeError                               # raised by load_*; str() names file, field and problem
    notice_sections(exam) -> list[Section]       # the notice text split at its headings (staff search)
"""
from __future__ import annotations

from .loader import (
    DEFAULT_EXAM_FILE,
    DEFAULT_GUIDE_FILE,
    KnowledgeError,
    Problem,
    check,
    check_problems,
    clear_cache,
    load_exam,
    load_guide,
    load_lexicon,
)
from .notice import Section, notice_sections, notice_text

__all__ = [
    "DEFAULT_EXAM_FILE", "DEFAULT_GUIDE_FILE", "KnowledgeError", "Problem", "Section", "check",
    "check_problems", "clear_cache", "load_exam", "load_guide", "load_lexicon", "notice_sections", "notice_text",
]
