"""``seco-admin``: the administrators' and automation command line.

Errors end with one line on stderr and a non-zero exit status, never a traceback: 2 for a
problem the user can fix (wrong password, bad input, missing file), 70 for an internal error
(logged by type only, since a message could carry personal data).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from seco_desktop import __version__
from seco_desktop.central.errors import CentralError
from seco_desktop.cli import commands, sync_commands
from seco_desktop.cli.passwords import PasswordUnavailable
from seco_desktop.cli.report_commands import add_report_commands
from seco_desktop.domain.codec import DecodeError
from seco_desktop.domain.eligibility import NoRuleSetError, RuleBookError, RuleSetError
from seco_desktop.domain.errors import InvalidValue, ValidationError
from seco_desktop.domain.reference import Branch, Role, SponsorStatus
from seco_desktop.security.errors import SecurityError
from seco_desktop.services.permissions import PermissionDenied
from seco_desktop.services.session import SessionEnded
from seco_desktop.store.errors import StoreError

USER_ERRORS: tuple[type[BaseException], ...] = (
    StoreError,
    SecurityError,
    CentralError,
    ValidationError,
    InvalidValue,
    PermissionDenied,
    SessionEnded,
    PasswordUnavailable,
    RuleSetError,
    RuleBookError,
    NoRuleSetError,
    DecodeError,
    FileExistsError,
    FileNotFoundError,
    PermissionError,
    IsADirectoryError,
    UnicodeDecodeError,
)


class _Parser(argparse.ArgumentParser):
    """Usage errors, like every other error, are one line: no usage dump to scroll past."""

    def error(self, message: str) -> NoReturn:
        where = self.prog.removeprefix("seco-admin").strip()
        self.exit(2, f"seco-admin: error: {where + ': ' if where else ''}{message}\n")


def _count(minimum: int) -> Callable[[str], int]:
    """An argparse type for whole numbers of at least ``minimum``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be {minimum} or more")
        return value

    return parse


def _store_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--store", type=Path, required=True, help="the store file (e.g. office.seco)")
    p.add_argument(
        "--password-stdin",
        action="store_true",
        help="read passwords from standard input, one line each, in the order asked",
    )


def _signed_in(p: argparse.ArgumentParser) -> None:
    _store_arg(p)
    p.add_argument("--user", required=True, help="your user name")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="seco-admin", description="SECO Desktop administration and automation.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("init", help="create a store and its first administrator")
    _store_arg(p)
    p.add_argument("--admin", required=True, help="the administrator's user name")
    p.add_argument("--name", help="the administrator's display name")
    p.set_defaults(func=commands.cmd_init)

    _user_commands(sub)
    _record_commands(sub)
    _admin_commands(sub)
    add_report_commands(sub, _signed_in)
    _security_commands(sub)
    _central_commands(sub)
    return parser


def _user_commands(sub: argparse._SubParsersAction[_Parser]) -> None:
    user = sub.add_parser("user", help="staff accounts").add_subparsers(
        dest="user_command", required=True, metavar="ACTION"
    )
    p = user.add_parser("add", help="add a staff account (administrators)")
    _signed_in(p)
    p.add_argument("--new", required=True, help="the new user's user name")
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    p.add_argument("--name", help="the new user's display name")
    p.set_defaults(func=commands.cmd_user_add)
    p = user.add_parser("list", help="list staff accounts (administrators)")
    _signed_in(p)
    p.set_defaults(func=commands.cmd_user_list)
    p = user.add_parser("unlock", help="unlock an account locked by failed sign-ins (admins)")
    _signed_in(p)
    p.add_argument("target", help="the locked user's user name")
    p.set_defaults(func=commands.cmd_user_unlock)
    for name, func, text in (
        ("disable", commands.cmd_user_disable, "disable an account; its sessions end"),
        ("enable", commands.cmd_user_enable, "enable a disabled account"),
    ):
        p = user.add_parser(name, help=f"{text} (administrators)")
        _signed_in(p)
        p.add_argument("target", help="the user name")
        p.set_defaults(func=func)
    p = user.add_parser("role", help="change an account's role (administrators)")
    _signed_in(p)
    p.add_argument("target", help="the user name")
    p.add_argument("role", choices=[r.value for r in Role])
    p.set_defaults(func=commands.cmd_user_role)
    p = user.add_parser("team", help="put an agent or coach on a supervisor's team (admins)")
    _signed_in(p)
    p.add_argument("target", help="the agent's or coach's user name")
    p.add_argument("supervisor", nargs="?", help="the supervisor's user name; none: no team")
    p.set_defaults(func=commands.cmd_user_team)
    p = user.add_parser("disable-inactive", help="disable accounts unused for 35 days")
    _signed_in(p)
    p.set_defaults(func=commands.cmd_user_disable_inactive)
    p = user.add_parser("password-max-age", help="days before a password must change")
    _signed_in(p)
    p.add_argument("days", type=_count(1))
    p.set_defaults(func=commands.cmd_user_password_max_age)


def _record_commands(sub: argparse._SubParsersAction[_Parser]) -> None:
    p = sub.add_parser("demo", help="make a demo store of synthetic records")
    _store_arg(p)
    p.add_argument(
        "--records", type=_count(0), default=20_000, help="how many spouses (default 20000)"
    )
    p.add_argument("--seed", type=int, default=2026, help="generator seed (same seed, same data)")
    p.set_defaults(func=commands.cmd_demo)

    p = sub.add_parser("search", help="find spouses by DoD ID, name, date of birth, email, phone")
    _signed_in(p)
    p.add_argument("query", nargs="+", help='e.g. 1234567890, "smyth, jon", "jon smith 3/7/1990"')
    p.add_argument("--branch", choices=[b.value for b in Branch])
    p.add_argument("--status", choices=[s.value for s in SponsorStatus])
    p.add_argument("--coach", help="assigned coach's user id")
    p.add_argument("--page", type=_count(0), default=0, help="result page, from 0")
    p.add_argument("--limit", type=_count(1), default=50, help="rows per page (default 50)")
    p.set_defaults(func=commands.cmd_search)

    p = sub.add_parser("show", help="show a spouse's record")
    _signed_in(p)
    p.add_argument("reference", help="the spouse's DoD ID or record id")
    p.set_defaults(func=commands.cmd_show)


def _admin_commands(sub: argparse._SubParsersAction[_Parser]) -> None:
    rules = sub.add_parser("ruleset", help="eligibility rule sets").add_subparsers(
        dest="ruleset_command", required=True, metavar="ACTION"
    )
    p = rules.add_parser("add", help="add a rule-set version from a JSON file (administrators)")
    _signed_in(p)
    p.add_argument("file", help="the rule set, as JSON")
    p.set_defaults(func=commands.cmd_ruleset_add)
    p = rules.add_parser("list", help="list rule-set versions")
    _signed_in(p)
    p.set_defaults(func=commands.cmd_ruleset_list)

    keys = sub.add_parser("keys", help="key management").add_subparsers(
        dest="keys_command", required=True, metavar="ACTION"
    )
    p = keys.add_parser("rotate", help="new data key and store key (administrators)")
    _signed_in(p)
    p.set_defaults(func=commands.cmd_keys_rotate)
    p = keys.add_parser("new-recovery", help="replace the recovery key (administrators)")
    _signed_in(p)
    p.set_defaults(func=commands.cmd_keys_new_recovery)
    p = keys.add_parser("reset-password", help="set a user's password with the recovery key")
    _store_arg(p)
    p.add_argument("--target", required=True, help="the user whose password is reset")
    p.set_defaults(func=commands.cmd_keys_reset_password)

    p = sub.add_parser("check", help="verify the store file's integrity")
    _signed_in(p)
    p.set_defaults(func=commands.cmd_check)

    p = sub.add_parser("remember-password", help="keep your password in the OS keyring")
    _signed_in(p)
    p.set_defaults(func=commands.cmd_remember_password)
    p = sub.add_parser("forget-password", help="remove your password from the OS keyring")
    _signed_in(p)
    p.set_defaults(func=commands.cmd_forget_password)


def _security_commands(sub: argparse._SubParsersAction[_Parser]) -> None:
    keep = sub.add_parser(
        "retention", help="deletion after 3 years without activity"
    ).add_subparsers(dest="retention_command", required=True, metavar="ACTION")
    p = keep.add_parser("upcoming", help="records due for deletion soon (supervisors)")
    _signed_in(p)
    p.add_argument("--days", type=_count(0), default=90, help="look ahead (default 90 days)")
    p.set_defaults(func=commands.cmd_retention_upcoming)
    p = keep.add_parser("hold", help="pause a record's deletion (supervisors)")
    _signed_in(p)
    p.add_argument("record", help="the record id")
    p.add_argument("--reason", required=True, help="why (e.g. an open Privacy Act request)")
    p.set_defaults(func=commands.cmd_retention_hold)
    p = keep.add_parser("release", help="release a hold (supervisors)")
    _signed_in(p)
    p.add_argument("record", help="the record id")
    p.set_defaults(func=commands.cmd_retention_release)
    p = keep.add_parser("purge", help="delete the records due (administrators)")
    _signed_in(p)
    p.add_argument("--dry-run", action="store_true", help="list what would go; delete nothing")
    p.add_argument("--certificate", help="also write the purge certificate to this file")
    p.set_defaults(func=commands.cmd_retention_purge)

    audit = sub.add_parser("audit", help="the audit trail").add_subparsers(
        dest="audit_command", required=True, metavar="ACTION"
    )
    p = audit.add_parser("verify", help="check the audit chain; exit 1 if it was tampered with")
    _signed_in(p)
    p.set_defaults(func=commands.cmd_audit_verify)
    p = audit.add_parser("export", help="write the audit entries you may see as CSV")
    _signed_in(p)
    p.add_argument("--out", required=True, help="the CSV file to write")
    p.set_defaults(func=commands.cmd_audit_export)


def _central_commands(sub: argparse._SubParsersAction[_Parser]) -> None:
    central = sub.add_parser("central", help="the central store").add_subparsers(
        dest="central_command", required=True, metavar="ACTION"
    )
    url_help = (
        "the central database URL, e.g. postgresql://seco@db.example/seco?sslmode=verify-full"
    )
    p = central.add_parser(
        "init", help="create the central schema for this office (administrators)"
    )
    _signed_in(p)
    p.add_argument("--url", required=True, help=url_help)
    p.set_defaults(func=sync_commands.cmd_central_init)
    p = central.add_parser("enroll", help="make this workstation's store from the central store")
    _store_arg(p)
    p.add_argument("--user", required=True, help="your user name (its password unlocks the keys)")
    p.add_argument("--url", required=True, help=url_help)
    p.set_defaults(func=sync_commands.cmd_central_enroll)
    p = central.add_parser("password", help="keep the central database password in the keyring")
    p.add_argument("--url", required=True, help=url_help)
    p.add_argument("--password-stdin", action="store_true", help="read it from standard input")
    p.set_defaults(func=sync_commands.cmd_central_password)

    p = sub.add_parser("sync", help="sync this store with the central store")
    _signed_in(p)
    p.set_defaults(func=sync_commands.cmd_sync)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        status: int = args.func(args)
    except USER_ERRORS as exc:
        print(f"seco-admin: error: {_one_line(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("seco-admin: interrupted; nothing half-written was kept", file=sys.stderr)
        return 130
    except Exception as exc:
        print(
            f"seco-admin: internal error ({type(exc).__name__}); nothing half-written was kept",
            file=sys.stderr,
        )
        return 70
    return status


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(f"{e.field}: {e.message}" for e in exc.errors)
    if isinstance(exc, UnicodeDecodeError):
        return "the file is not UTF-8 text"
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.strerror}: {exc.filename}" if exc.filename else exc.strerror
    return " ".join(str(exc).split()) or type(exc).__name__


if __name__ == "__main__":
    sys.exit(main())
