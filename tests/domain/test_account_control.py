"""Lock and disable decisions merge by their time stamps, in any order, idempotently."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

import pytest

from seco_desktop.domain.account_control import AccountControl

T = datetime(2026, 3, 1, 9)


def _at(minutes: int) -> datetime:
    return T + timedelta(minutes=minutes)


def test_a_lock_wins_over_an_older_unlock_and_a_newer_unlock_clears_it() -> None:
    locked = AccountControl().lock(_at(5), "failed sign-ins")
    assert locked.join(AccountControl().unlock(_at(1))).locked
    assert not locked.join(AccountControl().unlock(_at(9))).locked


def test_a_lock_and_an_unlock_at_the_same_instant_leave_the_account_locked() -> None:
    assert AccountControl().lock(_at(5), "x").join(AccountControl().unlock(_at(5))).locked


def test_the_result_does_not_depend_on_the_order_copies_arrive_in() -> None:
    copies = [
        AccountControl().lock(_at(3), "failed sign-ins"),
        AccountControl().unlock(_at(4)),
        AccountControl().lock(_at(7), "failed sign-ins"),
        AccountControl().set_disabled(True, _at(2)),
        AccountControl().set_disabled(False, _at(6)),
    ]
    results = set()
    for order in itertools.permutations(copies):
        merged = AccountControl()
        for copy in order:
            merged = merged.join(copy).join(copy)  # twice: idempotent
        results.add(merged)
    (only,) = results
    assert only.locked_at == _at(7)
    assert not only.disabled


def test_the_document_round_trips_and_a_bad_field_is_named() -> None:
    state = AccountControl().lock(_at(1), "failed sign-ins").set_disabled(True, _at(2))
    assert AccountControl.from_body(state.to_body("u1")) == state
    with pytest.raises(ValueError, match="locked_at must be a time stamp"):
        AccountControl.from_body({"id": "u1", "locked_at": 5})
