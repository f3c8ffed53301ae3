"""Comment suggestions for a reader under a post: offered, never posted for them.

The reader picks one (it fills the comment box), edits it or ignores it. What happened is logged
so operators can see whether suggestions help. An offer is made in two steps, `plan_offer` in the
request's read session and `make_offer` after it, so no connection waits on the engine or an LLM.

Under their own post a member gets no chips (nobody comments on their own post to start a
conversation): `author_help` gives them the comments they have not answered yet instead. Under a post
that signals a crisis (`care.is_sensitive`) the engine offers only its reviewed supportive lines and the
operator's LLM is not asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nook.engine.suggest import suggest
from nook.engine.suggest.personal import HistoryPost
from nook.errors import Invalid
from nook.phrases import N_
from nook.social import authz
from nook.social.assist.care import CareCard, care_card, is_sensitive
from nook.social.assist.llm import configured_llm
from nook.social.authz import Viewer
from nook.social.content.posts import get_visible_post
from nook.store.base import utcnow
from nook.store.db import transaction
from nook.store.first_writes import lock_rows
from nook.store.models import Circle, Comment, CommentVerdict, Post, SuggestionShown, User

#: The reader's recent posts the engine looks at (its own window, nook.engine.suggest.personal.MAX_HISTORY);
#: each is marked shareable only when every reader of the post may see it, and only those are drawn on.
HISTORY = 20
#: Within this time the same reader sees the same offer again (a reload, a feed card scrolled past twice),
#: so "shown" counts readers offered suggestions, not page renders.
REOFFER = timedelta(hours=12)
#: Unanswered comments offered to the author, newest first, and how far back they are looked for.
UNANSWERED = 3
UNANSWERED_SCAN = 100
EXCERPT = 40


@dataclass(frozen=True)
class OfferPlan:
    """What an offer needs, read in one short session, so the engine (and an operator's LLM, which may
    take seconds) then thinks with no database connection or write lock held."""

    reader_id: int
    post_id: int
    post_body: str
    history: tuple[HistoryPost, ...]
    circle_name: str | None
    standing: tuple[SuggestionShown, ...]  # a recent offer, shown again instead of a new one
    own: bool = False  # the reader wrote the post: no chips (see `author_help`)
    sensitive: bool = False  # the post signals a crisis: supportive lines only, no LLM


def plan_offer(session: Session, viewer: Viewer, reader: User, post_id: int) -> OfferPlan:
    """Check the reader may comment here and gather what the engine reads."""
    post = get_visible_post(session, viewer, post_id)
    if not authz.can_interact(viewer, post):
        raise Invalid(N_("登录后才能看到留言建议"))
    if post.author_id == reader.id:
        return OfferPlan(reader.id, post.id, "", (), None, (), own=True)
    standing = _recent_offer(session, reader.id, post.id)
    if standing:  # nothing to compute
        return OfferPlan(reader.id, post.id, post.body, (), None, tuple(standing))
    circle = session.get(Circle, post.circle_id) if post.circle_id else None
    history = _history(session, reader, post)
    return OfferPlan(
        reader.id, post.id, post.body, history, circle.name if circle else None, (), sensitive=is_sensitive(post.body)
    )


def _history(session: Session, reader: User, post: Post) -> tuple[HistoryPost, ...]:
    """The reader's latest posts, each marked shareable when everyone who may read `post` (and so a
    comment under it) may see it too; the engine draws only on shareable ones."""
    shareable = authz.shown_to_audience_filter(post)
    rows = session.execute(
        select(Post.body, shareable)
        .where(Post.author_id == reader.id, Post.id != post.id)
        .order_by(Post.created_at.desc(), Post.id.desc())
        .limit(HISTORY)
    ).all()
    return tuple(HistoryPost(body, shareable=bool(ok)) for body, ok in rows)


def make_offer(plan: OfferPlan) -> list[SuggestionShown]:
    """Three suggestions for the reader under the post, logged as shown (once per REOFFER): computed
    outside any transaction, then written in a short one of their own. None for the post's author."""
    if plan.own:
        return []
    if plan.standing:
        return list(plan.standing)
    llm = None if plan.sensitive else configured_llm()  # a crisis post's words never leave the site
    picked = suggest(plan.post_body, list(plan.history), plan.circle_name, llm=llm)
    with transaction() as session:
        # two tabs asking at once: the second waits for the first and shows its offer, not a second one
        lock_rows(session, User, [plan.reader_id])
        standing = _recent_offer(session, plan.reader_id, plan.post_id)
        if standing:
            return standing
        now = utcnow()  # one moment for the whole offer: how a reload finds all of its lines again
        rows = [
            SuggestionShown(
                user_id=plan.reader_id,
                post_id=plan.post_id,
                text=s.text[:300],
                intent=s.intent,
                source=s.source,
                shown_at=now,
            )
            for s in picked
        ]
        session.add_all(rows)
        session.flush()
        return rows


@dataclass(frozen=True)
class Unanswered:
    """A comment under the author's post that they have not replied to yet."""

    comment_id: int
    author_name: str
    excerpt: str


@dataclass(frozen=True)
class AuthorHelp:
    """What the author gets where readers get chips: comments waiting for a reply, and the help card."""

    unanswered: tuple[Unanswered, ...]
    care: CareCard | None


def author_help(session: Session, viewer: Viewer, post_id: int) -> AuthorHelp:
    """For the post's author only (anyone else: Invalid, as for chips they may not get)."""
    post = get_visible_post(session, viewer, post_id)
    if viewer.id != post.author_id:
        raise Invalid(N_("只有作者能看到这里"))
    return AuthorHelp(_unanswered(session, viewer, post), care_card(viewer, post))


def _unanswered(session: Session, viewer: Viewer, post: Post) -> tuple[Unanswered, ...]:
    """Others' comments (not folded as low-value) with no later reply of the author in their thread."""
    rows = session.execute(
        select(Comment.id, Comment.parent_id, Comment.author_id, Comment.body, User.nickname)
        .join(User, User.id == Comment.author_id)
        .outerjoin(CommentVerdict, CommentVerdict.comment_id == Comment.id)
        .where(
            Comment.post_id == post.id,
            authz.visible_comments_filter(viewer),
            CommentVerdict.folded.is_not(True),
        )
        .order_by(Comment.id.desc())
        .limit(UNANSWERED_SCAN)
    ).all()
    answered: set[int] = set()  # threads (top-level comment ids) the author replied in, later than the row
    out: list[Unanswered] = []
    for cid, parent_id, author_id, body, nickname in rows:  # newest first
        thread = parent_id or cid
        if author_id == post.author_id:
            answered.add(thread)
        elif thread not in answered and len(out) < UNANSWERED:
            excerpt = body if len(body) <= EXCERPT else body[:EXCERPT] + "…"
            out.append(Unanswered(cid, nickname, excerpt))
    return tuple(out)


def _recent_offer(session: Session, reader_id: int, post_id: int) -> list[SuggestionShown]:
    """The reader's latest offer under the post (its lines share one `shown_at`; an offer may hold one to
    three), if it is recent and none of it was used yet."""
    mine = (SuggestionShown.user_id == reader_id, SuggestionShown.post_id == post_id)
    latest = session.scalar(select(func.max(SuggestionShown.shown_at)).where(*mine))
    if latest is None or latest <= utcnow() - REOFFER:
        return []
    rows = session.scalars(
        select(SuggestionShown).where(*mine, SuggestionShown.shown_at == latest).order_by(SuggestionShown.id)
    ).all()
    return [] if any(row.outcome != "shown" for row in rows) else list(rows)


def record_use(session: Session, reader: User, suggestion_id: int, comment: Comment) -> None:
    """The comment was written from a suggestion: "used" when unchanged, "edited" otherwise."""
    row = session.get(SuggestionShown, suggestion_id)
    if row is None or row.user_id != reader.id or row.post_id != comment.post_id:
        raise Invalid(N_("这条留言建议不属于这条说说"))
    row.outcome = "used" if comment.body.strip() == row.text.strip() else "edited"
    row.comment_id = comment.id
