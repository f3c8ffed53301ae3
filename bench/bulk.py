"""Bulk-built benchmark communities: a site's engine pointed at a scratch database, and fast core inserts.

Shared by the benchmarks that build a large synthetic community (feed_rank, search_bench). The rows they
insert are benchmark fixtures, not product data, so they go in with SQLAlchemy core, bypassing the services.
"""

from __future__ import annotations

import itertools
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import insert, text
from sqlalchemy.engine import Engine


def site_engine(db: str, data_dir: str | None, prefix: str) -> Engine:
    """The site's engine on `db` ("sqlite" for a file in `data_dir` or a new temporary folder), limits off."""
    if db == "sqlite":
        os.environ["NOOK_DATA_DIR"] = data_dir or tempfile.mkdtemp(prefix=prefix)
        os.environ["NOOK_DATABASE_URL"] = ""
    else:
        os.environ["NOOK_DATABASE_URL"] = db
    os.environ["NOOK_RATE_LIMITS_ENABLED"] = "false"
    from nook.config import get_settings
    from nook.store.db import get_engine, reset_engine

    get_settings.cache_clear()
    reset_engine()
    return get_engine()


def fresh_schema(engine: Engine) -> None:
    """Wipe the site's database and make its schema with the shipped migrations (as `nook serve` would)."""
    from nook.store.migrate import upgrade

    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    elif engine.url.database:
        engine.dispose()
        for suffix in ("", "-wal", "-shm"):
            Path(engine.url.database + suffix).unlink(missing_ok=True)
    upgrade()


def put(engine: Engine, table: Any, rows: Iterable[dict[str, Any]], chunk: int = 20_000) -> None:
    """Insert `rows` into `table` in one transaction, `chunk` rows per statement."""
    it = iter(rows)
    with engine.begin() as conn:
        while batch := list(itertools.islice(it, chunk)):
            conn.execute(insert(table), batch)


def sync_sequences(engine: Engine) -> None:
    """PostgreSQL: move each id sequence past the ids inserted by hand, so the product can insert rows next."""
    if engine.dialect.name != "postgresql":
        return
    with engine.begin() as conn:
        owned = conn.execute(
            text(
                "SELECT c.relname, a.attname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid "
                "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' "
                "AND a.attnum > 0 AND NOT a.attisdropped "
                "AND pg_get_serial_sequence(quote_ident(c.relname), a.attname) IS NOT NULL"
            )
        ).all()
        for table, column in owned:
            conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
                    f"coalesce((SELECT max({column}) FROM {table}), 0) + 1, false)"
                )
            )
