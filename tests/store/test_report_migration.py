"""Migration 0005 on a store that already holds records: who registered each one is filled in."""

from __future__ import annotations

import dataclasses
import os
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from seco_desktop.demo.generator import generate_spouses
from seco_desktop.domain.models import Consent
from seco_desktop.store.migrate import head_revision
from seco_desktop.store.schema import spouse
from seco_desktop.store.spouses import insert_many
from seco_desktop.store.store import Store

NOW = datetime(2026, 1, 5, 12)


def test_upgrading_fills_registered_by_from_each_consent(tmp_path: Path) -> None:
    path, key = tmp_path / "s.seco", os.urandom(32)
    made = list(generate_spouses(3, seed=5, today=date(2026, 1, 5)))
    recorders = ["agent-id", "", None]  # recorded by an agent, online, no consent at all
    rows = [
        dataclasses.replace(
            s, consent=None if by is None else Consent("2024-01", NOW, bool(by), by, bool(by))
        )
        for s, by in zip(made, recorders, strict=True)
    ]
    with Store.open(path, [key], create=True) as store, store.write() as conn:
        insert_many(conn, rows, NOW)
        # Back to the store as revision 0004 left it: no column, no report indexes.
        for index in ("ix_spouse_report", "ix_decision_latest", "ix_note_created",
                      "ix_follow_up_done"):  # fmt: skip
            conn.exec_driver_sql(f"DROP INDEX {index}")
        conn.exec_driver_sql("ALTER TABLE spouse DROP COLUMN registered_by")
        conn.exec_driver_sql("DROP TABLE ineligible_call")  # 0006, after the report revision
        for index in ("ux_ruleset_record", "ix_decision_event"):  # 0013
            conn.exec_driver_sql(f"DROP INDEX {index}")
        conn.exec_driver_sql("ALTER TABLE ruleset DROP COLUMN record_id")
        conn.exec_driver_sql("ALTER TABLE ruleset DROP COLUMN set_aside")
        conn.exec_driver_sql("ALTER TABLE eligibility_decision DROP COLUMN event_id")
        conn.exec_driver_sql("ALTER TABLE app_user DROP COLUMN renamed_from")  # 0012
        for column in ("detected_ws", "resolved_by", "resolutions"):  # 0011
            conn.exec_driver_sql(f"ALTER TABLE sync_conflict DROP COLUMN {column}")
        conn.exec_driver_sql(  # 0010
            "ALTER TABLE sync_push ADD COLUMN doc TEXT NOT NULL DEFAULT '{}'"
        )
        conn.exec_driver_sql("ALTER TABLE app_user DROP COLUMN supervisor_id")  # 0009
        conn.exec_driver_sql("DROP TABLE purged_record")  # 0008
        for column in ("unlocked_at", "disabled_at", "enabled_at"):  # 0007
            conn.exec_driver_sql(f"ALTER TABLE account_state DROP COLUMN {column}")
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0004'")

    with Store.open(path, [key]) as store, store.read() as conn:
        got = dict(conn.execute(select(spouse.c.id, spouse.c.registered_by)).all())
        assert store.revision == head_revision()

    assert [got[s.id] for s in rows] == ["agent-id", None, None]
