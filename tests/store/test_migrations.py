"""The shipped migrations build exactly the schema the models describe (on SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

import nook.store.models  # noqa: F401  (registers every table)
from nook.store.base import Base
from nook.store.db import get_engine
from nook.store.models.search import described_by_models


def test_migrated_database_matches_the_models(site: Path) -> None:
    with get_engine().connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_name": lambda name, _type, _parents: described_by_models(name)}
        )
        diff = compare_metadata(context, Base.metadata)
    assert diff == [], f"models and migrations differ; add a migration (`nook db revision`): {diff}"
