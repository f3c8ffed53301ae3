"""What each activity table adds to a day's analytics rollups (posts, comments, likes, members, suggestions,
the barrier, circles, scene prompts, theme weeks); `rollup` runs them over a span of days and stores the sum.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from nook.config import get_settings
from nook.social import localtime
from nook.social.localtime import local_day
from nook.store.models import (
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
CHUNK = 500

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
class DayTotals:
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


def _in(column: Any, start: datetime, end: datetime) -> Any:
    return (column >= start) & (column < end)


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


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


def _posts(session: Session, acc: DayTotals, start: datetime, end: datetime) -> None:
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


def _comments(session: Session, acc: DayTotals, start: datetime, end: datetime) -> None:
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


def _likes(session: Session, acc: DayTotals, start: datetime, end: datetime) -> None:
    stmt = (
        select(Like.user_id, Like.created_at, Post.circle_id)
        .join(Post, Post.id == Like.post_id)
        .where(_in(Like.created_at, start, end))
    )
    for user_id, at, circle_id in session.execute(stmt):
        where = scopes(circle_id)
        acc.add(at, where, "likes")
        acc.distinct(at, where, "active", user_id)


def _new_members(session: Session, acc: DayTotals, start: datetime, end: datetime) -> None:
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


def _suggestions(session: Session, acc: DayTotals, start: datetime, end: datetime) -> None:
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


def _barrier(session: Session, acc: DayTotals, start: datetime, end: datetime) -> None:
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


def _circles(session: Session, acc: DayTotals, start: datetime, end: datetime) -> None:
    stmt = select(CircleMember.circle_id, CircleMember.joined_at).where(
        _in(CircleMember.joined_at, start, end), CircleMember.status == "active"
    )
    for circle_id, at in session.execute(stmt):
        acc.add(at, scopes(circle_id), "circle_joins")


def _scene_prompts(session: Session, acc: DayTotals, start: datetime, end: datetime) -> None:
    """Campus and same-city prompts by the day shown, and how many started a conversation."""
    stmt = select(ScenePrompt.kind, ScenePrompt.circle_id, ScenePrompt.shown_at, ScenePrompt.acted_at).where(
        _in(ScenePrompt.shown_at, start, end)
    )
    for kind, circle_id, at, acted in session.execute(stmt):
        acc.add(at, scopes(circle_id), "prompts_shown", kind)
        if acted is not None:
            acc.add(at, scopes(circle_id), "prompts_acted", kind)


def _theme_weeks(session: Session, acc: DayTotals, start: datetime, end: datetime) -> None:
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


#: Every table a day's rollups read, in the order they are added up.
SOURCES = (_posts, _comments, _likes, _new_members, _suggestions, _barrier, _circles, _scene_prompts, _theme_weeks)
