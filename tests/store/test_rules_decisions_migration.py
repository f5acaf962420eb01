"""Migration 0013 on a store holding rule sets and decisions: each rule set gets its record id,
the decisions made together one event id, and each is queued for sync once."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import delete, insert, select

from seco_desktop.demo.generator import generate_spouses
from seco_desktop.domain.eligibility import RuleBook, decide_all
from seco_desktop.store.decisions import record_many
from seco_desktop.store.migrate import head_revision
from seco_desktop.store.rulesets import record_id_of
from seco_desktop.store.schema import eligibility_decision, outbox, ruleset
from seco_desktop.store.spouses import insert_many
from seco_desktop.store.store import Store

TODAY = date(2026, 1, 5)
NOW = datetime(2026, 1, 5, 12)
LATER = datetime(2026, 2, 5, 12)


def test_upgrading_groups_decisions_into_events_and_queues_everything_once(
    tmp_path: Path,
) -> None:
    path, key = tmp_path / "s.seco", os.urandom(32)
    people = list(generate_spouses(3, seed=8, today=TODAY))
    book = RuleBook.builtin()
    with Store.open(path, [key], create=True) as store, store.write() as conn:
        insert_many(conn, people, NOW)
        record_many(conn, [(s.id, decide_all(s, TODAY, book).values()) for s in people], NOW)
        record_many(conn, [(people[0].id, decide_all(people[0], TODAY, book).values())], LATER)
        conn.execute(
            insert(ruleset).values(version="mycaa-2026.1", program="mycaa",
                                   effective_from=date(2026, 3, 1), body="{}", added_by="admin",
                                   added_at=NOW)
        )  # fmt: skip
        conn.execute(delete(outbox))
        # Back to the store as revision 0012 left it.
        for index in ("ux_ruleset_record", "ix_decision_event"):
            conn.exec_driver_sql(f"DROP INDEX {index}")
        conn.exec_driver_sql("ALTER TABLE ruleset DROP COLUMN record_id")
        conn.exec_driver_sql("ALTER TABLE ruleset DROP COLUMN set_aside")
        conn.exec_driver_sql("ALTER TABLE eligibility_decision DROP COLUMN event_id")
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0012'")

    with Store.open(path, [key]) as store, store.read() as conn:
        assert store.revision == head_revision()
        decided = conn.execute(
            select(eligibility_decision.c.spouse_id, eligibility_decision.c.decided_at,
                   eligibility_decision.c.event_id)
        ).all()  # fmt: skip
        queued = conn.execute(select(outbox.c.tbl, outbox.c.record_id, outbox.c.user_id)).all()
        stamps = dict(conn.execute(select(outbox.c.record_id, outbox.c.created_at)).all())
        rule_id = conn.execute(select(ruleset.c.record_id)).scalar_one()

    events: dict[tuple[str, datetime], set[str]] = {}
    for spouse_id, at, event_id in decided:
        events.setdefault((spouse_id, at), set()).add(event_id)
    assert len(events) == 4  # three registrations and one later decision
    assert all(len(ids) == 1 and None not in ids for ids in events.values())
    event_ids = sorted(next(iter(ids)) for ids in events.values())
    assert rule_id == record_id_of("mycaa-2026.1")
    assert sorted(r for t, r, _ in queued if t == "decision") == event_ids
    assert [(t, r, u) for t, r, u in queued if t == "ruleset"] == [("ruleset", rule_id, "admin")]
    assert len(queued) == 5
    # queued as of when each was made (a queued change counts as activity against a purge)
    assert sorted(stamps[next(iter(ids))] for ids in events.values()) == [NOW, NOW, NOW, LATER]
    assert stamps[rule_id] == NOW
