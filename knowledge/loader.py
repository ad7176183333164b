"""Loading and validating knowledge files. (Skeleton: implemented by the knowledge work.)"""
from __future__ import annotations

from pathlib import Path

from .schema import CertLookupGuide, Exam

HERE = Path(__file__).resolve().parent
DEFAULT_EXAM_FILE = HERE / "exams" / "appraiser-2023-34.yaml"
DEFAULT_GUIDE_FILE = HERE / "guides" / "cert-lookup.yaml"


class KnowledgeError(ValueError):
    def __init__(self, file: Path | str, field: str, problem: str) -> None:
        self.file, self.field, self.problem = str(file), field, problem
        super().__init__(f"{file}: {field}: {problem}")


def load_exam(path: Path | str | None = None) -> Exam:
    raise NotImplementedError("knowledge loader not written yet")


def load_guide(path: Path | str | None = None) -> CertLookupGuide:
    raise NotImplementedError("knowledge loader not written yet")


def check(path: Path | str | None = None) -> list[str]:
    raise NotImplementedError("knowledge loader not written yet")
