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

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, delete, func, insert, select
from sqlalchemy.orm import Session

from nook.config import get_settings
from nook.social import localtime
from nook.social.localtime import local_day, site_zone
from nook.store.base import utcnow
from nook.store.models import (
    AnalyticsRollup,
    Appeal,
    AuditEntry,
    CircleMember,
    Comment,
    CommentVerdict,
    CopyCluster,
    FlaggedLike,
    Hashtag,
    Like,
    ModerationCase,
    Post,
    PostAnalysis,
    PostHashtag,
    ScenePrompt,
    SuggestionShown,
    ThemeWeek,
    User,
)

#: circle_id of the whole-site scope.
SITE = 0
#: How long a post's comments (and a new member's first post) are followed.
FOLLOW = timedelta(days=7)
#: How soon a new member's first post must get a comment to count as welcomed.
WELCOME = timedelta(days=1)
_CHUNK = 500
_RUN_DAYS = 7

Key = tuple[date, int, str, str]


def utc_day_start(day: date, tz: ZoneInfo) -> datetime:
    """The UTC instant a local day begins."""
    return localtime.day_start(day, tz).astimezone(UTC)


def comment_class(score: int | None, low_value: bool | None, offensive: bool | None) -> str | None:
    """warm / normal / low for an assessed comment; None when the engine has not assessed it yet."""
    if score is None:
        return None
    if low_value or offensive:
        return "low"
    return "warm" if score >= get_settings().analytics_warm_score else "normal"


def scopes(circle_id: int | None) -> tuple[int, ...]:
    return (SITE, circle_id) if circle_id else (SITE,)


@dataclass
class _Acc:
    tz: ZoneInfo
    values: defaultdict[Key, float] = field(default_factory=lambda: defaultdict(float))
    sets: defaultdict[Key, set[int]] = field(default_factory=lambda: defaultdict(set))

    def add(self, at: datetime | date, where: Iterable[int], metric: str, key: str = "", n: float = 1.0) -> None:
        day = at if not isinstance(at, datetime) else local_day(at, self.tz)
        for scope in where:
            self.values[(day, scope, metric, key)] += n

    def distinct(self, at: datetime, where: Iterable[int], metric: str, member: int, key: str = "") -> None:
        day = local_day(at, self.tz)
        for scope in where:
            self.sets[(day, scope, metric, key)].add(member)

    def rows(self, first: date, last: date, now: datetime) -> list[dict[str, Any]]:
        for key, members in self.sets.items():
            self.values[key] = float(len(members))
        return [
            {"day": d, "circle_id": c, "metric": m, "key": k, "value": v, "computed_at": now}
            for (d, c, m, k), v in self.values.items()
            if first <= d <= last
        ]


def compute_days(session: Session, days: Iterable[date]) -> int:
    """Recompute every rollup row of `days`; returns the rows written."""
    written = 0
    for first, last in _runs(sorted(set(days))):
        while first <= last:  # a long backfill goes a week at a time, so memory stays small
            end = min(last, first + timedelta(days=_RUN_DAYS - 1))
            written += _compute_run(session, first, end)
            first = end + timedelta(days=1)
    return written


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


def _compute_run(session: Session, first: date, last: date) -> int:
    tz = site_zone()
    start, end = utc_day_start(first, tz), utc_day_start(last + timedelta(days=1), tz)
    acc = _Acc(tz)
    _posts(session, acc, start, end)
    _comments(session, acc, start, end)
    _likes(session, acc, start, end)
    _new_members(session, acc, start, end)
    _suggestions(session, acc, start, end)
    _barrier(session, acc, start, end)
    _circles(session, acc, start, end)
    _scene_prompts(session, acc, start, end)
    _theme_weeks(session, acc, start, end)
    rows = acc.rows(first, last, utcnow())
    session.execute(delete(AnalyticsRollup).where(AnalyticsRollup.day >= first, AnalyticsRollup.day <= last))
    for i in range(0, len(rows), _CHUNK):
        session.execute(insert(AnalyticsRollup), rows[i : i + _CHUNK])
    return len(rows)


def _in(column: Any, start: datetime, end: datetime) -> Any:
    return (column >= start) & (column < end)


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for i in range(0, len(ids), _CHUNK):
        yield ids[i : i + _CHUNK]


def _post_labels(session: Session, post_ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """(emotion, first scene) the engine found in each post; posts not analysed yet are left out."""
    out: dict[int, tuple[str, str]] = {}
    for chunk in _chunks(sorted(set(post_ids))):
        stmt = select(PostAnalysis.post_id, PostAnalysis.emotion, PostAnalysis.result).where(
            PostAnalysis.post_id.in_(chunk)
        )
        for pid, emotion, result in session.execute(stmt):
            scenes = (result or {}).get("scenes") or []
            scene = str(scenes[0].get("name", "none")) if scenes and isinstance(scenes[0], dict) else "none"
            out[pid] = (emotion or "none", scene)
    return out


def _posts(session: Session, acc: _Acc, start: datetime, end: datetime) -> None:
    """Posts written, who was active, and the post cohort: got a (warm) comment within a week, by hook."""
    posts = session.execute(
        select(Post.id, Post.author_id, Post.circle_id, Post.created_at).where(_in(Post.created_at, start, end))
    ).all()
    follow: dict[int, list[tuple[int, datetime, str | None]]] = defaultdict(list)
    for chunk in _chunks([p.id for p in posts]):
        stmt = (
            select(
                Comment.post_id,
                Comment.author_id,
                Comment.created_at,
                CommentVerdict.score,
                CommentVerdict.low_value,
                CommentVerdict.offensive,
            )
            .outerjoin(CommentVerdict, CommentVerdict.comment_id == Comment.id)
            .where(Comment.post_id.in_(chunk))
        )
        for pid, author, at, score, low, off in session.execute(stmt):
            follow[pid].append((author, at, comment_class(score, low, off)))
    hooks: dict[int, str] = {}
    for chunk in _chunks([p.id for p in posts]):
        hook_stmt = select(PostAnalysis.post_id, PostAnalysis.has_hook, PostAnalysis.hook_type).where(
            PostAnalysis.post_id.in_(chunk)
        )
        for pid, has_hook, hook_type in session.execute(hook_stmt):
            hooks[pid] = (hook_type or "other") if has_hook else "none"
    for p in posts:
        where = scopes(p.circle_id)
        acc.add(p.created_at, where, "posts")
        acc.distinct(p.created_at, where, "active", p.author_id)
        others = [(at, cls) for a, at, cls in follow[p.id] if a != p.author_id and at < p.created_at + FOLLOW]
        if not others:
            acc.add(p.created_at, where, "posts_nocomment")
        kind = hooks.get(p.id)
        if kind is None:
            continue
        acc.add(p.created_at, where, "hook_posts", kind)
        acc.add(p.created_at, where, "hook_comments", kind, float(len(others)))
        if others:
            acc.add(p.created_at, where, "hook_commented", kind)
        if any(cls == "warm" for _at, cls in others):
            acc.add(p.created_at, where, "hook_warm", kind)


def _comments(session: Session, acc: _Acc, start: datetime, end: datetime) -> None:
    """Comments and replies by the day they were written, their quality, folding, and suggestion use."""
    stmt = (
        select(
            Comment.id,
            Comment.post_id,
            Comment.author_id,
            Comment.parent_id,
            Comment.created_at,
            Post.circle_id,
            CommentVerdict.score,
            CommentVerdict.low_value,
            CommentVerdict.offensive,
            CommentVerdict.folded,
            CommentVerdict.fold_reason,
        )
        .join(Post, Post.id == Comment.post_id)
        .outerjoin(CommentVerdict, CommentVerdict.comment_id == Comment.id)
        .where(_in(Comment.created_at, start, end))
    )
    rows = session.execute(stmt).all()
    from_suggestion = set(
        session.scalars(
            select(SuggestionShown.comment_id)
            .join(Comment, Comment.id == SuggestionShown.comment_id)
            .where(_in(Comment.created_at, start, end), SuggestionShown.outcome.in_(("used", "edited")))
        )
    )
    labels = _post_labels(session, [r.post_id for r in rows])
    for r in rows:
        where = scopes(r.circle_id)
        acc.add(r.created_at, where, "comments")
        acc.distinct(r.created_at, where, "active", r.author_id)
        if r.parent_id is not None:
            acc.add(r.created_at, where, "replies")
        if r.folded:
            acc.add(r.created_at, where, "folded", r.fold_reason or "other")
        cls = comment_class(r.score, r.low_value, r.offensive)
        if cls is None:
            continue
        acc.add(r.created_at, where, "assessed")
        acc.add(r.created_at, where, f"comments_{cls}")
        acc.add(r.created_at, where, "score", str(int(r.score)))
        emotion, scene = labels.get(r.post_id, ("none", "none"))
        prefix = "qs" if r.id in from_suggestion else "qn"
        for key in ("", f"e:{emotion}", f"s:{scene}"):
            acc.add(r.created_at, where, f"{prefix}_n", key)
            acc.add(r.created_at, where, f"{prefix}_sum", key, float(r.score))
            if cls == "warm":
                acc.add(r.created_at, where, f"{prefix}_warm", key)


def _likes(session: Session, acc: _Acc, start: datetime, end: datetime) -> None:
    stmt = (
        select(Like.user_id, Like.created_at, Post.circle_id)
        .join(Post, Post.id == Like.post_id)
        .where(_in(Like.created_at, start, end))
    )
    for user_id, at, circle_id in session.execute(stmt):
        where = scopes(circle_id)
        acc.add(at, where, "likes")
        acc.distinct(at, where, "active", user_id)


def _new_members(session: Session, acc: _Acc, start: datetime, end: datetime) -> None:
    joined = dict(session.execute(select(User.id, User.created_at).where(_in(User.created_at, start, end))).all())
    first_post: dict[int, tuple[int, datetime]] = {}
    for chunk in _chunks(sorted(joined)):
        stmt = select(Post.author_id, Post.id, Post.created_at).where(Post.author_id.in_(chunk))
        for author, pid, at in session.execute(stmt.order_by(Post.created_at, Post.id)):
            if author not in first_post and at < joined[author] + FOLLOW:
                first_post[author] = (pid, at)
    welcomed: set[int] = set()
    by_post = {pid: (author, at) for author, (pid, at) in first_post.items()}
    for chunk in _chunks(sorted(by_post)):
        stmt = select(Comment.post_id, Comment.author_id, Comment.created_at).where(Comment.post_id.in_(chunk))
        for pid, author, at in session.execute(stmt):
            owner, posted = by_post[pid]
            if author != owner and at < posted + WELCOME:
                welcomed.add(owner)
    for uid, at in joined.items():
        acc.add(at, (SITE,), "new_members")
        if uid in first_post:
            acc.add(at, (SITE,), "new_posted")
        if uid in welcomed:
            acc.add(at, (SITE,), "new_welcomed")


def _suggestions(session: Session, acc: _Acc, start: datetime, end: datetime) -> None:
    stmt = (
        select(SuggestionShown.user_id, SuggestionShown.post_id, SuggestionShown.shown_at, SuggestionShown.outcome)
        .add_columns(Post.circle_id)
        .join(Post, Post.id == SuggestionShown.post_id)
        .where(_in(SuggestionShown.shown_at, start, end))
    )
    offers: dict[tuple[int, int, date], tuple[datetime, int | None, set[str]]] = {}
    for user_id, post_id, at, outcome, circle_id in session.execute(stmt):
        offer = (user_id, post_id, local_day(at, acc.tz))
        offers.setdefault(offer, (at, circle_id, set()))[2].add(outcome)
        acc.add(at, scopes(circle_id), "sug_rows")
    labels = _post_labels(session, [k[1] for k in offers])
    for (_u, post_id, day), (_at, circle_id, outcomes) in offers.items():
        outcome = "used" if "used" in outcomes else "edited" if "edited" in outcomes else "ignored"
        emotion, scene = labels.get(post_id, ("none", "none"))
        for key in ("", f"e:{emotion}", f"s:{scene}"):
            acc.add(day, scopes(circle_id), "sug_offers", key)
            acc.add(day, scopes(circle_id), f"sug_{outcome}", key)


def _barrier(session: Session, acc: _Acc, start: datetime, end: datetime) -> None:
    """What the barrier and the moderators did, by the day it happened (cases count in their circle too)."""
    for (at,) in session.execute(select(CopyCluster.created_at).where(_in(CopyCluster.created_at, start, end))):
        acc.add(at, (SITE,), "copy_clusters")
    cases = select(ModerationCase.created_at, ModerationCase.kind, ModerationCase.circle_id)
    for at, kind, circle_id in session.execute(cases.where(_in(ModerationCase.created_at, start, end))):
        acc.add(at, scopes(circle_id), "cases", kind)
    flagged = (
        select(FlaggedLike.flagged_at, Post.circle_id)
        .join(Post, Post.id == FlaggedLike.post_id)
        .where(_in(FlaggedLike.flagged_at, start, end), FlaggedLike.active.is_(True))
    )
    for at, circle_id in session.execute(flagged):
        acc.add(at, scopes(circle_id), "likes_discounted")
    appeals = (
        select(Appeal.created_at, ModerationCase.status, ModerationCase.circle_id)
        .join(ModerationCase, ModerationCase.id == Appeal.case_id)
        .where(_in(Appeal.created_at, start, end))
    )
    for at, status, circle_id in session.execute(appeals):
        acc.add(at, scopes(circle_id), "appeals", status)
    audit = select(AuditEntry.at, AuditEntry.action, AuditEntry.actor_id).where(_in(AuditEntry.at, start, end))
    for at, action, actor in session.execute(audit):
        acc.add(at, (SITE,), "mod_actions" if actor is not None else "system_actions", action)


def _circles(session: Session, acc: _Acc, start: datetime, end: datetime) -> None:
    stmt = select(CircleMember.circle_id, CircleMember.joined_at).where(
        _in(CircleMember.joined_at, start, end), CircleMember.status == "active"
    )
    for circle_id, at in session.execute(stmt):
        acc.add(at, scopes(circle_id), "circle_joins")


def _scene_prompts(session: Session, acc: _Acc, start: datetime, end: datetime) -> None:
    """Campus and same-city prompts by the day shown, and how many started a conversation."""
    stmt = select(ScenePrompt.kind, ScenePrompt.circle_id, ScenePrompt.shown_at, ScenePrompt.acted_at).where(
        _in(ScenePrompt.shown_at, start, end)
    )
    for kind, circle_id, at, acted in session.execute(stmt):
        acc.add(at, scopes(circle_id), "prompts_shown", kind)
        if acted is not None:
            acc.add(at, scopes(circle_id), "prompts_acted", kind)


def _theme_weeks(session: Session, acc: _Acc, start: datetime, end: datetime) -> None:
    """Posts carrying a theme week's hashtag while it runs (in its circle, for a circle's week), per day."""
    weeks = session.scalars(select(ThemeWeek).where(ThemeWeek.starts_at < end, ThemeWeek.ends_at > start)).all()
    for week in weeks:
        stmt = (
            select(Post.author_id, Post.created_at, Post.circle_id)
            .join(PostHashtag, PostHashtag.post_id == Post.id)
            .join(Hashtag, Hashtag.id == PostHashtag.hashtag_id)
            .where(
                Hashtag.name == week.hashtag,
                _in(Post.created_at, max(start, week.starts_at), min(end, week.ends_at)),
            )
        )
        if week.circle_id is not None:
            stmt = stmt.where(Post.circle_id == week.circle_id)
        for author, at, circle_id in session.execute(stmt):
            where = scopes(circle_id)
            acc.add(at, where, "theme_posts", str(week.id))
            acc.distinct(at, where, "theme_authors", author, str(week.id))


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
