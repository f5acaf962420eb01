"""Alembic environment of the central store, on the connection ``central.migrate`` gives."""

from __future__ import annotations

from alembic import context

from seco_desktop.central.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata)
context.run_migrations()
