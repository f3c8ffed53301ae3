"""Bulk-built benchmark communities: a site's engine pointed at a scratch database, and fast core inserts.

Shared by the benchmarks that build a large synthetic community (feed_rank, search_bench). The rows they
insert are benchmark fixtures, not product data, so they go in with SQLAlchemy core, bypassing the services.
"""

from __future__ import annotations

import itertools
import os
import tempfile
from collections.abc import Iterable
from typing import Any

from sqlalchemy import insert
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


def put(engine: Engine, table: Any, rows: Iterable[dict[str, Any]], chunk: int = 20_000) -> None:
    """Insert `rows` into `table` in one transaction, `chunk` rows per statement."""
    it = iter(rows)
    with engine.begin() as conn:
        while batch := list(itertools.islice(it, chunk)):
            conn.execute(insert(table), batch)
