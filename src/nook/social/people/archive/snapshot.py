"""One consistent read of the whole database, for exports that must not mix two moments."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Date, Engine, Table
from sqlalchemy.orm import Session

from nook.store.base import Base, UTCDateTime
from nook.store.db import get_engine


@contextmanager
def snapshot(engine: Engine | None = None) -> Iterator[Connection]:
    """A read-only connection that sees every table as of one moment, however long it stays open.

    PostgreSQL: a REPEATABLE READ, READ ONLY transaction. SQLite: pysqlite opens no transaction
    before a SELECT, so each statement would see its own moment (comments of posts committed after
    the posts table was read); an explicit BEGIN makes every read share the first one's WAL snapshot.
    """
    engine = engine or get_engine()
    if engine.dialect.name == "postgresql":
        options = {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
        with engine.connect().execution_options(**options) as conn, conn.begin():
            yield conn
        return
    with engine.connect() as conn:
        conn.exec_driver_sql("BEGIN")
        try:
            yield conn
        finally:
            conn.rollback()


@contextmanager
def snapshot_session(engine: Engine | None = None) -> Iterator[Session]:
    """An ORM session over `snapshot()`; loaded objects stay readable after it closes."""
    with snapshot(engine) as conn, Session(bind=conn, expire_on_commit=False) as session:
        yield session


def site_tables() -> list[Table]:
    """Every table of the schema, parents before children."""
    return list(Base.metadata.sorted_tables)


def jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime | date) else value


def typed(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    """JSON gives dates back as strings; turn them into the column's type again."""
    out = dict(row)
    for col in table.columns:
        value = out.get(col.key)
        if isinstance(value, str):
            if isinstance(col.type, UTCDateTime):
                out[col.key] = datetime.fromisoformat(value)
            elif isinstance(col.type, Date):
                out[col.key] = date.fromisoformat(value)
    return out
