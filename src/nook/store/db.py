"""Database engine and sessions for SQLite (embedded default) and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache, partial
from typing import Any

from sqlalchemy import Connection, CursorResult, Engine, Executable, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from nook.config import Settings, get_settings
from nook.store import site_stamp, viewer_stamp, write_turn
from nook.store.outbox import run_after_commit


def _sqlite_pragmas(dbapi_conn: Any, _record: Any, busy_ms: int = 10000) -> None:
    # WAL lets readers run beside one writer; busy_timeout waits for the writer instead of failing.
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")  # an acknowledged write survives even a power cut
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={busy_ms}")
    cur.close()


def make_engine(settings: Settings) -> Engine:
    url = settings.sqlalchemy_url
    if url.startswith("sqlite"):
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        timeout = settings.db_lock_timeout_s
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": timeout})
        event.listen(engine, "connect", partial(_sqlite_pragmas, busy_ms=int(timeout * 1000)))
        write_turn.install(engine, timeout)
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    # A write waits for a row lock as long as SQLite waits for its write lock, then answers 503. No JIT:
    # a page's queries run in milliseconds, but an estimate past `jit_above_cost` (the ranked feed's
    # per-source LATERAL reads price each row's visibility test at its subqueries' start-up cost) made
    # PostgreSQL compile for about a second first.
    options = f"-c lock_timeout={int(settings.db_lock_timeout_s * 1000)} -c jit=off"
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20, connect_args={"options": options})


@lru_cache(maxsize=1)
def get_engine() -> Engine:
    return make_engine(get_settings())


@lru_cache(maxsize=1)
def session_factory() -> sessionmaker[Session]:
    viewer_stamp.install()  # every process that writes keeps the cached Viewers honest
    site_stamp.install()  # and the anonymous pages' ETags
    return sessionmaker(bind=get_engine(), expire_on_commit=False)


def reset_engine() -> None:
    """Forget the cached engine (after settings change, in tests and the CLI)."""
    if get_engine.cache_info().currsize:
        get_engine().dispose()
    get_engine.cache_clear()
    session_factory.cache_clear()


@contextmanager
def transaction() -> Iterator[Session]:
    """One unit of work: commit on success, roll back on error, then run after-commit jobs."""
    session = session_factory()()
    try:
        yield session
        session.commit()
        has_events = bool(session.info.pop("has_events", False))
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
    if has_events:
        run_after_commit()


@contextmanager
def read_session() -> Iterator[Session]:
    session = session_factory()()
    try:
        yield session
    finally:
        session.close()  # ends the transaction; loaded objects stay readable, detached


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


def affected(session: Session, statement: Executable) -> int:
    """Run an UPDATE/DELETE and return how many rows it changed."""
    result = session.execute(statement)
    assert isinstance(result, CursorResult)
    return int(result.rowcount or 0)
