"""置顶: a member pins one of their own posts to the top of their space; pinning another replaces it.

The pinned post is shown to a visitor only when they may see it anyway (`authz.can_see_post`).
"""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.orm import Session

from nook.errors import Forbidden
from nook.phrases import N_
from nook.social import authz
from nook.social.authz import Viewer
from nook.social.content.posts import get_visible_post
from nook.store.base import utcnow
from nook.store.first_writes import insert_or_existing
from nook.store.models import PinnedPost, Post, User


def pin(session: Session, viewer: Viewer, me: User, post_id: int) -> None:
    post = get_visible_post(session, viewer, post_id)
    if post.author_id != me.id:
        raise Forbidden(N_("只能置顶自己的说说"))
    row = session.get(PinnedPost, me.id)
    if row is None:  # two pins at once: the key keeps one row, the later one's post wins
        row, _ = insert_or_existing(
            session, PinnedPost(user_id=me.id, post_id=post.id), lambda: session.get(PinnedPost, me.id)
        )
    row.post_id, row.pinned_at = post.id, utcnow()


def unpin(session: Session, me: User) -> None:
    session.execute(delete(PinnedPost).where(PinnedPost.user_id == me.id))


def pinned_post(session: Session, viewer: Viewer, owner: User) -> Post | None:
    """The owner's pinned post, if this viewer may see it."""
    row = session.get(PinnedPost, owner.id)
    post = session.get(Post, row.post_id) if row else None
    return post if post is not None and authz.can_see_post(viewer, post) else None
