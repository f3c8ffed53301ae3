"""Scheduled analytics rollups: recompute the recent days and any day whose activity changed."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy.orm import Session

from nook.config import get_settings
from nook.social.analytics.rollup import changed_days, compute_days, first_activity_day
from nook.social.localtime import local_day, site_zone
from nook.store.models import JobRun

#: Rows committed a little after their timestamp (a long transaction) are still seen by the next run.
_OVERLAP = timedelta(minutes=10)


def analytics_interval() -> timedelta | None:
    minutes = get_settings().analytics_minutes
    return timedelta(minutes=minutes) if minutes > 0 else None


def analytics_rollups(session: Session, run: JobRun, now: datetime) -> None:
    """First run: every day since the first member. Later runs: the last few days plus changed days.

    `run.cursor` is when (Unix seconds) the last run started reading."""
    days = days_to_refresh(session, run.cursor, now)
    compute_days(days)
    run.cursor = int(now.timestamp())


def days_to_refresh(session: Session, cursor: int, now: datetime) -> set[date]:
    today = local_day(now, site_zone())
    if not cursor:
        first = first_activity_day(session)
        return _span(first, today) if first else set()
    recent = _span(today - timedelta(days=get_settings().analytics_recompute_days - 1), today)
    since = datetime.fromtimestamp(cursor, UTC) - _OVERLAP
    return recent | {d for d in changed_days(session, since) if d <= today}


def _span(first: date, last: date) -> set[date]:
    return {first + timedelta(days=i) for i in range((last - first).days + 1)}


def backfill(first: date, last: date) -> int:
    """Recompute every day from `first` to `last` (after an import, a deletion, or a settings change)."""
    return compute_days(_span(first, last))
