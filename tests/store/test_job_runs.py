"""Scheduled jobs: two runs of one job never overlap, and members' writes never wait for a job's reading."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nook.jobs import schedule
from nook.jobs.schedule import Job, run_job
from nook.jobs.table import SCHEDULED
from nook.social.analytics import rollup
from nook.store.db import read_session, transaction
from nook.store.models import Hashtag, JobRun

_started: list[float] = []
_release = threading.Event()
#: Called by the probe job in the middle of its run, before it writes anything.
_during: list[Callable[[], None]] = []


def _probe(session: Session, row: JobRun, now: datetime) -> None:
    _started.append(time.monotonic())
    session.scalar(select(func.count()).select_from(Hashtag))  # a job reads first
    for step in _during:
        step()
    assert _release.wait(15)
    row.cursor += 1


@pytest.fixture
def probe_job() -> Iterator[None]:
    """A job that is never due on its own (run only by run_job), beside the site's own."""
    schedule.install((*SCHEDULED, Job("test-probe", lambda: None, _probe)))
    _started.clear()
    _during.clear()
    _release.set()
    yield
    schedule.install(SCHEDULED)
    _during.clear()
    _release.set()


def _cursor() -> int:
    with read_session() as session:
        row = session.get(JobRun, "test-probe")
        assert row is not None
        return row.cursor


def _member_write(name: str) -> Callable[[], None]:
    """A member's write from another request, made and finished while the job is in the middle of its run."""

    def write() -> None:
        failed: list[Exception] = []

        def go() -> None:
            try:
                with transaction() as s:
                    s.add(Hashtag(name=name))
            except Exception as exc:  # the finding: a write held up past its wait
                failed.append(exc)

        member = threading.Thread(target=go)
        member.start()
        member.join(15)
        assert failed == []

    return write


def test_two_runs_of_one_job_never_overlap(site: Path, probe_job: None) -> None:
    run_job("test-probe")  # creates its row
    before, _started[:] = _cursor(), []
    _release.clear()
    first = threading.Thread(target=run_job, args=("test-probe",))
    first.start()
    deadline = time.monotonic() + 15
    while not _started and time.monotonic() < deadline:
        time.sleep(0.01)
    assert _started, "the first run never started"
    second = threading.Thread(target=run_job, args=("test-probe",))
    second.start()
    time.sleep(1.0)
    assert len(_started) == 1  # the second run waits for the first
    released = time.monotonic()
    _release.set()
    first.join(15)
    second.join(15)
    assert len(_started) == 2 and _started[1] >= released
    assert _cursor() == before + 2  # both runs' work kept, one after the other


def test_a_members_write_does_not_wait_for_a_job_reading(site: Path, probe_job: None, short_lock_wait: None) -> None:
    _during.append(_member_write("跑任务时也能发"))
    run_job("test-probe")
    with read_session() as session:
        assert session.scalar(select(Hashtag.id).where(Hashtag.name == "跑任务时也能发")) is not None


def test_a_members_write_does_not_wait_for_the_analytics_backfill(
    site: Path, short_lock_wait: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A backfill reads a week at a time; a member writes while it reads its second week."""
    weeks: list[date] = []
    first_source = rollup.SOURCES[0]

    def reading(session: Session, acc: Any, start: datetime, end: datetime) -> None:
        weeks.append(start.date())
        if len(weeks) == 2:
            _member_write(f"回填第{len(weeks)}周时")()
        first_source(session, acc, start, end)

    monkeypatch.setattr(rollup, "SOURCES", (reading, *rollup.SOURCES[1:]))
    today = date.today()
    rollup.compute_days({today - timedelta(days=i) for i in range(10)})
    assert len(weeks) == 2
