"""Scheduled jobs: run every so often by whichever worker gets there first.

Each job has a row in `job_runs`. A worker claims a due job with one conditional UPDATE of its
`last_run_at` (a second worker racing for it updates no row), then runs it in its own transaction.
Runs of one job never overlap: on PostgreSQL the run holds its row's lock; on SQLite, whose one write
lock would then stop every member's write for as long as the job reads (the analytics backfill, the
ring scan), it holds a lock file beside the database instead and takes the write lock at its first write.
A job that fails is simply tried again when it is next due.
"""

from __future__ import annotations

import fcntl
import logging
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

from sqlalchemy import update
from sqlalchemy.orm import Session

from nook.config import get_settings
from nook.errors import Busy
from nook.store.base import utcnow
from nook.store.db import affected, get_engine, transaction
from nook.store.first_writes import insert_or_existing
from nook.store.models import JobRun

log = logging.getLogger(__name__)

#: run(session, job_run, now): the job's work; it may move `job_run.cursor` forward.
Work = Callable[[Session, JobRun, datetime], None]
#: The job's interval from the settings, or None when it is switched off.
Interval = Callable[[], timedelta | None]


@dataclass(frozen=True)
class Job:
    name: str
    interval: Interval
    work: Work


_JOBS: dict[str, Job] = {}
_NEVER = datetime(1970, 1, 1, tzinfo=UTC)


def install(scheduled: Sequence[Job]) -> None:
    _JOBS.clear()
    _JOBS.update((job.name, job) for job in scheduled)


def jobs() -> dict[str, Job]:
    return dict(_JOBS)


def run_due(now: datetime | None = None) -> list[str]:
    """Run every job that is due and not claimed by another worker; returns the names run."""
    ran = []
    for job in jobs().values():
        interval = job.interval()
        if interval is not None and _claim(job.name, now or utcnow(), interval):
            try:
                run_job(job.name, now)
                ran.append(job.name)
            except Exception:
                log.exception("scheduled job %s failed; it runs again when next due", job.name)
    return ran


def run_job(name: str, now: datetime | None = None) -> None:
    """Run one job now, claimed or not (the CLI and tests)."""
    job = jobs()[name]
    _ensure_row(name)
    with _one_run_at_a_time(name) as session:
        row = session.get(JobRun, name)
        assert row is not None
        job.work(session, row, now or utcnow())


@contextmanager
def _one_run_at_a_time(name: str) -> Iterator[Session]:
    """The run's transaction, once no other run of the job is under way (waiting as a write would)."""
    database = get_engine().url.database
    if get_engine().dialect.name != "sqlite" or not database:
        with transaction() as session:
            # Writing the job's row first takes its lock (on PostgreSQL the row's) before anything is read.
            session.execute(update(JobRun).where(JobRun.name == name).values(cursor=JobRun.cursor))
            yield session
        return
    folder = Path(database).with_name(Path(database).name + ".jobs")
    folder.mkdir(exist_ok=True)
    with (folder / f"{name}.lock").open("a") as held:  # closing it (or the process dying) releases the lock
        deadline = time.monotonic() + get_settings().db_lock_timeout_s
        while not _try_lock(held.fileno()):
            if time.monotonic() > deadline:
                raise Busy()
            time.sleep(0.05)
        with transaction() as session:
            yield session


def _try_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _ensure_row(name: str) -> None:
    with transaction() as session:
        if session.get(JobRun, name) is None:  # another worker may create it at the same moment
            insert_or_existing(
                session, JobRun(name=name, last_run_at=_NEVER, cursor=0), partial(session.get, JobRun, name)
            )


def _claim(name: str, now: datetime, interval: timedelta) -> bool:
    _ensure_row(name)
    with transaction() as session:
        due = JobRun.last_run_at <= now - interval
        claimed = affected(session, update(JobRun).where(JobRun.name == name, due).values(last_run_at=now))
    return bool(claimed)
