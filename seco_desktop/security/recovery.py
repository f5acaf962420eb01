"""The administrator recovery key as text a person can write down and type back.

The secret is 256 random bits. It is shown once as 56 Crockford base32 characters in 14 groups
of four (``7KQ2-M0XD-…``): 32 secret bytes plus a 3-byte checksum, so a typo is reported as a
typo (a miss has odds of 1 in 16 million) instead of as "wrong key". Reading tolerates case,
spaces and dashes, and the look-alikes Crockford allows (O for 0, I and L for 1).
"""

from __future__ import annotations

import hashlib

from seco_desktop.security.crypto import KEY_BYTES, random_key
from seco_desktop.security.errors import RecoveryKeyInvalid

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_DECODE = {c: i for i, c in enumerate(_ALPHABET)} | {"O": 0, "I": 1, "L": 1}
_CHECK_BYTES = 3
_CHARS = (KEY_BYTES + _CHECK_BYTES) * 8 // 5  # 56
_GROUP = 4


def _checksum(secret: bytes) -> bytes:
    return hashlib.sha256(b"seco-recovery-check\x00" + secret).digest()[:_CHECK_BYTES]


def new_recovery_secret() -> bytes:
    return random_key()


def format_recovery_key(secret: bytes) -> str:
    """The text shown once to the administrator."""
    if len(secret) != KEY_BYTES:
        raise ValueError("A recovery secret is 32 bytes")
    number = int.from_bytes(secret + _checksum(secret), "big")
    chars = [_ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(_CHARS))]
    text = "".join(chars)
    return "-".join(text[i : i + _GROUP] for i in range(0, _CHARS, _GROUP))


def parse_recovery_key(text: str) -> bytes:
    """The secret inside a typed recovery key, or :class:`RecoveryKeyInvalid` saying what is off."""
    cleaned = "".join(ch for ch in text.upper() if ch not in " -\t\r\n")
    if len(cleaned) != _CHARS:
        raise RecoveryKeyInvalid(
            f"A recovery key has {_CHARS} letters and digits; {len(cleaned)} were entered"
        )
    number = 0
    for position, ch in enumerate(cleaned, start=1):
        value = _DECODE.get(ch)
        if value is None:
            raise RecoveryKeyInvalid(
                f"Character {position} of the recovery key is not used in recovery keys"
            )
        number = (number << 5) | value
    raw = number.to_bytes(KEY_BYTES + _CHECK_BYTES, "big")
    secret, check = raw[:KEY_BYTES], raw[KEY_BYTES:]
    if _checksum(secret) != check:
        raise RecoveryKeyInvalid(
            "The recovery key has a typo: check each group against the printed copy"
        )
    return secret
