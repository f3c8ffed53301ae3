"""View models shared by pages: post cards with comment previews, and threaded comments (folded apart)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from nook.social import authz
from nook.social.authz import Viewer
from nook.social.content import browse
from nook.social.content.cards import PostCard, post_cards
from nook.social.moderation import barrier
from nook.social.moderation.barrier import CommentFold
from nook.social.people.directory import users_by_id
from nook.store.models import Comment, Post, User


@dataclass
class CommentView:
    comment: Comment
    author: User
    reply_to: User | None
    can_delete: bool
    fold: CommentFold | None = None  # score and reasons only for the writer and moderators
    replies: list[CommentView] = field(default_factory=list)


@dataclass
class PostView:
    card: PostCard
    comments: list[CommentView]  # shown
    can_delete: bool
    folded: list[CommentView] = field(default_factory=list)  # the "低质评论已折叠" section
    folded_count: int = 0  # every comment under the post folded for this viewer

    def set_comments(self, threads: list[CommentView]) -> None:
        self.comments, self.folded = split_folded(threads)


def comment_views(
    session: Session, viewer: Viewer, post: Post | PostCard, comments: list[Comment]
) -> list[CommentView]:
    """Two levels, as on QQ空间: top-level comments, each with every reply in its thread beneath it."""
    ids = [c.author_id for c in comments] + [c.reply_to_user_id for c in comments if c.reply_to_user_id]
    users = users_by_id(session, ids)
    post_row = post if isinstance(post, Post) else session.get(Post, post.id)
    assert post_row is not None
    folds = barrier.fold_states(session, viewer, post_row, comments)
    views = {
        c.id: CommentView(
            c,
            users[c.author_id],
            users.get(c.reply_to_user_id) if c.reply_to_user_id else None,
            authz.can_delete_comment(viewer, c, post_row),
            folds.get(c.id),
        )
        for c in comments
    }
    parents = {c.id: c.parent_id for c in comments}
    roots: list[CommentView] = []
    for c in comments:
        root = c.id
        while parents.get(root) is not None and parents[root] in views:
            root = parents[root]  # type: ignore[assignment]
        if root == c.id:
            roots.append(views[c.id])
        else:
            views[root].replies.append(views[c.id])
    return roots


def split_folded(threads: list[CommentView]) -> tuple[list[CommentView], list[CommentView]]:
    """Shown threads, and folded comments apart: a folded comment takes its replies with it."""
    shown: list[CommentView] = []
    folded: list[CommentView] = []
    for root in threads:
        if root.fold and root.fold.folded:
            folded.append(root)
            continue
        keep = [r for r in root.replies if not (r.fold and r.fold.folded)]
        folded.extend(r for r in root.replies if r.fold and r.fold.folded)
        root.replies = keep
        shown.append(root)
    return shown, folded


def post_views(session: Session, viewer: Viewer, posts: list[Post], *, previews: int = 3) -> list[PostView]:
    cards = post_cards(session, viewer, posts)
    latest = browse.latest_comments(session, viewer, [p.id for p in posts], previews) if previews else {}
    by_id = {p.id: p for p in posts}
    views = []
    for card in cards:
        view = PostView(card, [], authz.can_delete_post(viewer, by_id[card.id]))
        view.set_comments(comment_views(session, viewer, by_id[card.id], latest.get(card.id, [])))
        view.folded_count = barrier.folded_count(session, viewer, card.id) if card.comment_count else 0
        views.append(view)
    return views
