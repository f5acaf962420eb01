"""Which fields an edit changed: dotted names, never values; bookkeeping ignored."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from seco_desktop.services.changes import changed_fields

from .support import make_spouses


def test_nested_and_list_fields_are_named_and_bookkeeping_is_not() -> None:
    before = make_spouses(1)[0]
    after = dataclasses.replace(
        before,
        name=dataclasses.replace(before.name, first="Renamed"),
        sponsor=dataclasses.replace(before.sponsor, dod_id="1234567890"),
        skills=[],
        email="other@example.org",
        row_version=before.row_version + 1,
        updated_at=datetime(2030, 1, 1),
    )
    names = changed_fields(before, after)
    assert "name.first" in names
    assert "sponsor.dod_id" in names
    assert "email" in names
    assert "row_version" not in names
    assert "updated_at" not in names
    assert ("skills" in names) == bool(before.skills)
    assert not any("Renamed" in n or "1234567890" in n for n in names)
    assert changed_fields(before, before) == []
