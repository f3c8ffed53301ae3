"""热门话题: the #话题# most people took part in lately, counted honestly.

A topic's score is the number of distinct members who, within the window, posted a public post with
it, left a comment under one that the barrier did not fold, or liked one with a like not flagged as
part of a ring. Posts whose text another member already posted (copy-paste) bring nobody. Only
public posts count, so a topic's name and figure reveal nothing of friends-only, circle or private
posts; a viewer is shown a topic only while some post of it is visible to them (not all blocked).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, exists, select
from sqlalchemy.orm import Session

from nook.social import authz
from nook.social.authz import Viewer
from nook.store.base import utcnow
from nook.store.models import Comment, CommentVerdict, FlaggedLike, Hashtag, Like, Post, PostHashtag, User

TRENDING_DAYS = 7
TRENDING_MAX = 10
#: A topic needs this many distinct people to trend: one member talking to themselves is not a trend.
MIN_PARTICIPANTS = 2
_NOT_TEXT = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Trend:
    name: str
    participants: int


def trending(session: Session, viewer: Viewer, *, days: int = TRENDING_DAYS, limit: int = TRENDING_MAX) -> list[Trend]:
    since = utcnow() - timedelta(days=days)
    posts = session.execute(
        select(PostHashtag.hashtag_id, Post.id, Post.author_id, Post.body)
        .join(Post, Post.id == PostHashtag.post_id)
        .join(User, User.id == Post.author_id)
        .where(Post.visibility == "public", Post.created_at >= since, User.is_active.is_(True))
        .order_by(Post.id)
    ).all()
    people: dict[int, set[int]] = defaultdict(set)
    tags_of: dict[int, list[int]] = defaultdict(list)
    first_author: dict[str, int] = {}
    for tag_id, post_id, author_id, body in posts:
        text = _NOT_TEXT.sub("", body.casefold())
        if first_author.setdefault(text, author_id) != author_id:
            continue  # someone else's words pasted again
        people[tag_id].add(author_id)
        tags_of[post_id].append(tag_id)
    tagged = (
        select(Post.id)
        .join(PostHashtag, PostHashtag.post_id == Post.id)
        .where(Post.visibility == "public", Post.created_at >= since)
    )
    for post_id, user_id in _commenters(session, tagged, since) + _likers(session, tagged, since):
        if post_id not in tags_of:
            continue
        for tag_id in tags_of[post_id]:
            people[tag_id].add(user_id)
    ranked = sorted(
        ((len(ids), tag_id) for tag_id, ids in people.items() if len(ids) >= MIN_PARTICIPANTS), reverse=True
    )
    names = dict(session.execute(select(Hashtag.id, Hashtag.name).where(Hashtag.id.in_([t for _, t in ranked]))).all())
    out: list[Trend] = []
    for n, tag_id in ranked:
        if len(out) == limit:
            break
        if _seen_by(session, viewer, tag_id):
            out.append(Trend(names[tag_id], n))
    return out


def _commenters(session: Session, post_ids: Select[int], since: datetime) -> list[tuple[int, int]]:
    """(post, member) for comments the barrier judged and did not fold."""
    stmt = (
        select(Comment.post_id, Comment.author_id)
        .join(CommentVerdict, CommentVerdict.comment_id == Comment.id)
        .join(User, User.id == Comment.author_id)
        .where(Comment.post_id.in_(post_ids), Comment.created_at >= since, CommentVerdict.folded.is_(False))
        .where(User.is_active.is_(True))
        .distinct()
    )
    return [(p, u) for p, u in session.execute(stmt)]


def _likers(session: Session, post_ids: Select[int], since: datetime) -> list[tuple[int, int]]:
    """(post, member) for likes that are not part of a detected ring."""
    flagged = select(FlaggedLike.like_id).where(FlaggedLike.active.is_(True))
    stmt = (
        select(Like.post_id, Like.user_id)
        .join(User, User.id == Like.user_id)
        .where(Like.post_id.in_(post_ids), Like.created_at >= since, Like.id.not_in(flagged))
        .where(User.is_active.is_(True))
    )
    return [(p, u) for p, u in session.execute(stmt)]


def _seen_by(session: Session, viewer: Viewer, tag_id: int) -> bool:
    visible = (
        select(PostHashtag.post_id)
        .join(Post, Post.id == PostHashtag.post_id)
        .where(PostHashtag.hashtag_id == tag_id, Post.visibility == "public", authz.visible_posts_filter(viewer))
    )
    return bool(session.scalar(select(exists(visible))))
