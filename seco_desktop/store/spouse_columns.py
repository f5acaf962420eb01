"""The columns of ``spouse`` that search and lists read, derived from the record (never edited
directly). Apart from ``store.spouses`` so that ``store.sync_tables`` can build rows without
importing the write paths (which import the outbox, which imports ``sync_tables``).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from seco_desktop.domain.models import Spouse
from seco_desktop.domain.normalise import name_key, phonetic_key
from seco_desktop.domain.reference import Branch, Component, SponsorStatus


def _codes(enum: type[StrEnum]) -> dict[str, str]:
    """An enumeration's stored codes (value → value): a dict lookup checks a code in a fraction
    of the time ``Enum(value)`` takes, and a bootstrap checks three per spouse."""
    return {member.value: member.value for member in enum}


_BRANCHES, _COMPONENTS, _STATUSES = _codes(Branch), _codes(Component), _codes(SponsorStatus)


def _code(codes: dict[str, str], value: object, what: str) -> str:
    """``value`` if it is one of ``codes`` (as ``Enum(value).value``), else ``ValueError``."""
    try:
        return codes[value]  # type: ignore[index]
    except (KeyError, TypeError):  # TypeError: not hashable (a list from a bad document)
        raise ValueError(f"{value!r} is not a valid {what}") from None


def search_columns(s: Spouse) -> dict[str, Any]:
    """The columns search and lists read, derived from the record (never edited directly)."""
    first, middle, last = name_key(s.name.first), name_key(s.name.middle), name_key(s.name.last)
    return {
        "dod_id": s.dod_id,
        "first_name": s.name.first,
        "middle_name": s.name.middle,
        "last_name": s.name.last,
        "suffix": s.name.suffix,
        "first_key": first,
        "last_key": last,
        "first_phon": phonetic_key(first),
        "last_phon": phonetic_key(last),
        "full_key": " ".join(p for p in (first, middle, last) if p),
        "date_of_birth": s.date_of_birth,
        "email": s.email,
        "phone": s.phone,
        "branch": s.sponsor.branch.value,
        "component": s.sponsor.component.value,
        "sponsor_status": s.sponsor.status.value,
        "sponsor_dod_id": s.sponsor.dod_id,
        "assigned_coach": s.assigned_coach,
        "registered_by": (s.consent.recorded_by or None) if s.consent else None,
    }


def search_columns_of_body(body: dict[str, Any]) -> dict[str, Any]:
    """:func:`search_columns` straight from a record's codec dict (a bootstrap applies
    hundreds of thousands: no dataclass round trip). ``KeyError``/``TypeError``/``ValueError``
    if the dict does not have a spouse's shape."""
    name, sponsor = body["name"], body["sponsor"]
    first, middle, last = name_key(name["first"]), name_key(name["middle"]), name_key(name["last"])
    return {
        "dod_id": str(body["dod_id"]),
        "first_name": str(name["first"]),
        "middle_name": str(name["middle"]),
        "last_name": str(name["last"]),
        "suffix": str(name["suffix"]),
        "first_key": first,
        "last_key": last,
        "first_phon": phonetic_key(first),
        "last_phon": phonetic_key(last),
        "full_key": " ".join(p for p in (first, middle, last) if p),
        "date_of_birth": date.fromisoformat(body["date_of_birth"]),
        "email": str(body["email"]),
        "phone": str(body["phone"]),
        "branch": _code(_BRANCHES, sponsor["branch"], "Branch"),
        "component": _code(_COMPONENTS, sponsor["component"], "Component"),
        "sponsor_status": _code(_STATUSES, sponsor["status"], "SponsorStatus"),
        "sponsor_dod_id": str(sponsor["dod_id"]),
        "assigned_coach": _text_or_none(body.get("assigned_coach")),
        "registered_by": _text_or_none(body["consent"].get("recorded_by") or None)
        if body.get("consent")
        else None,
    }


def _text_or_none(value: object) -> str | None:
    """An optional user id as stored: text or None; anything else is not a spouse's shape (it
    would otherwise be stored as its JSON text by ``json_rows``)."""
    if value is None or type(value) is str:
        return value
    raise TypeError("expected text")
