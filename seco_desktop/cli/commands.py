"""What each ``seco-admin`` command does, on the same services the desktop uses."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from seco_desktop.cli import output
from seco_desktop.cli.passwords import PasswordSource, keyring_entry
from seco_desktop.domain.eligibility import load_ruleset_json
from seco_desktop.domain.query import SearchFilters
from seco_desktop.domain.reference import Branch, Role, SponsorStatus
from seco_desktop.security.os_keyring import SecretStore
from seco_desktop.services import accounts, audit_check, audit_review, records, retention, rulesets
from seco_desktop.services import keys as key_service
from seco_desktop.services import search as search_service
from seco_desktop.services.clock import today
from seco_desktop.services.demo import create_demo_store
from seco_desktop.services.session import (
    Session,
    add_user,
    check_password,
    create_store,
    list_users,
    sign_in,
    sign_out,
)

Command = Callable[[argparse.Namespace], int]


def _passwords(args: argparse.Namespace) -> PasswordSource:
    return PasswordSource(from_stdin=args.password_stdin)


@contextmanager
def _session(args: argparse.Namespace) -> Iterator[Session]:
    store: Path = args.store
    password = _passwords(args).ask(f"Password for {args.user}", store=store, username=args.user)
    session = sign_in(store, args.user, password)
    try:
        yield session
    finally:
        sign_out(session)


#: The signed-in session for command modules beside this one (``report_commands``).
signed_in_session = _session


def cmd_init(args: argparse.Namespace) -> int:
    source = _passwords(args)
    password = source.ask_new(f"New password for {args.admin}")
    check_password(password)
    recovery = create_store(
        args.store,
        admin_username=args.admin,
        admin_display_name=args.name or args.admin,
        admin_password=password,
    )
    print(f"Created {args.store} with administrator {args.admin}.")
    _show_recovery_key(recovery)
    return 0


def _show_recovery_key(recovery: str) -> None:
    print("RECOVERY KEY (shown once; print it and keep it in a safe, not on this computer):")
    print(f"    {recovery}")


def cmd_user_add(args: argparse.Namespace) -> int:
    with _session(args) as session:
        password = _passwords(args).ask_new(f"New password for {args.new}")
        user = add_user(session, args.new, args.name or args.new, Role(args.role), password)
    print(f"Added {user.username} ({user.role.value}).")
    return 0


def cmd_user_unlock(args: argparse.Namespace) -> int:
    with _session(args) as session:
        accounts.unlock_user(session, args.target)
    print(f"{args.target} is unlocked and may sign in again.")
    return 0


def cmd_user_disable(args: argparse.Namespace) -> int:
    with _session(args) as session:
        accounts.set_disabled(session, args.target, True)
    print(f"{args.target} is disabled; their open sessions have ended.")
    return 0


def cmd_user_enable(args: argparse.Namespace) -> int:
    with _session(args) as session:
        accounts.set_disabled(session, args.target, False)
    print(f"{args.target} is enabled again.")
    return 0


def cmd_user_role(args: argparse.Namespace) -> int:
    with _session(args) as session:
        accounts.set_role(session, args.target, Role(args.role))
    print(f"{args.target} is now {args.role}; their open sessions have ended.")
    return 0


def cmd_user_team(args: argparse.Namespace) -> int:
    with _session(args) as session:
        accounts.assign_team(session, args.target, None if args.none else args.supervisor)
    where = "in no supervisor's team" if args.none else f"in {args.supervisor}'s team"
    print(f"{args.target} is now {where}.")
    return 0


def cmd_user_disable_inactive(args: argparse.Namespace) -> int:
    with _session(args) as session:
        disabled = accounts.disable_inactive_accounts(session)
    print(f"Disabled {len(disabled)} account(s) unused for 35 days" +
          (": " + ", ".join(disabled) if disabled else "."))  # fmt: skip
    return 0


def cmd_user_password_max_age(args: argparse.Namespace) -> int:
    with _session(args) as session:
        accounts.set_password_max_age(session, args.days)
    print(f"Passwords now expire after {args.days} days.")
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    with _session(args) as session:
        check = audit_check.check_chain(session)
    for line in check.lines():
        print(line)
    if check.unreachable:
        return 1 if not check.chain.intact else 2
    return 0 if check.intact else 1


def cmd_audit_export(args: argparse.Namespace) -> int:
    with _session(args) as session:
        text = audit_review.export_csv(session)
    Path(args.out).write_text(text, encoding="utf-8")
    print(f"Wrote {text.count(chr(10)) - 1:,} audit entries to {args.out}.")
    return 0


def cmd_retention_upcoming(args: argparse.Namespace) -> int:
    with _session(args) as session:
        due = retention.upcoming(session, within_days=args.days)
    print(
        output.table(
            ("Due on", "Record id", "Name", "Last activity (UTC)", "Hold"),
            (
                (
                    u.due_on.isoformat(),
                    u.spouse_id,
                    u.name,
                    u.last_activity_at.strftime("%Y-%m-%d"),
                    u.hold_reason or "",
                )
                for u in due
            ),
        )
    )
    print(f"{len(due)} record(s) due for deletion within {args.days} days.")
    return 0


def cmd_retention_hold(args: argparse.Namespace) -> int:
    with _session(args) as session:
        retention.place_hold(session, args.record, args.reason)
    print(f"Record {args.record} is held: retention will not delete it until released.")
    return 0


def cmd_retention_release(args: argparse.Namespace) -> int:
    with _session(args) as session:
        retention.release_hold(session, args.record)
    print(f"The hold on record {args.record} is released.")
    return 0


def cmd_retention_purge(args: argparse.Namespace) -> int:
    with _session(args) as session:
        certificate = retention.purge(session, dry_run=args.dry_run)
    text = certificate.text()
    if args.certificate:
        Path(args.certificate).write_text(text, encoding="utf-8")
    print(text, end="")
    return 0


def cmd_user_list(args: argparse.Namespace) -> int:
    with _session(args) as session:
        print(output.users(list_users(session)))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    password = _passwords(args).ask_new("Password for every demo account")
    check_password(password)

    def progress(done: int, total: int) -> None:
        print(f"\r  {done:,} of {total:,} records", end="", file=sys.stderr, flush=True)

    summary, recovery = create_demo_store(
        args.store, records=args.records, password=password, seed=args.seed, progress=progress
    )
    print(file=sys.stderr)
    print(
        f"Demo store {args.store}: {summary.spouses:,} synthetic spouses, "
        f"{summary.notes:,} notes, {summary.follow_ups:,} follow-ups; "
        "accounts agent1, coach1, coach2, supervisor1, admin."
    )
    _show_recovery_key(recovery)
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    filters = SearchFilters(
        branch=Branch(args.branch) if args.branch else None,
        sponsor_status=SponsorStatus(args.status) if args.status else None,
        assigned_coach=args.coach,
    )
    with _session(args) as session:
        page = search_service.search(
            session, " ".join(args.query), filters, page=args.page, page_size=args.limit
        )
    print(output.search_page(page, args.page, args.limit))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with _session(args) as session:
        record_id = records.resolve(session, args.reference)
        view = records.open_record(session, record_id)
        print(output.record(view, today(session.clock)))
    return 0


def cmd_ruleset_add(args: argparse.Namespace) -> int:
    body = Path(args.file).read_text(encoding="utf-8")
    ruleset = load_ruleset_json(body)
    with _session(args) as session:
        rulesets.add_ruleset(session, body)
    print(
        f"Added rule set {ruleset.version} ({ruleset.program.value}), "
        f"effective {ruleset.effective_from.isoformat()}."
    )
    return 0


def cmd_ruleset_list(args: argparse.Namespace) -> int:
    with _session(args) as session:
        rows = rulesets.list_rulesets(session)
    print(
        output.table(
            ("Program", "Version", "Effective from", "Source"),
            ((r.program, r.version, r.effective_from, r.source) for r in rows),
        )
    )
    return 0


def cmd_keys_rotate(args: argparse.Namespace) -> int:
    with _session(args) as session:
        result = key_service.rotate_keys(session)
    print(
        f"Keys rotated: data key version {result.data_key_version} is current; "
        "the store file was re-encrypted under a new key."
    )
    return 0


def cmd_keys_new_recovery(args: argparse.Namespace) -> int:
    with _session(args) as session:
        recovery = key_service.new_recovery_key(session)
    print("The previous recovery key no longer works.")
    _show_recovery_key(recovery)
    return 0


def cmd_keys_reset_password(args: argparse.Namespace) -> int:
    source = _passwords(args)
    recovery = source.ask("Recovery key")
    password = source.ask_new(f"New password for {args.target}")
    key_service.reset_password_with_recovery(args.store, recovery, args.target, password)
    print(f"{args.target} can sign in with the new password.")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    with _session(args) as session:
        problems = session.store.integrity_check()
    if problems:
        print(f"The store has {len(problems)} problem(s):")
        print("\n".join(f"  {p}" for p in problems[:20]))
        return 1
    print("The store passed SQLCipher's page check and SQLite's integrity check.")
    return 0


def cmd_remember_password(args: argparse.Namespace) -> int:
    source = PasswordSource(from_stdin=args.password_stdin, use_keyring=False)
    password = source.ask(f"Password for {args.user} (to remember)")
    sign_in(args.store, args.user, password).close()  # prove it before remembering it
    SecretStore().set(keyring_entry(args.store, args.user), password)
    print("Password remembered in the system keyring.")
    return 0


def cmd_forget_password(args: argparse.Namespace) -> int:
    SecretStore().delete(keyring_entry(args.store, args.user))
    print("Password removed from the system keyring.")
    return 0
