"""Loading and validating knowledge files.

A file is read with PyYAML's ``safe_load`` and validated against ``schema.py`` with pydantic; then the
cross-field checks in ``checks.py`` run (dates in order, tiers sorted, ids unique, quotes verbatim).
Every problem names the file, the field path (``refund.tiers[0].days_before_exam``) and what is wrong
in plain words. ``load_*`` raise ``KnowledgeError`` (carrying all problems); ``check`` returns them.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .schema import CertLookupGuide, Exam, Lexicon, Phrasings

HERE = Path(__file__).resolve().parent
EXAMS_DIR = HERE / "exams"
GUIDES_DIR = HERE / "guides"
DEFAULT_EXAM_FILE = EXAMS_DIR / "appraiser-2023-34.yaml"
DEFAULT_GUIDE_FILE = GUIDES_DIR / "cert-lookup.yaml"
LEXICON_FILE = HERE / "lexicon.yaml"
EXAM_ENV = "APPLICANT_BOT_EXAM"
GUIDE_ENV = "APPLICANT_BOT_GUIDE"

Model = TypeVar("Model", bound=BaseModel)


# libyaml's parser when PyYAML has it (the wheels do): the same documents, read ~5x faster at start-up.
class _KnowledgeLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """``safe_load`` with two YAML 1.1 surprises removed, so that pydantic sees the text as written:
    dates stay strings (an impossible date like 2023-02-30 then fails with its field path instead of
    crashing PyYAML), and ``11:50`` stays "11:50" instead of the base-60 number 710."""

    def construct_mapping(self, node, deep=False):  # type: ignore[override]
        # A key written twice keeps only its last value in plain YAML: an edited fact would quietly
        # lose a field. Refuse it, naming the line.
        seen: set = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} is written twice in one mapping", key_node.start_mark,
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_int(self, node):  # type: ignore[override]
        value = self.construct_scalar(node)
        return value if ":" in value else super().construct_yaml_int(node)

    def construct_yaml_float(self, node):  # type: ignore[override]
        value = self.construct_scalar(node)
        return value if ":" in value else super().construct_yaml_float(node)


_KnowledgeLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_KnowledgeLoader.add_constructor("tag:yaml.org,2002:int", _KnowledgeLoader.construct_yaml_int)
_KnowledgeLoader.add_constructor("tag:yaml.org,2002:float", _KnowledgeLoader.construct_yaml_float)


def safe_load(text: str):
    return yaml.load(text, Loader=_KnowledgeLoader)  # noqa: S506 - a SafeLoader subclass


@dataclass(frozen=True)
class Problem:
    file: str
    field: str
    problem: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.problem}"


class KnowledgeError(ValueError):
    """A knowledge file that cannot be used. ``str()`` names file, field and problem; ``problems``
    holds every problem found (the first one is also in ``file``/``field``/``problem``)."""

    def __init__(self, file: Path | str, field: str, problem: str, problems: list[Problem] | None = None) -> None:
        self.file, self.field, self.problem = str(file), field, problem
        self.problems = problems or [Problem(self.file, field, problem)]
        more = len(self.problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        super().__init__(f"{file}: {field}: {problem}{suffix}")

    @classmethod
    def from_problems(cls, problems: list[Problem]) -> "KnowledgeError":
        first = problems[0]
        return cls(first.file, first.field, first.problem, problems)


# --- reading and validating ---------------------------------------------------------------------


def field_path(loc: tuple[Any, ...]) -> str:
    """``("refund", "tiers", 0, "days_before_exam")`` -> ``refund.tiers[0].days_before_exam``."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path or "(top level)"


def _describe(error: dict[str, Any]) -> str:
    kind, given = error["type"], error.get("input")
    shown = repr(given) if not isinstance(given, (dict, list)) else type(given).__name__
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown key (not in the schema; check the spelling)"
    if kind.startswith(("date_", "datetime_")):
        return f"not a valid date/time: {shown} (write it as 2023-04-08 or 2023-04-08T09:00:00)"
    if kind.startswith("time_"):
        return f"not a valid time of day: {shown} (write it quoted, as \"09:00\")"
    if kind in {"string_too_short", "too_short"}:
        return f"must not be empty: {error['msg']}"
    if kind in {"int_type", "int_parsing", "float_type", "float_parsing", "string_type", "list_type",
                "dict_type", "bool_type", "bool_parsing", "model_type", "int_from_float"}:
        return f"wrong type: {error['msg'].lower()}, got {shown}"
    return f"{error['msg']} (got {shown})"


def _parse_yaml(path: Path) -> tuple[Any, list[Problem]]:
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem(file, "(file)", "file not found")]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(file, "(file)", f"cannot read the file: {exc}")]
    try:
        data = safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "(yaml)"
        what = getattr(exc, "problem", None) or str(exc)
        context = getattr(exc, "context", None)
        detail = f"{context}; {what}" if context else what
        return None, [Problem(file, where, f"YAML syntax error: {detail}")]
    except ValueError as exc:  # a constructor refusing a value; should not happen with our loader
        return None, [Problem(file, "(yaml)", f"YAML value error: {exc}")]
    if not isinstance(data, dict):
        return None, [Problem(file, "(top level)", "the file must be a YAML mapping (key: value lines)")]
    return data, []


def _validate(path: Path, model: type[Model]) -> tuple[Model | None, list[Problem]]:
    data, problems = _parse_yaml(path)
    if problems:
        return None, problems
    try:
        parsed = model.model_validate(data)
    except ValidationError as exc:
        return None, [Problem(str(path), field_path(err["loc"]), _describe(err)) for err in exc.errors()]
    from .checks import cross_check  # late import: checks imports this module's Problem

    return parsed, [Problem(str(path), field, what) for field, what in cross_check(parsed, path)]


# --- resolving which file -----------------------------------------------------------------------


def _bundled(directory: Path) -> dict[str, Path]:
    return {p.stem: p for p in sorted(directory.glob("*.yaml"))}


def resolve(path: Path | str | None, *, env: str, directory: Path, default: Path) -> Path:
    """None -> the env variable (a path, or the id/stem of a bundled file) -> the default file."""
    source = "argument"
    if path is None or str(path) == "":
        path = os.environ.get(env) or None
        source = env
    if path is None:
        return default.resolve()
    candidate = Path(path).expanduser()
    if candidate.exists():
        return candidate.resolve()
    name = str(path).removesuffix(".yaml")
    bundled = _bundled(directory)
    if name in bundled:
        return bundled[name].resolve()
    known = ", ".join(bundled) or "none"
    raise KnowledgeError(path, source, f"no such file, and not the id of a bundled file (bundled: {known})")


# --- public API ---------------------------------------------------------------------------------

_cache: dict[tuple[str, Path], BaseModel] = {}


def _load(path: Path, model: type[Model]) -> Model:
    key = (model.__name__, path)
    if key not in _cache:
        parsed, problems = _validate(path, model)
        if problems:
            raise KnowledgeError.from_problems(problems)
        assert parsed is not None
        _cache[key] = parsed
    return _cache[key]  # type: ignore[return-value]


def load_exam(path: Path | str | None = None) -> Exam:
    """The exam round: ``path``, else ``$APPLICANT_BOT_EXAM`` (path or bundled id), else the default;
    with the lexicon attached (``Exam.lexicon``)."""
    target = resolve(path, env=EXAM_ENV, directory=EXAMS_DIR, default=DEFAULT_EXAM_FILE)
    key = ("Exam+lexicon", target)
    if key not in _cache:
        _cache[key] = _load(target, Exam).model_copy(update={"lexicon": load_lexicon()})
    return _cache[key]  # type: ignore[return-value]


def load_guide(path: Path | str | None = None) -> CertLookupGuide:
    """The certificate-lookup guide: ``path``, else ``$APPLICANT_BOT_GUIDE``, else the bundled one."""
    return _load(resolve(path, env=GUIDE_ENV, directory=GUIDES_DIR, default=DEFAULT_GUIDE_FILE), CertLookupGuide)


def load_lexicon(path: Path | str | None = None) -> Lexicon:
    """The everyday-language word lists the NLU reads (``knowledge/lexicon.yaml`` unless ``path``)."""
    return _load(Path(path) if path else LEXICON_FILE, Lexicon)


def source_path(model: BaseModel) -> Path | None:
    """The file a loaded exam or guide came from (for files shipped next to it, like the notice)."""
    for (_, path), cached in _cache.items():
        if cached is model:
            return path
    return None


def clear_cache() -> None:
    _cache.clear()


def file_kind(path: Path) -> type[BaseModel]:
    """A guide has ``steps`` at the top level; anything else is checked as an exam round."""
    data, problems = _parse_yaml(path)
    if not problems and isinstance(data, dict) and "lexicon" in data:
        return Lexicon
    if not problems and isinstance(data, dict) and set(data) <= {"intents", "topics", "anchors"}:
        return Phrasings
    if not problems and isinstance(data, dict) and "steps" in data and "stages" not in data:
        return CertLookupGuide
    return Exam


def check_problems(path: Path | str | None = None) -> list[Problem]:
    """Every problem of one file, a directory of files, or (None) the active exam and the guide."""
    if path is None:
        try:
            targets = [resolve(None, env=EXAM_ENV, directory=EXAMS_DIR, default=DEFAULT_EXAM_FILE),
                       resolve(None, env=GUIDE_ENV, directory=GUIDES_DIR, default=DEFAULT_GUIDE_FILE),
                       LEXICON_FILE]
        except KnowledgeError as exc:
            return list(exc.problems)
    else:
        candidate = Path(path)
        if candidate.is_dir():
            targets = sorted(candidate.rglob("*.yaml"))
            if not targets:
                return [Problem(str(candidate), "(directory)", "no .yaml files in this directory")]
        else:
            try:
                targets = [resolve(path, env=EXAM_ENV, directory=EXAMS_DIR, default=DEFAULT_EXAM_FILE)]
            except KnowledgeError as exc:
                return list(exc.problems)
    problems: list[Problem] = []
    for target in targets:
        problems += _validate(target, file_kind(target))[1]
    return problems


def check(path: Path | str | None = None) -> list[str]:
    """Human-readable problems (``file: field: problem``); ``[]`` when everything is fine."""
    return [str(p) for p in check_problems(path)]
