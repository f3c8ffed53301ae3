"""After commit: run the outbox now (inline mode) or wake a worker (queue mode)."""

from __future__ import annotations

import logging

from sqlalchemy.exc import OperationalError

from nook.config import get_settings
from nook.jobs.outbox import process_pending
from nook.jobs.tasks import drain_outbox

log = logging.getLogger(__name__)


def after_commit() -> None:
    if get_settings().jobs_mode != "inline":
        drain_outbox()
        return
    try:
        process_pending()
    except OperationalError:
        # The member's write is committed: answering it with an error would invite a second, duplicate
        # one. The batch rolled back, so its events are still pending and the next drain handles them.
        log.warning("outbox: the database was busy; events left for the next drain", exc_info=True)
