"""Fixtures for service tests: a real SQLCipher store and key file in ``tmp_path``."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from seco_desktop.domain.models import Spouse
from seco_desktop.domain.reference import Role
from seco_desktop.security.crypto import FAST_ARGON2_FOR_TESTS
from seco_desktop.services.session import Session, add_user, create_store

from .support import ADMIN, ADMIN_PASSWORD, STAFF, FakeClock, Office, make_spouses


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="session")
def office_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Made once: a store with the administrator and one account per other role."""
    path = tmp_path_factory.mktemp("template") / "office.seco"
    clock = FakeClock()
    recovery = create_store(
        path,
        admin_username=ADMIN,
        admin_display_name="Office Administrator",
        admin_password=ADMIN_PASSWORD,
        clock=clock,
        argon2=FAST_ARGON2_FOR_TESTS,
    )
    template = Office(path, recovery, clock)
    admin = template.sign_in()
    for role, (username, password) in STAFF.items():
        add_user(
            admin, username, f"Test {role.value}", role, password, argon2=FAST_ARGON2_FOR_TESTS
        )
    admin.store.checkpoint()
    template.close_all()
    assert sorted(p.name for p in path.parent.iterdir()) == ["office.seco", "office.seco.keys"]
    return path, recovery


@pytest.fixture
def office(office_template: tuple[Path, str], tmp_path: Path, clock: FakeClock) -> Iterator[Office]:
    """A fresh copy of the template store (the administrator signed in once, at START)."""
    source, recovery = office_template
    path = tmp_path / source.name
    for name in (source.name, f"{source.name}.keys"):
        shutil.copyfile(source.parent / name, tmp_path / name)
    office = Office(path, recovery, clock)
    try:
        yield office
    finally:
        office.close_all()


@pytest.fixture
def admin(office: Office) -> Session:
    return office.sign_in()


@pytest.fixture
def agent(office: Office) -> Session:
    return office.sign_in_as(Role.AGENT)


@pytest.fixture
def spouses() -> list[Spouse]:
    return make_spouses(20)
