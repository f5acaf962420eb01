"""Who may do what: one matrix of role × service function, checked (and refusals audited) in
the services. The UI asks :func:`allowed` only to hide what a role cannot do."""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

from seco_desktop.domain.reference import Role
from seco_desktop.services import audit
from seco_desktop.services.audit import Action, Outcome


class Permission(StrEnum):
    SEARCH = "search"
    VIEW_RECORD = "view_record"
    REGISTER = "register"
    EDIT_RECORD = "edit_record"
    ADD_NOTE = "add_note"
    MANAGE_FOLLOW_UPS = "manage_follow_ups"
    PRINT_RECORD = "print_record"
    RECORD_DISCLOSURE = "record_disclosure"
    VIEW_DISCLOSURES = "view_disclosures"
    EXPORT_RECORDS = "export_records"
    VIEW_REPORTS = "view_reports"
    REASSIGN = "reassign"
    VIEW_TEAM_AUDIT = "view_team_audit"
    VIEW_ALL_AUDIT = "view_all_audit"
    VERIFY_AUDIT = "verify_audit"
    VIEW_RETENTION = "view_retention"
    MANAGE_HOLDS = "manage_holds"
    PURGE = "purge"
    MANAGE_USERS = "manage_users"
    MANAGE_RULESETS = "manage_rulesets"
    MANAGE_KEYS = "manage_keys"
    BACKUP = "backup"  # copy the whole store (and its key file) to a backup
    SYNC = "sync"  # sync with the central store and review its conflicts
    MANAGE_CENTRAL = "manage_central"  # set up the central store, enrol workstations


_CASEWORK = frozenset(
    {
        Permission.SEARCH,
        Permission.VIEW_RECORD,
        Permission.REGISTER,
        Permission.EDIT_RECORD,
        Permission.ADD_NOTE,
        Permission.MANAGE_FOLLOW_UPS,
        Permission.SYNC,
    }
)
# Coaches print a spouse's summary, and a print for someone outside the program is a disclosure.
_COACHING = _CASEWORK | {Permission.PRINT_RECORD, Permission.RECORD_DISCLOSURE}
_SUPERVISING = _COACHING | {
    Permission.VIEW_DISCLOSURES,
    Permission.EXPORT_RECORDS,
    Permission.VIEW_REPORTS,
    Permission.REASSIGN,
    Permission.VIEW_TEAM_AUDIT,
    Permission.VIEW_RETENTION,
    Permission.MANAGE_HOLDS,
}

#: The one definition of who may do what.
MATRIX: dict[Role, frozenset[Permission]] = {
    Role.AGENT: _CASEWORK,
    Role.COACH: _COACHING,
    Role.SUPERVISOR: _SUPERVISING,
    Role.ADMINISTRATOR: frozenset(Permission),
}


class PermissionDenied(Exception):
    def __init__(self, role: Role, permission: Permission) -> None:
        super().__init__(f"The {role.value} role may not {permission.value.replace('_', ' ')}")
        self.role = role
        self.permission = permission


class Guarded(audit.Actor, Protocol):
    """A signed-in session as the checks see it."""

    @property
    def role(self) -> Role: ...
    def ensure_active(self) -> None: ...


def allowed(role: Role, permission: Permission) -> bool:
    return permission in MATRIX[role]


def require(session: Guarded, permission: Permission, *, record_id: str = "") -> None:
    """Refuse (and audit the refusal) unless the session is alive and its role may do this."""
    session.ensure_active()
    if not allowed(session.role, permission):
        audit.record(
            session,
            Action.REFUSED,
            record_id=record_id,
            outcome=Outcome.DENIED,
            detail={"permission": permission.value},
        )
        raise PermissionDenied(session.role, permission)
