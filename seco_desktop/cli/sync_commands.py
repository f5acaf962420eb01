"""``seco-admin central …`` and ``seco-admin sync``: the central store from the command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from seco_desktop.cli.passwords import PasswordSource
from seco_desktop.services.session import sign_in
from seco_desktop.services.sync_progress import SyncProgress
from seco_desktop.services.sync_setup import enroll, init_central, remember_password, sync_now


def _progress() -> Callable[[SyncProgress], None]:
    """Progress on a terminal (stderr), silence in scripts and pipes."""
    if not sys.stderr.isatty():
        return lambda _p: None

    def show(p: SyncProgress) -> None:
        total = f" of {p.total:,}" if p.total else ""
        print(f"\r  {p.phase}: {p.done:,}{total} records", end="", file=sys.stderr, flush=True)

    return show


def _end_progress() -> None:
    if sys.stderr.isatty():
        print(file=sys.stderr)


def cmd_central_init(args: argparse.Namespace) -> int:
    source = PasswordSource(from_stdin=args.password_stdin)
    password = source.ask(f"Password for {args.user}", store=args.store, username=args.user)
    session = sign_in(args.store, args.user, password)
    try:
        office = init_central(session, args.url)
    finally:
        session.close()
    print(
        f"Central store ready for office {office}; "
        "run seco-admin sync to send this store's records."
    )
    return 0


def cmd_central_enroll(args: argparse.Namespace) -> int:
    source = PasswordSource(from_stdin=args.password_stdin)
    password = source.ask(f"Password for {args.user}")
    report = enroll(args.store, args.url, args.user, password, progress=_progress())
    _end_progress()
    print(f"Workstation store {args.store} enrolled: {report.pulled:,} records received.")
    return 0


def cmd_central_password(args: argparse.Namespace) -> int:
    source = PasswordSource(from_stdin=args.password_stdin, use_keyring=False)
    remember_password(args.url, source.ask("Central database password"))
    print("Central database password kept in the system keyring.")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    source = PasswordSource(from_stdin=args.password_stdin)
    password = source.ask(f"Password for {args.user}", store=args.store, username=args.user)
    session = sign_in(args.store, args.user, password)
    try:
        report = sync_now(session, progress=_progress())
    finally:
        _end_progress()
        session.close()
    conflicts = f"; {report.conflicts} conflict(s) to review" if report.conflicts else ""
    dupes = f"; {report.duplicates} possible duplicate(s)" if report.duplicates else ""
    print(f"Synced: {report.pushed:,} sent, {report.pulled:,} received{conflicts}{dupes}.")
    return 0
