"""The DoD password rules: length, composition, no reuse of the last five, a maximum age.

Earlier passwords are kept only as Argon2id digests (salted, the grant's cost), inside the
encrypted store; a new password is compared by deriving it again with each old salt.
"""

from __future__ import annotations

import hmac
import os
import string
from datetime import datetime, timedelta

from sqlalchemy import Connection

from seco_desktop.domain.errors import FieldError, ValidationError
from seco_desktop.security.crypto import SALT_BYTES, Argon2Params, derive_password_kek
from seco_desktop.store import accounts
from seco_desktop.store.meta import get_meta, set_meta

MIN_LENGTH = 15
DEFAULT_MAX_AGE_DAYS = 60
MAX_AGE_KEY = "password_max_age_days"


def _special(c: str) -> bool:
    """Punctuation or a symbol (ASCII or not); a space or a letter in another script is not."""
    return c in string.punctuation or not (c.isalnum() or c.isspace())


def problems(password: str) -> list[str]:
    """Every rule the password breaks, in plain words (empty when it is acceptable)."""
    found = []
    if len(password) < MIN_LENGTH:
        found.append(f"at least {MIN_LENGTH} characters ({len(password)} entered)")
    if not any(c.isupper() for c in password):
        found.append("an upper-case letter")
    if not any(c.islower() for c in password):
        found.append("a lower-case letter")
    if not any(c.isdigit() for c in password):
        found.append("a digit")
    if not any(_special(c) for c in password):
        found.append("a special character")
    return found


def check(password: str, field_name: str = "password") -> None:
    """:class:`ValidationError` at ``field_name`` listing every missing rule."""
    missing = problems(password)
    if missing:
        raise ValidationError((FieldError(field_name, "Password needs " + ", ".join(missing)),))


def digest(password: str, params: Argon2Params) -> accounts.PasswordDigest:
    salt = os.urandom(SALT_BYTES)
    return accounts.PasswordDigest(
        salt,
        derive_password_kek(password, salt, params),
        params.memory_kib,
        params.iterations,
        params.lanes,
    )


def check_not_reused(
    conn: Connection, user_id: str, password: str, field_name: str = "new password"
) -> None:
    for old in accounts.recent_passwords(conn, user_id):
        params = Argon2Params(old.memory_kib, old.iterations, old.lanes)
        if hmac.compare_digest(derive_password_kek(password, old.salt, params), old.digest):
            raise ValidationError(
                (
                    FieldError(
                        field_name,
                        f"Choose a password you have not used for your last "
                        f"{accounts.HISTORY_KEPT} passwords",
                    ),
                )
            )


def remember(
    conn: Connection, user_id: str, password: str, params: Argon2Params, now: datetime
) -> None:
    accounts.add_password(conn, user_id, digest(password, params), now)
    accounts.set_password_changed(conn, user_id, now)


def max_age(conn: Connection) -> timedelta:
    text = get_meta(conn, MAX_AGE_KEY)
    return timedelta(days=int(text) if text else DEFAULT_MAX_AGE_DAYS)


def set_max_age(conn: Connection, days: int) -> None:
    if not 1 <= days <= 365:
        raise ValidationError(
            (FieldError("max_age_days", "Maximum password age must be 1 to 365 days"),)
        )
    set_meta(conn, MAX_AGE_KEY, str(days))


def expired(changed_at: datetime | None, limit: timedelta, now: datetime) -> bool:
    return changed_at is not None and now - changed_at >= limit
