"""Running the shipped migrations on a connection a test holds, to check what a revision does to old data."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command

from nook.store.migrate import alembic_config


def migrate(conn: sa.Connection, revision: str, *, down: bool = False) -> None:
    """Upgrade (or downgrade) the database behind `conn` to `revision`, inside the test's transaction."""
    config = alembic_config()
    config.attributes["connection"] = conn
    (command.downgrade if down else command.upgrade)(config, revision)
