"""Key-file fixtures shared by the key tests: a fresh key file made with fast Argon2."""

from __future__ import annotations

from pathlib import Path

import pytest

from seco_desktop.security import keyfile, keys
from seco_desktop.security.crypto import FAST_ARGON2_FOR_TESTS

FAST = FAST_ARGON2_FOR_TESTS
ADMIN, ADMIN_PW = "admin1", "correct horse battery staple"


@pytest.fixture
def key_path(tmp_path: Path) -> Path:
    return keyfile.key_file_path(tmp_path / "office.seco")


@pytest.fixture
def created(key_path: Path) -> tuple[keys.UnlockedKeys, str]:
    return keys.create_key_file(
        key_path, store_id="store-1", admin_username=ADMIN, admin_password=ADMIN_PW, argon2=FAST
    )
