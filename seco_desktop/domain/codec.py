"""Dataclass records to JSON-ready dicts and back.

One codec for the local store's profile column and the central store's payloads, driven by the
type hints of the dataclasses in ``models`` so a new field needs no new code.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any, TypeVar, Union

T = TypeVar("T")


class DecodeError(ValueError):
    """Stored data does not fit the record type (names the field, never the value)."""


def to_dict(record: object) -> dict[str, Any]:
    """A JSON-ready dict of a dataclass instance."""
    if not dataclasses.is_dataclass(record) or isinstance(record, type):
        raise TypeError("to_dict needs a dataclass instance")
    return _encode_dataclass(record)


def from_dict(cls: type[T], data: object, path: str = "") -> T:
    """Rebuild a dataclass of type ``cls`` from ``to_dict`` output."""
    if not isinstance(data, dict):
        raise DecodeError(f"{path or cls.__name__}: expected an object")
    hints = _hints(cls)  # type: ignore[arg-type]  # classes are hashable
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name in data:
            kwargs[f.name] = _decode(hints[f.name], data[f.name], _join(path, f.name))
    try:
        return cls(**kwargs)
    except TypeError as exc:
        raise DecodeError(f"{path or cls.__name__}: missing required fields") from exc


def dumps(record: object) -> str:
    """Compact, key-sorted JSON (stable bytes for the same record)."""
    return json.dumps(to_dict(record), separators=(",", ":"), sort_keys=True, ensure_ascii=False)


def loads(cls: type[T], text: str | bytes) -> T:
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise DecodeError(f"{cls.__name__}: stored JSON is not readable") from exc
    return from_dict(cls, data)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _encode_dataclass(record: object) -> dict[str, Any]:
    names = _field_names(type(record))  # type: ignore[arg-type]  # classes are hashable
    return {name: _encode(getattr(record, name)) for name in names}


def _encode(value: object) -> Any:
    # Exact-type checks first: this runs for every field of every record written.
    kind = type(value)
    if value is None or kind is str or kind is int or kind is bool or kind is float:
        return value
    if isinstance(value, Enum):
        return value.value
    if kind is date or kind is datetime:
        return value.isoformat()  # type: ignore[attr-defined]
    if kind is list or kind is tuple:
        return [_encode(v) for v in value]  # type: ignore[attr-defined]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _encode_dataclass(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot encode a {kind.__name__}")


def _decode(hint: Any, value: object, path: str) -> Any:
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        args = typing.get_args(hint)
        if value is None and type(None) in args:
            return None
        (inner,) = [a for a in args if a is not type(None)]
        return _decode(inner, value, path)
    if origin is list:
        if not isinstance(value, list):
            raise DecodeError(f"{path}: expected a list")
        (item,) = typing.get_args(hint)
        return [_decode(item, v, f"{path}[{i}]") for i, v in enumerate(value)]
    if isinstance(hint, type):
        return _decode_scalar(hint, value, path)
    raise DecodeError(f"{path}: unsupported field type")


def _decode_scalar(hint: type, value: object, path: str) -> Any:
    try:
        if dataclasses.is_dataclass(hint):
            return from_dict(hint, value, path)
        if issubclass(hint, Enum):
            return hint(value)
        if hint is datetime:
            return datetime.fromisoformat(_text(value))
        if hint is date:
            return date.fromisoformat(_text(value))
        if hint is bool:
            if not isinstance(value, bool):
                raise DecodeError(f"{path}: expected true or false")
            return value
        if hint is int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise DecodeError(f"{path}: expected a whole number")
            return value
        if hint is str:
            return _text(value)
    except (ValueError, TypeError) as exc:
        if isinstance(exc, DecodeError):
            raise
        raise DecodeError(f"{path}: value does not fit {hint.__name__}") from exc
    raise DecodeError(f"{path}: unsupported field type {hint.__name__}")


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("expected text")
    return value
