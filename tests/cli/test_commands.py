"""``seco-admin`` commands as an administrator uses them: what they print and what they do."""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path

import pytest

from seco_desktop.domain.reference import Role
from seco_desktop.security.crypto import FAST_ARGON2_FOR_TESTS
from seco_desktop.services import keys as key_service
from seco_desktop.services.session import sign_in
from seco_desktop.store.errors import WrongStoreKey
from seco_desktop.store.store import Store

from .conftest import ADMIN, ADMIN_PASSWORD, AGENT, CliStore, Run

TEN_DIGITS = re.compile(r"(?<!\d)\d{10}(?!\d)")
RECOVERY = re.compile(r"[0-9A-Z]{4}(?:-[0-9A-Z]{4}){13}")


def test_init_creates_a_store_and_prints_the_recovery_key_once(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "new.seco"

    result = run(
        "init", "--store", str(path), "--admin", "boss", "--name", "The Boss", "--password-stdin",
        stdin="Boss password that is long 1!\n",
    )  # fmt: skip

    assert result.code == 0, result.err
    assert f"Created {path} with administrator boss." in result.out
    keys = RECOVERY.findall(result.out)
    assert len(keys) == 1
    assert result.out.count(keys[0]) == 1
    assert keys[0] not in result.err
    assert path.exists()
    assert Path(f"{path}.keys").exists()
    # the printed key is the real one: it resets the administrator's password
    key_service.reset_password_with_recovery(
        path, keys[0], "boss", "Reset with the printed key 1!", argon2=FAST_ARGON2_FOR_TESTS
    )
    session = sign_in(path, "boss", "Reset with the printed key 1!")
    try:
        assert session.role is Role.ADMINISTRATOR
        assert session.user.display_name == "The Boss"
    finally:
        session.close()


def test_init_does_not_overwrite_an_existing_store(run: Run, office: CliStore) -> None:
    before = (office.path.read_bytes(), Path(f"{office.path}.keys").read_bytes())

    result = run(
        "init", "--store", str(office.path), "--admin", "boss", "--password-stdin",
        stdin="Boss password that is long 1!\n",
    )  # fmt: skip

    assert result.code == 2
    assert result.err.startswith("seco-admin: error:")
    assert "nothing was changed" in result.err
    assert (office.path.read_bytes(), Path(f"{office.path}.keys").read_bytes()) == before


def test_user_add_then_list_shows_the_new_account(run: Run, office: CliStore) -> None:
    added = run(
        "user", "add", *office.as_user(), "--new", "coach7", "--role", "coach",
        "--name", "Coach Seven", stdin=f"{ADMIN_PASSWORD}\nCoach seven password ok 1!\n",
    )  # fmt: skip
    assert added.code == 0, added.err
    assert added.out.strip() == "Added coach7 (coach)."

    listed = run("user", "list", *office.as_user(), stdin=f"{ADMIN_PASSWORD}\n")

    assert listed.code == 0, listed.err
    rows = {line.split()[0]: line for line in listed.out.splitlines()[2:]}
    assert set(rows) == {ADMIN, AGENT, "coach7"}
    assert "Coach Seven" in rows["coach7"]
    assert " coach " in rows["coach7"]
    assert "never" in rows["coach7"]
    # and the new coach can sign in with the password given
    as_coach = run("search", *office.as_user("coach7"), "a", stdin="Coach seven password ok 1!\n")
    assert as_coach.code == 0, as_coach.err


def test_search_prints_masked_dod_ids_only(run: Run, office: CliStore) -> None:
    every_id = {s.dod_id for s in office.spouses} | {s.sponsor.dod_id for s in office.spouses}

    for query in ("a", office.spouses[5].name.last, office.spouses[5].dod_id):
        result = run("search", *office.as_user(), query, stdin=f"{ADMIN_PASSWORD}\n")

        assert result.code == 0, result.err
        assert "******" in result.out
        assert not TEN_DIGITS.search(result.out), query
        assert not any(i in result.out for i in every_id)


def test_search_by_dod_id_prints_that_one_record(run: Run, office: CliStore) -> None:
    spouse = office.spouses[9]

    result = run("search", *office.as_user(), spouse.dod_id, stdin=f"{ADMIN_PASSWORD}\n")

    lines = result.out.splitlines()
    assert result.code == 0, result.err
    assert len(lines) == 3  # header, rule, one row
    assert f"******{spouse.dod_id[-4:]}" in lines[2]
    assert spouse.id in lines[2]
    assert spouse.name.last in lines[2]


def test_search_with_a_name_typo_finds_the_spouse(run: Run, office: CliStore) -> None:
    spouse = next(s for s in office.spouses if s.name.last.isalpha() and len(s.name.last) >= 6)
    typo = (
        spouse.name.last[:3] + ("x" if spouse.name.last[3] != "x" else "z") + spouse.name.last[4:]
    )

    result = run("search", *office.as_user(), typo, stdin=f"{ADMIN_PASSWORD}\n")

    assert result.code == 0, result.err
    assert spouse.id in result.out


def test_show_by_dod_id_prints_eligibility_with_reasons(run: Run, office: CliStore) -> None:
    spouse = office.spouses[0]
    d = spouse.dod_id

    result = run("show", *office.as_user(AGENT), f"{d[:3]}-{d[3:6]}-{d[6:]}", stdin=(
        "Agent password for the cli 1!\n"
    ))  # fmt: skip

    assert result.code == 0, result.err
    out = result.out
    assert out.splitlines()[0] == spouse.name.display()
    assert "Eligibility" in out
    seco = re.search(r"^  SECO: (eligible|NOT eligible) \(rule set seco-2019\.1\)$", out, re.M)
    mycaa = re.search(r"^  MYCAA: (eligible|NOT eligible) \(rule set mycaa-2023\.1\)$", out, re.M)
    assert seco
    assert mycaa
    after_seco = out[seco.end() :].splitlines()[1]
    after_mycaa = out[mycaa.end() :].splitlines()[1]
    assert after_seco.startswith("    - ")
    assert len(after_seco) > 10
    assert after_mycaa.startswith("    - ")
    assert len(after_mycaa) > 10
    assert "MyCAA used $" in out


def test_show_by_record_id_prints_the_same_record(run: Run, office: CliStore) -> None:
    spouse = office.spouses[1]

    result = run("show", *office.as_user(), spouse.id, stdin=f"{ADMIN_PASSWORD}\n")

    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == spouse.name.display()


def _ruleset_file(tmp_path: Path) -> Path:
    folder = files("seco_desktop.domain.eligibility").joinpath("rulesets")
    doc = json.loads(folder.joinpath("mycaa-2023.1.json").read_text("utf-8"))
    doc["version"], doc["effective_from"] = "mycaa-2030.1", "2030-10-01"
    doc["params"]["pay_grades"].append("E-7")
    target = tmp_path / "mycaa-2030.1.json"
    target.write_text(json.dumps(doc), encoding="utf-8")
    return target


def test_ruleset_add_then_list_shows_it_as_added(
    run: Run, office: CliStore, tmp_path: Path
) -> None:
    added = run(
        "ruleset", "add", *office.as_user(), str(_ruleset_file(tmp_path)),
        stdin=f"{ADMIN_PASSWORD}\n",
    )  # fmt: skip
    assert added.code == 0, added.err
    assert added.out.strip() == "Added rule set mycaa-2030.1 (mycaa), effective 2030-10-01."

    listed = run("ruleset", "list", *office.as_user(AGENT), stdin="Agent password for the cli 1!\n")

    assert listed.code == 0, listed.err
    row = next(line for line in listed.out.splitlines() if "mycaa-2030.1" in line)
    assert row.split() == ["mycaa", "mycaa-2030.1", "2030-10-01", "added"]
    assert "seco-2019.1" in listed.out


def test_keys_rotate_re_keys_the_store_and_check_passes(run: Run, office: CliStore) -> None:
    before = sign_in(office.path, ADMIN, ADMIN_PASSWORD)
    old_key = before.keys.material.store_key
    before.close()

    rotated = run("keys", "rotate", *office.as_user(), stdin=f"{ADMIN_PASSWORD}\n")
    checked = run("check", *office.as_user(), stdin=f"{ADMIN_PASSWORD}\n")
    shown = run("show", *office.as_user(), office.spouses[2].dod_id, stdin=f"{ADMIN_PASSWORD}\n")

    assert rotated.code == 0, rotated.err
    assert "data key version 2 is current" in rotated.out
    assert checked.code == 0, checked.err
    assert "passed" in checked.out
    assert shown.code == 0, shown.err
    with pytest.raises(WrongStoreKey):
        Store.open(office.path, [old_key])


def test_keys_new_recovery_prints_a_new_key_and_the_old_one_stops_working(
    run: Run, office: CliStore
) -> None:
    result = run("keys", "new-recovery", *office.as_user(), stdin=f"{ADMIN_PASSWORD}\n")

    assert result.code == 0, result.err
    keys = RECOVERY.findall(result.out)
    assert len(keys) == 1
    assert keys[0] != office.recovery_key
    old = run(
        "keys", "reset-password", "--store", str(office.path), "--target", AGENT,
        "--password-stdin", stdin=f"{office.recovery_key}\nAnother agent password 1!\n",
    )  # fmt: skip
    assert old.code == 2
    assert old.err.startswith("seco-admin: error:")


def test_keys_reset_password_with_the_recovery_key(run: Run, office: CliStore) -> None:
    result = run(
        "keys", "reset-password", "--store", str(office.path), "--target", AGENT,
        "--password-stdin", stdin=f"{office.recovery_key}\nThe agent's new password 1\n",
    )  # fmt: skip

    assert result.code == 0, result.err
    assert result.out.strip() == f"{AGENT} can sign in with the new password."
    session = sign_in(office.path, AGENT, "The agent's new password 1")
    session.close()
