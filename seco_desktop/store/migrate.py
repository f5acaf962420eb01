"""Bring a store's schema to the newest Alembic revision, all or nothing.

Every pending revision runs inside ONE SQLite transaction (SQLite DDL is transactional once
pysqlite's implicit transactions are off, see ``engine``), so a failing migration rolls back
whole and leaves the file exactly as it was.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from seco_desktop.store.errors import MigrationFailed

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def _config(script_location: Path) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(script_location))
    return cfg


def head_revision(script_location: Path = MIGRATIONS_DIR) -> str:
    head = ScriptDirectory.from_config(_config(script_location)).get_current_head()
    if head is None:
        raise MigrationFailed("The application ships no migrations")
    return head


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine, script_location: Path = MIGRATIONS_DIR) -> str:
    """Upgrade to head; return the revision the store is now at."""
    head = head_revision(script_location)
    with engine.connect() as probe:
        if current_revision(probe) == head:
            return head
    cfg = _config(script_location)
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except Exception as exc:
        raise MigrationFailed(
            f"Updating the store's structure failed ({type(exc).__name__}); "
            "the file was left as it was"
        ) from exc
    return head
