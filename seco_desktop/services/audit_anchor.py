"""Anchoring the audit chain's head in the central store, and checking the chain against it.

At the end of every successful sync the workstation appends its chain head to the central
``append_log`` (kind ``audit-anchor``, origin its workstation id) unless that head was anchored
already. The body is ``{"seq", "mac", "at", "ws"}`` sealed under the office data key with
``seal_record`` (AAD: the workstation id, table ``audit``, kind ``audit-anchor``, key version):
sequence number, MAC and time only, no personal data. Anchoring writes no audit entry, so it
never moves the head it anchors.

The check: every anchored (seq, MAC) must still be the local entry at that seq, and the local
head must not end before the newest anchor. A chain rewritten consistently after anchoring (by
someone holding the key) or cut short therefore fails, naming the anchored seq. Limits: the
central store's operator can delete anchors (append-only by convention), and whoever holds both
the office data key and write access to the central database can forge them.
"""

from __future__ import annotations

import hmac
import json
from dataclasses import dataclass
from datetime import datetime

from seco_desktop.central.errors import CentralTampered
from seco_desktop.central.server import Appended, CentralStore
from seco_desktop.security.audit_chain import GENESIS, MAC_BYTES, ChainPoint
from seco_desktop.security.crypto import open_record, record_key_version, seal_record
from seco_desktop.security.errors import PayloadRejected, UnknownKeyVersion
from seco_desktop.security.material import KeyMaterial
from seco_desktop.services import audit
from seco_desktop.services.session import Session
from seco_desktop.services.sync import META_WORKSTATION
from seco_desktop.store import audit as rows
from seco_desktop.store.meta import get_meta, set_meta

KIND = "audit-anchor"
TABLE = "audit"
META_ANCHORED_SEQ = "audit.anchored_seq"


@dataclass(frozen=True, slots=True)
class Anchor:
    """One verified anchor: the head (seq, MAC) a workstation had at ``at``."""

    seq: int
    mac: bytes
    at: datetime
    central_seq: int  # its place in the central append log


@dataclass(frozen=True, slots=True)
class AnchorProblem:
    seq: int  # the anchored sequence number (0: the problem is not one entry's)
    kind: str  # "rewritten", "missing", "cut short", "anchor refused", "anchors missing"
    message: str


@dataclass(frozen=True, slots=True)
class AnchorReport:
    anchors: int  # anchors read and verified
    newest: int  # the newest anchored seq (0: none)
    problems: list[AnchorProblem]

    @property
    def intact(self) -> bool:
        return not self.problems


def seal_anchor(keys: KeyMaterial, origin: str, point: ChainPoint, at: datetime) -> bytes:
    text = json.dumps(
        {"at": at.isoformat(), "mac": point.mac.hex(), "seq": point.seq, "ws": origin},
        separators=(",", ":"),
    )
    return seal_record(
        keys.current_data_key(), version=keys.current_data_version, record_id=origin,
        table=TABLE, kind=KIND, plaintext=text.encode(),
    )  # fmt: skip


def open_anchor(keys: KeyMaterial, origin: str, entry: Appended) -> Anchor:
    """Decrypt and check one anchor; :class:`CentralTampered` if it does not verify."""
    try:
        version = record_key_version(entry.body)
        text = open_record(
            keys.data_key(version), version=version, record_id=origin, table=TABLE, kind=KIND,
            payload=entry.body,
        )  # fmt: skip
        plain = json.loads(text)
        anchor = Anchor(
            int(plain["seq"]),
            bytes.fromhex(plain["mac"]),
            datetime.fromisoformat(plain["at"]),
            entry.seq,
        )
    except (PayloadRejected, UnknownKeyVersion, ValueError, KeyError, TypeError) as exc:
        raise CentralTampered(
            f"Audit anchor {entry.seq} in the central store fails verification ({exc})"
        ) from None
    if plain.get("ws") != origin or len(anchor.mac) != MAC_BYTES or anchor.seq < 1:
        raise CentralTampered(f"Audit anchor {entry.seq} in the central store is malformed")
    return anchor


def anchor_head(session: Session, central: CentralStore, origin: str) -> ChainPoint | None:
    """Append the local chain head to the central store unless it was anchored already;
    returns what was anchored. Writes no audit entry (that would move the head)."""
    with session.store.read() as conn:
        head = audit.head(conn)
        done = int(get_meta(conn, META_ANCHORED_SEQ) or 0)
    if head == GENESIS or head.seq == done:
        return None
    central.append(
        KIND, origin, [seal_anchor(session.keys.material, origin, head, session.clock())]
    )
    with session.store.write() as conn:
        set_meta(conn, META_ANCHORED_SEQ, str(head.seq))
    return head


def check_anchors(session: Session, central: CentralStore) -> AnchorReport:
    """Compare this workstation's chain with every anchor it left in the central store."""
    with session.store.read() as conn:
        origin = get_meta(conn, META_WORKSTATION)
        remembered = int(get_meta(conn, META_ANCHORED_SEQ) or 0)
    if origin is None:  # never synced: nothing anchored
        return AnchorReport(0, 0, [])
    problems: list[AnchorProblem] = []
    anchors: list[Anchor] = []
    for entry in central.anchors(KIND, origin):
        try:
            anchors.append(open_anchor(session.keys.material, origin, entry))
        except CentralTampered as exc:
            problems.append(AnchorProblem(0, "anchor refused", str(exc)))
    with session.store.read() as conn:
        head = audit.head(conn)
        macs = rows.macs_at(conn, [a.seq for a in anchors])
    seen: set[tuple[int, bytes]] = set()
    for a in anchors:
        if (a.seq, a.mac) in seen:
            continue
        seen.add((a.seq, a.mac))
        when = a.at.isoformat(sep=" ", timespec="seconds")
        local = macs.get(a.seq)
        if local is None:
            problems.append(AnchorProblem(a.seq, "missing", (
                f"Entry #{a.seq}, anchored centrally at {when}, is not in the local chain"
            )))  # fmt: skip
        elif not hmac.compare_digest(local, a.mac):
            problems.append(AnchorProblem(a.seq, "rewritten", (
                f"Entry #{a.seq} differs from the one anchored centrally at {when}: the chain "
                "was rewritten after it was anchored"
            )))  # fmt: skip
    newest = max((a.seq for a in anchors), default=0)
    if head.seq < newest:
        problems.append(AnchorProblem(newest, "cut short", (
            f"The chain ends at #{head.seq} but entry #{newest} was anchored centrally: "
            "entries were removed after anchoring"
        )))  # fmt: skip
    if remembered > newest:
        problems.append(AnchorProblem(remembered, "anchors missing", (
            f"This workstation anchored entry #{remembered}, but the central store's newest "
            f"anchor is #{newest}: anchors were removed from the central store"
        )))  # fmt: skip
    return AnchorReport(len(anchors), newest, problems)
