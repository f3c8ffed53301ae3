"""Alembic environment: the URL comes from Nook's settings, the schema from its models."""

from __future__ import annotations

from alembic import context

import nook.store.models  # noqa: F401  (registers every table on the metadata)
from nook.store.base import Base
from nook.store.db import get_engine
from nook.store.models.search import described_by_models

target_metadata = Base.metadata


def run_migrations_online() -> None:
    connectable = context.config.attributes.get("connection") or get_engine()
    if hasattr(connectable, "connect") and not hasattr(connectable, "execute"):
        with connectable.connect() as connection:
            _run(connection)
    else:
        _run(connectable)


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        compare_type=True,
        render_as_batch=True,  # SQLite alters tables by copying them
        include_name=lambda name, _type, _parents: described_by_models(name),
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
