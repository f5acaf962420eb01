"""A page of rows written through ``json_rows`` is stored exactly as an executemany stores it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest
import sqlcipher3
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seco_desktop.store.json_rows import insert_from_json, pack

COLUMNS = ["t", "i", "d"]
_STORED = "SELECT typeof(t), hex(t), typeof(i), i, typeof(d), hex(d) FROM {} ORDER BY rowid"

texts = st.text(st.characters(exclude_categories=["Cs"]))  # what a str from JSON can hold
ints = st.integers(min_value=-(2**63), max_value=2**63 - 1)
values = st.one_of(st.none(), texts, ints)
rows = st.lists(st.tuples(values, values, values), max_size=30)


@pytest.fixture
def conn() -> Iterator[sqlcipher3.Connection]:
    db = sqlcipher3.connect(":memory:", isolation_level=None)
    db.execute("PRAGMA key = 'test-only'")  # the shipped SQLCipher build, encrypting
    yield db
    db.close()


def _tables(conn: sqlcipher3.Connection) -> None:
    # A DATE column has NUMERIC affinity (as ``spouse.date_of_birth``): text that looks like a
    # number is converted on either path alike.
    for name in ("by_binding", "by_json"):
        conn.execute(f"DROP TABLE IF EXISTS {name}")
        conn.execute(f"CREATE TABLE {name} (t TEXT, i INTEGER, d DATE)")


# The tables are dropped and made again for every example: the shared connection is safe.
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(page=rows)
def test_a_page_is_stored_byte_for_byte_as_executemany_stores_it(
    conn: sqlcipher3.Connection, page: list[tuple[object, object, object]]
) -> None:
    _tables(conn)
    conn.executemany("INSERT INTO by_binding (t, i, d) VALUES (?, ?, ?)", page)
    conn.execute(insert_from_json("by_json", COLUMNS), (pack(page),))
    assert (
        conn.execute(_STORED.format("by_json")).fetchall()
        == conn.execute(_STORED.format("by_binding")).fetchall()
    )


def test_hostile_text_survives_the_trip(conn: sqlcipher3.Connection) -> None:
    page = [('quote " back \\ nul \x00 tab \t é 😀 \u2028', 2**63 - 1, "0012")]
    _tables(conn)
    conn.execute(insert_from_json("by_json", COLUMNS), (pack(page),))
    assert conn.execute("SELECT t, i FROM by_json").fetchone() == page[0][:2]


def test_an_upsert_page_applies_its_rows_in_order(conn: sqlcipher3.Connection) -> None:
    conn.execute("CREATE TABLE kv (k TEXT PRIMARY KEY, v INTEGER)")
    sql = insert_from_json("kv", ["k", "v"], "ON CONFLICT (k) DO UPDATE SET v = excluded.v")
    conn.execute(sql, (pack([("a", 1), ("b", 2), ("a", 3)]),))
    assert conn.execute("SELECT k, v FROM kv ORDER BY k").fetchall() == [("a", 3), ("b", 2)]


class _Code(str):
    pass


@pytest.mark.parametrize(
    "value", [date(2026, 1, 5), datetime(2026, 1, 5, 9, 0), b"bytes", _Code("x")]
)
def test_values_stored_otherwise_than_bound_are_refused(value: object) -> None:
    with pytest.raises(TypeError):
        pack([("ok", value)])
