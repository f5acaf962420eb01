"""``store.spouse_bulk`` formats dates, stamps and flags itself: exactly as SQLAlchemy's SQLite
bind processors do, for every value (and the same error where SQLAlchemy refuses one)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Column

from seco_desktop.store import spouse_bulk
from seco_desktop.store.schema import spouse
from tests.services.support import START, make_spouses

DATE_COLUMNS = [spouse.c.date_of_birth]
STAMP_COLUMNS = [spouse.c.created_at, spouse.c.updated_at, spouse.c.last_activity_at]
FLAG_COLUMNS = [spouse.c.deleted]
INDIA = timezone(timedelta(hours=5, minutes=30))


def _both(column: Column[Any], value: object) -> tuple[object, object]:
    direct, slow = spouse_bulk.converter(column), spouse_bulk.sqlalchemy_processor(column)
    assert direct is not None
    assert slow is not None
    return _outcome(direct, value), _outcome(slow, value)


def _outcome(convert: spouse_bulk.Convert, value: object) -> object:
    try:
        result = convert(value)
    except (TypeError, ValueError) as exc:
        return type(exc)
    return (type(result), result)


def test_every_converted_column_is_a_date_stamp_or_flag() -> None:
    converted = {c.name for c in spouse.columns if spouse_bulk.sqlalchemy_processor(c)}
    assert converted == {c.name for c in DATE_COLUMNS + STAMP_COLUMNS + FLAG_COLUMNS}


@pytest.mark.parametrize("column", DATE_COLUMNS)
@pytest.mark.parametrize(
    "value",
    [
        None,
        date.min,
        date.max,
        date(999, 1, 2),
        date(1990, 5, 6),
        date(2024, 2, 29),
        datetime(2020, 1, 2, 3, 4, 5),
        datetime(2020, 1, 2, tzinfo=UTC),
        "1990-05-06",
        19900506,
    ],
)
def test_dates_are_formatted_as_sqlalchemy_does(column: Column[Any], value: object) -> None:
    direct, slow = _both(column, value)
    assert direct == slow


@pytest.mark.parametrize("column", STAMP_COLUMNS)
@pytest.mark.parametrize(
    "value",
    [
        None,
        datetime.min,
        datetime.max,
        datetime(999, 12, 31, 23, 59, 59, 999_999),
        datetime(2026, 1, 5, 9, 0),
        datetime(2026, 1, 5, 9, 0, 0, 1),
        START,
        datetime(2026, 1, 5, 9, 0, tzinfo=UTC),
        datetime(2026, 1, 5, 9, 0, 7, 12, tzinfo=INDIA),
        datetime(2026, 11, 1, 1, 30, fold=1),
        date(2026, 1, 5),
        date.min,
        "2026-01-05 09:00",
        0,
    ],
)
def test_stamps_are_formatted_as_sqlalchemy_does(column: Column[Any], value: object) -> None:
    direct, slow = _both(column, value)
    assert direct == slow


@pytest.mark.parametrize("column", FLAG_COLUMNS)
@pytest.mark.parametrize("value", [None, True, False, 0, 1, 2, -1, "yes", 1.0])
def test_flags_are_converted_as_sqlalchemy_does(column: Column[Any], value: object) -> None:
    direct, slow = _both(column, value)
    assert direct == slow


@settings(max_examples=300, deadline=None)
@given(stamp=st.datetimes(timezones=st.none() | st.timezones()), day=st.dates())
def test_any_date_and_stamp_match(stamp: datetime, day: date) -> None:
    for column in STAMP_COLUMNS:
        assert _both(column, stamp)[0] == _both(column, stamp)[1]
    assert _both(spouse.c.date_of_birth, day)[0] == _both(spouse.c.date_of_birth, day)[1]


def test_values_of_equals_sqlalchemys_conversion_column_by_column() -> None:
    columns = [c for c in spouse.columns if c.name not in {"seq", "usn"}]
    for i, s in enumerate(make_spouses(30, seed=33)):
        row: dict[str, Any] = {c.name: f"{c.name}-{i}" for c in columns}
        row.update(
            date_of_birth=s.date_of_birth, created_at=START, deleted=i % 2 == 0,
            updated_at=START.replace(microsecond=i), last_activity_at=START.replace(tzinfo=UTC),
        )  # fmt: skip
        expected = []
        for c in columns:
            slow = spouse_bulk.sqlalchemy_processor(c)
            expected.append(row[c.name] if slow is None else slow(row[c.name]))
        assert spouse_bulk.values_of(row) == tuple(expected)
