"""Filling the analytics rollups: each day (in the site's time zone) computed from the activity tables.

A run of consecutive days is read in one pass per table and bucketed in Python by local day, so day
boundaries follow `settings.timezone` identically on SQLite and PostgreSQL. Every row of a day is
deleted and rewritten together, so recomputing a day is idempotent.

Definitions (the page and `nook report` say the same):
- a comment is warm (走心) when its quality score ≥ `analytics_warm_score` and it is neither low-value nor
  offensive; low-value when the barrier marked it low-value or offensive; normal otherwise.
- a post "got a comment" when someone other than its author commented within a week (`FOLLOW`).
- a new member "was welcomed" when their first post, written within a week of joining, got a comment
  from someone else within a day.
- a suggestion offer is one reader × post × day; it was used, edited, or ignored (none of it used).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, delete, func, insert, select
from sqlalchemy.orm import Session

from nook.social.analytics.sources import CHUNK, SOURCES, DayTotals, utc_day_start
from nook.social.localtime import local_day, site_zone
from nook.store.base import utcnow
from nook.store.db import snapshot_session, transaction
from nook.store.models import (
    AnalyticsRollup,
    Appeal,
    AuditEntry,
    CircleMember,
    Comment,
    CommentVerdict,
    CopyCluster,
    FlaggedLike,
    Like,
    ModerationCase,
    Post,
    PostAnalysis,
    ScenePrompt,
    SuggestionShown,
    ThemeWeek,
    User,
)

_RUN_DAYS = 7


def compute_days(days: Iterable[date]) -> int:
    """Recompute every rollup row of `days`; returns the rows written.

    Every day is read from one snapshot of the site, a week at a time so memory stays small, and each
    week is deleted and written again in a short transaction of its own: on SQLite a write holds the
    database's one write lock until it commits, so members' writes wait for a week's writing only.
    """
    written = 0
    with snapshot_session() as reading:  # on SQLite its page cache also outlasts the weeks' commits
        for first, last in _weeks(sorted(set(days))):
            rows = _read_run(reading, first, last)
            with transaction() as session:
                week = (AnalyticsRollup.day >= first) & (AnalyticsRollup.day <= last)
                session.execute(delete(AnalyticsRollup).where(week))
                for i in range(0, len(rows), CHUNK):
                    session.execute(insert(AnalyticsRollup), rows[i : i + CHUNK])
            written += len(rows)
    return written


def _weeks(days: Sequence[date]) -> Iterator[tuple[date, date]]:
    """Consecutive days as (first, last) spans of at most a week."""
    for first, last in _runs(days):
        while first <= last:
            end = min(last, first + timedelta(days=_RUN_DAYS - 1))
            yield first, end
            first = end + timedelta(days=1)


def _runs(days: Sequence[date]) -> Iterator[tuple[date, date]]:
    """Consecutive days as (first, last) spans."""
    if not days:
        return
    first = prev = days[0]
    for d in days[1:]:
        if d != prev + timedelta(days=1):
            yield first, prev
            first = d
        prev = d
    yield first, prev


def _read_run(session: Session, first: date, last: date) -> list[dict[str, Any]]:
    tz = site_zone()
    start, end = utc_day_start(first, tz), utc_day_start(last + timedelta(days=1), tz)
    acc = DayTotals(tz)
    for add in SOURCES:
        add(session, acc, start, end)
    return acc.rows(first, last, utcnow())


def changed_days(session: Session, since: datetime) -> set[date]:
    """Local days whose figures may have changed since `since`: new rows and the cohorts they touch."""
    tz = site_zone()
    stamps: list[Select[Any]] = [
        select(Post.created_at).where(Post.created_at >= since),
        select(Comment.created_at).where(Comment.created_at >= since),
        select(Post.created_at).join(Comment, Comment.post_id == Post.id).where(Comment.created_at >= since),
        select(Like.created_at).where(Like.created_at >= since),
        select(User.created_at).where(User.created_at >= since),
        # a new member's cohort day: their first post, or the comment that welcomed it, came later
        select(User.created_at).join(Post, Post.author_id == User.id).where(Post.created_at >= since),
        select(User.created_at)
        .join(Post, Post.author_id == User.id)
        .join(Comment, Comment.post_id == Post.id)
        .where(Comment.created_at >= since),
        select(CommentVerdict.created_at).where(CommentVerdict.assessed_at >= since),
        select(Post.created_at)
        .join(Comment, Comment.post_id == Post.id)
        .join(CommentVerdict, CommentVerdict.comment_id == Comment.id)
        .where(CommentVerdict.assessed_at >= since),
        select(Post.created_at)
        .join(PostAnalysis, PostAnalysis.post_id == Post.id)
        .where(PostAnalysis.analysed_at >= since),
        select(SuggestionShown.shown_at).where(SuggestionShown.shown_at >= since),
        select(SuggestionShown.shown_at)
        .join(Comment, Comment.id == SuggestionShown.comment_id)
        .where(Comment.created_at >= since),
        select(ModerationCase.created_at).where(ModerationCase.created_at >= since),
        select(Appeal.created_at).where(Appeal.created_at >= since),
        select(Appeal.created_at)
        .join(ModerationCase, ModerationCase.id == Appeal.case_id)
        .where(ModerationCase.decided_at >= since),
        select(AuditEntry.at).where(AuditEntry.at >= since),
        select(FlaggedLike.flagged_at).where(FlaggedLike.flagged_at >= since),
        select(CopyCluster.created_at).where(CopyCluster.created_at >= since),
        select(CircleMember.joined_at).where(CircleMember.joined_at >= since),
        select(ScenePrompt.shown_at).where(ScenePrompt.shown_at >= since),
        select(ScenePrompt.shown_at).where(ScenePrompt.acted_at >= since),
    ]
    days: set[date] = set()
    for stmt in stamps:
        days.update(local_day(at, tz) for at in session.scalars(stmt.distinct()) if at is not None)
    # A theme week created (or archived) after its posts were written: every day it spans.
    weeks = select(ThemeWeek.starts_at, ThemeWeek.ends_at).where(
        (ThemeWeek.created_at >= since) | (ThemeWeek.archived_at >= since)
    )
    for starts, ends in session.execute(weeks):
        day, last = local_day(starts, tz), local_day(ends, tz)
        while day <= last and (last - day).days < 400:
            days.add(day)
            day += timedelta(days=1)
    return days


def first_activity_day(session: Session) -> date | None:
    """The local day of the site's first member, where a full backfill starts."""
    first = session.scalar(select(func.min(User.created_at)))
    return local_day(first, site_zone()) if first else None
