"""The audit trail as an HMAC hash chain: sealing entries and verifying a chain.

Each entry carries its sequence number, the MAC of the entry before it (``prev_mac``) and its
own MAC over both plus every field. The MAC key is derived (HKDF-SHA256) from the store's index
key, so only someone holding the store's key material can write a valid entry.

Verification is local: every entry is checked against itself (its MAC) and against the entry
before it (sequence number and ``prev_mac``), and the last one against the recorded head. So a
modified, deleted, inserted or reordered entry is reported at the place it happened, and the
rest of the chain still verifies.

What the chain does not stop: whoever holds the key material (an administrator with the store
open) can rewrite the whole chain consistently. Anchoring the head in the central store at every
sync is what makes a rewrite of already-anchored entries visible.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from seco_desktop.security.crypto import KEY_BYTES, encode_aad

MAC_BYTES = 32
_CONTEXT = b"seco-audit-chain-v1"


@dataclass(frozen=True, slots=True)
class ChainPoint:
    """Where a chain ends: the last sequence number and its MAC."""

    seq: int
    mac: bytes


GENESIS = ChainPoint(0, bytes(MAC_BYTES))


@dataclass(frozen=True, slots=True)
class AuditDraft:
    """What happened, before it is numbered and sealed. ``detail`` never holds personal data."""

    at: datetime  # naive UTC
    actor_id: str
    actor: str  # staff user name ("" when nobody is signed in)
    role: str
    action: str
    record_id: str  # "" when the action concerns no record
    outcome: str
    detail: str


@dataclass(frozen=True, slots=True)
class AuditEntry:
    seq: int
    at: datetime
    actor_id: str
    actor: str
    role: str
    action: str
    record_id: str
    outcome: str
    detail: str
    prev_mac: bytes
    mac: bytes

    @property
    def point(self) -> ChainPoint:
        return ChainPoint(self.seq, self.mac)


@dataclass(frozen=True, slots=True)
class ChainProblem:
    """One place where the chain is broken; ``seq`` is the entry where it shows."""

    seq: int
    kind: str  # "modified", "missing", "out of order", "not linked", "truncated"
    message: str


def derive_audit_key(index_key: bytes) -> bytes:
    """The chain's MAC key, separate from every other use of the index key."""
    if len(index_key) != KEY_BYTES:
        raise ValueError("The index key must be 32 bytes")
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=_CONTEXT).derive(
        index_key
    )


def _mac(key: bytes, seq: int, prev_mac: bytes, d: AuditDraft | AuditEntry) -> bytes:
    message = encode_aad(
        _CONTEXT,
        seq,
        prev_mac,
        d.at.isoformat(timespec="microseconds"),
        d.actor_id,
        d.actor,
        d.role,
        d.action,
        d.record_id,
        d.outcome,
        d.detail,
    )
    return hmac.digest(key, message, "sha256")


def seal_entry(key: bytes, previous: ChainPoint, draft: AuditDraft) -> AuditEntry:
    """The next entry of the chain that ends at ``previous``."""
    seq = previous.seq + 1
    mac = _mac(key, seq, previous.mac, draft)
    return AuditEntry(
        seq,
        draft.at,
        draft.actor_id,
        draft.actor,
        draft.role,
        draft.action,
        draft.record_id,
        draft.outcome,
        draft.detail,
        previous.mac,
        mac,
    )


def verify_chain(
    entries: Iterable[AuditEntry],
    key: bytes,
    *,
    anchor: ChainPoint = GENESIS,
    head: ChainPoint | None = None,
) -> list[ChainProblem]:
    """Every break in ``entries`` (in stored order), starting after the trusted ``anchor``.

    ``head`` is where the chain is known to end (recorded beside it, or anchored centrally);
    without it a deletion of the newest entries cannot be told from a shorter chain.
    """
    problems: list[ChainProblem] = []
    prev = anchor
    for e in entries:
        if not hmac.compare_digest(e.mac, _mac(key, e.seq, e.prev_mac, e)):
            problems.append(
                ChainProblem(e.seq, "modified", f"Entry #{e.seq} was altered or forged")
            )
        if e.seq <= prev.seq:
            problems.append(
                ChainProblem(
                    e.seq,
                    "out of order",
                    f"Entry #{e.seq} comes after entry #{prev.seq} (reordered or duplicated)",
                )
            )
        elif e.seq > prev.seq + 1:
            first, last = prev.seq + 1, e.seq - 1
            what = f"Entry #{first} was" if first == last else f"Entries #{first} to #{last} were"
            problems.append(ChainProblem(e.seq, "missing", f"{what} deleted"))
        elif not hmac.compare_digest(e.prev_mac, prev.mac):
            problems.append(
                ChainProblem(
                    e.seq,
                    "not linked",
                    f"Entry #{e.seq} does not follow entry #{prev.seq} (inserted or replaced)",
                )
            )
        prev = e.point
    if head is not None and (prev.seq != head.seq or not hmac.compare_digest(prev.mac, head.mac)):
        if prev.seq < head.seq:
            message = f"The chain ends at #{prev.seq} but its head is #{head.seq}: entries deleted"
        else:
            message = f"The chain ends at #{prev.seq}, not at its recorded head #{head.seq}"
        problems.append(ChainProblem(prev.seq, "truncated", message))
    return problems
