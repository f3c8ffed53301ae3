"""Likes and threaded comments on posts."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from nook.errors import Forbidden, Invalid, NotFound
from nook.phrases import N_
from nook.security import rate_limits
from nook.social import authz
from nook.social.authz import Viewer
from nook.social.content import counts, mentions
from nook.social.content.posts import get_visible_post
from nook.social.limits import COMMENT_MAX, PAGE_MAX
from nook.social.moderation import barrier, rings
from nook.social.pagination import Page
from nook.social.text import clean_text
from nook.store.first_writes import insert_or_existing
from nook.store.models import Comment, Like, Post, User
from nook.store.outbox import Kind, emit


def like(session: Session, viewer: Viewer, actor: User, post_id: int) -> bool:
    """Like a post; liking twice is harmless. Returns whether a new like was recorded."""
    post = _interactable(session, viewer, post_id)
    if session.scalar(select(Like.id).where(Like.user_id == actor.id, Like.post_id == post.id)):
        return False
    rate_limits.enforce(rings.like_rule(session, actor), actor.id)  # slower for a flagged ring
    mine = select(Like).where(Like.user_id == actor.id, Like.post_id == post.id)
    _, created = insert_or_existing(session, Like(user_id=actor.id, post_id=post.id), lambda: session.scalar(mine))
    counts.refresh(session, [post.id])  # also when a concurrent double-click liked it first: its answer counts it
    if not created:
        return False
    if post.author_id != actor.id:
        emit(session, Kind.LIKE, user_id=post.author_id, actor_id=actor.id, post_id=post.id)
    return True


def unlike(session: Session, viewer: Viewer, actor: User, post_id: int) -> bool:
    post = get_visible_post(session, viewer, post_id)
    row = session.scalar(select(Like).where(Like.user_id == actor.id, Like.post_id == post.id))
    if row is None:
        return False
    session.delete(row)
    session.flush()
    counts.refresh(session, [post.id])
    emit(session, Kind.UNLIKE, post_id=post.id, actor_id=actor.id)
    return True


def likers(session: Session, viewer: Viewer, post_id: int, limit: int = PAGE_MAX) -> list[User]:
    post = get_visible_post(session, viewer, post_id)
    stmt = (
        select(User)
        .join(Like, Like.user_id == User.id)
        .where(Like.post_id == post.id)
        .order_by(Like.created_at.desc())
        .limit(limit)
    )
    return [u for u in session.scalars(stmt) if not viewer.is_blocked(u.id)]


@dataclass(frozen=True)
class CommentDraft:
    """A comment read and checked, not written yet."""

    post: Post
    text: str
    parent: Comment | None


def comment(
    session: Session, viewer: Viewer, actor: User, post_id: int, *, body: str, parent_id: int | None = None
) -> Comment:
    return write_comment(session, actor, draft_comment(session, viewer, actor, post_id, body=body, parent_id=parent_id))


def draft_comment(
    session: Session, viewer: Viewer, actor: User, post_id: int, *, body: str, parent_id: int | None = None
) -> CommentDraft:
    """Everything a comment reads and checks, before its transaction's first write (which, on SQLite,
    takes the one write lock: reads done first are not done while holding it)."""
    post = _interactable(session, viewer, post_id)
    rate_limits.enforce(barrier.comment_rule(session, actor), actor.id)  # slower while throttled
    text = clean_text(body, field=N_("评论"), max_len=COMMENT_MAX)
    return CommentDraft(post, text, _reply_target(session, viewer, post, parent_id))


def write_comment(session: Session, actor: User, draft: CommentDraft) -> Comment:
    post, parent = draft.post, draft.parent
    row = Comment(
        post_id=post.id,
        author_id=actor.id,
        body=draft.text,
        parent_id=parent.id if parent else None,
        reply_to_user_id=parent.author_id if parent else None,
    )
    session.add(row)
    session.flush()
    mentions.mention_in_comment(session, actor, post, row)
    counts.refresh(session, [post.id])
    emit(
        session,
        Kind.COMMENT,
        comment_id=row.id,
        post_id=post.id,
        actor_id=actor.id,
        post_author_id=post.author_id,
        reply_to_user_id=row.reply_to_user_id,
    )
    return row


def _interactable(session: Session, viewer: Viewer, post_id: int) -> Post:
    post = get_visible_post(session, viewer, post_id)
    if not authz.can_interact(viewer, post):
        raise Forbidden(N_("请先登录"))
    return post


def _reply_target(session: Session, viewer: Viewer, post: Post, parent_id: int | None) -> Comment | None:
    if parent_id is None:
        return None
    parent = session.get(Comment, parent_id)
    if parent is None or parent.post_id != post.id or not authz.can_see_comment(viewer, parent):
        raise Invalid(N_("要回复的评论不存在"))
    return parent


def delete_comment(session: Session, viewer: Viewer, comment_id: int) -> None:
    row = session.get(Comment, comment_id)
    if row is None:
        raise NotFound(N_("找不到这条评论"))
    post = get_visible_post(session, viewer, row.post_id)
    if not authz.can_see_comment(viewer, row):
        raise NotFound(N_("找不到这条评论"))
    if not authz.can_delete_comment(viewer, row, post):
        raise Forbidden(N_("只能删除自己的评论或自己说说下的评论"))
    session.delete(row)
    session.flush()
    counts.refresh(session, [post.id])
    emit(session, Kind.COMMENT_DELETED, post_id=post.id, comment_id=comment_id)


def comments_on(
    session: Session, viewer: Viewer, post_id: int, *, after_id: int | None = None, limit: int = 200
) -> Page[Comment]:
    """Comments oldest first (a conversation reads top-down), with replies in the same list."""
    post = get_visible_post(session, viewer, post_id)
    stmt = select(Comment).where(Comment.post_id == post.id, authz.visible_comments_filter(viewer))
    if after_id is not None:
        stmt = stmt.where(Comment.id > after_id)
    rows = list(session.scalars(stmt.order_by(Comment.id).limit(limit + 1)))
    more = len(rows) > limit
    items = rows[:limit]
    return Page(items, str(items[-1].id) if more and items else None)
