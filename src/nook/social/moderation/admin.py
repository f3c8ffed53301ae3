"""Site administration: members (deactivate / restore) and removing content. Admins only."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from nook.errors import Forbidden, Invalid, NotFound
from nook.phrases import N_
from nook.social.authz import Viewer
from nook.store.models import AuthToken, Comment, Post, User


@dataclass(frozen=True)
class MemberRow:
    user: User
    post_count: int


def _require_admin(viewer: Viewer) -> None:
    if not viewer.is_admin:
        raise Forbidden(N_("只有站点管理员可以这样做"))


def list_members(
    session: Session, viewer: Viewer, *, query: str = "", active: bool | None = None, limit: int = 100
) -> list[MemberRow]:
    _require_admin(viewer)
    posts = select(Post.author_id, func.count().label("n")).group_by(Post.author_id).subquery()
    stmt = select(User, func.coalesce(posts.c.n, 0)).outerjoin(posts, posts.c.author_id == User.id)
    if query.strip():
        like = f"%{query.strip().lower()}%"
        stmt = stmt.where(or_(User.username.like(like), User.nickname.like(f"%{query.strip()}%")))
    if active is not None:
        stmt = stmt.where(User.is_active.is_(active))
    rows = session.execute(stmt.order_by(User.id.desc()).limit(limit))
    return [MemberRow(u, int(n)) for u, n in rows]


def set_active(session: Session, viewer: Viewer, user_id: int, active: bool) -> User:
    """Deactivating hides the member's space and signs them out everywhere; restoring undoes it."""
    _require_admin(viewer)
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(N_("找不到这个用户"))
    if user.id == viewer.id:
        raise Invalid(N_("不能停用自己的账号"))
    user.is_active = active
    if not active:
        session.execute(delete(AuthToken).where(AuthToken.user_id == user.id))
    return user


def recent_posts(session: Session, viewer: Viewer, limit: int = 50) -> list[Post]:
    """Every post on the site, newest first, whatever its visibility: moderation sees all."""
    _require_admin(viewer)
    return list(session.scalars(select(Post).order_by(Post.created_at.desc(), Post.id.desc()).limit(limit)))


def recent_comments(session: Session, viewer: Viewer, limit: int = 50) -> list[Comment]:
    _require_admin(viewer)
    return list(session.scalars(select(Comment).order_by(Comment.id.desc()).limit(limit)))


def remove_post(session: Session, viewer: Viewer, post_id: int) -> None:
    _require_admin(viewer)
    post = session.get(Post, post_id)
    if post is None:
        raise NotFound(N_("找不到这条说说"))
    session.delete(post)


def remove_comment(session: Session, viewer: Viewer, comment_id: int) -> None:
    _require_admin(viewer)
    row = session.get(Comment, comment_id)
    if row is None:
        raise NotFound(N_("找不到这条评论"))
    session.delete(row)


def site_counts(session: Session, viewer: Viewer) -> dict[str, int]:
    _require_admin(viewer)
    return {
        "members": int(session.scalar(select(func.count(User.id))) or 0),
        "inactive": int(session.scalar(select(func.count(User.id)).where(User.is_active.is_(False))) or 0),
        "posts": int(session.scalar(select(func.count(Post.id))) or 0),
        "comments": int(session.scalar(select(func.count(Comment.id))) or 0),
    }
