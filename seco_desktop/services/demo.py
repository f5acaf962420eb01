"""A demo store: the real store, keys and accounts, filled with synthetic records."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from seco_desktop.demo.accounts import DEMO_USERS
from seco_desktop.demo.build import DemoSummary, build_demo_store
from seco_desktop.domain.reference import Role
from seco_desktop.security.crypto import DEFAULT_ARGON2, Argon2Params
from seco_desktop.services.accounts import TEAM_MEMBER_ROLES, assign_team
from seco_desktop.services.clock import Clock, system_clock
from seco_desktop.services.session import add_user, create_store, list_users, sign_in
from seco_desktop.store.meta import set_meta


def create_demo_store(
    path: Path,
    *,
    records: int,
    password: str,
    seed: int = 2026,
    today: date | None = None,
    clock: Clock = system_clock,
    argon2: Argon2Params = DEFAULT_ARGON2,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[DemoSummary, str]:
    """Create a store with the demo accounts (all with ``password``) and ``records`` spouses.

    Returns the summary and the recovery key. The store is marked as a demo store, which the
    desktop shows in its window title.
    """
    if records < 0:
        raise ValueError("records must be 0 or more")
    admin = next(a for a in DEMO_USERS if a.role is Role.ADMINISTRATOR)
    recovery = create_store(
        path,
        admin_username=admin.username,
        admin_display_name=admin.display_name,
        admin_password=password,
        clock=clock,
        argon2=argon2,
    )
    session = sign_in(path, admin.username, password, clock=clock)
    try:
        for account in DEMO_USERS:
            if account is not admin:
                add_user(
                    session,
                    account.username,
                    account.display_name,
                    account.role,
                    password,
                    argon2=argon2,
                )
        lead = next(a for a in DEMO_USERS if a.role is Role.SUPERVISOR)
        for account in DEMO_USERS:
            if account.role in TEAM_MEMBER_ROLES:  # the demo office is one team
                assign_team(session, account.username, lead.username)
        with session.store.write() as conn:
            set_meta(conn, "demo", "true")
        summary = build_demo_store(
            session.store,
            records=records,
            seed=seed,
            today=today or clock().date(),
            users=list_users(session),
            progress=progress,
        )
        session.store.checkpoint()
    finally:
        session.close()
    return summary, recovery
