"""Lists of posts: the home feed, a member's space, a hashtag page and a circle page.

Every list goes through `authz.visible_posts_filter`; newest first with keyset cursors.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from nook.errors import NotFound
from nook.phrases import N_
from nook.social import authz
from nook.social.authz import Viewer
from nook.social.limits import PAGE_MAX
from nook.social.pagination import Page, before_cursor, page_of
from nook.social.people import following
from nook.social.text import normalize_hashtag
from nook.social.themes.weeks import followed_tag_posts
from nook.store.base import utcnow
from nook.store.models import Circle, CircleMember, Friendship, Hashtag, Post, PostHashtag, User


def home_feed(session: Session, viewer: Viewer, *, cursor: str | None = None, limit: int = 20) -> Page[Post]:
    """Own posts, friends' posts, posts in the viewer's circles and posts with hashtags they follow."""
    assert viewer.id is not None
    friends = select(Friendship.friend_id).where(Friendship.user_id == viewer.id)
    circles = select(CircleMember.circle_id).where(CircleMember.user_id == viewer.id, CircleMember.status == "active")
    scope = or_(
        Post.author_id == viewer.id,
        Post.author_id.in_(friends),
        Post.circle_id.in_(circles),
        Post.id.in_(followed_tag_posts(viewer.id)),  # #话题# the member follows
    )
    return _page(session, select(Post).where(scope, authz.visible_posts_filter(viewer)), cursor, limit)


#: How long a 特别关心 friend's post stays pinned above the home feed, and how many are pinned.
SPECIAL_DAYS, SPECIAL_PINNED = 3, 5


def special_care_posts(session: Session, viewer: Viewer, *, limit: int = SPECIAL_PINNED) -> list[Post]:
    """特别关心: the newest posts of the friends the viewer marked, from the last few days, to show first."""
    assert viewer.id is not None
    special = sorted(following.special_care_ids(session, viewer.id) & viewer.friend_ids)
    if not special:
        return []
    since = utcnow() - timedelta(days=SPECIAL_DAYS)
    stmt = select(Post).where(Post.author_id.in_(special), Post.created_at >= since, authz.visible_posts_filter(viewer))
    return list(
        session.scalars(stmt.order_by(Post.created_at.desc(), Post.id.desc()).limit(max(1, min(limit, PAGE_MAX))))
    )


def user_posts(
    session: Session, viewer: Viewer, owner: User, *, cursor: str | None = None, limit: int = 20
) -> Page[Post]:
    if not authz.can_see_user(viewer, owner):
        raise NotFound(N_("找不到这个用户"))
    stmt = select(Post).where(Post.author_id == owner.id, authz.visible_posts_filter(viewer))
    return _page(session, stmt, cursor, limit)


def hashtag_posts(
    session: Session, viewer: Viewer, name: str, *, cursor: str | None = None, limit: int = 20
) -> Page[Post]:
    tag = session.scalar(select(Hashtag).where(Hashtag.name == normalize_hashtag(name)))
    if tag is None:
        return Page([], None)
    stmt = (
        select(Post)
        .join(PostHashtag, PostHashtag.post_id == Post.id)
        .where(PostHashtag.hashtag_id == tag.id, authz.visible_posts_filter(viewer))
    )
    return _page(session, stmt, cursor, limit)


def circle_posts(
    session: Session, viewer: Viewer, circle: Circle, *, cursor: str | None = None, limit: int = 20
) -> Page[Post]:
    stmt = select(Post).where(Post.circle_id == circle.id, authz.visible_posts_filter(viewer))
    return _page(session, stmt, cursor, limit)


def public_posts(session: Session, viewer: Viewer, *, cursor: str | None = None, limit: int = 20) -> Page[Post]:
    """Everything the viewer may see, site-wide (the 广场 for visitors and new members)."""
    return _page(session, select(Post).where(authz.visible_posts_filter(viewer)), cursor, limit)


def _page(session: Session, stmt: Select[Post], cursor: str | None, limit: int) -> Page[Post]:
    limit = max(1, min(limit, PAGE_MAX))
    cond = before_cursor(Post.created_at, Post.id, cursor)
    if cond is not None:
        stmt = stmt.where(cond)
    rows = list(session.scalars(stmt.order_by(Post.created_at.desc(), Post.id.desc()).limit(limit + 1)))
    return page_of(rows, limit, lambda p: (p.created_at, p.id))
