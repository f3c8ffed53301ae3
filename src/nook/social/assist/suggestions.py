"""Comment suggestions for a reader under a post: offered, never posted for them.

The reader picks one (it fills the comment box), edits it or ignores it. What happened is logged
so operators can see whether suggestions help. An offer is made in two steps, `plan_offer` in the
request's read session and `make_offer` after it, so no connection waits on the engine or an LLM.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from nook.engine.suggest import suggest
from nook.errors import Invalid
from nook.phrases import N_
from nook.social import authz
from nook.social.assist.llm import configured_llm
from nook.social.authz import Viewer
from nook.social.content.posts import get_visible_post
from nook.store.base import utcnow
from nook.store.db import transaction
from nook.store.first_writes import lock_rows
from nook.store.models import Circle, Comment, Post, SuggestionShown, User

#: The reader's own recent posts the engine (and an operator's LLM) may draw on: only those every reader of
#: the post may see, since a suggestion becomes a comment they read.
HISTORY = 20
#: Within this time the same reader sees the same offer again (a reload, a feed card scrolled past twice),
#: so "shown" counts readers offered suggestions, not page renders.
REOFFER = timedelta(hours=12)


@dataclass(frozen=True)
class OfferPlan:
    """What an offer needs, read in one short session, so the engine (and an operator's LLM, which may
    take seconds) then thinks with no database connection or write lock held."""

    reader_id: int
    post_id: int
    post_body: str
    history: tuple[str, ...]
    circle_name: str | None
    standing: tuple[SuggestionShown, ...]  # a recent offer, shown again instead of a new one


def plan_offer(session: Session, viewer: Viewer, reader: User, post_id: int) -> OfferPlan:
    """Check the reader may comment here and gather what the engine reads."""
    post = get_visible_post(session, viewer, post_id)
    if not authz.can_interact(viewer, post):
        raise Invalid(N_("登录后才能看到留言建议"))
    standing = _recent_offer(session, reader.id, post.id)
    if standing:  # nothing to compute
        return OfferPlan(reader.id, post.id, post.body, (), None, tuple(standing))
    history = session.scalars(
        select(Post.body)
        .where(Post.author_id == reader.id, Post.id != post.id, authz.shown_to_audience_filter(post))
        .order_by(Post.created_at.desc())
        .limit(HISTORY)
    ).all()
    circle = session.get(Circle, post.circle_id) if post.circle_id else None
    return OfferPlan(reader.id, post.id, post.body, tuple(history), circle.name if circle else None, ())


def make_offer(plan: OfferPlan) -> list[SuggestionShown]:
    """Three suggestions for the reader under the post, logged as shown (once per REOFFER): computed
    outside any transaction, then written in a short one of their own."""
    if plan.standing:
        return list(plan.standing)
    picked = suggest(plan.post_body, list(plan.history), plan.circle_name, llm=configured_llm())
    with transaction() as session:
        # two tabs asking at once: the second waits for the first and shows its offer, not a second one
        lock_rows(session, User, [plan.reader_id])
        standing = _recent_offer(session, plan.reader_id, plan.post_id)
        if standing:
            return standing
        rows = [
            SuggestionShown(
                user_id=plan.reader_id, post_id=plan.post_id, text=s.text[:300], intent=s.intent, source=s.source
            )
            for s in picked
        ]
        session.add_all(rows)
        session.flush()
        return rows


def _recent_offer(session: Session, reader_id: int, post_id: int) -> list[SuggestionShown]:
    """The reader's latest offer under the post, if it is recent and none of it was used yet."""
    rows = session.scalars(
        select(SuggestionShown)
        .where(
            SuggestionShown.user_id == reader_id,
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
        raise Invalid(N_("这条留言建议不属于这条说说"))
    row.outcome = "used" if comment.body.strip() == row.text.strip() else "edited"
    row.comment_id = comment.id
