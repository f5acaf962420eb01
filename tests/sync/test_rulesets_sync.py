"""Administrator-added rule sets reach every workstation, and a clash is decided the same way
everywhere (``services.ruleset_sync``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Connection, select, update

from seco_desktop.central.errors import CentralTampered
from seco_desktop.central.schema import record, usn_counter
from seco_desktop.domain.eligibility import RuleBook, decide_mycaa
from seco_desktop.domain.models import Spouse
from seco_desktop.domain.reference import Program
from seco_desktop.services import audit_review, records, rulesets
from seco_desktop.services.session import Session
from seco_desktop.services.sync_review import open_conflicts, restore, status
from seco_desktop.services.sync_setup import enroll
from seco_desktop.store.audit import AuditFilter
from seco_desktop.store.rulesets import record_id_of
from tests.services.support import ADMIN, ADMIN_PASSWORD, TODAY, make_spouses

from .support import TAKES_EFFECT, Office, Workstation, widened_mycaa

pytestmark = pytest.mark.postgres


def _refused_only_for(grade: str) -> Spouse:
    """A generated spouse refused MyCAA today only because of the sponsor's pay grade."""
    book = RuleBook.builtin()
    for spouse in make_spouses(400, seed=3):
        if spouse.sponsor.pay_grade != grade:
            continue
        decision = decide_mycaa(spouse, TODAY, book)
        if len(decision.reasons) == 1 and grade in decision.reasons[0]:
            return spouse
    raise AssertionError(f"the generator made no otherwise-eligible {grade} sponsor")


def _mycaa(session: Session, spouse_id: str) -> tuple[bool, str]:
    d = records.open_record(session, spouse_id).decisions[Program.MYCAA]
    return d.eligible, d.ruleset_version


def _listed(session: Session) -> list[tuple[str, str, str, str]]:
    return [(r.program, r.version, r.effective_from, r.source)
            for r in rulesets.list_rulesets(session)]  # fmt: skip


def _in_force_body(session: Session, version: str) -> dict[str, object]:
    found = session.rulebook.get(version)
    return {"grades": list(found.params.pay_grades)}  # type: ignore[union-attr]


def test_a_rule_set_added_on_a_decides_on_b_after_its_sync(office2: Office) -> None:
    a, b = office2.workstations
    spouse = records.register(b.s, _refused_only_for("E-7"))
    office2.clock.set_day(TAKES_EFFECT)
    assert _mycaa(b.s, spouse.id) == (False, "mycaa-2023.1")

    rulesets.add_ruleset(a.s, widened_mycaa("mycaa-2026.1"))
    office2.sync(a)
    assert _mycaa(b.s, spouse.id) == (False, "mycaa-2023.1")  # not before B's sync
    office2.sync(b)

    # The session already signed in on B decides by it at once, as after a local add.
    assert _mycaa(b.s, spouse.id) == (True, "mycaa-2026.1")
    assert _listed(b.s) == _listed(a.s)
    assert ("mycaa", "mycaa-2026.1", "2026-03-01", "added") in _listed(b.s)
    b.sign_in()  # and it stays
    assert _mycaa(b.s, spouse.id) == (True, "mycaa-2026.1")
    trail = audit_review.entries(b.s, AuditFilter(action="ruleset_added"))
    assert [(r.actor, r.outcome, r.detail, r.record_id) for r in trail] == [
        (ADMIN, "ok", '{"source":"sync"}', record_id_of("mycaa-2026.1"))
    ]
    assert status(a.s).pending == status(b.s).pending == 0


@pytest.mark.parametrize("first", [0, 1], ids=["A first", "B first"])
def test_one_version_with_two_contents_ends_the_same_everywhere(
    office2: Office, first: int
) -> None:
    a, b = office2.workstations
    rulesets.add_ruleset(a.s, widened_mycaa("mycaa-2026.1", "E-7"))
    rulesets.add_ruleset(b.s, widened_mycaa("mycaa-2026.1", "E-8"))
    winner = "E-7" if first == 0 else "E-8"
    order = [office2.workstations[first], office2.workstations[1 - first]]
    for ws in order + order:
        office2.sync(ws)

    for ws in (a, b):
        grades = _in_force_body(ws.s, "mycaa-2026.1")["grades"]
        assert winner in grades
        assert ("E-8" if winner == "E-7" else "E-7") not in grades
        assert status(ws.s).pending == 0
    loser = order[1]
    found = open_conflicts(loser.s)
    assert [(c.kind, c.tbl, c.field) for c in found] == [("ruleset", "ruleset", "body")]
    assert ("E-8" if winner == "E-7" else "E-7") in found[0].lost_value
    # Only the desk whose copy lost can know the lost content; the conflict it records is shared,
    # so the administrator at either desk sees the clash.
    assert [c.id for c in open_conflicts(order[0].s)] == [found[0].id]
    with pytest.raises(ValueError, match="new version id"):
        restore(loser.s, found[0].id)
    loser.sign_in()  # the office's copy is the one kept
    assert winner in _in_force_body(loser.s, "mycaa-2026.1")["grades"]


def test_two_versions_taking_effect_the_same_day_keep_the_first_everywhere(
    office2: Office,
) -> None:
    a, b = office2.workstations
    rulesets.add_ruleset(a.s, widened_mycaa("mycaa-2026.1", "E-7"))
    rulesets.add_ruleset(b.s, widened_mycaa("mycaa-2026.2", "E-8"))
    office2.sync(a)  # 2026.1 reaches the central store first
    office2.sync(b)
    office2.sync(a)

    for ws in (a, b):
        listed = _listed(ws.s)
        assert ("mycaa", "mycaa-2026.1", "2026-03-01", "added") in listed
        assert ("mycaa", "mycaa-2026.2", "2026-03-01", "set aside") in listed  # not in force
        assert "mycaa-2026.2" not in [rs.version for rs in ws.s.rulebook.all()]
        assert [(c.kind, c.field) for c in open_conflicts(ws.s)] == [("ruleset", "effective_from")]
        ws.sign_in()  # the rule book still builds
        assert "mycaa-2026.2" not in [rs.version for rs in ws.s.rulebook.all()]


def test_a_new_workstation_bootstraps_the_rule_sets(office2: Office, tmp_path: Path) -> None:
    a = office2.workstations[0]
    rulesets.add_ruleset(a.s, widened_mycaa("mycaa-2026.1"))
    office2.sync(a)
    path = tmp_path / "ws-new" / "office.seco"
    enroll(path, office2.url, ADMIN, ADMIN_PASSWORD, clock=office2.clock)
    c = Workstation("ws-new", path, office2.clock)
    office2.workstations.append(c)
    c.sign_in()
    assert _listed(c.s) == _listed(a.s)


def _bump(conn: Connection, record_id: str, **values: object) -> None:
    top = conn.execute(select(usn_counter.c.value)).scalar_one() + 1
    conn.execute(update(usn_counter).values(value=top))
    conn.execute(update(record).where(record.c.id == record_id).values(usn=top, **values))


def test_a_rule_set_payload_swapped_with_another_records_is_refused(office2: Office) -> None:
    a, b = office2.workstations
    rulesets.add_ruleset(a.s, widened_mycaa("mycaa-2026.1"))
    office2.sync_all()
    before_listed, before_usn = _listed(b.s), status(b.s).last_usn
    rid = record_id_of("mycaa-2026.1")
    with office2.central.engine.begin() as conn:
        other = conn.execute(select(record.c.payload).where(record.c.tbl == "app_user")).first()
        assert other is not None
        _bump(conn, rid, payload=other.payload)
    for _ in range(2):  # and again: the bad row is never skipped over
        with pytest.raises(CentralTampered):
            office2.sync(b)
    assert status(b.s).last_usn == before_usn
    assert _listed(b.s) == before_listed
