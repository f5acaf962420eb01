"""``seco-admin audit verify|export`` and ``seco-admin user unlock``."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import update

from seco_desktop.services.session import sign_in
from seco_desktop.store.schema import audit_entry

from .conftest import ADMIN, ADMIN_PASSWORD, AGENT, AGENT_PASSWORD, CliStore, Run


def test_audit_verify_passes_on_an_untouched_store(run: Run, office: CliStore) -> None:
    result = run("audit", "verify", *office.as_user(), stdin=f"{ADMIN_PASSWORD}\n")
    assert result.code == 0, result.err
    assert "The audit trail is intact" in result.out
    assert "The central anchors were not checked: no central store is configured" in result.out


def test_audit_verify_names_the_altered_entry_and_exits_non_zero(
    run: Run, office: CliStore
) -> None:
    session = sign_in(office.path, AGENT, AGENT_PASSWORD)
    with session.store.write() as conn:
        conn.execute(update(audit_entry).where(audit_entry.c.seq == 7).values(action="view"))
    session.close()

    result = run("audit", "verify", *office.as_user(), stdin=f"{ADMIN_PASSWORD}\n")

    assert result.code == 1
    assert "#7: modified: Entry #7 was altered or forged" in result.out


def test_audit_verify_is_refused_to_an_agent(run: Run, office: CliStore) -> None:
    result = run("audit", "verify", *office.as_user(AGENT), stdin=f"{AGENT_PASSWORD}\n")
    assert result.code == 2
    assert "may not verify audit" in result.err


def test_audit_export_writes_csv(run: Run, office: CliStore, tmp_path: Path) -> None:
    out = tmp_path / "audit.csv"
    result = run("audit", "export", *office.as_user(), "--out", str(out),
                 stdin=f"{ADMIN_PASSWORD}\n")  # fmt: skip
    assert result.code == 0, result.err
    assert out.read_text().startswith("seq,at_utc,user,role,action")


def test_three_failures_lock_an_account_until_user_unlock(run: Run, office: CliStore) -> None:
    for _ in range(3):
        result = run("search", *office.as_user(AGENT), "smith", stdin="Not the password 123!\n")
        assert result.code == 2
    assert "locked" in result.err
    locked = run("search", *office.as_user(AGENT), "smith", stdin=f"{AGENT_PASSWORD}\n")
    assert locked.code == 2
    assert "locked" in locked.err

    unlocked = run("user", "unlock", *office.as_user(), AGENT, stdin=f"{ADMIN_PASSWORD}\n")

    assert unlocked.code == 0, unlocked.err
    again = run("search", *office.as_user(AGENT), "smith", stdin=f"{AGENT_PASSWORD}\n")
    assert again.code == 0, again.err


def test_retention_dry_run_then_hold_then_purge_with_a_certificate(
    run: Run, office: CliStore, tmp_path: Path
) -> None:
    # The CLI runs on the system clock: nothing in a fresh store is 3 years old.
    dry = run("retention", "purge", *office.as_user(), "--dry-run", stdin=f"{ADMIN_PASSWORD}\n")
    assert dry.code == 0, dry.err
    assert "DRY RUN" in dry.out
    assert "deleted: 0" in dry.out

    record = office.spouses[0].id
    held = run("retention", "hold", *office.as_user(), record, "--reason", "Open request",
               stdin=f"{ADMIN_PASSWORD}\n")  # fmt: skip
    assert held.code == 0, held.err
    upcoming = run("retention", "upcoming", *office.as_user(), "--days", "2000",
                   stdin=f"{ADMIN_PASSWORD}\n")  # fmt: skip
    assert upcoming.code == 0, upcoming.err
    assert "Open request" in upcoming.out

    certificate = tmp_path / "purge.txt"
    purge = run("retention", "purge", *office.as_user(), "--certificate", str(certificate),
                stdin=f"{ADMIN_PASSWORD}\n")  # fmt: skip
    assert purge.code == 0, purge.err
    assert certificate.read_text().startswith("SECO Desktop retention Purge certificate")

    refused = run("retention", "purge", *office.as_user(AGENT), stdin=f"{AGENT_PASSWORD}\n")
    assert refused.code == 2
    assert "may not purge" in refused.err


def test_user_disable_enable_and_role(run: Run, office: CliStore) -> None:
    admin = office.as_user()
    assert run("user", "disable", *admin, AGENT, stdin=f"{ADMIN_PASSWORD}\n").code == 0
    refused = run("search", *office.as_user(AGENT), "smith", stdin=f"{AGENT_PASSWORD}\n")
    assert refused.code == 2
    assert "disabled" in refused.err
    assert run("user", "enable", *admin, AGENT, stdin=f"{ADMIN_PASSWORD}\n").code == 0
    changed = run("user", "role", *admin, AGENT, "coach", stdin=f"{ADMIN_PASSWORD}\n")
    assert changed.code == 0, changed.err
    listed = run("user", "list", *admin, stdin=f"{ADMIN_PASSWORD}\n")
    assert any(AGENT in line and "coach" in line for line in listed.out.splitlines())
    aged = run("user", "password-max-age", *admin, "90", stdin=f"{ADMIN_PASSWORD}\n")
    assert aged.code == 0, aged.err
    swept = run("user", "disable-inactive", *admin, stdin=f"{ADMIN_PASSWORD}\n")
    assert swept.out.startswith("Disabled 0 account(s)")


def test_user_team_takes_supervisors_only(run: Run, office: CliStore) -> None:
    admin = office.as_user()
    refused = run("user", "team", *admin, AGENT, "--supervisor", ADMIN, stdin=f"{ADMIN_PASSWORD}\n")
    assert refused.code == 2
    assert "supervisor" in refused.err
    assert len(refused.err.strip().splitlines()) == 1
    done = run("user", "team", *admin, AGENT, "--none", stdin=f"{ADMIN_PASSWORD}\n")
    assert done.code == 0, done.err
    assert done.out.strip() == f"{AGENT} is now in no supervisor's team."
    missing = run("user", "team", *admin, AGENT, stdin=f"{ADMIN_PASSWORD}\n")
    assert missing.code == 2  # --supervisor or --none is required
