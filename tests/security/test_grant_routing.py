"""Grants of accounts sync renamed (same user name added on two workstations): each grant is
filed under its account's current name, a moved grant opens only with its MAC, and a grant
naming another account never lands under a name (security.grant_routing)."""

from __future__ import annotations

import base64
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from seco_desktop.security import keyfile as kf
from seco_desktop.security import keys
from seco_desktop.security.errors import WrongPassword
from seco_desktop.security.grant_routing import Accounts, route
from seco_desktop.security.wrapping import password_grant, unlock_file

from .conftest import FAST

FIRST, SECOND = "id-first", "id-second"
PW_FIRST, PW_SECOND = "first person's password", "second person's password"


def _grant(
    created: Any, user_id: str | None, password: str, principal: str = "user:jsmith"
) -> kf.Grant:
    unlocked, _ = created
    return password_grant(unlocked.master_key, "store-1", principal, password, FAST, user_id)


def _route(created: Any, here: dict[str, kf.Grant], central: dict[str, kf.Grant],
           names: dict[str, str], lost: frozenset[str] = frozenset()) -> Any:  # fmt: skip
    unlocked, _ = created
    return route(here, central, Accounts(names, lost), master_key=unlocked.master_key,
                 store_id="store-1")  # fmt: skip


def _opens(key_path: Path, grants: dict[str, kf.Grant], username: str, password: str) -> str | None:
    key_file, _ = kf.load(key_path)
    with_users = replace(key_file, grants=dict(key_file.grants) | grants)
    return unlock_file(with_users, username, password).user_id


def test_a_renamed_accounts_grant_moves_and_the_keepers_takes_the_name(
    key_path: Path, created: Any
) -> None:
    renamed = "jsmith--abcdef"
    names = {FIRST: "jsmith", SECOND: renamed}
    # The second person's workstation: its own grant under jsmith, the first's at central.
    here = {"user:jsmith": _grant(created, SECOND, PW_SECOND)}
    central = {"user:jsmith": _grant(created, FIRST, PW_FIRST)}
    routed = _route(created, here, central, names, frozenset({"jsmith"}))
    assert sorted(routed.grants) == ["user:jsmith", f"user:{renamed}"]
    assert _opens(key_path, routed.grants, "jsmith", PW_FIRST) == FIRST
    assert _opens(key_path, routed.grants, renamed, PW_SECOND) == SECOND
    with pytest.raises(WrongPassword):
        _opens(key_path, routed.grants, "jsmith", PW_SECOND)
    assert sorted(routed.publish) == [f"user:{renamed}"]  # central's jsmith is right already


def test_central_holding_the_renamed_persons_grant_under_the_name_gets_the_keepers(
    created: Any,
) -> None:
    names = {FIRST: "jsmith", SECOND: "jsmith--abcdef"}
    routed = _route(created, {"user:jsmith": _grant(created, FIRST, PW_FIRST)},
                    {"user:jsmith": _grant(created, SECOND, PW_SECOND)}, names)  # fmt: skip
    assert sorted(routed.publish) == ["user:jsmith", "user:jsmith--abcdef"]
    assert routed.publish["user:jsmith"].user_id == FIRST


def test_a_grant_of_an_account_not_known_here_is_neither_taken_nor_overwritten(
    created: Any,
) -> None:
    mine = _grant(created, FIRST, PW_FIRST)
    central = {"user:jsmith": _grant(created, SECOND, PW_SECOND)}
    routed = _route(created, {"user:jsmith": mine}, central, {FIRST: "jsmith"})
    assert routed.grants == {"user:jsmith": mine}
    assert routed.publish == {}  # the other workstation may be right: no overwriting back and forth


def test_a_nameless_grant_for_a_name_lost_to_sync_is_not_taken(created: Any) -> None:
    old = _grant(created, None, PW_SECOND)
    routed = _route(created, {}, {"user:jsmith": old}, {FIRST: "jsmith"}, frozenset({"jsmith"}))
    assert routed.grants == {}


def test_a_moved_grant_with_a_forged_mac_or_owner_does_not_open(
    key_path: Path, created: Any
) -> None:
    names = {SECOND: "jsmith--abcdef"}
    routed = _route(created, {"user:jsmith": _grant(created, SECOND, PW_SECOND)}, {}, names)
    moved = routed.grants["user:jsmith--abcdef"]
    assert moved.sealed_as == "user:jsmith"
    forged = replace(moved, alias_mac=bytes(32))
    with pytest.raises(WrongPassword):
        _opens(key_path, {"user:jsmith--abcdef": forged}, "jsmith--abcdef", PW_SECOND)
    elsewhere = {"user:admin2": moved}  # copied under another name without the master key
    with pytest.raises(WrongPassword):
        _opens(key_path, elsewhere, "admin2", PW_SECOND)
    relabelled = replace(_grant(created, SECOND, PW_SECOND), user_id=FIRST)
    with pytest.raises(WrongPassword):
        _opens(key_path, {"user:jsmith": relabelled}, "jsmith", PW_SECOND)


def test_the_owner_and_a_move_survive_the_key_file_and_a_password_change(
    key_path: Path, created: Any
) -> None:
    unlocked, _ = created
    keys.add_grant(key_path, unlocked, "jsmith", PW_FIRST, argon2=FAST, user_id=FIRST)
    entry = json.loads(kf.load(key_path)[0].to_bytes())["grants"]["user:jsmith"]
    assert entry["user_id"] == FIRST
    assert "sealed_as" not in entry
    keys.change_password(key_path, "jsmith", PW_FIRST, PW_SECOND, argon2=FAST)
    assert keys.unlock(key_path, "jsmith", PW_SECOND).user_id == FIRST
    routed = _route(created, dict(kf.load(key_path)[0].grants), {}, {FIRST: "jsmith--abcdef"})
    key_file, raw = kf.load(key_path)
    kf.replace(key_path, replace(key_file, grants=routed.grants), raw)
    again = kf.KeyFile.from_bytes(kf.load(key_path)[0].to_bytes())
    assert base64.b64encode(again.grants["user:jsmith--abcdef"].alias_mac or b"")
    assert keys.unlock(key_path, "jsmith--abcdef", PW_SECOND).user_id == FIRST
