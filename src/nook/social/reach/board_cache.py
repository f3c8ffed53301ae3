"""The weekly boards mirrored in Redis as sorted sets of entry ids, when Redis is configured.

The `leaderboard_entries` table stays the archive and decides: a board missing from Redis, or whose
ids no longer match the table, is read from the table.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from nook.config import get_settings
from nook.store.models import LeaderboardEntry


def _redis() -> Any:
    url = get_settings().redis_url
    return _client(url) if url else None


@lru_cache(maxsize=2)
def _client(url: str) -> Any:
    import redis

    return redis.Redis.from_url(url)


def _key(monday: date, board: str, scope: str) -> str:
    return f"nook:lb:{monday.isoformat()}:{board}:{scope}"


def cache_week(session: Session, monday: date) -> None:
    """Mirror the week's boards into Redis sorted sets (entry id -> score), when Redis is configured."""
    client = _redis()
    if client is None:
        return
    rows = session.execute(
        select(LeaderboardEntry.id, LeaderboardEntry.board, LeaderboardEntry.scope, LeaderboardEntry.score).where(
            LeaderboardEntry.week_start == monday
        )
    ).all()
    boards: dict[str, dict[str, float]] = defaultdict(dict)
    for entry_id, board_name, scope, score in rows:
        boards[_key(monday, board_name, scope)][str(entry_id)] = score
    pipe = client.pipeline(transaction=True)
    for key in client.scan_iter(f"nook:lb:{monday.isoformat()}:*"):
        pipe.delete(key)
    for key, members in boards.items():
        pipe.zadd(key, members)
    pipe.execute()


def cached_entries(session: Session, monday: date, board: str, scope: str) -> list[LeaderboardEntry] | None:
    """The board from Redis, or None (not configured, or not cached) to read the table."""
    client = _redis()
    if client is None:
        return None
    ids = [int(i) for i in client.zrevrange(_key(monday, board, scope), 0, -1)]
    if not ids:
        return None
    entries = list(
        session.scalars(
            select(LeaderboardEntry)
            .where(LeaderboardEntry.id.in_(ids), LeaderboardEntry.week_start == monday)
            .where(LeaderboardEntry.board == board, LeaderboardEntry.scope == scope)
            .order_by(LeaderboardEntry.rank)
        )
    )
    return entries if len(entries) == len(ids) else None  # stale: the table decides
