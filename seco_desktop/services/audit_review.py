"""Reading the audit trail: the audit view (supervisors: their team; administrators: all),
its export, the chain check, the head that sync anchors in the central store, and the check of
the chain against those anchors."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace

from seco_desktop.central.server import CentralStore
from seco_desktop.domain.reference import Role
from seco_desktop.security.audit_chain import ChainPoint, ChainProblem
from seco_desktop.services import audit
from seco_desktop.services.audit import Action, AuditRow, Outcome
from seco_desktop.services.audit_anchor import AnchorReport, check_anchors
from seco_desktop.services.permissions import Permission, allowed, require
from seco_desktop.services.session import Session
from seco_desktop.services.sync_setup import configured_url, connect
from seco_desktop.store import audit as rows
from seco_desktop.store import users as user_rows
from seco_desktop.store.audit import AuditFilter

#: A supervisor's team: no team assignment exists yet, so it is the office's agents and coaches
#: (and the supervisor's own entries); administrators and other supervisors are not in it.
TEAM_ROLES = frozenset({Role.AGENT, Role.COACH})
EXPORT_COLUMNS = ("seq", "at_utc", "user", "role", "action", "record_id", "outcome", "detail")


@dataclass(frozen=True, slots=True)
class ChainReport:
    entries: int
    problems: list[ChainProblem]

    @property
    def intact(self) -> bool:
        return not self.problems


def _scoped(session: Session, f: AuditFilter) -> AuditFilter:
    """Narrow ``f`` to what the role may see (refusing, and auditing, if it may see nothing)."""
    if allowed(session.role, Permission.VIEW_ALL_AUDIT):
        require(session, Permission.VIEW_ALL_AUDIT)
        return f
    require(session, Permission.VIEW_TEAM_AUDIT)
    with session.store.read() as conn:
        team = [
            u.id
            for u in user_rows.list_users(conn)
            if u.role in TEAM_ROLES and u.supervisor_id == session.user.id
        ]
    team.append(session.user.id)
    if f.actor_ids is not None:
        team = [a for a in f.actor_ids if a in team]
    return replace(f, actor_ids=team)


def entries(
    session: Session, f: AuditFilter | None = None, *, limit: int = 200, offset: int = 0
) -> list[AuditRow]:
    """Entries the user may see, newest first."""
    scoped = _scoped(session, f or AuditFilter())
    with session.store.read() as conn:
        found = [audit.to_row(r) for r in rows.find(conn, scoped, limit=limit, offset=offset)]
    audit.record(session, Action.VIEW, detail={"audit_entries": len(found)})
    return found


def export_csv(session: Session, f: AuditFilter | None = None, *, limit: int = 100_000) -> str:
    """The filtered entries as CSV text (UTC times); the export is itself audited."""
    scoped = _scoped(session, f or AuditFilter())
    with session.store.read() as conn:
        found = [audit.to_row(r) for r in rows.find(conn, scoped, limit=limit)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    for r in found:
        writer.writerow(
            (r.seq, r.at.isoformat(), r.actor, r.role, r.action, r.record_id, r.outcome, r.detail)
        )
    audit.record(session, Action.EXPORT, detail={"audit_entries": len(found)})
    return out.getvalue()


def verify(session: Session) -> ChainReport:
    """Check every entry of the chain and its head (administrators)."""
    require(session, Permission.VERIFY_AUDIT)
    with session.store.read() as conn:
        count, problems = audit.verify_store(conn, session.audit_key)
    outcome = Outcome.OK if not problems else Outcome.FAILED
    audit.record(
        session,
        Action.AUDIT_VERIFY,
        outcome=outcome,
        detail={"entries": count, "problems": len(problems)},
    )
    return ChainReport(count, problems)


def audit_head(session: Session) -> ChainPoint:
    """Sequence number and MAC of the newest entry: what sync anchors centrally."""
    session.ensure_active()
    with session.store.read() as conn:
        return audit.head(conn)


def verify_against_anchors(
    session: Session, *, central: CentralStore | None = None
) -> AnchorReport | None:
    """Check the local chain against the heads this workstation anchored in the central store
    (administrators); ``None`` when no central store is configured (nothing to check against).
    :class:`CentralError` if the central store cannot be reached."""
    require(session, Permission.VERIFY_AUDIT)
    own = central is None
    if central is None:
        url = configured_url(session.store)
        if url is None:
            return None
        central = connect(url)
    try:
        report = check_anchors(session, central)
    finally:
        if own:
            central.dispose()
    audit.record(
        session,
        Action.AUDIT_VERIFY,
        outcome=Outcome.OK if report.intact else Outcome.FAILED,
        detail={"anchors": report.anchors, "problems": len(report.problems)},
    )
    return report
