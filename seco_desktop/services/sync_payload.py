"""What travels to the central store: a record document sealed under the office data key.

Plaintext (JSON): ``{"tbl", "id", "v", "deleted", "body", "by", "at", "ws"}``. AES-256-GCM's
associated data binds record id, table, payload kind and data-key version
(``security.crypto.seal_record``), so a payload moved to another record, table or key version
fails; the row version inside the plaintext must equal the row's version, so an old payload
served under a newer version fails too. Who changed it and when travel inside the ciphertext.
"""

from __future__ import annotations

from datetime import datetime
from json.encoder import encode_basestring as _string  # json's own (C) string encoder
from typing import Any, NamedTuple

import orjson

from seco_desktop.central.errors import CentralTampered
from seco_desktop.central.server import CentralRow
from seco_desktop.security.crypto import blind_index, open_record, seal_record
from seco_desktop.security.errors import PayloadRejected, UnknownKeyVersion
from seco_desktop.security.material import KeyMaterial
from seco_desktop.store.sync_tables import SPOUSE

KIND = "record"
BLIND_BITS = 16  # ~65k buckets: a handful of candidates per office, no confirmation of a guess


class Envelope(NamedTuple):
    """A verified payload from the central store (a named tuple: a bootstrap makes a million,
    and a tuple is made several times faster than a frozen dataclass)."""

    version: int
    deleted: bool
    body: dict[str, Any]
    by: str
    at: datetime | None
    ws: str

    @property
    def doc(self) -> dict[str, Any]:
        return {"deleted": self.deleted, "body": self.body}


def seal_doc(
    keys: KeyMaterial,
    *,
    tbl: str,
    record_id: str,
    version: int,
    body_json: str,
    deleted: bool,
    by: str,
    at: datetime,
    ws: str,
) -> tuple[int, bytes]:
    """(data-key version, payload) for a record body (already JSON) as row ``version``.

    The body's text is spliced in as it is (a push batch never parses and re-encodes a
    million profiles); a local ``row_version`` in it is dropped by :func:`open_row`.
    """
    # The text json.dumps(…, separators=(",", ":"), ensure_ascii=False) gives for the head in
    # this key order, written out with its own string encoder: a push seals a million records
    # and the general encoder's dict walk cost more than the rest of the text (tests compare).
    text = (
        f'{{"at":{_string(at.isoformat())},"by":{_string(by)},'
        f'"deleted":{"true" if deleted else "false"},"id":{_string(record_id)},'
        f'"tbl":{_string(tbl)},"v":{int.__repr__(version)},"ws":{_string(ws)},'
        f'"body":{body_json}}}'
    ).encode()
    key_version = keys.current_data_version
    payload = seal_record(
        keys.current_data_key(), version=key_version, record_id=record_id, table=tbl, kind=KIND,
        plaintext=text,
    )  # fmt: skip
    return key_version, payload


def open_row(keys: KeyMaterial, row: CentralRow) -> Envelope:
    """Decrypt and check one central row; :class:`CentralTampered` if anything does not fit."""
    try:
        key = keys.data_key(row.key_version)
        text = open_record(
            key, version=row.key_version, record_id=row.record_id, table=row.tbl, kind=KIND,
            payload=row.payload,
        )  # fmt: skip
    except (PayloadRejected, UnknownKeyVersion) as exc:
        raise CentralTampered(
            f"The central store served a {row.tbl} record that fails verification ({exc}); "
            "nothing from it was applied"
        ) from None
    try:
        plain = orjson.loads(text)  # a bootstrap parses a million of these: 3x json's speed
    except orjson.JSONDecodeError:
        raise CentralTampered(
            "The central store served a payload that is not JSON; refused"
        ) from None
    if not isinstance(plain, dict):
        raise CentralTampered("The central store served a payload without a record; refused")
    if plain.get("id") != row.record_id or plain.get("tbl") != row.tbl:
        raise CentralTampered("The central store served a payload of another record; refused")
    if plain.get("v") != row.row_version:
        raise CentralTampered(
            "The central store served an old version of a record under a newer version number; "
            "refused"
        )
    at = plain.get("at")
    try:
        stamp = datetime.fromisoformat(at) if isinstance(at, str) else None
    except ValueError:
        raise CentralTampered(
            "The central store served a payload with a malformed time stamp; refused"
        ) from None
    # Positional: version, deleted, body, by, at, ws.
    return Envelope(
        row.row_version, bool(plain.get("deleted")), _without_local(plain.get("body")),
        str(plain.get("by", "")), stamp, str(plain.get("ws", "")),
    )  # fmt: skip


def blind_indexes(
    keys: KeyMaterial, tbl: str, dod_id: str, last_key: str, deleted: bool
) -> tuple[int | None, int | None]:
    """Truncated blind indexes of a spouse's DoD ID and normalised surname (None otherwise)."""
    if tbl != SPOUSE or deleted:
        return None, None
    return (
        blind_index(keys.index_key, "spouse.dod_id", dod_id, BLIND_BITS),
        blind_index(keys.index_key, "spouse.last_name", last_key, BLIND_BITS),
    )


def _without_local(body: object) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise CentralTampered("The central store served a payload without a record; refused")
    body.pop("row_version", None)  # a workstation's own edit counter, never shared
    return body
