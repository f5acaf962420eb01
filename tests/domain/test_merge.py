"""The three-way merge: one-sided changes win, equal changes agree, clashes are reported."""

from __future__ import annotations

from seco_desktop.domain.merge import MISSING, Clash, get_path, merge, set_path

BASE = {
    "email": "a@example.org",
    "phone": "+15552100000",
    "name": {"first": "Ana", "last": "Lopez", "middle": ""},
    "address": None,
    "skills": [{"name": "Excel"}],
    "updated_at": "2026-01-05T09:30:00",
}


def _with(**changes: object) -> dict[str, object]:
    return BASE | changes


def test_changes_to_different_fields_both_survive() -> None:
    ours = _with(email="b@example.org")
    theirs = _with(name=BASE["name"] | {"last": "Lopez-Ruiz"})  # type: ignore[operator]

    result = merge(BASE, ours, theirs, ours_wins=False)

    assert result.clashes == []
    assert result.merged["email"] == "b@example.org"
    assert result.merged["name"]["last"] == "Lopez-Ruiz"


def test_nested_fields_merge_separately() -> None:
    ours = _with(name=BASE["name"] | {"first": "Anna"})  # type: ignore[operator]
    theirs = _with(name=BASE["name"] | {"middle": "Maria"})  # type: ignore[operator]

    result = merge(BASE, ours, theirs, ours_wins=True)

    assert result.merged["name"] == {"first": "Anna", "last": "Lopez", "middle": "Maria"}
    assert result.clashes == []


def test_the_same_field_changed_twice_goes_to_the_winner_and_is_reported() -> None:
    ours, theirs = _with(email="ours@example.org"), _with(email="theirs@example.org")

    for ours_wins, kept, lost in (
        (True, "ours@example.org", "theirs@example.org"),
        (False, "theirs@example.org", "ours@example.org"),
    ):
        result = merge(BASE, ours, theirs, ours_wins=ours_wins)
        assert result.merged["email"] == kept
        assert result.clashes == [Clash("email", kept, lost)]


def test_the_same_change_on_both_sides_is_no_conflict() -> None:
    both = _with(phone="+15552109999")
    assert merge(BASE, both, dict(both), ours_wins=False).clashes == []


def test_lists_are_single_values() -> None:
    ours = _with(skills=[{"name": "Excel"}, {"name": "Python"}])
    theirs = _with(skills=[{"name": "Welding"}])

    result = merge(BASE, ours, theirs, ours_wins=False)

    assert result.merged["skills"] == [{"name": "Welding"}]
    assert [c.path for c in result.clashes] == ["skills"]


def test_an_address_added_on_both_sides_merges_its_fields() -> None:
    ours = _with(address={"city": "Norfolk", "state": "VA"})
    theirs = _with(address={"city": "Norfolk", "postal_code": "23511"})

    result = merge(BASE, ours, theirs, ours_wins=False)

    assert result.merged["address"] == {"city": "Norfolk", "state": "VA", "postal_code": "23511"}
    assert result.clashes == []


def test_stamps_take_the_newer_value_without_a_clash() -> None:
    ours = _with(updated_at="2026-01-05T10:00:00", email="x@example.org")
    theirs = _with(updated_at="2026-01-05T11:00:00")

    result = merge(BASE, ours, theirs, ours_wins=True, newest=frozenset({"updated_at"}))

    assert result.merged["updated_at"] == "2026-01-05T11:00:00"
    assert result.clashes == []


def test_without_a_base_every_difference_is_a_clash() -> None:
    result = merge(None, _with(email="x@example.org"), dict(BASE), ours_wins=False)
    assert "email" in [c.path for c in result.clashes]
    assert result.merged["email"] == BASE["email"]


def test_paths_read_and_write_nested_values() -> None:
    body = set_path(dict(BASE), "name.last", "Diaz")
    assert get_path(body, "name.last") == "Diaz"
    assert get_path(BASE, "name.last") == "Lopez"  # the original is untouched
    assert get_path(body, "address.city") is MISSING
    assert "email" not in set_path(body, "email", MISSING)
