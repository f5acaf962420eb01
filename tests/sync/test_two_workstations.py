"""Workstations edit offline, then sync: every edit merged or recorded, all copies identical."""

from __future__ import annotations

import dataclasses

import pytest

from seco_desktop.services import records
from seco_desktop.store import spouses
from tests.services.support import make_spouses

from .support import Office

pytestmark = pytest.mark.postgres


def _profile(ws_session, spouse_id: str):  # type: ignore[no-untyped-def]
    with ws_session.store.read() as conn:
        s = spouses.get_spouse(conn, spouse_id)
    return dataclasses.replace(s, row_version=0)


def test_a_record_registered_on_one_workstation_reaches_the_other(office2: Office) -> None:
    a, b = office2.workstations
    spouse = make_spouses(1, seed=11)[0]
    records.register(a.s, spouse)

    office2.sync_all()

    assert _profile(b.s, spouse.id) == _profile(a.s, spouse.id)
