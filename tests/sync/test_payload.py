"""``sync_payload.open_row`` on payloads that authenticate but do not have a record's shape, and
on the envelope it returns (no database: rows are sealed here, as a push seals them)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seco_desktop.central.errors import CentralTampered
from seco_desktop.central.server import CentralRow
from seco_desktop.security.crypto import open_record, seal_record
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


def _reference_text(
    *,
    tbl: str,
    record_id: str,
    version: int,
    body_json: str,
    deleted: bool,
    by: str,
    at: datetime,
    ws: str,
) -> bytes:
    """The plaintext as ``seal_doc`` defined it with ``json.dumps`` (the format on the wire)."""
    head = json.dumps(
        {
            "at": at.isoformat(),
            "by": by,
            "deleted": deleted,
            "id": record_id,
            "tbl": tbl,
            "v": version,
            "ws": ws,
        },
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return (head[:-1] + ',"body":' + body_json + "}").encode("utf-8")


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)))  # no lone surrogates: not UTF-8


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    tbl=st.sampled_from(["spouse", "decision", "note"]) | _TEXT,
    record_id=st.sampled_from([RID]) | _TEXT,
    version=st.integers(min_value=1, max_value=2**62),
    body=st.dictionaries(
        _TEXT.filter(lambda k: k != "row_version"), _TEXT | st.integers(), max_size=4
    ),
    deleted=st.booleans(),
    by=_TEXT,
    ws=_TEXT,
    at=st.datetimes(timezones=st.none() | st.just(UTC) | st.just(timezone(timedelta(hours=-5)))),
)
def test_seal_doc_plaintext_is_the_json_dumps_text(
    keys: KeyMaterial,
    tbl: str,
    record_id: str,
    version: int,
    body: dict[str, Any],
    deleted: bool,
    by: str,
    ws: str,
    at: datetime,
) -> None:
    args: dict[str, Any] = {"tbl": tbl, "record_id": record_id, "version": version,
                            "body_json": json.dumps(body, ensure_ascii=False), "deleted": deleted,
                            "by": by, "at": at, "ws": ws}  # fmt: skip
    key_version, payload = seal_doc(keys, **args)
    text = open_record(
        keys.data_key(key_version), version=key_version, record_id=record_id, table=tbl,
        kind=KIND, payload=payload,
    )  # fmt: skip
    assert text == _reference_text(**args)
    row = CentralRow(tbl, record_id, version, 1, key_version, payload, "op")
    env = open_row(keys, row)
    assert env == Envelope(version, deleted, body, by, at, ws)


def test_seal_doc_escapes_like_json(keys: KeyMaterial) -> None:
    awkward = 'quote " backslash \\ newline \n tab \t nul \x00 del \x7f é 😀 \u2028'
    args: dict[str, Any] = {"tbl": "spouse", "record_id": RID, "version": 5,
                            "body_json": '{"a":1}', "deleted": False, "by": awkward,
                            "at": datetime(2026, 1, 5, 9, 0, 0, 17), "ws": awkward}  # fmt: skip
    key_version, payload = seal_doc(keys, **args)
    text = open_record(
        keys.data_key(key_version), version=key_version, record_id=RID, table="spouse",
        kind=KIND, payload=payload,
    )  # fmt: skip
    assert text == _reference_text(**args)
