"""The site's tables in order, and their rows as JSON and back, for exports and restores."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, Table

from nook.store.base import Base, UTCDateTime


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
