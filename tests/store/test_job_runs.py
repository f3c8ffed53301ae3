"""Scheduled jobs: a run started from the CLI waits for the worker's run of the same job."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from nook.jobs import schedule
from nook.jobs.schedule import Job, run_job
from nook.jobs.table import SCHEDULED
from nook.store.db import transaction
from nook.store.models import JobRun

_started: list[float] = []


def _probe(session: Session, row: JobRun, now: datetime) -> None:
    _started.append(time.monotonic())
    row.cursor += 1


@pytest.fixture
def probe_job() -> Iterator[None]:
    """A job that is never due on its own (run only by run_job), beside the site's own."""
    schedule.install((*SCHEDULED, Job("test-probe", lambda: None, _probe)))
    yield
    schedule.install(SCHEDULED)


def test_two_runs_of_one_job_never_overlap(site: Path, probe_job: None) -> None:
    run_job("test-probe")  # creates its row
    _started.clear()
    released = 0.0
    with transaction() as session:
        # Another run in progress: it holds the job's row.
        session.get(JobRun, "test-probe", with_for_update=True)
        session.execute(update(JobRun).where(JobRun.name == "test-probe").values(cursor=JobRun.cursor + 10))
        second = threading.Thread(target=run_job, args=("test-probe",))
        second.start()
        time.sleep(1.0)
        assert _started == []  # still waiting
        released = time.monotonic()
    second.join(timeout=15)
    assert len(_started) == 1 and _started[0] >= released
    with transaction() as session:
        row = session.get(JobRun, "test-probe")
        assert row is not None and row.cursor == 12  # both runs' work kept, one after the other
