"""Read-only lists the web pages need beyond the API's: comment previews, albums, tag completion.

Every query here goes through `authz`'s SQL filters, like the lists in `feed`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nook.errors import Invalid
from nook.social import authz
from nook.social.authz import Viewer
from nook.social.text import normalize_hashtag
from nook.store.models import Circle, Comment, Hashtag, Post, PostHashtag, PostImage, User


@dataclass(frozen=True)
class AlbumPhoto:
    post_id: int
    media_id: int
    alt: str


def latest_comments(
    session: Session, viewer: Viewer, post_ids: list[int], per_post: int = 3
) -> dict[int, list[Comment]]:
    """The newest few visible comments under each post, oldest first, in one query."""
    if not post_ids:
        return {}
    rank = func.row_number().over(partition_by=Comment.post_id, order_by=Comment.id.desc()).label("rank")
    inner = (
        select(Comment.id, rank).where(Comment.post_id.in_(post_ids), authz.visible_comments_filter(viewer)).subquery()
    )
    stmt = select(Comment).join(inner, inner.c.id == Comment.id).where(inner.c.rank <= per_post).order_by(Comment.id)
    out: dict[int, list[Comment]] = {}
    for row in session.scalars(stmt):
        out.setdefault(row.post_id, []).append(row)
    return out


def album(session: Session, viewer: Viewer, owner: User, limit: int = 60) -> list[AlbumPhoto]:
    """Photos from the owner's posts that this viewer may see, newest first."""
    if not authz.can_see_user(viewer, owner):
        return []
    stmt = (
        select(PostImage.post_id, PostImage.media_id, PostImage.alt)
        .join(Post, Post.id == PostImage.post_id)
        .where(Post.author_id == owner.id, authz.visible_posts_filter(viewer))
        .order_by(Post.created_at.desc(), PostImage.position)
        .limit(limit)
    )
    return [AlbumPhoto(p, m, a) for p, m, a in session.execute(stmt)]


def suggest_hashtags(session: Session, viewer: Viewer, prefix: str, limit: int = 8) -> list[str]:
    """Tags starting with `prefix`, most used first, counting only posts this viewer may see."""
    try:
        stem = normalize_hashtag(prefix) if prefix.strip("# ") else ""
    except Invalid:
        return []
    stmt = (
        select(Hashtag.name, func.count(PostHashtag.post_id).label("n"))
        .join(PostHashtag, PostHashtag.hashtag_id == Hashtag.id)
        .join(Post, Post.id == PostHashtag.post_id)
        .where(authz.visible_posts_filter(viewer))
        .group_by(Hashtag.name)
        .order_by(func.count(PostHashtag.post_id).desc(), Hashtag.name)
        .limit(limit)
    )
    if stem:
        stmt = stmt.where(Hashtag.name.startswith(stem, autoescape=True))
    return [name for name, _n in session.execute(stmt)]


def my_circles(session: Session, viewer: Viewer) -> list[Circle]:
    if not viewer.circle_ids:
        return []
    return list(session.scalars(select(Circle).where(Circle.id.in_(viewer.circle_ids)).order_by(Circle.name)))
