"""Opaque keyset cursors over (created_at, id), newest first."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, and_, or_

from nook.errors import Invalid
from nook.phrases import N_

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_cursor: str | None


def encode_cursor(created_at: datetime, row_id: int) -> str:
    raw = f"{created_at.isoformat()}|{row_id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        stamp, row_id = raw.split("|")
        return datetime.fromisoformat(stamp), int(row_id)
    except (ValueError, UnicodeDecodeError) as exc:
        raise Invalid(N_("分页游标无效")) from exc


def before_cursor(created_col: Any, id_col: Any, cursor: str | None) -> ColumnElement[bool] | None:
    if not cursor:
        return None
    at, row_id = decode_cursor(cursor)
    return or_(created_col < at, and_(created_col == at, id_col < row_id))


def page_of(rows: list[T], limit: int, key: Any) -> Page[T]:
    """`rows` was fetched with limit + 1: the extra row only says whether there is more."""
    if len(rows) <= limit:
        return Page(rows, None)
    items = rows[:limit]
    last = items[-1]
    return Page(items, encode_cursor(*key(last)))
