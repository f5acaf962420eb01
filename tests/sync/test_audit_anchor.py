"""The audit chain's head is anchored in the central store at every sync, and the chain is
checked against the anchors: a consistent rewrite by someone holding the key, a chain cut short,
a tampered, moved or deleted anchor are all reported, naming the anchored entry."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, insert, select, update

from seco_desktop.central.schema import append_log
from seco_desktop.security.audit_chain import AuditEntry
from seco_desktop.services import audit, audit_review, records
from seco_desktop.services.audit_anchor import KIND, AnchorReport
from seco_desktop.services.session import Session
from seco_desktop.services.sync import workstation_id
from seco_desktop.services.sync_setup import META_CENTRAL_URL
from seco_desktop.store.schema import store_meta
from tests.services.support import make_spouses

from .support import Office, Workstation, rewrite_chain

pytestmark = pytest.mark.postgres


def _anchor_count(office: Office, ws: Workstation) -> int:
    return len(office.central.anchors(KIND, workstation_id(ws.s.store)))


def _check(office: Office, ws: Workstation) -> AnchorReport:
    report = audit_review.verify_against_anchors(ws.s, central=office.central)
    assert report is not None
    return report


def _entries(session: Session) -> list[AuditEntry]:
    with session.store.read() as conn:
        return list(audit.entries(conn))


def _anchored(office: Office) -> tuple[Workstation, int]:
    """Workstation 1 with some activity, synced: its head is anchored; returns (ws, head seq)."""
    ws = office.workstations[1]
    for s in make_spouses(4, seed=31):
        records.register(ws.s, s)
    office.sync(ws)
    return ws, audit_review.audit_head(ws.s).seq


def test_a_sync_anchors_the_head_once_and_the_chain_verifies(office2: Office) -> None:
    ws, head = _anchored(office2)
    assert _anchor_count(office2, ws) == 1
    office2.sync(ws)  # nothing happened since: the same head is not anchored again
    assert _anchor_count(office2, ws) == 1
    records.register(ws.s, make_spouses(1, seed=32)[0])
    office2.sync(ws)
    assert _anchor_count(office2, ws) == 2

    report = _check(office2, ws)
    assert report.intact, report.problems
    assert report.anchors == 2
    assert report.newest > head
    assert audit_review.verify(ws.s).intact


def test_the_central_store_holds_no_plaintext_of_an_anchor(office2: Office) -> None:
    ws, _ = _anchored(office2)
    head = audit_review.audit_head(ws.s)
    (anchor,) = office2.central.anchors(KIND, workstation_id(ws.s.store))
    assert head.mac not in anchor.body
    assert head.mac.hex().encode() not in anchor.body
    assert b'"seq"' not in anchor.body


def test_a_consistent_rewrite_passes_the_local_check_but_not_the_anchors(
    office2: Office,
) -> None:
    ws, head = _anchored(office2)
    entries = _entries(ws.s)
    rewrite_chain(ws.s, entries[:1] + entries[2:])  # entry #2 deleted, every MAC recomputed

    assert audit_review.verify(ws.s).intact  # the key holder's rewrite is internally sound
    report = _check(office2, ws)
    assert not report.intact
    rewritten = {p.seq for p in report.problems if p.kind == "rewritten"}
    assert head in rewritten
    assert any(f"Entry #{head} differs" in p.message for p in report.problems)


def test_a_chain_cut_short_below_the_newest_anchor_is_detected(office2: Office) -> None:
    ws, head = _anchored(office2)
    rewrite_chain(ws.s, _entries(ws.s)[: head - 2])  # the newest entries dropped, head moved back

    report = _check(office2, ws)
    kinds = {(p.kind, p.seq) for p in report.problems}
    assert ("cut short", head) in kinds
    assert ("missing", head) in kinds or ("rewritten", head) in kinds


def test_a_tampered_anchor_is_refused(office2: Office) -> None:
    ws, _ = _anchored(office2)
    origin = workstation_id(ws.s.store)
    with office2.central.engine.begin() as conn:
        row = conn.execute(select(append_log).where(append_log.c.origin == origin)).one()
        body = bytearray(row.body)
        body[-1] ^= 1
        conn.execute(update(append_log).where(append_log.c.seq == row.seq).values(body=bytes(body)))

    report = _check(office2, ws)
    assert [p.kind for p in report.problems][:1] == ["anchor refused"]
    assert "fails verification" in report.problems[0].message


def test_an_anchor_moved_to_another_workstation_is_refused(office2: Office) -> None:
    ws, _ = _anchored(office2)
    other = office2.workstations[0]
    office2.sync(other)
    with office2.central.engine.begin() as conn:
        row = conn.execute(
            select(append_log).where(append_log.c.origin == workstation_id(ws.s.store))
        ).one()
        conn.execute(
            insert(append_log).values(
                kind=KIND, origin=workstation_id(other.s.store), body=row.body,
                created_at=row.created_at,
            )
        )  # fmt: skip

    assert "anchor refused" in [p.kind for p in _check(office2, other).problems]


def test_anchors_deleted_from_the_central_store_are_noticed(office2: Office) -> None:
    ws, head = _anchored(office2)
    with office2.central.engine.begin() as conn:
        conn.execute(delete(append_log).where(append_log.c.kind == KIND))

    report = _check(office2, ws)
    assert [(p.kind, p.seq) for p in report.problems] == [("anchors missing", head)]


def test_without_a_central_store_nothing_is_checked(office2: Office) -> None:
    ws = office2.workstations[1]
    with ws.s.store.write() as conn:
        conn.execute(delete(store_meta).where(store_meta.c.key == META_CENTRAL_URL))
    assert audit_review.verify_against_anchors(ws.s) is None
