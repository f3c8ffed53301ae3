"""Comment suggestions for a reader under a post: offered, never posted for them.

The reader picks one (it fills the comment box), edits it or ignores it. What happened is logged
so operators can see whether suggestions help.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from nook.engine.suggest import suggest
from nook.errors import Invalid
from nook.social import authz
from nook.social.authz import Viewer
from nook.social.llm import configured_llm
from nook.social.posts import get_visible_post
from nook.store.base import utcnow
from nook.store.models import Circle, Comment, Post, SuggestionShown, User

HISTORY = 20  # the reader's own recent posts the engine may draw on
#: Within this time the same reader sees the same offer again (a reload, a feed card scrolled past twice),
#: so "shown" counts readers offered suggestions, not page renders.
REOFFER = timedelta(hours=12)


def offer(session: Session, viewer: Viewer, reader: User, post_id: int) -> list[SuggestionShown]:
    """Three suggestions for `reader` under the post, logged as shown (once per REOFFER)."""
    post = get_visible_post(session, viewer, post_id)
    if not authz.can_interact(viewer, post):
        raise Invalid("登录后才能看到留言建议")
    recent = _recent_offer(session, reader, post.id)
    if recent:
        return recent
    history = session.scalars(
        select(Post.body)
        .where(Post.author_id == reader.id, Post.id != post.id)
        .order_by(Post.created_at.desc())
        .limit(HISTORY)
    ).all()
    circle = session.get(Circle, post.circle_id) if post.circle_id else None
    rows = [
        SuggestionShown(user_id=reader.id, post_id=post.id, text=s.text[:300], intent=s.intent, source=s.source)
        for s in suggest(post.body, list(history), circle.name if circle else None, llm=configured_llm())
    ]
    session.add_all(rows)
    session.flush()
    return rows


def _recent_offer(session: Session, reader: User, post_id: int) -> list[SuggestionShown]:
    """The reader's latest offer under the post, if it is recent and none of it was used yet."""
    rows = session.scalars(
        select(SuggestionShown)
        .where(
            SuggestionShown.user_id == reader.id,
            SuggestionShown.post_id == post_id,
            SuggestionShown.shown_at > utcnow() - REOFFER,
        )
        .order_by(SuggestionShown.id.desc())
        .limit(3)
    ).all()
    if not rows or any(row.outcome != "shown" for row in rows):
        return []
    return sorted(rows, key=lambda row: row.id)


def record_use(session: Session, reader: User, suggestion_id: int, comment: Comment) -> None:
    """The comment was written from a suggestion: "used" when unchanged, "edited" otherwise."""
    row = session.get(SuggestionShown, suggestion_id)
    if row is None or row.user_id != reader.id or row.post_id != comment.post_id:
        raise Invalid("这条留言建议不属于这条说说")
    row.outcome = "used" if comment.body.strip() == row.text.strip() else "edited"
    row.comment_id = comment.id
