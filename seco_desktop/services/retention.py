"""Retention (the system of records notice): spouse records with no activity for 3
consecutive years are deleted. Supervisors see what is coming and place holds; an
administrator runs the purge (or a dry run) and gets a certificate. Audit entries and the
accounting of disclosures survive the purge; an interrupted purge resumes from its plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from seco_desktop.domain.errors import FieldError, ValidationError
from seco_desktop.domain.models import new_id
from seco_desktop.services import audit
from seco_desktop.services.audit import Action, Outcome
from seco_desktop.services.permissions import Permission, require
from seco_desktop.services.session import Session
from seco_desktop.store import disclosures as disclosure_rows
from seco_desktop.store import purge_marks, spouses
from seco_desktop.store import retention as rows
from seco_desktop.store.errors import RecordNotFound

RETENTION_YEARS = 3
DISCLOSURE_YEARS = 5
BATCH = 200


def years_before(moment: datetime, years: int) -> datetime:
    """The same calendar moment ``years`` earlier (29 February becomes 28 February)."""
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:
        return moment.replace(year=moment.year - years, day=28)


def deletion_cutoff(now: datetime) -> datetime:
    """Records whose last activity is on or before this are due: exactly 3 years, not a day less."""
    return years_before(now, RETENTION_YEARS)


@dataclass(frozen=True, slots=True)
class UpcomingDeletion:
    spouse_id: str
    name: str
    last_activity_at: datetime
    due_on: date
    hold_reason: str | None  # set when a hold pauses the deletion


@dataclass(frozen=True, slots=True)
class PurgeCertificate:
    """What a purge deleted and under which rule: kept by the administrator as evidence."""

    run_id: str
    started_at: datetime
    finished_at: datetime | None  # None on a dry run
    run_by: str
    cutoff: datetime
    dry_run: bool
    purged: list[str]  # record ids
    skipped: list[str]  # planned, then held or active again before their turn
    disclosures_expired: int
    audit_head_seq: int

    def text(self) -> str:
        kind = "DRY RUN (nothing deleted)" if self.dry_run else "Purge certificate"
        lines = [
            f"SECO Desktop retention {kind}",
            f"Run {self.run_id} by {self.run_by}",
            f"Rule: spouse records with no activity for {RETENTION_YEARS} consecutive years "
            f"(last activity on or before {self.cutoff.isoformat()} UTC)",
            f"Started {self.started_at.isoformat()} UTC"
            + (f", finished {self.finished_at.isoformat()} UTC" if self.finished_at else ""),
            f"Records {'that would be ' if self.dry_run else ''}deleted: {len(self.purged)}",
            f"Records skipped (held or active again): {len(self.skipped)}",
            f"Disclosure accountings past their term removed: {self.disclosures_expired}",
            f"Audit chain head after the run: #{self.audit_head_seq}",
            "Record ids:",
            *(f"  {record_id}" for record_id in self.purged),
        ]
        return "\n".join(lines) + "\n"


def upcoming(session: Session, within_days: int = 90) -> list[UpcomingDeletion]:
    """Records that will be due within ``within_days`` (held ones included, marked)."""
    require(session, Permission.VIEW_RETENTION)
    now = session.clock()
    horizon = deletion_cutoff(now + timedelta(days=within_days))
    with session.store.read() as conn:
        found = rows.due(conn, horizon, include_held=True)
    audit.record(session, Action.VIEW, detail={"upcoming_deletions": len(found)})
    return [
        UpcomingDeletion(
            r["id"],
            f"{r['last_name']}, {r['first_name']}",
            r["last_activity_at"],
            years_before(r["last_activity_at"], -RETENTION_YEARS).date(),
            r["hold_reason"],
        )
        for r in found
    ]


def place_hold(session: Session, spouse_id: str, reason: str) -> None:
    """Pause a record's deletion (litigation, an open request) until the hold is released."""
    require(session, Permission.MANAGE_HOLDS, record_id=spouse_id)
    reason = " ".join(reason.split())
    if not reason or len(reason) > 500:
        raise ValidationError((FieldError("reason", "A hold needs a reason (1-500 characters)"),))
    with session.store.write() as conn:
        spouses.get_spouse(conn, spouse_id)  # RecordNotFound
        rows.place_hold(conn, spouse_id, reason, session.user.id, session.clock())
        audit.record_in(conn, session, Action.HOLD, record_id=spouse_id, detail={"hold": True})


def release_hold(session: Session, spouse_id: str) -> None:
    require(session, Permission.MANAGE_HOLDS, record_id=spouse_id)
    with session.store.write() as conn:
        if not rows.release_hold(conn, spouse_id):
            raise RecordNotFound("This record has no retention hold")
        audit.record_in(conn, session, Action.HOLD, record_id=spouse_id, detail={"hold": False})


def purge(session: Session, *, dry_run: bool = False, batch: int = BATCH) -> PurgeCertificate:
    """Delete every record due (not held); resume the plan of an interrupted run first.

    A dry run lists what a purge now would delete and changes nothing but the audit.
    """
    require(session, Permission.PURGE)
    now = session.clock()
    cutoff = deletion_cutoff(now)
    if dry_run:
        with session.store.read() as conn:
            planned = [r["id"] for r in rows.due(conn, cutoff)]
            head = audit.head(conn).seq
        audit.record(session, Action.PURGE, detail={"dry_run": True, "due": len(planned)})
        return PurgeCertificate("dry-run", now, None, session.user.username, cutoff, True,
                                planned, [], 0, head)  # fmt: skip
    with session.store.write() as conn:
        run = rows.unfinished_run(conn)
        if run is None:
            run = {"id": new_id(), "started_at": now, "started_by": session.user.id,
                   "cutoff": cutoff}  # fmt: skip
            items = [(r["id"], r["last_activity_at"]) for r in rows.due(conn, cutoff)]
            rows.start_run(conn, run | {"planned": len(items)}, items)
            audit.record_in(conn, session, Action.PURGE,
                            detail={"run": run["id"], "planned": len(items)})  # fmt: skip
    run_id, run_cutoff = str(run["id"]), run["cutoff"]
    with session.store.secure_deletes():
        while _purge_batch(session, run_id, run_cutoff, batch):
            pass
    return _finish(session, run_id)


def _purge_batch(session: Session, run_id: str, cutoff: datetime, batch: int) -> bool:
    """One transaction: up to ``batch`` planned records deleted (or skipped), marked done."""
    with session.store.write() as conn:
        todo = rows.pending_items(conn, run_id, batch)
        gone: list[purge_marks.Key] = []
        for spouse_id in todo:
            if rows.still_due(conn, spouse_id, cutoff):
                now = session.clock()
                keys = purge_marks.record_keys(conn, spouse_id)
                rows.delete_spouse_data(conn, spouse_id)
                disclosure_rows.mark_purged(conn, spouse_id, now)
                purge_marks.mark(conn, keys, spouse_id, cutoff, now)
                gone += keys
                rows.mark_item(conn, run_id, spouse_id, "purged")
                audit.record_in(conn, session, Action.PURGE, record_id=spouse_id,
                                detail={"run": run_id})  # fmt: skip
            else:
                rows.mark_item(conn, run_id, spouse_id, "skipped")
                audit.record_in(conn, session, Action.PURGE, record_id=spouse_id,
                                outcome=Outcome.FAILED,
                                detail={"run": run_id, "skipped": True})  # fmt: skip
        # The purge travels: tombstones replace the records and casework centrally.
        purge_marks.forget_sync_copies(conn, gone)
        purge_marks.queue_tombstones(conn, gone, session.user.id, session.clock())
    return bool(todo)


def _finish(session: Session, run_id: str) -> PurgeCertificate:
    now = session.clock()
    with session.store.write() as conn:
        run = rows.get_run(conn, run_id)
        assert run is not None
        if run["finished_at"] is None:
            rows.finish_run(conn, run_id, now)
            run["finished_at"] = now
        expired = disclosure_rows.expire(
            conn,
            purged_before=now,
            disclosed_before=years_before(now, DISCLOSURE_YEARS),
        )
        items = rows.run_items(conn, run_id)
        purged = [i["spouse_id"] for i in items if i["result"] == "purged"]
        skipped = [i["spouse_id"] for i in items if i["result"] == "skipped"]
        audit.record_in(conn, session, Action.PURGE, detail={
            "run": run_id, "purged": len(purged), "skipped": len(skipped),
            "disclosures_expired": expired})  # fmt: skip
        head = audit.head(conn).seq
    return PurgeCertificate(run_id, run["started_at"], run["finished_at"],
                            session.user.username, run["cutoff"], False, purged, skipped,
                            expired, head)  # fmt: skip
