"""Scheduled ranking jobs: scores that changed without an event, and the weekly boards."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy.orm import Session

from nook.config import get_settings
from nook.social.reach.board_cache import cache_week
from nook.social.reach.leaderboards import close_week, store_week, week_bounds, week_start
from nook.social.reach.scores import refresh_scores, stale_posts
from nook.store.models import JobRun

#: Weeks a late first run closes at most (a site that was down for a month archives the last eight).
_MAX_CATCH_UP_WEEKS = 8


def refresh_stale(session: Session, run: JobRun, now: datetime) -> None:
    """Re-score posts whose likes were flagged or whose likers and commenters were restricted or freed."""
    since = datetime.fromtimestamp(run.cursor, UTC) if run.cursor else now - timedelta(days=1)
    ids = stale_posts(session, since, now)
    for i in range(0, len(ids), 500):
        refresh_scores(session, ids[i : i + 500])
    run.cursor = int(now.timestamp())


def board_interval() -> timedelta | None:
    minutes = get_settings().leaderboard_minutes
    return timedelta(minutes=minutes) if minutes > 0 else None


def weekly_boards(session: Session, run: JobRun, now: datetime) -> None:
    """Archive every week that ended since the last run, then recompute this week's open boards.

    `run.cursor` holds the start (Unix seconds) of the last week archived."""
    this = week_start(now)
    last = week_start(datetime.fromtimestamp(run.cursor, UTC)) if run.cursor else None
    week = max(
        last + timedelta(weeks=1) if last else this - timedelta(weeks=1), this - timedelta(weeks=_MAX_CATCH_UP_WEEKS)
    )
    while week < this:
        close_week(session, week)
        cache_week(session, week)
        run.cursor = _epoch(week)
        week += timedelta(weeks=1)
    store_week(session, this, close=False)
    cache_week(session, this)


def _epoch(monday: date) -> int:
    return int(week_bounds(monday)[0].timestamp())
