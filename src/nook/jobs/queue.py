"""The huey queue: SQLite-backed by default, Redis when configured."""

from __future__ import annotations

from functools import lru_cache

from huey import Huey, RedisHuey, SqliteHuey

from nook.config import get_settings


@lru_cache(maxsize=1)
def get_huey() -> Huey:
    settings = get_settings()
    if settings.redis_url:
        return RedisHuey("nook", url=settings.redis_url)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return SqliteHuey("nook", filename=str(settings.data_dir / "jobs.db"))


def reset_queue() -> None:
    get_huey.cache_clear()
