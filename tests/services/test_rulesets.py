"""An administrator adds a MyCAA rule set: it decides cases from its date on, and persists."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from importlib.resources import files
from typing import Any

import pytest

from seco_desktop.domain.eligibility import RuleBook, RuleBookError, RuleSetError, decide_mycaa
from seco_desktop.domain.models import Spouse
from seco_desktop.domain.reference import Program, Role
from seco_desktop.services import records, rulesets
from seco_desktop.services.session import Session

from .support import TODAY, Office, make_spouses

NEW_VERSION = "mycaa-2026.1"
TAKES_EFFECT = date(2026, 3, 1)


def _builtin(name: str) -> dict[str, object]:
    folder = files("seco_desktop.domain.eligibility").joinpath("rulesets")
    doc: dict[str, object] = json.loads(folder.joinpath(name).read_text("utf-8"))
    return doc


def _e7_ruleset(version: str = NEW_VERSION, effective: date = TAKES_EFFECT) -> str:
    doc = _builtin("mycaa-2023.1.json")
    doc["version"] = version
    doc["effective_from"] = effective.isoformat()
    doc["description"] = "Test expansion of MyCAA to E-7"
    params = doc["params"]
    assert isinstance(params, dict)
    params["pay_grades"] = [*params["pay_grades"], "E-7"]
    return json.dumps(doc, indent=2)


def _e7_spouse() -> Spouse:
    """A generated spouse refused MyCAA today only because the sponsor is an E-7."""
    book = RuleBook.builtin()
    for spouse in make_spouses(400, seed=3):
        if spouse.sponsor.pay_grade != "E-7":
            continue
        decision = decide_mycaa(spouse, TODAY, book)
        if len(decision.reasons) == 1 and "E-7" in decision.reasons[0]:
            return spouse
    raise AssertionError("the generator made no otherwise-eligible E-7 sponsor")


def _mycaa(session: Session, spouse_id: str) -> tuple[bool, str, tuple[str, ...]]:
    d = records.open_record(session, spouse_id).decisions[Program.MYCAA]
    return d.eligible, d.ruleset_version, d.reasons


def test_a_new_rule_set_changes_the_decision_only_from_its_date(office: Office) -> None:
    admin = office.sign_in()
    stored = records.register(admin, _e7_spouse())
    eligible, version, reasons = _mycaa(admin, stored.id)
    assert (eligible, version) == (False, "mycaa-2023.1")
    assert "E-7 is above MyCAA's limit" in reasons[0]

    rulesets.add_ruleset(admin, _e7_ruleset())

    office.clock.set_day(TAKES_EFFECT - timedelta(days=1))
    assert _mycaa(admin, stored.id)[:2] == (False, "mycaa-2023.1")
    office.clock.set_day(TAKES_EFFECT)
    eligible, version, reasons = _mycaa(admin, stored.id)
    assert (eligible, version) == (True, NEW_VERSION)
    assert any("E-7 is within MyCAA's grades" in r for r in reasons)
    # SECO is not touched by a MyCAA rule set
    assert records.open_record(admin, stored.id).decisions[Program.SECO].ruleset_version == (
        "seco-2019.1"
    )


def test_an_added_rule_set_persists_across_sign_in(office: Office) -> None:
    admin = office.sign_in()
    stored = records.register(admin, _e7_spouse())
    rulesets.add_ruleset(admin, _e7_ruleset())
    office.close_all()

    office.clock.set_day(TAKES_EFFECT + timedelta(days=10))
    # An administrator: staff accounts unused for 35 days (the agent's, here) are disabled.
    agent = office.sign_in_as(Role.ADMINISTRATOR)

    assert _mycaa(agent, stored.id)[:2] == (True, NEW_VERSION)
    listed = {r.version: r for r in rulesets.list_rulesets(agent)}
    assert listed[NEW_VERSION].source == "added"
    assert listed[NEW_VERSION].effective_from == TAKES_EFFECT.isoformat()
    assert listed["mycaa-2023.1"].source == "built-in"


def test_a_rule_set_with_a_missing_key_is_refused_naming_the_key(office: Office) -> None:
    admin = office.sign_in()
    doc = json.loads(_e7_ruleset())
    del doc["params"]["lifetime_cap_cents"]
    before = rulesets.list_rulesets(admin)

    with pytest.raises(RuleSetError) as caught:
        rulesets.add_ruleset(admin, json.dumps(doc))

    assert caught.value.path == "params.lifetime_cap_cents"
    assert "params.lifetime_cap_cents" in str(caught.value)
    assert rulesets.list_rulesets(admin) == before
    assert rulesets.list_rulesets(office.sign_in()) == before


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (lambda d: d["params"].__setitem__("pay_grades", ["E-1", "E-77"]), "params.pay_grades[1]"),
        (lambda d: d.__setitem__("effective_from", "2026-02-30"), "effective_from"),
        (lambda d: d["params"].__setitem__("lifetime_cap", 1), "params"),
        (lambda d: d.__setitem__("program", "tuition"), "program"),
    ],
    ids=["bad-grade", "bad-date", "unknown-key", "bad-program"],
)
def test_a_bad_value_is_refused_with_the_message_naming_the_key(
    admin: Session, change: Callable[[dict[str, Any]], None], key: str
) -> None:
    doc = json.loads(_e7_ruleset())
    change(doc)

    with pytest.raises(RuleSetError) as caught:
        rulesets.add_ruleset(admin, json.dumps(doc))

    assert caught.value.path == key
    assert str(caught.value).startswith(f"{key}: ")


def test_text_that_is_not_json_is_refused(admin: Session) -> None:
    with pytest.raises(RuleSetError, match=r"not valid JSON.*line 1"):
        rulesets.add_ruleset(admin, '{"program": "mycaa",')


def test_a_rule_set_reusing_a_version_or_a_date_is_refused(admin: Session) -> None:
    with pytest.raises(RuleBookError, match="already in the rule book"):
        rulesets.add_ruleset(admin, _e7_ruleset(version="mycaa-2023.1"))
    with pytest.raises(RuleBookError, match="same day"):
        rulesets.add_ruleset(admin, _e7_ruleset(effective=date(2023, 10, 1)))
    assert {r.source for r in rulesets.list_rulesets(admin)} == {"built-in"}


def test_a_clash_with_a_rule_set_added_by_another_session_is_refused(office: Office) -> None:
    first = office.sign_in()
    second = office.sign_in()  # e.g. seco-admin run while the desktop is open
    rulesets.add_ruleset(first, _e7_ruleset())

    clash = _e7_ruleset(version="mycaa-2026.2")  # same effective date, other version
    try:
        rulesets.add_ruleset(second, clash)
    except RuleBookError:
        pass  # refusing it, like a clash in one session, is the right answer
    finally:
        office.close_all()

    office.sign_in().close()  # whatever happened, people can still sign in
