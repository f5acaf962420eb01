"""A coach's caseload: the spouses assigned to them and the follow-ups due now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from seco_desktop.domain.models import FollowUp
from seco_desktop.domain.query import SearchFilters, parse_query
from seco_desktop.services import audit
from seco_desktop.services.audit import Action
from seco_desktop.services.clock import today
from seco_desktop.services.permissions import Permission, require
from seco_desktop.services.search import search_detail
from seco_desktop.services.session import Session
from seco_desktop.store import casework, lists
from seco_desktop.store import search as store_search
from seco_desktop.store.search import SearchPage


@dataclass(frozen=True, slots=True)
class DueFollowUp:
    follow_up: FollowUp
    spouse_name: str
    overdue_days: int  # 0 when due today


def due_follow_ups(session: Session) -> list[DueFollowUp]:
    """The signed-in user's open follow-ups due today or earlier, most overdue first."""
    require(session, Permission.MANAGE_FOLLOW_UPS)
    on = today(session.clock)
    with session.store.read() as conn:
        items = casework.due_follow_ups(conn, session.user.id, on)
        names = lists.display_names(conn, [f.spouse_id for f in items])
    audit.record(session, Action.VIEW, detail={"follow_ups_due": len(items)})
    return [DueFollowUp(f, names.get(f.spouse_id, ""), _days_late(f.due_date, on)) for f in items]


def my_spouses(session: Session, text: str = "", page: int = 0, page_size: int = 50) -> SearchPage:
    """Spouses assigned to the signed-in coach, optionally narrowed by a search."""
    require(session, Permission.SEARCH)
    filters = SearchFilters(assigned_coach=session.user.id)
    query = parse_query(text)
    with session.store.read() as conn:
        if text.strip():
            found = store_search.search(
                conn, query, filters, limit=page_size, offset=page * page_size
            )
        else:
            found = lists.assigned_to(
                conn, session.user.id, limit=page_size, offset=page * page_size
            )
    detail = search_detail(query.kind, found, page) | {"caseload": True}
    audit.record(session, Action.SEARCH, detail=detail)
    return found


def _days_late(due: date, on: date) -> int:
    return max(0, (on - due).days)
