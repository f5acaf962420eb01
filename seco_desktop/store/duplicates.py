"""Is this caller already registered? Checked by the registration wizard before saving.

A candidate is an existing (not deleted) record with the same DoD ID, whose sponsor has that DoD ID
(the agent may have typed the sponsor's number), or born the same day with the same or a near
name: sound-alike or within the same edit limits as search (see ``name_terms``), first and last
name possibly swapped. A date of birth narrows a million records to a few dozen, so names are
compared in Python. Each candidate says why, in words for the agent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from rapidfuzz.distance import OSA
from sqlalchemy import Connection

from seco_desktop.domain.errors import InvalidValue
from seco_desktop.domain.models import PersonName
from seco_desktop.domain.normalise import name_key, normalise_dod_id
from seco_desktop.store.name_terms import max_edits, sounds_alike
from seco_desktop.store.search import LIGHT_COLUMNS, MatchKind, SpouseRow, light_row

SAME_DOD_ID = "Same DoD ID"
SPONSOR_DOD_ID = "This DoD ID is the sponsor's DoD ID on this record"
SAME_NAME_DOB = "Same name and date of birth"
SWAPPED_NAME_DOB = "Same name with first and last swapped, and same date of birth"
SIMILAR_NAME_DOB = "Similar name and same date of birth"

_RANK = {SAME_DOD_ID: 0, SPONSOR_DOD_ID: 1, SAME_NAME_DOB: 2, SWAPPED_NAME_DOB: 3}
_MATCH = {SAME_DOD_ID: MatchKind.EXACT_ID, SPONSOR_DOD_ID: MatchKind.SPONSOR_ID}


@dataclass(frozen=True, slots=True)
class DuplicateCandidate:
    spouse: SpouseRow
    reasons: tuple[str, ...]  # plain words, strongest first


def find_duplicates(
    conn: Connection,
    dod_id: str | None,
    name: PersonName | None,
    date_of_birth: date | None,
    *,
    exclude_id: str | None = None,
) -> list[DuplicateCandidate]:
    """Existing records that may be the person being registered, strongest reason first.

    ``exclude_id`` leaves out the record being edited.
    """
    reasons: dict[str, list[str]] = {}
    rows: dict[str, Any] = {}

    def note(row: Any, reason: str) -> None:
        if row[1] == exclude_id:
            return
        rows.setdefault(row[1], row)
        reasons.setdefault(row[1], []).append(reason)

    dod = _dod_id(dod_id)
    if dod is not None:
        for row in _select(conn, "s.dod_id = ?", dod):
            note(row, SAME_DOD_ID)
        for row in _select(conn, "s.sponsor_dod_id = ?", dod):
            note(row, SPONSOR_DOD_ID)
    if name is not None and date_of_birth is not None:
        first, last = name_key(name.first), name_key(name.last)
        if first or last:
            for row in _select(conn, "s.date_of_birth = ?", date_of_birth.isoformat()):
                reason = _name_reason(first, last, row[-2], row[-1])
                if reason is not None:
                    note(row, reason)
    candidates = []
    for id_, why in reasons.items():
        ordered = tuple(sorted(dict.fromkeys(why), key=lambda r: _RANK.get(r, 9)))
        match = _MATCH.get(ordered[0], MatchKind.EXACT_NAME)
        if ordered[0].startswith(SIMILAR_NAME_DOB):
            match = MatchKind.FUZZY
        candidates.append(DuplicateCandidate(light_row(rows[id_], match, 1.0), ordered))
    candidates.sort(key=lambda c: (_RANK.get(c.reasons[0], 9), c.spouse.name, c.spouse.id))
    return candidates


def _dod_id(text: str | None) -> str | None:
    if not text:
        return None
    try:
        return normalise_dod_id(text)
    except InvalidValue:
        return None


def _select(conn: Connection, where: str, value: str) -> list[Any]:
    sql = (
        f"SELECT {LIGHT_COLUMNS}, s.first_key, s.last_key FROM spouse s "  # noqa: S608
        f"WHERE {where} AND s.deleted = 0 ORDER BY s.last_key, s.first_key, s.seq"
    )
    return list(conn.exec_driver_sql(sql, (value,)).fetchall())


def _name_reason(first: str, last: str, stored_first: str, stored_last: str) -> str | None:
    """Why two names (keys) born the same day may be one person, or None."""
    if (first, last) == (stored_first, stored_last):
        return SAME_NAME_DOB
    if first and last and (first, last) == (stored_last, stored_first):
        return SWAPPED_NAME_DOB
    last_how, first_how = _near(last, stored_last), _near(first, stored_first)
    if last_how is None or first_how is None:
        return None
    details = [
        f"last name {last_how}" if last_how else "",
        f"first name {first_how}" if first_how else "",
    ]
    return f"{SIMILAR_NAME_DOB} ({', '.join(d for d in details if d)})"


def _near(typed: str, stored: str) -> str | None:
    """ "" when equal, a few words on how they differ when near, None when unrelated."""
    if typed == stored:
        return ""
    if not typed or not stored:
        return None
    distance = int(OSA.distance(typed, stored))
    if sounds_alike(typed, stored, distance):
        return "sounds alike"
    if distance <= max_edits(len(typed)):
        return "1 letter different" if distance == 1 else f"{distance} letters different"
    return None
