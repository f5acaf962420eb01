"""Fixtures for store tests: a real SQLCipher store seeded with obviously fake spouses."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from seco_desktop.store.store import Store

from .factory import Seeded, seed


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    """A seeded encrypted store shared by a test module (read-only tests)."""
    path = Path(tmp_path_factory.mktemp("search")) / "s.seco"
    store = Store.open(path, [os.urandom(32)], create=True)
    try:
        yield seed(store)
    finally:
        store.close()


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Seeded]:
    """A seeded encrypted store of its own, for tests that change records."""
    store = Store.open(tmp_path / "s.seco", [os.urandom(32)], create=True)
    try:
        yield seed(store)
    finally:
        store.close()
