"""Lists of posts: the home feed, a member's space, a hashtag page and a circle page.

Every list goes through `authz.visible_posts_filter` (or its bound-parameter form); newest first with
keyset cursors. Lists read the columns cards need (`PostRow`), not ORM objects, and the hot lists' statements
are built once and run with their parameters: building and caching a statement cost more than its query.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import BindParameter, ColumnElement, Integer, Select, and_, bindparam, or_, select
from sqlalchemy.orm import Session

from nook.errors import NotFound
from nook.phrases import N_
from nook.social import authz
from nook.social.authz import Viewer
from nook.social.limits import PAGE_MAX
from nook.social.pagination import Page, decode_cursor, page_of
from nook.social.people import following
from nook.social.text import normalize_hashtag
from nook.social.themes.weeks import followed_tag_posts
from nook.store.base import utcnow
from nook.store.models import (
    POST_ROW,
    Circle,
    CircleMember,
    Friendship,
    Hashtag,
    Post,
    PostHashtag,
    PostRow,
    User,
)

_Stmt = Select[*tuple[Any, ...]]  # a `select(*POST_ROW)`


def home_feed(session: Session, viewer: Viewer, *, cursor: str | None = None, limit: int = 20) -> Page[PostRow]:
    """Own posts, friends' posts, posts in the viewer's circles and posts with hashtags they follow."""
    assert viewer.id is not None
    return _page(session, _home(bool(cursor)), {"viewer_id": viewer.id}, cursor, limit)


@cache
def _home(after_cursor: bool) -> _Stmt:
    me: BindParameter[int] = bindparam("viewer_id", type_=Integer)
    friends = select(Friendship.friend_id).where(Friendship.user_id == me)
    circles = select(CircleMember.circle_id).where(CircleMember.user_id == me, CircleMember.status == "active")
    scope = or_(
        Post.author_id == me,
        Post.author_id.in_(friends),
        Post.circle_id.in_(circles),
        Post.id.in_(followed_tag_posts(me)),  # #话题# the member follows
    )
    return _newest(select(*POST_ROW).where(scope, authz.visible_posts_param()), after_cursor)


#: How long a 特别关心 friend's post stays pinned above the home feed, and how many are pinned.
SPECIAL_DAYS, SPECIAL_PINNED = 3, 5


def special_care_posts(session: Session, viewer: Viewer, *, limit: int = SPECIAL_PINNED) -> list[PostRow]:
    """特别关心: the newest posts of the friends the viewer marked, from the last few days, to show first."""
    assert viewer.id is not None
    special = sorted(following.special_care_ids(session, viewer.id) & viewer.friend_ids)
    if not special:
        return []
    since = utcnow() - timedelta(days=SPECIAL_DAYS)
    stmt = select(*POST_ROW).where(
        Post.author_id.in_(special), Post.created_at >= since, authz.visible_posts_filter(viewer)
    )
    rows = session.execute(stmt.order_by(Post.created_at.desc(), Post.id.desc()).limit(max(1, min(limit, PAGE_MAX))))
    return [PostRow._make(row) for row in rows]


def user_posts(
    session: Session, viewer: Viewer, owner: User, *, cursor: str | None = None, limit: int = 20
) -> Page[PostRow]:
    if not authz.can_see_user(viewer, owner):
        raise NotFound(N_("找不到这个用户"))
    stmt = _of_author(viewer.id is None, bool(cursor))
    return _page(session, stmt, {"owner_id": owner.id, "viewer_id": viewer.id}, cursor, limit)


@cache
def _of_author(anonymous: bool, after_cursor: bool) -> _Stmt:
    mine = Post.author_id == bindparam("owner_id", type_=Integer)
    return _newest(select(*POST_ROW).where(mine, _visible(anonymous)), after_cursor)


def hashtag_posts(
    session: Session, viewer: Viewer, name: str, *, cursor: str | None = None, limit: int = 20
) -> Page[PostRow]:
    tag = session.scalar(select(Hashtag).where(Hashtag.name == normalize_hashtag(name)))
    if tag is None:
        return Page([], None)
    stmt = (
        select(*POST_ROW)
        .join(PostHashtag, PostHashtag.post_id == Post.id)
        .where(PostHashtag.hashtag_id == tag.id, authz.visible_posts_filter(viewer))
    )
    return posts_page(session, stmt, cursor, limit)


def circle_posts(
    session: Session, viewer: Viewer, circle: Circle, *, cursor: str | None = None, limit: int = 20
) -> Page[PostRow]:
    stmt = select(*POST_ROW).where(Post.circle_id == circle.id, authz.visible_posts_filter(viewer))
    return posts_page(session, stmt, cursor, limit)


def public_posts(session: Session, viewer: Viewer, *, cursor: str | None = None, limit: int = 20) -> Page[PostRow]:
    """Everything the viewer may see, site-wide (the 广场 for visitors and new members)."""
    return _page(session, _everything(viewer.id is None, bool(cursor)), {"viewer_id": viewer.id}, cursor, limit)


@cache
def _everything(anonymous: bool, after_cursor: bool) -> _Stmt:
    return _newest(select(*POST_ROW).where(_visible(anonymous)), after_cursor)


def _visible(anonymous: bool) -> ColumnElement[bool]:
    return authz.visible_posts_filter(authz.ANONYMOUS) if anonymous else authz.visible_posts_param()


def posts_page(session: Session, stmt: _Stmt, cursor: str | None, limit: int) -> Page[PostRow]:
    """A page of a `select(*POST_ROW)` list built per request (lists asked too rarely to build once)."""
    return _page(session, _newest(stmt, bool(cursor)), {}, cursor, limit)


def _page(session: Session, stmt: _Stmt, params: dict[str, Any], cursor: str | None, limit: int) -> Page[PostRow]:
    """Run a `_newest` statement from the cursor on; `params` fill its other bound parameters."""
    limit = max(1, min(limit, PAGE_MAX))
    params = {**params, "limit": limit + 1}  # the extra row only says whether there is more
    if cursor:
        params["at"], params["before_id"] = decode_cursor(cursor)
    rows = [PostRow._make(row) for row in session.execute(stmt, params)]
    return page_of(rows, limit, lambda p: (p.created_at, p.id))


def _newest(stmt: _Stmt, after_cursor: bool) -> _Stmt:
    """Newest first, older than the bound (`at`, `before_id`) after a cursor, `limit` rows."""
    if after_cursor:
        at: BindParameter[datetime] = bindparam("at")
        stmt = stmt.where(or_(Post.created_at < at, and_(Post.created_at == at, Post.id < bindparam("before_id"))))
    return stmt.order_by(Post.created_at.desc(), Post.id.desc()).limit(bindparam("limit", type_=Integer))
