"""A workstation process for the SIGKILL test: edit and sync in a loop until killed.

Run as ``python -m tests.sync.kill_worker STORE URL SEED``. Small batches and pages make many
local and central transactions, so a kill lands inside push, pull, merge or an edit.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

from sqlalchemy import Connection, text

from seco_desktop.demo.generator import generate_spouses
from seco_desktop.domain.reference import ContactType
from seco_desktop.services import records, sync_push
from seco_desktop.services import sync as sync_module
from seco_desktop.services.session import sign_in
from seco_desktop.services.sync_setup import sync_now
from seco_desktop.store import spouses
from seco_desktop.store.errors import DuplicateRecord
from tests.services.support import ADMIN, ADMIN_PASSWORD, TODAY


def main(store: str, seed: int) -> None:
    sync_push.PUSH_BATCH = 7
    sync_module.PULL_PAGE = 11
    session = sign_in(Path(store), ADMIN, ADMIN_PASSWORD)
    print("ready", flush=True)  # the test's kill clock starts here, whatever the machine's load
    batch = 0
    while True:
        people = list(generate_spouses(6, seed=seed * 1000 + batch, today=TODAY))
        for person in people:
            try:
                stored = records.register(session, person)
            except DuplicateRecord:
                continue
            records.add_note(session, stored.id, ContactType.PHONE, "call", "synthetic")
        with session.store.read() as conn:
            ids = _some_ids(conn)
        for i, spouse_id in enumerate(ids):
            with session.store.read() as conn:
                current = spouses.get_spouse(conn, spouse_id)
            records.edit(
                session, dataclasses.replace(current, career_goals=f"goal {seed}-{batch}-{i}")
            )
        sync_now(session)
        batch += 1


def _some_ids(conn: Connection) -> list[str]:
    rows = conn.execute(text("SELECT id FROM spouse WHERE deleted = 0 ORDER BY random() LIMIT 3"))
    return [r[0] for r in rows]


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[3]))  # argv[2], the central URL, is kept in the store
