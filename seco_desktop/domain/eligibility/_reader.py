"""Strict readers for rule-set JSON: every failure names the key path and what was expected.

An administrator uploads rule sets without a code change, so a typo must never be taken silently
(unknown keys are refused) and the message must say exactly where the problem is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import TypeVar

E = TypeVar("E", bound=StrEnum)

_PAY_GRADE = re.compile(r"([EWO])-([1-9][0-9]?)")
#: Highest grade number per category (E-1..E-9, W-1..W-5, O-1..O-10).
PAY_GRADE_TOPS = {"E": 9, "W": 5, "O": 10}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class RuleSetError(ValueError):
    """A rule set that cannot be used; ``path`` names the bad key, e.g. ``params.pay_grades[3]``."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}" if path else problem)


def join(parent: str, key: str) -> str:
    return f"{parent}.{key}" if parent else key


def _shown(value: object) -> str:
    """A short description of a JSON value, for "got ..." in messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"{value!r} (text)"
    if isinstance(value, int | float):
        return f"{value!r} (a number)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__


def split_pay_grade(grade: str) -> tuple[str, int] | None:
    """("E", 4) for "E-4"; None when the text is not a pay grade."""
    match = _PAY_GRADE.fullmatch(grade)
    if match is None:
        return None
    letter, number = match.group(1), int(match.group(2))
    return (letter, number) if number <= PAY_GRADE_TOPS[letter] else None


def read_object(value: object, path: str, schema: Mapping[str, str]) -> Mapping[str, object]:
    """Check ``value`` is an object with exactly the keys of ``schema`` (key -> expectation)."""
    if not isinstance(value, Mapping):
        raise RuleSetError(path, f"expected an object, got {_shown(value)}")
    for key in value:
        if key not in schema:
            expected = ", ".join(schema)
            raise RuleSetError(path, f"unknown key {key!r} (expected only: {expected})")
    for key, what in schema.items():
        if key not in value:
            raise RuleSetError(join(path, key), f"missing (expected {what})")
    return value


def read_text(m: Mapping[str, object], key: str, path: str) -> str:
    value = m[key]
    where = join(path, key)
    if not isinstance(value, str):
        raise RuleSetError(where, f"expected text, got {_shown(value)}")
    if not value.strip():
        raise RuleSetError(where, "must not be empty")
    return value


def read_bool(m: Mapping[str, object], key: str, path: str) -> bool:
    value = m[key]
    if not isinstance(value, bool):
        raise RuleSetError(join(path, key), f"expected true or false, got {_shown(value)}")
    return value


def read_int(m: Mapping[str, object], key: str, path: str, *, minimum: int, unit: str) -> int:
    value = m[key]
    if isinstance(value, bool) or not isinstance(value, int):
        raise RuleSetError(
            join(path, key), f"expected a whole number of {unit}, got {_shown(value)}"
        )
    if value < minimum:
        raise RuleSetError(join(path, key), f"must be at least {minimum}, got {value}")
    return value


def read_date(m: Mapping[str, object], key: str, path: str) -> date:
    value = m[key]
    where = join(path, key)
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise RuleSetError(where, f"expected a date as YYYY-MM-DD, got {_shown(value)}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RuleSetError(where, f"{value!r} is not a real calendar date") from None


def _read_list(m: Mapping[str, object], key: str, path: str) -> list[object]:
    value = m[key]
    if not isinstance(value, list):
        raise RuleSetError(join(path, key), f"expected a list, got {_shown(value)}")
    return value


def _no_repeat(seen: set[str], item: str, where: str) -> None:
    if item in seen:
        raise RuleSetError(where, f"{item!r} is listed twice")
    seen.add(item)


def read_enum(value: object, where: str, kind: type[E], noun: str) -> E:
    allowed = ", ".join(member.value for member in kind)
    if not isinstance(value, str):
        raise RuleSetError(where, f"expected a {noun} (one of: {allowed}), got {_shown(value)}")
    try:
        return kind(value)
    except ValueError:
        raise RuleSetError(
            where, f"{value!r} is not a {noun} (expected one of: {allowed})"
        ) from None


def read_enum_list(
    m: Mapping[str, object],
    key: str,
    path: str,
    kind: type[E],
    noun: str,
    *,
    allow_empty: bool = False,
    refuse: frozenset[str] = frozenset(),
) -> tuple[E, ...]:
    items = _read_list(m, key, path)
    if not items and not allow_empty:
        raise RuleSetError(join(path, key), f"must list at least one {noun}")
    out: list[E] = []
    seen: set[str] = set()
    for i, item in enumerate(items):
        where = f"{join(path, key)}[{i}]"
        member = read_enum(item, where, kind, noun)
        if member.value in refuse:
            raise RuleSetError(where, f"{member.value!r} cannot be listed here")
        _no_repeat(seen, member.value, where)
        out.append(member)
    return tuple(out)


def read_pay_grades(m: Mapping[str, object], key: str, path: str) -> tuple[str, ...]:
    items = _read_list(m, key, path)
    if not items:
        raise RuleSetError(join(path, key), "must list at least one pay grade")
    out: list[str] = []
    seen: set[str] = set()
    for i, item in enumerate(items):
        where = f"{join(path, key)}[{i}]"
        if not isinstance(item, str) or split_pay_grade(item) is None:
            shown = repr(item) if isinstance(item, str) else _shown(item)
            raise RuleSetError(
                where,
                f"{shown} is not a pay grade (expected E-1 to E-9, W-1 to W-5 or O-1 to O-10)",
            )
        _no_repeat(seen, item, where)
        out.append(item)
    return tuple(out)


def read_object_list(m: Mapping[str, object], key: str, path: str) -> list[tuple[str, object]]:
    """The items of a list, each with its own path (``key[i]``), for the caller to read."""
    items = _read_list(m, key, path)
    return [(f"{join(path, key)}[{i}]", item) for i, item in enumerate(items)]
