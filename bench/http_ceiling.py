"""The ceiling of issue 17: a bare Starlette app that returns the 20 newest rows of a 200,000-row SQLite
table as JSON, i.e. what "a Python ASGI app that reads 20 rows" costs on this machine.

    BENCH_CEILING_DB=/tmp/ceiling.db uvicorn bench.http_ceiling:app --workers 2

`bench/http_load.py` builds the table (`build`) and serves this app beside Nook in the same run.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

ROWS = 200_000
_local = threading.local()


def build(path: Path) -> None:
    """A posts-like table with ROWS rows and an index on (created_at, id)."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE posts (id INTEGER PRIMARY KEY, author_id INTEGER, body TEXT, created_at INTEGER)")
    con.executemany(
        "INSERT INTO posts VALUES (?, ?, ?, ?)",
        ((i, i % 997, f"第 {i} 条说说：今天天气不错，和朋友去了公园。", 1_700_000_000 + i) for i in range(1, ROWS + 1)),
    )
    con.execute("CREATE INDEX posts_newest ON posts (created_at DESC, id DESC)")
    con.commit()
    con.close()


def _connection() -> sqlite3.Connection:
    con: sqlite3.Connection | None = getattr(_local, "con", None)
    if con is None:
        con = sqlite3.connect(os.environ["BENCH_CEILING_DB"], check_same_thread=False)
        _local.con = con
    return con


def newest(request: Request) -> JSONResponse:
    rows = _connection().execute(
        "SELECT id, author_id, body, created_at FROM posts ORDER BY created_at DESC, id DESC LIMIT 20"
    )
    return JSONResponse(
        {"items": [{"id": i, "author_id": a, "body": b, "created_at": c} for i, a, b, c in rows.fetchall()]}
    )


app = Starlette(routes=[Route("/newest", newest)])
