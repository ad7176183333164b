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


_EXACT_SCALARS = frozenset({int, float, bool, type(None), date, datetime, time})
_NOT_A_FROZEN_DATACLASS = ()
_field_names: dict[type, tuple[str, ...]] = {}  # per type: a frozen dataclass's fields, or ()


def _frozen_fields(kind: type) -> tuple[str, ...]:
    params = getattr(kind, "__dataclass_params__", None)
    if params is None or not params.frozen:
        return _NOT_A_FROZEN_DATACLASS
    return tuple(f.name for f in dataclasses.fields(kind))


def freeze(value: Any) -> Any:
    kind = type(value)
    if kind is str:  # the commonest leaf; a plain str equals nothing but an equal plain str
        return value
    if kind in _EXACT_SCALARS:
        return (kind, value)
    if kind is tuple or kind is list:
        return (kind, tuple([freeze(v) for v in value]))
    names = _field_names.get(kind)
    if names is None:
        names = _field_names[kind] = _frozen_fields(kind)
    if names:
        return (kind, tuple([freeze(getattr(value, name)) for name in names]))
    if kind is dict:
        return (dict, tuple([(freeze(k), freeze(v)) for k, v in value.items()]))
    if isinstance(value, BaseModel):
        if not value.model_config.get("frozen"):
            raise Unfreezable(kind.__name__)
        return Same(value)
    if isinstance(value, _SCALARS):  # Enum members, str/int subclasses: keyed with their type
        return (kind, value)
    raise Unfreezable(kind.__name__)
