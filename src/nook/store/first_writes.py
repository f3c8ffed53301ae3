"""First writes that two requests can make at the same moment (the same new hashtag, a double click).

On PostgreSQL (READ COMMITTED) both requests read "no row yet" and both insert; the second insert waits
for the first transaction and then breaks the unique constraint. SQLite lets one writer at a time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from typing import TypeVar

from sqlalchemy import false, inspect, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, SessionTransaction

from nook.store.base import Base

Row = TypeVar("Row", bound=Base)


def insert_or_existing(session: Session, row: Row, existing: Callable[[], Row | None]) -> tuple[Row, bool]:
    """Insert `row`, or return the row with the same unique key that another transaction committed first.

    The insert runs in a savepoint, so losing the race undoes only the insert; the insert waited for
    the winner's commit, which `existing` (a new statement) then sees. Returns the row and whether it is new.
    """
    try:
        with savepoint(session):
            session.add(row)
    except IntegrityError:
        found = existing()
        if found is None:  # not a duplicate after all (a foreign key, a check): a real error
            raise
        return found, False
    return row, True


def savepoint(session: Session) -> SessionTransaction:
    """`session.begin_nested()` that on SQLite too stays inside the request's transaction (use it instead)."""
    _open_transaction(session)
    return session.begin_nested()


def _open_transaction(session: Session) -> None:
    # pysqlite begins a transaction only before INSERT/UPDATE/DELETE: a SAVEPOINT sent first would be the
    # outermost one, and releasing it would commit the insert on its own. Begin the request's transaction.
    dbapi = session.connection().connection.dbapi_connection
    if isinstance(dbapi, sqlite3.Connection) and not dbapi.in_transaction:
        dbapi.execute("BEGIN")


def lock_rows(session: Session, model: type[Base], ids: Iterable[int]) -> None:
    """Make transactions about the same rows take turns: call before reading what to write.

    For writes that no unique constraint can guard, e.g. two members asking each other to be friends.
    """
    (key,) = inspect(model).primary_key
    wanted = sorted(set(ids))
    if session.get_bind().dialect.name == "postgresql":
        # In id order, so two transactions never wait on each other; NO KEY UPDATE does not hold up
        # the foreign-key checks of other inserts that point at these rows.
        session.execute(select(key).where(key.in_(wanted)).order_by(key).with_for_update(key_share=True))
    else:
        # SQLite has no row locks: a write that changes nothing takes its one write lock now.
        session.execute(update(key.table).where(key.in_(wanted)).values({key.name: key}))


def take_turns(session: Session, model: type[Base]) -> None:
    """Make transactions that write `model`'s table take turns until they end: call before reading what to write.

    For a rare write that depends on the whole table, e.g. the first member to register becomes the admin.
    """
    (key,) = inspect(model).primary_key
    if session.get_bind().dialect.name == "postgresql":
        # Conflicts with itself and with inserts, not with reads; the next statement sees what the
        # transaction before us committed.
        name = session.get_bind().dialect.identifier_preparer.format_table(key.table)
        session.execute(text(f"LOCK TABLE {name} IN SHARE ROW EXCLUSIVE MODE"))
    else:
        # SQLite has one writer at a time: a write that changes nothing takes that lock now.
        session.execute(update(key.table).where(false()).values({key.name: key}))
