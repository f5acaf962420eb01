"""Alembic environment: always run on a connection the store hands over, inside its transaction."""

from __future__ import annotations

from alembic import context

from seco_desktop.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
context.run_migrations()
