"""Running jobs: in a thread beside `nook serve`, or as a separate `nook worker` process."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from functools import partial

from nook.jobs.outbox import drain
from nook.jobs.queue import get_huey
from nook.jobs.schedule import run_due
from nook.jobs.tasks import _drain_task

log = logging.getLogger(__name__)
#: Seconds between sweeps of the outbox, which catch events whose wake-up was lost in a crash.
SWEEP_INTERVAL = 30.0


def run_forever(stop: threading.Event, poll: float = 0.2) -> None:
    """Execute queued tasks and sweep the outbox until `stop` is set."""
    huey = get_huey()
    _drain_task()  # register the task so queued messages can be deserialised
    last_sweep = 0.0
    while not stop.is_set():
        if time.monotonic() - last_sweep > SWEEP_INTERVAL:
            _safely(drain)
            _safely(run_due)  # scheduled jobs (ring scan, ...) that are due
            last_sweep = time.monotonic()
        task = huey.dequeue()
        if task is None:
            stop.wait(poll)
            continue
        _safely(partial(huey.execute, task))


def start_background_worker() -> threading.Event:
    stop = threading.Event()
    threading.Thread(target=run_forever, args=(stop,), name="nook-jobs", daemon=True).start()
    return stop


def _safely(work: Callable[[], object]) -> None:
    try:
        work()
    except Exception:
        log.exception("background job failed")
