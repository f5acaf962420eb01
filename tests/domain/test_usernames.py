"""Who keeps a user name two workstations added offline, and the name the other one gets."""

from __future__ import annotations

from datetime import datetime

from seco_desktop.domain.usernames import Claim, derived_candidates, derived_username, keeps_name
from seco_desktop.domain.validation import validate_user_fields

EARLY, LATE = datetime(2026, 3, 1, 9), datetime(2026, 3, 1, 10)
LOW, HIGH = "0a1b2c3d-0000-4000-8000-000000000000", "ffeeddcc-0000-4000-8000-000000000000"


def test_the_account_created_first_keeps_the_name_whichever_side_asks() -> None:
    assert keeps_name(Claim(HIGH, EARLY), Claim(LOW, LATE))
    assert not keeps_name(Claim(LOW, LATE), Claim(HIGH, EARLY))


def test_equal_creation_times_go_to_the_lower_id() -> None:
    assert keeps_name(Claim(LOW, EARLY), Claim(HIGH, EARLY))
    assert not keeps_name(Claim(HIGH, EARLY), Claim(LOW, EARLY))


def test_derived_names_are_valid_short_enough_and_refused_by_hand() -> None:
    assert derived_username("jsmith", HIGH) == "jsmith--ffeedd"
    long_name = "a" * 32
    for name in (*derived_candidates("jsmith", HIGH), *derived_candidates(long_name, LOW)):
        assert len(name) <= 32
        assert validate_user_fields(name, "Someone", by_hand=False) == []
        assert [e.field for e in validate_user_fields(name, "Someone")] == ["username"]
    assert derived_username("jsmith--ffeedd", LOW) == "jsmith--0a1b2c"  # from the name, once
    assert validate_user_fields("j-smith", "Someone") == []
