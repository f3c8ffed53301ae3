"""A copy of the whole test database, taken once and put back for each test that reads it.

Loading a demo community through the services takes a minute or more; tests that only read one load it
once per session and restore the copy before each test (a test's own writes are wiped after it, as usual).
SQLite: the online backup API copies the file page by page. PostgreSQL: every table's rows in binary COPY
format, and every sequence's position, kept in memory (a small demo is a few megabytes).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import text

from nook.store import site_stamp
from nook.store.base import Base
from nook.store.db import get_engine

_SEQUENCES = (
    "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
    " WHERE c.relkind = 'S' AND n.nspname = 'public'"
)


@dataclass
class Snapshot:
    """The site's rows as they were when taken: a SQLite file, or PostgreSQL tables and sequences."""

    file: Path | None = None
    tables: dict[str, bytes] = field(default_factory=dict)
    sequences: dict[str, tuple[int, bool]] = field(default_factory=dict)


def take(folder: Path, name: str) -> Snapshot:
    """Copy the site's database now (into `folder` on SQLite)."""
    engine = get_engine()
    if engine.dialect.name == "sqlite":
        file = folder / f"{name}.db"
        with _live(engine) as live, closing(sqlite3.connect(file)) as copy:
            live.backup(copy)
        return Snapshot(file=file)
    snap = Snapshot()
    with engine.connect() as conn, _psycopg(conn).cursor() as cursor:
        for table in Base.metadata.sorted_tables:
            order = ", ".join(f'"{c.name}"' for c in table.primary_key.columns)
            # Ordered by key: a row that refers to another row of its table (a reply) comes after it.
            query = f'COPY (SELECT * FROM "{table.name}" ORDER BY {order}) TO STDOUT (FORMAT binary)'
            with cursor.copy(query) as copy:
                snap.tables[table.name] = b"".join(bytes(chunk) for chunk in copy)
        for (seq,) in conn.execute(text(_SEQUENCES)):
            row = conn.execute(text(f'SELECT last_value, is_called FROM "{seq}"')).one()
            snap.sequences[seq] = (int(row[0]), bool(row[1]))
    return snap


def restore(snap: Snapshot) -> None:
    """Put the copy back in place of whatever the site holds (an empty site, between tests)."""
    engine = get_engine()
    if snap.file is not None:
        engine.dispose()  # no pooled connection keeps a page cache of the replaced file
        with _live(engine) as live, closing(sqlite3.connect(snap.file)) as source:
            source.backup(live)
    else:
        with engine.begin() as conn:
            for table in reversed(Base.metadata.sorted_tables):
                conn.execute(table.delete())
            with _psycopg(conn).cursor() as cursor:
                for table in Base.metadata.sorted_tables:  # parents before the rows that refer to them
                    with cursor.copy(f'COPY "{table.name}" FROM STDIN (FORMAT binary)') as copy:
                        copy.write(snap.tables[table.name])
            for seq, (value, called) in snap.sequences.items():
                conn.execute(text("SELECT setval(:s, :v, :c)"), {"s": seq, "v": value, "c": called})
    site_stamp.bump()  # pages kept from before show another site


@contextmanager
def _live(engine: Any) -> Iterator[sqlite3.Connection]:
    """One of the live database's own pooled connections (same file, same pragmas)."""
    raw = engine.raw_connection()
    try:
        yield raw.driver_connection
    finally:
        raw.close()  # back to the pool


def _psycopg(conn: Any) -> Any:
    return conn.connection.driver_connection
