"""A post's like, comment and folded-comment counts, kept as columns so no page counts rows.

The columns hold what an anonymous reader sees: every like except those of a detected ring while
flagged, every comment, every folded comment. Each change recounts the post's rows (never `+1`, so
a repeated or reordered event cannot drift): the write that changes a post recounts it in its own
transaction, so its answer is exact; on PostgreSQL the outbox recounts again after commit, with the
post's row locked first, so two concurrent writes cannot leave a count that misses the other's row
(SQLite's writers take turns). A new comment is recounted after the barrier's verdict on both. The
outbox recounts a post once per batch, after all the batch's events (`nook.store.once_per_batch`).
Moderation (ring flags, folds) recounts the posts it touches. `rebuild` recounts every post: the
migration's backfill, and the truth the tests compare the columns with.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select, update
from sqlalchemy.orm import Session

from nook.store import once_per_batch
from nook.store.first_writes import lock_rows
from nook.store.models import Comment, CommentVerdict, FlaggedLike, Like, Post

#: Posts recounted per statement (keeps the IN list and each UPDATE short).
_CHUNK = 500


def refresh(session: Session, post_ids: Iterable[int]) -> None:
    """Recount these posts from their rows."""
    ids = sorted(set(post_ids))
    for start in range(0, len(ids), _CHUNK):
        _recount(session, Post.id.in_(ids[start : start + _CHUNK]), sync="fetch")  # loaded posts see it


def rebuild(session: Session) -> None:
    """Recount every post."""
    _recount(session, Post.id.is_not(None), sync=False)


def on_post_activity(session: Session, payload: dict[str, Any]) -> None:
    """Outbox handler (likes, unlikes, deleted comments): recount where writers run side by side.

    On SQLite writers take turns, so the write's own recount is already exact; recounting again
    would only take the write lock once more per like.
    """
    if session.get_bind().dialect.name != "sqlite":
        on_comment_verdict(session, payload)


def on_comment_verdict(session: Session, payload: dict[str, Any]) -> None:
    """Outbox handler for a new comment, after the barrier: its fold is counted (once per post and batch)."""
    once_per_batch.defer(session, recount_locked, [payload["post_id"]])


def recount_locked(session: Session, post_ids: list[int]) -> None:
    lock_rows(session, Post, post_ids)  # then count in a statement that sees every commit
    refresh(session, post_ids)


def _recount(session: Session, which: ColumnElement[bool], *, sync: str | bool) -> None:
    flagged = select(FlaggedLike.like_id).where(FlaggedLike.active.is_(True)).scalar_subquery()
    likes = select(func.count(Like.id)).where(Like.post_id == Post.id, Like.id.not_in(flagged)).scalar_subquery()
    comments = select(func.count(Comment.id)).where(Comment.post_id == Post.id).scalar_subquery()
    folded = (
        select(func.count(Comment.id))
        .join(CommentVerdict, CommentVerdict.comment_id == Comment.id)
        .where(and_(Comment.post_id == Post.id, CommentVerdict.folded.is_(True)))
        .scalar_subquery()
    )
    session.execute(
        update(Post).where(which).values(like_count=likes, comment_count=comments, folded_count=folded),
        execution_options={"synchronize_session": sync},
    )
