"""Lists that are not searches: a coach's assigned spouses, names for a set of ids."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, text

from seco_desktop.store.search import LIGHT_COLUMNS, MatchKind, SearchPage, display_name, light_row


def assigned_to(conn: Connection, coach_id: str, *, limit: int, offset: int) -> SearchPage:
    """Live spouses assigned to ``coach_id``, by name (the ``ix_spouse_coach`` index)."""
    rows = conn.execute(
        text(
            f"SELECT {LIGHT_COLUMNS} FROM spouse s "  # noqa: S608 - constant column list
            "WHERE s.assigned_coach = :coach AND s.deleted = 0 "
            "ORDER BY s.last_key, s.first_key, s.seq LIMIT :limit OFFSET :offset"
        ),
        {"coach": coach_id, "limit": limit + 1, "offset": offset},
    ).all()
    page = tuple(light_row(r, MatchKind.OTHER, 0.0) for r in rows[:limit])
    return SearchPage(rows=page, total_estimate=None, has_more=len(rows) > limit)


def display_names(conn: Connection, spouse_ids: Sequence[str]) -> dict[str, str]:
    """ "Last, First M" for each id (ids of deleted records are left out)."""
    if not spouse_ids:
        return {}
    unique = list(dict.fromkeys(spouse_ids))
    marks = ", ".join(f":i{n}" for n in range(len(unique)))
    rows = conn.execute(
        text(
            "SELECT id, first_name, middle_name, last_name, suffix FROM spouse "  # noqa: S608
            f"WHERE deleted = 0 AND id IN ({marks})"
        ),
        {f"i{n}": v for n, v in enumerate(unique)},
    ).all()
    return {r[0]: display_name(r[1], r[2], r[3], r[4]) for r in rows}
