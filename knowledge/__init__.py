"""Exam knowledge: one validated YAML file per exam notice, plus guides.

Public API (owned by the knowledge module):
    load_exam(path=None) -> schema.Exam          # default: the active round (config), cached
    load_guide(path=None) -> schema.CertLookupGuide
    check(path=None) -> list[str]                # human-readable problems, [] when the file is fine
    KnowledgeError                               # raised by load_*; str() names file, field and problem
"""
from __future__ import annotations

from .loader import DEFAULT_EXAM_FILE, DEFAULT_GUIDE_FILE, KnowledgeError, check, load_exam, load_guide

__all__ = ["DEFAULT_EXAM_FILE", "DEFAULT_GUIDE_FILE", "KnowledgeError", "check", "load_exam", "load_guide"]
