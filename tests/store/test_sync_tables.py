"""Synced tables as documents: the bulk bootstrap path stores exactly what the normal path does."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path

import pytest
from sqlalchemy import select

from seco_desktop.domain import codec
from seco_desktop.domain.models import Spouse
from seco_desktop.domain.reference import Branch, Component, SponsorStatus
from seco_desktop.store import spouse_columns
from seco_desktop.store.schema import spouse as t
from seco_desktop.store.store import Store
from seco_desktop.store.sync_tables import apply_doc, insert_new_spouses, new_spouse_row, read_doc
from tests.services.support import START, make_spouses


def test_search_columns_from_a_body_equal_those_from_the_record() -> None:
    for s in make_spouses(200, seed=31):
        from_body = spouse_columns.search_columns_of_body(codec.to_dict(s))
        assert from_body == spouse_columns.search_columns(s)


@pytest.mark.parametrize("value", [{"id": "x"}, ["x"], 7])
@pytest.mark.parametrize("field", ["assigned_coach", "recorded_by"])
def test_a_user_id_that_is_not_text_is_not_a_spouses_shape(field: str, value: object) -> None:
    """Refused here, before a page of rows goes to SQLite as JSON (where a dict would be stored
    as its JSON text)."""
    (s,) = make_spouses(1, seed=32)
    body = codec.to_dict(s)
    if field == "recorded_by":
        body["consent"] = {**(body.get("consent") or {}), "recorded_by": value}
    else:
        body[field] = value
    with pytest.raises(codec.DecodeError, match="expected shape"):
        new_spouse_row(s.id, {"deleted": False, "body": body})


@pytest.mark.parametrize("enum", [Branch, Component, SponsorStatus])
def test_codes_are_checked_as_the_enumerations_check_them(enum: type[StrEnum]) -> None:
    codes = spouse_columns._codes(enum)
    candidates: list[object] = [*(m.value for m in enum), *list(enum), "", "ARMY", "Army",
                                " army", None, 1, ["army"], {"army": 1}]  # fmt: skip
    for value in candidates:
        try:
            expected: object = enum(value).value
        except ValueError:
            expected = ValueError
        try:
            got: object = spouse_columns._code(codes, value, enum.__name__)
        except ValueError:
            got = ValueError
        assert got == expected, value
        assert type(got) is type(expected)


def test_the_bulk_path_stores_the_same_rows_as_the_record_path(tmp_path: Path) -> None:
    people = [
        codec.from_dict(Spouse, codec.to_dict(s) | {"created_at": START.isoformat(),
                                                     "updated_at": START.isoformat()})
        for s in make_spouses(50, seed=32)
    ]  # fmt: skip
    docs = [(s.id, {"deleted": False, "body": codec.to_dict(s) | {}}) for s in people]
    for _, doc in docs:
        doc["body"].pop("row_version")
    rows, stored = {}, {}
    for name, apply in (
        ("bulk", lambda conn: insert_new_spouses(conn, docs)),
        ("one by one", lambda conn: [apply_doc(conn, "spouse", i, d) for i, d in docs]),
    ):
        with Store.open(tmp_path / f"{name}.seco", [os.urandom(32)], create=True) as store:
            with store.write() as conn:
                apply(conn)
            with store.read() as conn:
                columns = [c for c in t.c if c.name != "seq"]
                rows[name] = sorted(conn.execute(select(*columns)).all())
                # The stored text itself, not only what reads back: dates, flags and the
                # profile JSON byte for byte as SQLAlchemy and codec.dumps write them.
                names = ", ".join(c.name for c in columns)
                stored[name] = sorted(conn.exec_driver_sql(f"SELECT {names} FROM spouse").all())
                assert read_doc(conn, "spouse", docs[0][0]) == docs[0][1]
    assert rows["bulk"] == rows["one by one"]
    for a, b in zip(stored["bulk"], stored["one by one"], strict=True):
        assert [(i, x, y) for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y] == []
