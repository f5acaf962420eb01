"""Fixtures for sync tests: an office of workstations on a throwaway PostgreSQL database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.services.conftest import office_template  # noqa: F401  (the shared store template)

from .support import Office, make_office, pg_database


@pytest.fixture
def pg_url() -> Iterator[str]:
    with pg_database() as url:
        yield url


@pytest.fixture
def office2(office_template: tuple[Path, str], tmp_path: Path, pg_url: str) -> Iterator[Office]:  # noqa: F811
    office = make_office(office_template, tmp_path, pg_url, 2)
    try:
        yield office
    finally:
        office.close()


@pytest.fixture
def office3(office_template: tuple[Path, str], tmp_path: Path, pg_url: str) -> Iterator[Office]:  # noqa: F811
    office = make_office(office_template, tmp_path, pg_url, 3)
    try:
        yield office
    finally:
        office.close()
