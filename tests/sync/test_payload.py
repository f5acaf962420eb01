"""``sync_payload.open_row`` on payloads that authenticate but do not have a record's shape, and
on the envelope it returns (no database: rows are sealed here, as a push seals them)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest

from seco_desktop.central.errors import CentralTampered
from seco_desktop.central.server import CentralRow
from seco_desktop.security.crypto import seal_record
from seco_desktop.security.material import KeyMaterial
from seco_desktop.services.sync_payload import KIND, Envelope, open_row, seal_doc

RID = "0b6c2f4e-1111-4c1a-9a7e-3d2f7d1f0a01"
AT = datetime(2026, 1, 5, 9, 0)


@pytest.fixture(scope="module")
def keys() -> KeyMaterial:
    return KeyMaterial.generate()


def _row(keys: KeyMaterial, plaintext: bytes, *, version: int = 1) -> CentralRow:
    payload = seal_record(
        keys.current_data_key(), version=keys.current_data_version, record_id=RID,
        table="spouse", kind=KIND, plaintext=plaintext,
    )  # fmt: skip
    return CentralRow("spouse", RID, version, 7, keys.current_data_version, payload, "op")


def _plain(**overrides: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {"tbl": "spouse", "id": RID, "v": 1, "deleted": False,
                           "body": {"id": RID, "row_version": 4}, "by": "u", "at": AT.isoformat(),
                           "ws": "w"}  # fmt: skip
    return doc | overrides


def test_a_sealed_doc_opens_as_its_envelope(keys: KeyMaterial) -> None:
    key_version, payload = seal_doc(
        keys, tbl="spouse", record_id=RID, version=3, body_json=json.dumps({"id": RID,
        "row_version": 9}), deleted=True, by="user-1", at=AT, ws="ws-1",
    )  # fmt: skip
    env = open_row(keys, CentralRow("spouse", RID, 3, 11, key_version, payload, "op"))
    assert env == Envelope(3, True, {"id": RID}, "user-1", AT, "ws-1")
    assert (env.version, env.deleted, env.body, env.by, env.at, env.ws) == (
        3, True, {"id": RID}, "user-1", AT, "ws-1",
    )  # fmt: skip
    assert env.doc == {"deleted": True, "body": {"id": RID}}  # the local row_version dropped


def test_missing_stamps_and_names_read_as_empty(keys: KeyMaterial) -> None:
    plain = _plain()
    for field in ("at", "by", "ws", "deleted"):
        del plain[field]
    env = open_row(keys, _row(keys, json.dumps(plain).encode()))
    assert (env.deleted, env.by, env.at, env.ws) == (False, "", None, "")


@pytest.mark.parametrize(
    "plaintext",
    [
        json.dumps({k: v for k, v in _plain().items() if k != "body"}).encode(),  # no body
        json.dumps(_plain(body=None)).encode(),
        json.dumps(_plain(body=["not", "a", "record"])).encode(),
        json.dumps(_plain(body="text")).encode(),
        json.dumps(_plain(at="not a time")).encode(),
        json.dumps(_plain(id="another-id")).encode(),
        json.dumps(_plain(tbl="note")).encode(),
        json.dumps(_plain(v=2)).encode(),
        json.dumps([_plain()]).encode(),
        b"not json",
        b"",
    ],
    ids=[
        "no-body",
        "null-body",
        "list-body",
        "text-body",
        "bad-at",
        "other-id",
        "other-table",
        "other-version",
        "not-a-dict",
        "not-json",
        "empty",
    ],
)
def test_a_malformed_payload_is_refused_as_tampering(keys: KeyMaterial, plaintext: bytes) -> None:
    """Authentic (sealed under the office key) but not a record: refused as tampering, never a
    KeyError or ValueError escaping from the pull."""
    with pytest.raises(CentralTampered):
        open_row(keys, _row(keys, plaintext))
