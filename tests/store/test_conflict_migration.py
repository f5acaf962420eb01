"""Migration 0011 on a store that already holds conflicts: each is queued once for the central
store, a resolved one keeps its resolution as the first in its history."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select

from seco_desktop.store.conflicts import all_conflicts
from seco_desktop.store.migrate import head_revision
from seco_desktop.store.schema import outbox
from seco_desktop.store.store import Store

NOW = datetime(2026, 1, 5, 12)


def _conflict(cid: str, resolved: bool) -> dict[str, object]:
    return {
        "id": cid, "kind": "field", "tbl": "spouse", "record_id": "r-" + cid, "field": "email",
        "kept_value": '"a@example.org"', "lost_value": '"b@example.org"', "kept_by": "u1",
        "kept_at": NOW, "lost_by": "u2", "lost_at": NOW, "other_id": None, "detected_at": NOW,
        "resolved_at": NOW if resolved else None, "resolution": "kept" if resolved else None,
    }  # fmt: skip


def test_upgrading_queues_every_conflict_once(tmp_path: Path) -> None:
    path, key = tmp_path / "s.seco", os.urandom(32)
    with Store.open(path, [key], create=True) as store, store.write() as conn:
        for column in ("detected_ws", "resolved_by", "resolutions"):  # back to 0010
            conn.exec_driver_sql(f"ALTER TABLE sync_conflict DROP COLUMN {column}")
        for index in ("ux_ruleset_record", "ix_decision_event"):  # 0013
            conn.exec_driver_sql(f"DROP INDEX {index}")
        for table, column in (("ruleset", "record_id"), ("ruleset", "set_aside"),
                              ("eligibility_decision", "event_id")):  # fmt: skip
            conn.exec_driver_sql(f"ALTER TABLE {table} DROP COLUMN {column}")
        conn.exec_driver_sql("ALTER TABLE app_user DROP COLUMN renamed_from")  # 0012
        conn.exec_driver_sql(
            "INSERT INTO store_meta (key, value) VALUES ('sync.workstation_id', 'ws-here')"
        )
        for row in (_conflict("c-open", False), _conflict("c-done", True)):
            names = ", ".join(row)
            marks = ", ".join("?" for _ in row)
            conn.exec_driver_sql(
                f"INSERT INTO sync_conflict ({names}) VALUES ({marks})",
                tuple(v.isoformat(" ") if isinstance(v, datetime) else v for v in row.values()),
            )
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0010'")

    with Store.open(path, [key]) as store, store.read() as conn:
        assert store.revision == head_revision()
        found = {c.id: c for c in all_conflicts(conn)}
        queued = conn.execute(
            select(outbox.c.record_id, func.count())
            .where(outbox.c.tbl == "sync_conflict")
            .group_by(outbox.c.record_id)
        ).all()
    assert dict(queued) == {"c-open": 1, "c-done": 1}
    assert {c.detected_ws for c in found.values()} == {"ws-here"}
    assert found["c-open"].history() == []
    (given,) = found["c-done"].history()
    assert (given.resolution, given.ws) == ("kept", "ws-here")
    assert found["c-done"].resolution == "kept"
