"""Field-level checks shared by the record validators.

Each ``check_*`` appends :class:`FieldError` s to a list and returns the usable value (or None).
Values arrive typed as ``object``: a form or an import may hand over anything, and validation
must report it rather than raise. Messages never contain the value that was entered.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from datetime import date, datetime
from enum import Enum
from typing import TypeVar

from seco_desktop.domain.errors import FieldError, InvalidValue
from seco_desktop.domain.models import PersonName
from seco_desktop.domain.normalise import canonical_suffix, split_suffix

#: Longest first, middle or last name.
MAX_NAME = 64
#: Longest one-line text: an employer, a school, an address line, a credential.
MAX_LINE = 200
#: Longest free text: career goals, a job description.
MAX_FREE_TEXT = 4000
#: Most entries in one list (education, work history, ...).
MAX_ENTRIES = 100

E = TypeVar("E", bound=Enum)
Errors = list[FieldError]

_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_NAME_PUNCTUATION = frozenset(" '’‘ʼ`-‐‑–—.,")


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _bad_characters(text: str, kind: str) -> str | None:
    """Why ``text`` cannot be stored as ``kind`` ("name", "line" or "free"), or None."""
    for ch in text:
        category = unicodedata.category(ch)
        if category == "Cs":
            return "contains characters that cannot be stored"
        if ch in _BIDI_CONTROLS or (kind == "name" and category == "Cf"):
            return "may not contain invisible formatting characters"
        if category == "Cc" and not (kind == "free" and ch in "\n\r\t"):
            return "may not contain control characters"
    return None


def check_text(
    errors: Errors,
    path: str,
    value: object,
    label: str,
    *,
    required: bool = False,
    max_length: int = MAX_LINE,
    kind: str = "line",
) -> str | None:
    """A text field: its type, length, required-ness and characters. Returns the stripped
    text when usable, otherwise None (and the problem is in ``errors``)."""
    if not isinstance(value, str):
        errors.append(FieldError(path, f"{capitalise(label)} must be text"))
        return None
    if len(value) > max_length:
        errors.append(
            FieldError(
                path,
                f"{capitalise(label)} is too long: at most {max_length:,} characters; "
                f"{len(value):,} were entered",
            )
        )
        return None
    problem = _bad_characters(value, kind)
    if problem is not None:
        errors.append(FieldError(path, f"{capitalise(label)} {problem}"))
        return None
    text = value.strip()
    if required and not text:
        errors.append(FieldError(path, f"{capitalise(label)} is required"))
        return None
    return text


def check_name_part(
    errors: Errors, path: str, value: object, label: str, *, required: bool
) -> str | None:
    """A first, middle or last name: letters (any script), spaces, hyphens, apostrophes,
    periods and commas; at most ``MAX_NAME`` characters."""
    text = check_text(
        errors, path, value, label, required=required, max_length=MAX_NAME, kind="name"
    )
    if not text:
        return text
    for ch in text:
        if ch not in _NAME_PUNCTUATION and unicodedata.category(ch)[0] not in "LM":
            errors.append(
                FieldError(
                    path,
                    f"{capitalise(label)} may contain only letters, spaces, hyphens, "
                    "apostrophes and periods",
                )
            )
            return None
    if not any(unicodedata.category(ch)[0] == "L" for ch in text):
        errors.append(FieldError(path, f"{capitalise(label)} must contain a letter"))
        return None
    return text


def check_person_name(errors: Errors, path: str, value: object, whose: str) -> None:
    """A :class:`PersonName`; ``whose`` is ``""`` for the spouse or ``"sponsor's "``."""
    if not isinstance(value, PersonName):
        errors.append(FieldError(path, capitalise(f"{whose}name is required")))
        return
    check_name_part(errors, f"{path}.first", value.first, f"{whose}first name", required=True)
    check_name_part(errors, f"{path}.middle", value.middle, f"{whose}middle name", required=False)
    last: object = value.last
    if isinstance(last, str) and len(last) <= MAX_NAME:
        last = split_suffix(last)[0] or last  # "Smith 3rd" is a name plus a suffix
    check_name_part(errors, f"{path}.last", last, f"{whose}last name", required=True)
    suffix = check_text(errors, f"{path}.suffix", value.suffix, f"{whose}suffix", max_length=8)
    if suffix and canonical_suffix(suffix) is None:
        errors.append(
            FieldError(
                f"{path}.suffix",
                capitalise(f"{whose}suffix must be one of Jr, Sr, II, III, IV or V"),
            )
        )


def check_normalised(
    errors: Errors,
    path: str,
    value: object,
    label: str,
    normalise: Callable[[str], str],
    *,
    max_length: int,
) -> str | None:
    """A value with a normaliser (DoD ID, phone, email, ZIP): its message becomes the error."""
    text = check_text(errors, path, value, label, max_length=max_length)
    if text is None:
        return None
    try:
        return normalise(text)
    except InvalidValue as exc:
        errors.append(FieldError(path, exc.message))
        return None


def check_date(
    errors: Errors, path: str, value: object, label: str, *, required: bool = False
) -> date | None:
    """A date field (a datetime is read as its date)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if value is None:
        if required:
            errors.append(FieldError(path, f"{capitalise(label)} is required"))
        return None
    errors.append(FieldError(path, f"{capitalise(label)} must be a date"))
    return None


def check_enum(errors: Errors, path: str, value: object, cls: type[E], label: str) -> E | None:
    """One of an enum's members (its stored code is accepted too)."""
    if isinstance(value, cls):
        return value
    if isinstance(value, str):
        try:
            return cls(value)
        except ValueError:
            pass
    errors.append(FieldError(path, f"Choose a {label} from the list"))
    return None


def check_int(
    errors: Errors, path: str, value: object, label: str, *, low: int, high: int, unit: str = ""
) -> int | None:
    """A whole number between ``low`` and ``high`` inclusive."""
    if isinstance(value, bool) or not isinstance(value, int):
        errors.append(FieldError(path, f"{capitalise(label)} must be a whole number"))
        return None
    if not low <= value <= high:
        errors.append(
            FieldError(path, f"{capitalise(label)} must be between {low:,} and {high:,}{unit}")
        )
        return None
    return value


def check_list(errors: Errors, path: str, value: object, label: str) -> Sequence[object]:
    """A list of entries; anything else (or too many) is reported and treated as empty."""
    if not isinstance(value, list | tuple):
        errors.append(FieldError(path, f"{capitalise(label)} must be a list"))
        return ()
    if len(value) > MAX_ENTRIES:
        errors.append(FieldError(path, f"At most {MAX_ENTRIES} {label} entries can be recorded"))
        return ()
    return value


def check_order(
    errors: Errors, path: str, start: date | None, end: date | None, message: str
) -> None:
    """``end`` must not be before ``start`` (when both are known)."""
    if start is not None and end is not None and end < start:
        errors.append(FieldError(path, message))


def years_between(earlier: date, later: date) -> int:
    """Whole years from ``earlier`` to ``later`` (an age)."""
    years = later.year - earlier.year
    if (later.month, later.day) < (earlier.month, earlier.day):
        years -= 1
    return years


def add_years(day: date, years: int) -> date:
    """``day`` moved by whole years; 29 February becomes 28 February in a common year."""
    year = min(max(day.year + years, date.min.year), date.max.year)
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)
