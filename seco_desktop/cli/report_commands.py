"""``seco-admin report summary|program|accounting|audit``: the same PDFs the desktop builds,
headless."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from seco_desktop.cli.commands import signed_in_session
from seco_desktop.domain.errors import FieldError, ValidationError
from seco_desktop.domain.reference import Branch, Component
from seco_desktop.services import records
from seco_desktop.services.reports.accounting import build_accounting_report
from seco_desktop.services.reports.audit_report import build_audit_report
from seco_desktop.services.reports.files import save_report
from seco_desktop.services.reports.framework import BuiltReport
from seco_desktop.services.reports.program import ProgramFilter, build_program_report, coach_id
from seco_desktop.services.reports.summary import SummaryOptions, build_summary
from seco_desktop.store.errors import RecordNotFound


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, not {text!r}") from None


def add_report_commands(
    sub: argparse._SubParsersAction[Any], signed_in: Callable[[argparse.ArgumentParser], None]
) -> None:
    reports = sub.add_parser("report", help="PDF reports").add_subparsers(
        dest="report_command", required=True, metavar="REPORT"
    )
    p = reports.add_parser("summary", help="a spouse's summary (needs: view record)")
    signed_in(p)
    p.add_argument("reference", help="the spouse's DoD ID or record id")
    p.add_argument("--out", type=Path, required=True, help="the PDF file to write")
    p.add_argument(
        "--minimum-necessary",
        action="store_true",
        help="mask the DoD IDs and withhold the date of birth",
    )
    p.add_argument("--notes-from", type=_day, help="first day of notes to include (YYYY-MM-DD)")
    p.add_argument("--notes-to", type=_day, help="last day of notes to include (YYYY-MM-DD)")
    p.set_defaults(func=cmd_report_summary)

    p = reports.add_parser("program", help="the program report (needs: view reports)")
    signed_in(p)
    p.add_argument("--from", dest="date_from", type=_day, required=True, help="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=_day, required=True, help="YYYY-MM-DD")
    p.add_argument("--coach", help="only this coach's records and work (user name)")
    p.add_argument("--branch", choices=[b.value for b in Branch])
    p.add_argument("--component", choices=[c.value for c in Component])
    p.add_argument("--out", type=Path, required=True, help="the PDF file to write")
    p.set_defaults(func=cmd_report_program)

    p = reports.add_parser(
        "accounting", help="the Privacy Act accounting of a record's disclosures"
    )
    signed_in(p)
    p.add_argument("reference", help="the spouse's DoD ID or record id (also once purged: the id)")
    p.add_argument("--out", type=Path, required=True, help="the PDF file to write")
    p.set_defaults(func=cmd_report_accounting)

    p = reports.add_parser("audit", help="the audit trail you may see (supervisors, admins)")
    signed_in(p)
    p.add_argument("--from", dest="date_from", type=_day, help="first day (YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", type=_day, help="last day (YYYY-MM-DD)")
    p.add_argument("--out", type=Path, required=True, help="the PDF file to write")
    p.set_defaults(func=cmd_report_audit)


def _written(report: BuiltReport, out: Path, note: str = "") -> int:
    save_report(report, out)
    pages = f"{report.pages} page{'s' if report.pages != 1 else ''}"
    print(f"Wrote {out}: {report.title.lower()}, {pages}{note}.")
    return 0


def cmd_report_summary(args: argparse.Namespace) -> int:
    options = SummaryOptions(
        minimum_necessary=args.minimum_necessary,
        notes_from=args.notes_from,
        notes_to=args.notes_to,
    )
    options.check()  # before asking for a password
    with signed_in_session(args) as session:
        record_id = records.resolve(session, args.reference)
        report = build_summary(session, record_id, options)
    return _written(report, args.out, " (minimum necessary)" if args.minimum_necessary else "")


def cmd_report_program(args: argparse.Namespace) -> int:
    selection = ProgramFilter(
        args.date_from,
        args.date_to,
        branch=Branch(args.branch) if args.branch else None,
        component=Component(args.component) if args.component else None,
    )
    selection.check()
    with signed_in_session(args) as session:
        if args.coach:
            selection = replace(selection, coach_id=coach_id(session, args.coach))
        report = build_program_report(session, selection)
    return _written(report, args.out)


def cmd_report_accounting(args: argparse.Namespace) -> int:
    with signed_in_session(args) as session:
        try:
            record_id = records.resolve(session, args.reference)
        except RecordNotFound:
            record_id = args.reference  # a purged record: its accounting is kept by id
        report = build_accounting_report(session, record_id)
    return _written(report, args.out)


def cmd_report_audit(args: argparse.Namespace) -> int:
    since = datetime.combine(args.date_from, time()) if args.date_from else None
    until = datetime.combine(args.date_to, time.max) if args.date_to else None
    if since and until and since > until:
        raise ValidationError((FieldError("date_from", "From must be on or before to"),))
    with signed_in_session(args) as session:
        report = build_audit_report(session, since, until)
    return _written(report, args.out)
