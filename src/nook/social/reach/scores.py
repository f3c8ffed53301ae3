"""Post scores for the ranked feed: real interaction earns reach, farmed likes earn nothing.

Each post keeps a stored score (`post_scores`), rewritten after the likes, comments or edits that
touch it (once per outbox batch: `nook.store.once_per_batch`), never by recomputing the site. Its
engagement is

    likes_w · ln(1 + honest likes)                       ring-flagged and throttled accounts' likes left out
  + comment_w · Σ quality/100 · repeat_decay^k           counted comments only, k-th by the same commenter
  + reply_w · distinct pairs continuing a conversation   a reply to someone else's comment
  + hook_w · distinct good commenters (if it has a hook) hooks that start conversations rise
  + reply_w · distinct reposters who wrote something    a 转发 with words is conversation
  (a bare 转发 adds to the honest likes: little more than a like)

and `rank_key = ln(1 + engagement) + created·ln2/half-life`, so ordering by the key is ordering by
engagement × 2^(-age/half-life) at any moment. `ranking` reads the feed from these scores.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, aliased

from nook.config import Settings, get_settings
from nook.store import once_per_batch
from nook.store.base import utcnow
from nook.store.first_writes import insert_or_existing
from nook.store.models import (
    Comment,
    CommentVerdict,
    FlaggedLike,
    Like,
    Post,
    PostAnalysis,
    PostScore,
    Repost,
    Restriction,
)

_LN2 = math.log(2.0)
#: Topics of a post kept for interest matching.
_TOPICS = 8


# --- what counts ------------------------------------------------------------------------------


def restricted_users(now: datetime) -> Select[int]:
    """Accounts under a restriction in force now (throttled commenters, flagged like rings)."""
    live = or_(Restriction.until.is_(None), Restriction.until > now)
    return select(Restriction.user_id).where(Restriction.active.is_(True), live)


def counted_comment(v: CommentVerdict) -> bool:
    """A comment that counts: assessed, and not low-value, offensive, folded or copied (or cleared)."""
    return bool(v.cleared or not (v.low_value or v.offensive or v.folded or v.copies))


def honest_likes(session: Session, ids: list[int], now: datetime) -> dict[int, int]:
    """Likes by others, leaving out ring-flagged likes and likes of accounts restricted now."""
    flagged = select(FlaggedLike.like_id).where(FlaggedLike.active.is_(True), FlaggedLike.post_id.in_(ids))
    stmt = (
        select(Like.post_id, func.count())
        .join(Post, Post.id == Like.post_id)
        .where(
            Like.post_id.in_(ids),
            Like.id.not_in(flagged),
            Like.user_id.not_in(restricted_users(now)),
            Like.user_id != Post.author_id,
        )
        .group_by(Like.post_id)
    )
    return {int(k): int(n) for k, n in session.execute(stmt)}


@dataclass
class _Tally:
    quality: float = 0.0
    commenters: set[int] = field(default_factory=set)
    pairs: set[frozenset[int]] = field(default_factory=set)
    per_commenter: Counter[int] = field(default_factory=Counter)
    counted: int = 0
    uncounted: int = 0


def _comment_tallies(session: Session, ids: list[int], now: datetime, decay: float) -> dict[int, _Tally]:
    parent = aliased(Comment)
    rows = session.execute(
        select(Comment.post_id, Comment.author_id, Post.author_id, parent.author_id, CommentVerdict)
        .join(Post, Post.id == Comment.post_id)
        .join(CommentVerdict, CommentVerdict.comment_id == Comment.id)
        .outerjoin(parent, parent.id == Comment.parent_id)
        .where(Comment.post_id.in_(ids))
        .order_by(Comment.id)
    ).all()
    restricted = set(session.scalars(restricted_users(now)))
    out: dict[int, _Tally] = {}
    for post_id, author, post_author, parent_author, verdict in rows:
        t = out.setdefault(post_id, _Tally())
        if author in restricted or not counted_comment(verdict):
            t.uncounted += 1
            continue
        t.counted += 1
        if parent_author is not None and parent_author != author:
            t.pairs.add(frozenset((author, parent_author)))
        if author != post_author:  # the writer's own words are conversation, not endorsement
            t.quality += verdict.score / 100 * decay ** t.per_commenter[author]
            t.per_commenter[author] += 1
            t.commenters.add(author)
    return out


@dataclass(frozen=True)
class _Reposts:
    with_words: int = 0
    bare: int = 0


def _repost_tallies(session: Session, ids: list[int], now: datetime) -> dict[int, _Reposts]:
    """Distinct reposters of each post (directly or down its chains), leaving out its author and accounts
    restricted now; one who reposted it both ways counts as having written something."""
    reposter = aliased(Post)
    words: dict[int, dict[int, bool]] = {}
    for column in (Repost.source_id, Repost.root_id):
        rows = session.execute(
            select(column, reposter.author_id, Repost.with_words)
            .join(reposter, reposter.id == Repost.post_id)
            .join(Post, Post.id == column)
            .where(column.in_(ids), reposter.author_id != Post.author_id)
            .where(reposter.author_id.not_in(restricted_users(now)))
        ).all()
        for pid, author, with_words in rows:
            assert pid is not None  # the join on the column drops rows whose post is gone
            seen = words.setdefault(int(pid), {})
            seen[int(author)] = seen.get(int(author), False) or bool(with_words)
    return {pid: _Reposts(sum(seen.values()), len(seen) - sum(seen.values())) for pid, seen in words.items()}


def _topics(analysis: PostAnalysis | None) -> list[str]:
    if analysis is None:
        return []
    scenes = [s["name"] for s in analysis.result.get("scenes", [])]
    return (scenes + list(analysis.result.get("keywords", [])))[:_TOPICS]


# --- writing scores ---------------------------------------------------------------------------


def rank_key(engagement: float, created_at: datetime, half_life_hours: float) -> float:
    return math.log1p(engagement) + created_at.timestamp() * _LN2 / (half_life_hours * 3600)


def refresh_scores(session: Session, post_ids: list[int]) -> None:
    """Recompute and store the scores of these posts (after the events that touched them)."""
    s, now = get_settings(), utcnow()
    ids = sorted(set(post_ids))
    posts = {p.id: p for p in session.scalars(select(Post).where(Post.id.in_(ids)))}
    likes = honest_likes(session, ids, now)
    tallies = _comment_tallies(session, ids, now, s.rank_repeat_decay)
    reposts = _repost_tallies(session, ids, now)
    analyses = {a.post_id: a for a in session.scalars(select(PostAnalysis).where(PostAnalysis.post_id.in_(ids)))}
    existing = {r.post_id: r for r in session.scalars(select(PostScore).where(PostScore.post_id.in_(ids)))}
    for pid, post in posts.items():
        shared = reposts.get(pid, _Reposts())
        comps = components(s, likes.get(pid, 0), tallies.get(pid, _Tally()), analyses.get(pid), shared)
        key = rank_key(comps["engagement"], post.created_at, s.rank_half_life_hours)
        score = partial(_scored, post=post, comps=comps, key=key, topics=_topics(analyses.get(pid)), now=now)
        row = existing.get(pid)
        if row is None:  # a new post: the after-commit job and a "why" request may score it at once
            row, _ = insert_or_existing(session, score(PostScore(post_id=pid)), partial(session.get, PostScore, pid))
        score(row)
    session.flush()


def _scored(
    row: PostScore, *, post: Post, comps: dict[str, Any], key: float, topics: list[str], now: datetime
) -> PostScore:
    row.author_id, row.circle_id = post.author_id, post.circle_id  # the feed's index reads them beside the key
    row.engagement, row.rank_key = comps["engagement"], key
    row.components, row.topics, row.updated_at = comps, topics, now
    return row


def components(
    s: Settings, likes: int, t: _Tally, analysis: PostAnalysis | None, reposts: _Reposts | None = None
) -> dict[str, Any]:
    hook = bool(analysis and analysis.has_hook)
    shared = reposts or _Reposts()
    parts = {
        "likes": s.rank_like_weight * math.log1p(likes + shared.bare),
        "comments": s.rank_comment_weight * t.quality,
        "replies": s.rank_reply_weight * len(t.pairs),
        "hook": s.rank_hook_weight * min(len(t.commenters), 10) if hook else 0.0,
        "reposts": s.rank_reply_weight * shared.with_words,
    }
    return {
        **{k: round(v, 4) for k, v in parts.items()},
        "engagement": round(sum(parts.values()), 4),
        "honest_likes": likes,
        "counted_comments": t.counted,
        "uncounted_comments": t.uncounted,
        "commenters": len(t.commenters),
        "conversations": len(t.pairs),
        "has_hook": hook,
        "reposts_with_words": shared.with_words,
        "bare_reposts": shared.bare,
    }


def on_post_change(session: Session, p: dict[str, Any]) -> None:
    once_per_batch.defer(session, refresh_scores, [p["post_id"]])


def on_comment(session: Session, p: dict[str, Any]) -> None:
    once_per_batch.defer(session, refresh_scores, [p["post_id"]])


def on_repost(session: Session, p: dict[str, Any]) -> None:
    """A repost changes the scores of what it reposts and of the original at its chain's start."""
    once_per_batch.defer(session, refresh_scores, [p["source_id"], p["root_id"]])


def stale_posts(session: Session, since: datetime, now: datetime) -> list[int]:
    """Posts whose scores changed without an event of their own: likes flagged or cleared, restrictions
    that began or ended since `since` (their accounts' likes and comments of the ranking window)."""
    flagged = select(FlaggedLike.post_id).where(FlaggedLike.flagged_at >= since)
    changed_users = select(Restriction.user_id).where(
        or_(Restriction.created_at >= since, Restriction.until.between(since, now))
    )
    window = now - timedelta(days=get_settings().rank_window_days)
    liked = select(Like.post_id).where(Like.user_id.in_(changed_users), Like.created_at >= window)
    commented = select(Comment.post_id).where(Comment.author_id.in_(changed_users), Comment.created_at >= window)
    ids: set[int] = set()
    for stmt in (flagged, liked, commented):
        ids.update(session.scalars(stmt))
    return sorted(ids)


# --- reading the ranked feed ------------------------------------------------------------------
