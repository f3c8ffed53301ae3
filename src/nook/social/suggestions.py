"""Comment suggestions for a reader under a post: offered, never posted for them.

The reader picks one (it fills the comment box), edits it or ignores it. What happened is logged
so operators can see whether suggestions help.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from nook.engine.suggest import suggest
from nook.errors import Invalid
from nook.social import authz
from nook.social.authz import Viewer
from nook.social.posts import get_visible_post
from nook.store.models import Circle, Comment, Post, SuggestionShown, User

HISTORY = 20  # the reader's own recent posts the engine may draw on


def offer(session: Session, viewer: Viewer, reader: User, post_id: int) -> list[SuggestionShown]:
    """Three suggestions for `reader` under the post, logged as shown."""
    post = get_visible_post(session, viewer, post_id)
    if not authz.can_interact(viewer, post):
        raise Invalid("登录后才能看到留言建议")
    history = session.scalars(
        select(Post.body)
        .where(Post.author_id == reader.id, Post.id != post.id)
        .order_by(Post.created_at.desc())
        .limit(HISTORY)
    ).all()
    circle = session.get(Circle, post.circle_id) if post.circle_id else None
    rows = [
        SuggestionShown(user_id=reader.id, post_id=post.id, text=s.text[:300], intent=s.intent, source=s.source)
        for s in suggest(post.body, list(history), circle.name if circle else None)
    ]
    session.add_all(rows)
    session.flush()
    return rows


def record_use(session: Session, reader: User, suggestion_id: int, comment: Comment) -> None:
    """The comment was written from a suggestion: "used" when unchanged, "edited" otherwise."""
    row = session.get(SuggestionShown, suggestion_id)
    if row is None or row.user_id != reader.id or row.post_id != comment.post_id:
        raise Invalid("这条留言建议不属于这条说说")
    row.outcome = "used" if comment.body.strip() == row.text.strip() else "edited"
    row.comment_id = comment.id
