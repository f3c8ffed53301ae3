"""After commit: run the outbox now (inline mode) or wake a worker (queue mode)."""

from __future__ import annotations

from nook.config import get_settings


def after_commit() -> None:
    if get_settings().jobs_mode == "inline":
        from nook.jobs.outbox import process_pending

        process_pending()
        return
    from nook.jobs.tasks import drain_outbox

    drain_outbox()
