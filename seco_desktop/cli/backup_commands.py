"""``seco-admin backup``, ``seco-admin backup verify`` and ``seco-admin restore``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from seco_desktop.cli.passwords import PasswordSource
from seco_desktop.services.backup import BackupCheck, backup, restore, verify_backup
from seco_desktop.services.session import sign_in, sign_out


def add_backup_commands(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser(
        "backup",
        usage=(
            "seco-admin backup --store STORE --user USER --to FILE [--password-stdin]\n"
            "       seco-admin backup verify FILE --user USER [--password-stdin]"
        ),
        help="copy the store and its key file while people work (administrators)",
        description=(
            "Copy the store to FILE and its key file to FILE.keys, still encrypted, while "
            "people keep working; the copy is checked before the command ends. "
            "'backup verify FILE' checks a backup later."
        ),
    )
    p.add_argument("--store", type=Path, help="the store file (e.g. office.seco)")
    p.add_argument("--user", help="your user name (an administrator)")
    p.add_argument(
        "--to", type=Path, metavar="FILE", help="the new backup file (never overwritten)"
    )
    _password_stdin(p)
    p.set_defaults(func=cmd_backup, backup_parser=p)
    actions = p.add_subparsers(dest="backup_command", metavar="ACTION")
    v = actions.add_parser(
        "verify",
        prog="seco-admin backup verify",
        help="check a backup: it opens with your password and every page is sound",
    )
    v.add_argument("file", type=Path, help="the backup file (its FILE.keys beside it)")
    v.add_argument("--user", required=True, help="an administrator's user name in the backup")
    _password_stdin(v)
    v.set_defaults(func=cmd_backup_verify)

    r = sub.add_parser(
        "restore",
        help="put a checked backup in place as a store that does not exist yet",
        description=(
            "Check the backup, then copy it and its key file to --store. An existing store is "
            "never overwritten: move it and its .keys file aside first."
        ),
    )
    r.add_argument("--from", dest="source", type=Path, required=True, help="the backup file")
    r.add_argument("--store", type=Path, required=True, help="where the store goes (new)")
    r.add_argument("--user", required=True, help="an administrator's user name in the backup")
    _password_stdin(r)
    r.set_defaults(func=cmd_restore)


def _password_stdin(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )


def cmd_backup(args: argparse.Namespace) -> int:
    missing = [f"--{n}" for n in ("store", "user", "to") if getattr(args, n) is None]
    if missing:
        args.backup_parser.error(f"{', '.join(missing)} required (or: backup verify FILE)")
    source = PasswordSource(from_stdin=args.password_stdin)
    password = source.ask(f"Password for {args.user}", store=args.store, username=args.user)
    session = sign_in(args.store, args.user, password)
    try:
        result = backup(session, args.to)
    finally:
        sign_out(session)
    print(f"Backed up {args.store} to {result.store_file} and {result.key_file}.")
    _describe(result.check)
    return 0


def cmd_backup_verify(args: argparse.Namespace) -> int:
    password = _ask(args)
    check = verify_backup(args.file, args.user, password)
    if not check.ok:
        print(f"The backup {args.file} is DAMAGED: {len(check.problems)} problem(s):")
        print("\n".join(f"  {p}" for p in check.problems[:20]))
        return 1
    print(f"The backup {args.file} is sound: it opens with its key file and every page passed.")
    _describe(check)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    password = _ask(args)
    check = restore(args.source, args.store, args.user, password)
    print(f"Restored {args.source} as {args.store} (with its key file).")
    _describe(check)
    print("Sign in to it as usual; with a central database, run seco-admin sync next.")
    return 0


def _ask(args: argparse.Namespace) -> str:
    # A backup's password is never taken from the keyring: that entry is for the live store.
    source = PasswordSource(from_stdin=args.password_stdin, use_keyring=False)
    return source.ask(f"Password for {args.user} (in the backup)")


def _describe(check: BackupCheck) -> None:
    c = check.counts
    print(
        f"  {c.get('spouse', 0):,} records, {c.get('note', 0):,} notes, "
        f"{c.get('follow_up', 0):,} follow-ups, {c.get('app_user', 0):,} accounts, "
        f"{c.get('audit_entry', 0):,} audit entries; {check.size_bytes / 1e6:,.1f} MB",
        file=sys.stdout,
    )
