"""``seco-admin report``: the PDFs written headless, and one-line errors."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

from tests.services.pdf_text import assert_marked

from .conftest import ADMIN_PASSWORD, AGENT, AGENT_PASSWORD, CliStore, Run


def test_summary_writes_a_marked_pdf_readable_by_the_owner_only(
    run: Run, cli_template: CliStore, tmp_path: Path
) -> None:
    spouse = cli_template.spouses[0]
    out = tmp_path / "summary.pdf"

    result = run(
        "report", "summary", *cli_template.as_user(), spouse.dod_id, "--out", str(out),
        stdin=f"{ADMIN_PASSWORD}\n",
    )  # fmt: skip

    assert result.code == 0, result.err
    assert result.out.startswith(f"Wrote {out}: spouse summary, ")
    assert spouse.name.last not in result.out  # no personal data on the terminal
    text = "\n".join(assert_marked(out.read_bytes()))
    assert spouse.name.display() in text
    assert spouse.dod_id in text
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["summary.pdf"]  # no temporary left


def test_minimum_necessary_summary_masks_the_dod_id(
    run: Run, cli_template: CliStore, tmp_path: Path
) -> None:
    spouse = cli_template.spouses[1]
    out = tmp_path / "min.pdf"

    result = run(
        "report", "summary", *cli_template.as_user(), spouse.id, "--out", str(out),
        "--minimum-necessary", "--notes-from", "2020-01-01", "--notes-to", "2030-12-31",
        stdin=f"{ADMIN_PASSWORD}\n",
    )  # fmt: skip

    assert result.code == 0, result.err
    assert "(minimum necessary)" in result.out
    text = "\n".join(assert_marked(out.read_bytes()))
    assert spouse.dod_id not in "".join(text.split())
    assert spouse.date_of_birth.isoformat() not in text
    assert f"******{spouse.dod_id[-4:]}" in text


def test_program_report_for_an_administrator(
    run: Run, cli_template: CliStore, tmp_path: Path
) -> None:
    out = tmp_path / "program.pdf"
    today = date.today()

    result = run(
        "report", "program", *cli_template.as_user(),
        "--from", "2020-01-01", "--to", today.isoformat(),
        "--branch", "army", "--out", str(out),
        stdin=f"{ADMIN_PASSWORD}\n",
    )  # fmt: skip

    assert result.code == 0, result.err
    text = " ".join(" ".join(assert_marked(out.read_bytes())).split())
    army = sum(1 for s in cli_template.spouses if s.sponsor.branch.value == "army")
    assert f"Registrations in the range {army}" in text
    assert "· Army ·" in text


def test_program_report_refused_to_an_agent_in_one_line(
    run: Run, cli_template: CliStore, tmp_path: Path
) -> None:
    out = tmp_path / "program.pdf"

    result = run(
        "report", "program", *cli_template.as_user(AGENT),
        "--from", "2025-01-01", "--to", "2025-12-31", "--out", str(out),
        stdin=f"{AGENT_PASSWORD}\n",
    )  # fmt: skip

    assert result.code == 2
    assert result.err == "seco-admin: error: The agent role may not view reports\n"
    assert not out.exists()


def test_bad_dates_and_unknown_spouses_are_one_line_errors(
    run: Run, cli_template: CliStore, tmp_path: Path
) -> None:
    out = tmp_path / "x.pdf"
    bad_date = run(
        "report", "program", *cli_template.as_user(), "--from", "2025-02-30",
        "--to", "2025-03-01", "--out", str(out),
    )  # fmt: skip
    backwards = run(
        "report", "program", *cli_template.as_user(), "--from", "2025-03-02",
        "--to", "2025-03-01", "--out", str(out),
    )  # fmt: skip
    unknown = run(
        "report", "summary", *cli_template.as_user(), "9999999999", "--out", str(out),
        stdin=f"{ADMIN_PASSWORD}\n",
    )  # fmt: skip
    missing_folder = run(
        "report", "summary", *cli_template.as_user(), cli_template.spouses[0].dod_id,
        "--out", str(tmp_path / "no-such-folder" / "x.pdf"),
        stdin=f"{ADMIN_PASSWORD}\n",
    )  # fmt: skip

    assert bad_date.code == 2
    assert "--from: expected a date as YYYY-MM-DD, not '2025-02-30'" in bad_date.err
    assert backwards.code == 2
    assert backwards.err == "seco-admin: error: date_from: From must be on or before to\n"
    assert unknown.code == 2
    assert unknown.err == "seco-admin: error: No spouse is registered with this DoD ID\n"
    assert missing_folder.code == 2
    assert "No such folder" in missing_folder.err
    for r in (bad_date, backwards, unknown, missing_folder):
        assert r.err.count("\n") == 1
    assert not out.exists()


def test_an_agent_may_not_print_a_summary(run: Run, cli_template: CliStore, tmp_path: Path) -> None:
    out = tmp_path / "summary.pdf"
    result = run(
        "report", "summary", *cli_template.as_user(AGENT), cli_template.spouses[0].dod_id,
        "--out", str(out), stdin=f"{AGENT_PASSWORD}\n",
    )  # fmt: skip
    assert result.code == 2
    assert result.err == "seco-admin: error: The agent role may not print record\n"
    assert not out.exists()


def test_accounting_and_audit_reports_for_an_administrator(
    run: Run, cli_template: CliStore, tmp_path: Path
) -> None:
    spouse = cli_template.spouses[0]
    accounting, trail = tmp_path / "accounting.pdf", tmp_path / "audit.pdf"

    made = run(
        "report", "accounting", *cli_template.as_user(), spouse.dod_id, "--out", str(accounting),
        stdin=f"{ADMIN_PASSWORD}\n",
    )  # fmt: skip
    audited = run(
        "report", "audit", *cli_template.as_user(), "--out", str(trail),
        stdin=f"{ADMIN_PASSWORD}\n",
    )  # fmt: skip

    assert made.code == 0, made.err
    text = " ".join(assert_marked(accounting.read_bytes()))
    assert "0 disclosures recorded" in text
    assert "No disclosure of this record has been recorded." in text
    assert audited.code == 0, audited.err
    assert "Audit trail" in " ".join(assert_marked(trail.read_bytes()))


def test_audit_report_refused_to_an_agent_in_one_line(
    run: Run, cli_template: CliStore, tmp_path: Path
) -> None:
    out = tmp_path / "audit.pdf"
    result = run(
        "report", "audit", *cli_template.as_user(AGENT), "--out", str(out),
        stdin=f"{AGENT_PASSWORD}\n",
    )  # fmt: skip
    assert result.code == 2
    assert result.err == "seco-admin: error: The agent role may not view team audit\n"
    assert not out.exists()
