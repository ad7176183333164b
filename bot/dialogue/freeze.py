"""A hashable, exact key for the variables of a template, so a rendering can be remembered.

``freeze(value)`` turns what the dialogue passes to templates into a key that is equal for two
values only when they would render the same:

* scalars keep their type (``750`` and ``750.0`` print differently, ``True == 1`` in Python);
* tuples, lists and dicts, and the rules' frozen dataclasses, are frozen field by field;
* the knowledge's frozen pydantic models (facts, tests, the exam …) are taken by identity, holding
  a reference so the identity cannot be reused while the key lives;
* anything else (a mutable object of unknown kind) raises ``Unfreezable``: not remembered.
"""
from __future__ import annotations

import dataclasses
from datetime import date, datetime, time
from enum import Enum
from typing import Any

from pydantic import BaseModel

_SCALARS = (str, int, float, bool, type(None), date, datetime, time, Enum)


class Unfreezable(TypeError):
    pass


class Same:
    """Identity key for an immutable object: equal only to itself, and it keeps the object alive."""

    __slots__ = ("obj",)

    def __init__(self, obj: Any) -> None:
        self.obj = obj

    def __hash__(self) -> int:
        return id(self.obj)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Same) and other.obj is self.obj


def freeze(value: Any) -> Any:
    if isinstance(value, _SCALARS):
        return (type(value), value)
    if isinstance(value, (tuple, list)):
        return (type(value), tuple(freeze(v) for v in value))
    if isinstance(value, dict):
        return (dict, tuple((freeze(k), freeze(v)) for k, v in value.items()))
    if isinstance(value, BaseModel):
        if not value.model_config.get("frozen"):
            raise Unfreezable(type(value).__name__)
        return Same(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if not type(value).__dataclass_params__.frozen:  # type: ignore[attr-defined]
            raise Unfreezable(type(value).__name__)
        return (type(value), tuple(freeze(getattr(value, f.name)) for f in dataclasses.fields(value)))
    raise Unfreezable(type(value).__name__)
