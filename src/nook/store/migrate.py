"""Schema migrations (Alembic), run by `nook db upgrade` and before `nook serve`."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from nook.store.db import get_engine

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(revision: str = "head") -> None:
    with get_engine().begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def revision(message: str) -> None:
    """Developers: autogenerate a migration from the models (`nook db revision -m ...`)."""
    command.revision(alembic_config(), message=message, autogenerate=True)
