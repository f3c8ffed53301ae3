"""After commit: run the outbox now (inline mode) or wake a worker (queue mode)."""

from __future__ import annotations

from nook.config import get_settings
from nook.jobs.outbox import process_pending
from nook.jobs.tasks import drain_outbox


def after_commit() -> None:
    if get_settings().jobs_mode == "inline":
        process_pending()
    else:
        drain_outbox()
