"""Search as an agent types, and the duplicate check registration runs."""

from __future__ import annotations

from datetime import date

from seco_desktop.domain.models import PersonName
from seco_desktop.domain.query import QueryKind, SearchFilters, parse_query
from seco_desktop.services import audit
from seco_desktop.services.audit import Action
from seco_desktop.services.permissions import Permission, require
from seco_desktop.services.session import Session
from seco_desktop.store import duplicates
from seco_desktop.store import search as store_search
from seco_desktop.store.search import SearchPage

PAGE_SIZE = 50


def search(
    session: Session,
    text: str,
    filters: SearchFilters | None = None,
    *,
    page: int = 0,
    page_size: int = PAGE_SIZE,
) -> SearchPage:
    """One page of light rows (DoD IDs masked to the last four digits), best matches first.

    Audited by the query's kind and the number of rows, never the words typed; an empty box
    (nothing asked, nothing shown) is not.
    """
    require(session, Permission.SEARCH)
    query = parse_query(text)
    with session.store.read() as conn:
        found = store_search.search(
            conn, query, filters or SearchFilters(), limit=page_size, offset=page * page_size
        )
    if query.kind is not QueryKind.EMPTY:
        audit.record(session, Action.SEARCH, detail=search_detail(query.kind, found, page))
    return found


def search_detail(kind: QueryKind, found: SearchPage, page: int) -> dict[str, object]:
    return {"kind": kind.value, "page": page, "rows": len(found.rows)}


def find_duplicates(
    session: Session,
    *,
    dod_id: str | None = None,
    name: PersonName | None = None,
    date_of_birth: date | None = None,
) -> list[duplicates.DuplicateCandidate]:
    """Records a new registration may duplicate, each with the reason it was flagged."""
    require(session, Permission.REGISTER)
    with session.store.read() as conn:
        found = duplicates.find_duplicates(conn, dod_id, name, date_of_birth)
    audit.record(session, Action.SEARCH, detail={"kind": "duplicate_check", "rows": len(found)})
    return found
