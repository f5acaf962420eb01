"""What a person is told when record work fails: the services' one-line messages, or a
generic sentence (never a raw exception, which could carry values)."""

from __future__ import annotations

from seco_desktop.domain.errors import ValidationError
from seco_desktop.security.errors import SecurityError
from seco_desktop.services.permissions import PermissionDenied
from seco_desktop.store.errors import StoreError

UNEXPECTED = "Something went wrong. Try again; if it keeps happening, tell your administrator."


def user_message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "\n".join(e.message for e in exc.errors)
    if isinstance(exc, StoreError | PermissionDenied | SecurityError):
        return str(exc)
    return UNEXPECTED
