"""Alembic environment for the concern store, driven from ``concerns.db.migrate`` (no alembic.ini)."""

from __future__ import annotations

from alembic import context

from concerns.schema import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reachable by running the alembic CLI by hand
    raise SystemExit("run migrations with `python -m concerns migrate`")

context.configure(
    connection=connection,
    target_metadata=metadata,
    # SQLite cannot ALTER most things in place; batch mode copies the table instead.
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
