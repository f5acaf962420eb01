"""``seco-admin audit verify`` checks the chain against the anchors in the central store."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from seco_desktop.services import audit, records
from seco_desktop.services.audit_anchor import META_ANCHORED_SEQ
from seco_desktop.services.session import sign_in
from seco_desktop.store.meta import get_meta
from tests.cli.conftest import Run, run  # noqa: F401  (the in-process runner fixture)
from tests.services.support import ADMIN, ADMIN_PASSWORD, make_spouses

from .support import rewrite_chain

pytestmark = pytest.mark.postgres

PW = ADMIN_PASSWORD + "\n"


@pytest.fixture
def synced(office_template: tuple[Path, str], tmp_path: Path, pg_url: str, run: Run) -> Path:  # noqa: F811
    """A store with a central store, synced once from the command line (so anchored)."""
    source, _ = office_template
    for name in (source.name, f"{source.name}.keys"):
        shutil.copyfile(source.parent / name, tmp_path / name)
    path = tmp_path / source.name
    session = sign_in(path, ADMIN, ADMIN_PASSWORD)
    for spouse in make_spouses(3, seed=5):
        records.register(session, spouse)
    session.close()
    assert run("central", "init", *_as_admin(path), "--url", pg_url, stdin=PW).code == 0
    assert run("sync", *_as_admin(path), stdin=PW).code == 0
    return path


def _as_admin(path: Path) -> list[str]:
    return ["--store", str(path), "--user", ADMIN, "--password-stdin"]


def test_verify_reports_the_anchors_checked(run: Run, synced: Path) -> None:  # noqa: F811
    result = run("audit", "verify", *_as_admin(synced), stdin=PW)
    assert result.code == 0, result.out + result.err
    assert "The audit trail is intact" in result.out
    assert "The chain matches its 1 central anchor(s)" in result.out


def test_verify_names_the_anchored_entry_a_consistent_rewrite_changed(
    run: Run,  # noqa: F811
    synced: Path,
) -> None:
    session = sign_in(synced, ADMIN, ADMIN_PASSWORD)
    with session.store.read() as conn:
        entries = list(audit.entries(conn))
        anchored = int(get_meta(conn, META_ANCHORED_SEQ) or 0)
    assert anchored > 2
    rewrite_chain(session, entries[:1] + entries[2:])
    session.close()

    result = run("audit", "verify", *_as_admin(synced), stdin=PW)

    assert result.code == 1
    assert "The audit trail is intact" in result.out  # locally consistent: the key was used
    assert "does NOT match its central anchors" in result.out
    assert f"#{anchored}: rewritten: Entry #{anchored} differs" in result.out
