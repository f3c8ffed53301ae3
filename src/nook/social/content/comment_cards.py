"""Comments as readers see them (author, fold, may-delete), for the API's list and the pages' threads alike.

Also the pages' post views: a post card with its comment previews, folded comments set apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from nook.social import authz
from nook.social.authz import Viewer
from nook.social.content import browse, interactions
from nook.social.content.cards import PostCard, hidden_comment_counts, post_cards
from nook.social.content.posts import get_visible_post
from nook.social.content.user_cards import UserCard, user_cards
from nook.social.moderation import barrier
from nook.social.moderation.barrier import CommentFold
from nook.store.models import Comment, Post, PostFields


@dataclass
class CommentCard:
    comment: Comment
    author: UserCard
    reply_to: UserCard | None
    can_delete: bool
    fold: CommentFold | None = None  # score and reasons only for the writer and moderators
    replies: list[CommentCard] = field(default_factory=list)  # filled in by `comment_threads`


@dataclass(frozen=True)
class CommentPage:
    items: list[CommentCard]  # oldest first, flat
    next_cursor: str | None
    folded_count: int  # every comment under the post folded for this viewer


@dataclass
class PostView:
    card: PostCard
    comments: list[CommentCard]  # shown
    can_delete: bool
    folded: list[CommentCard] = field(default_factory=list)  # the "低质评论已折叠" section
    folded_count: int = 0  # every comment under the post folded for this viewer

    def set_comments(self, threads: list[CommentCard]) -> None:
        self.comments, self.folded = split_folded(threads)


def comment_cards(session: Session, viewer: Viewer, post: Post, comments: list[Comment]) -> list[CommentCard]:
    """The comments, in the order given, each with its author, whom it answers, its fold and may-delete."""
    return _cards(session, viewer, {post.id: post}, comments)


def _cards(
    session: Session, viewer: Viewer, posts: dict[int, PostFields], comments: list[Comment]
) -> list[CommentCard]:
    """Cards for comments under several posts: one query for their people, one for their verdicts."""
    ids = [c.author_id for c in comments] + [c.reply_to_user_id for c in comments if c.reply_to_user_id]
    users = user_cards(session, ids)
    folds = barrier.fold_states(session, viewer, posts, comments)
    return [
        CommentCard(
            c,
            users[c.author_id],
            users.get(c.reply_to_user_id) if c.reply_to_user_id else None,
            authz.can_delete_comment(viewer, c, posts[c.post_id]),
            folds.get(c.id),
        )
        for c in comments
    ]


def comments_by_id(session: Session, ids: set[int]) -> dict[int, Comment]:
    """Comments by id, unfiltered: for the moderators' pages, whose service already checked who asks."""
    if not ids:
        return {}
    return {c.id: c for c in session.scalars(select(Comment).where(Comment.id.in_(ids)))}


def comment_card(session: Session, viewer: Viewer, comment: Comment) -> CommentCard:
    """One comment's card (e.g. the one just written)."""
    post = session.get(Post, comment.post_id)
    assert post is not None  # a comment's post is deleted with it
    return comment_cards(session, viewer, post, [comment])[0]


def comment_page(
    session: Session, viewer: Viewer, post_id: int, *, after_id: int | None = None, limit: int = 200
) -> CommentPage:
    """A page of the post's comments as cards, and how many of all its comments this viewer sees folded."""
    page = interactions.comments_on(session, viewer, post_id, after_id=after_id, limit=limit)
    post = get_visible_post(session, viewer, post_id)
    cards = comment_cards(session, viewer, post, page.items)
    hidden = hidden_comment_counts(session, viewer, [post.id]).get(post.id, (0, 0))[1]
    return CommentPage(cards, page.next_cursor, post.folded_count - hidden)


def comment_threads(session: Session, viewer: Viewer, post: Post, comments: list[Comment]) -> list[CommentCard]:
    """Two levels, as on QQ空间: top-level comments, each with every reply in its thread beneath it."""
    return _threads(comment_cards(session, viewer, post, comments))


def _threads(cards: list[CommentCard]) -> list[CommentCard]:
    by_id = {c.comment.id: c for c in cards}
    roots: list[CommentCard] = []
    for card in cards:
        root = card.comment.id
        while (parent := by_id[root].comment.parent_id) is not None and parent in by_id:
            root = parent
        if root == card.comment.id:
            roots.append(card)
        else:
            by_id[root].replies.append(card)
    return roots


def split_folded(threads: list[CommentCard]) -> tuple[list[CommentCard], list[CommentCard]]:
    """Shown threads, and folded comments apart: a folded comment takes its replies with it."""
    shown: list[CommentCard] = []
    folded: list[CommentCard] = []
    for root in threads:
        if root.fold and root.fold.folded:
            folded.append(root)
            continue
        keep = [r for r in root.replies if not (r.fold and r.fold.folded)]
        folded.extend(r for r in root.replies if r.fold and r.fold.folded)
        root.replies = keep
        shown.append(root)
    return shown, folded


def post_views(session: Session, viewer: Viewer, posts: Sequence[PostFields], *, previews: int = 3) -> list[PostView]:
    """Post cards for a page, each with its latest `previews` comments threaded and its folded count."""
    cards = post_cards(session, viewer, posts)
    latest = browse.latest_comments(session, viewer, [p.id for p in posts], previews) if previews else {}
    by_id = {p.id: p for p in posts}
    shown = _cards(session, viewer, by_id, [c for p in posts for c in latest.get(p.id, [])])
    per_post: dict[int, list[CommentCard]] = {}
    for item in shown:
        per_post.setdefault(item.comment.post_id, []).append(item)
    views = []
    for card in cards:
        view = PostView(card, [], authz.can_delete_post(viewer, by_id[card.id]), folded_count=card.folded_count)
        view.set_comments(_threads(per_post.get(card.id, [])))
        views.append(view)
    return views


def post_thread(session: Session, viewer: Viewer, post: Post, comments: list[Comment]) -> PostView:
    """One post's view with the given comments threaded beneath it (the post page, the comment box)."""
    view = post_views(session, viewer, [post], previews=0)[0]
    view.set_comments(comment_threads(session, viewer, post, comments))
    return view
