"""Who may do what: one matrix of role × service function, checked in the services."""

from __future__ import annotations

from enum import StrEnum

from seco_desktop.domain.reference import Role


class Permission(StrEnum):
    SEARCH = "search"
    VIEW_RECORD = "view_record"
    REGISTER = "register"
    EDIT_RECORD = "edit_record"
    ADD_NOTE = "add_note"
    MANAGE_FOLLOW_UPS = "manage_follow_ups"
    VIEW_REPORTS = "view_reports"
    REASSIGN = "reassign"
    MANAGE_USERS = "manage_users"
    MANAGE_RULESETS = "manage_rulesets"
    MANAGE_KEYS = "manage_keys"
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

MATRIX: dict[Role, frozenset[Permission]] = {
    Role.AGENT: _CASEWORK,
    Role.COACH: _CASEWORK,
    Role.SUPERVISOR: _CASEWORK | {Permission.VIEW_REPORTS, Permission.REASSIGN},
    Role.ADMINISTRATOR: frozenset(Permission),
}


class PermissionDenied(Exception):
    def __init__(self, role: Role, permission: Permission) -> None:
        super().__init__(f"The {role.value} role may not {permission.value.replace('_', ' ')}")
        self.role = role
        self.permission = permission


def allowed(role: Role, permission: Permission) -> bool:
    return permission in MATRIX[role]


def require(role: Role, permission: Permission) -> None:
    if not allowed(role, permission):
        raise PermissionDenied(role, permission)
