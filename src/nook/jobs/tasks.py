"""huey tasks. Tasks are registered on the queue lazily, because the queue depends on settings."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from nook.jobs.outbox import drain
from nook.jobs.queue import get_huey


@lru_cache(maxsize=1)
def _drain_task() -> Any:
    huey = get_huey()
    return huey.task()(drain)


def drain_outbox() -> None:
    """Ask a worker to process the outbox; a no-op if one is already queued."""
    huey = get_huey()
    if huey.pending_count() < 2:
        _drain_task()()


def reset_tasks() -> None:
    _drain_task.cache_clear()
