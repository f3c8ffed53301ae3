"""@提及: @name in posts, comments, replies and 留言板, the members told, and whom to suggest.

A member is told only when they may see the item and no block stands between them and its author;
an item may name at most `MENTION_MAX` members (more is refused: @-spam), and each member is told
once per item, however often it is edited. The notification is made after commit (`Kind.MENTION`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from nook.errors import Invalid, NotFound
from nook.phrases import N_
from nook.security import rate_limits
from nook.social import authz
from nook.social.authz import Viewer
from nook.social.content.user_cards import UserCard, user_card
from nook.store.base import utcnow
from nook.store.models import BoardMessage, Circle, Comment, Mention, Post, User
from nook.store.outbox import Kind, emit
from nook.vocabulary import VISIBILITIES

#: The most members one post, comment or message may @.
MENTION_MAX = 5
#: @ then a username (see `accounts.normalize_username`); not inside an e-mail address or a word.
_MENTION = re.compile(r"(?<![A-Za-z0-9_.])@([A-Za-z0-9_][A-Za-z0-9_.-]{2,31})")
#: How far back a conversation (a comment either way, a 留言) makes someone a recent partner.
PARTNER_DAYS = 30
SUGGEST_MAX = 8


def mentioned_names(text: str) -> list[str]:
    """Distinct lower-cased usernames after @, in order (a trailing . or - is punctuation, not the name)."""
    seen: dict[str, None] = {}
    for match in _MENTION.finditer(text):
        name = match.group(1).rstrip(".-").lower()
        if len(name) >= 3:
            seen.setdefault(name, None)
    return list(seen)


def mention_in_post(session: Session, author: User, post: Post) -> None:
    _record(session, author, post.body, f"post:{post.id}", lambda v: authz.can_see_post(v, post), post_id=post.id)


def mention_in_comment(session: Session, author: User, post: Post, comment: Comment) -> None:
    def sees(v: Viewer) -> bool:
        return authz.can_see_post(v, post) and authz.can_see_comment(v, comment)

    refs = {"post_id": post.id, "comment_id": comment.id}
    _record(session, author, comment.body, f"comment:{comment.id}", sees, **refs)


def mention_on_board(session: Session, author: User, owner: User, message: BoardMessage) -> None:
    def sees(v: Viewer) -> bool:
        return authz.can_read_board(v, owner) and not v.is_blocked(author.id)

    _record(session, author, message.body, f"board:{message.id}", sees, board_message_id=message.id)


def _record(
    session: Session, author: User, text: str, source: str, sees: Callable[[Viewer], bool], **refs: int
) -> None:
    names = mentioned_names(text)
    if not names:
        return
    users = list(
        session.scalars(select(User).where(User.username.in_(names), User.is_active.is_(True), User.id != author.id))
    )
    if len(users) > MENTION_MAX:
        raise Invalid(N_("一次最多 @ %(max)s 个人"), max=MENTION_MAX)
    told = set(session.scalars(select(Mention.mentioned_id).where(Mention.source == source)))
    for user in sorted(users, key=lambda u: u.id):
        if user.id in told or not sees(authz.load_viewer(session, user)):
            continue
        rate_limits.enforce(rate_limits.MENTION, author.id)
        session.add(Mention(source=source, mentioned_id=user.id, author_id=author.id, **refs))
        payload = {"post_id": None, "comment_id": None, "board_message_id": None} | refs
        emit(session, Kind.MENTION, user_id=user.id, actor_id=author.id, **payload)


# --- autocomplete ---------------------------------------------------------------------------------


def suggest(
    session: Session,
    viewer: Viewer,
    prefix: str,
    *,
    post_id: int | None = None,
    visibility: str | None = None,
    circle_id: int | None = None,
    board_owner: User | None = None,
) -> list[UserCard]:
    """Friends and recent conversation partners whose name starts with `prefix`, who could see the item
    being written: a comment under `post_id`, a new post of `visibility` (in `circle_id`), or a message
    on `board_owner`'s 留言板. Blocked members either way are never suggested."""
    if viewer.id is None:
        return []
    sees = _audience(session, viewer, post_id, visibility, circle_id, board_owner)
    stem = prefix.strip().lstrip("@").casefold()[:32]
    partners = _partner_ids(session, viewer)
    if not partners:
        return []
    stmt = select(User).where(User.id.in_(partners), User.is_active.is_(True))
    if stem:
        stmt = stmt.where(
            or_(User.username.startswith(stem, autoescape=True), User.nickname.startswith(stem, autoescape=True))
        )
    candidates = session.scalars(stmt.order_by(User.username).limit(4 * SUGGEST_MAX))
    shown = [u for u in candidates if not viewer.is_blocked(u.id) and sees(authz.load_viewer(session, u))]
    return [user_card(u) for u in shown[:SUGGEST_MAX]]


def _audience(
    session: Session,
    viewer: Viewer,
    post_id: int | None,
    visibility: str | None,
    circle_id: int | None,
    board_owner: User | None,
) -> Callable[[Viewer], bool]:
    """Who may see the item being written, as a predicate on a candidate's viewer."""
    if post_id is not None:
        post = session.get(Post, post_id)
        if post is None or not authz.can_see_post(viewer, post):
            raise NotFound(N_("找不到这条说说"))
        return lambda v: authz.can_see_post(v, post)
    if board_owner is not None:
        return lambda v: authz.can_read_board(v, board_owner) and not v.is_blocked(viewer.id or 0)
    if visibility is not None and visibility not in VISIBILITIES:
        raise Invalid(N_("可见范围需为 public、friends、private 或 circle"))
    if circle_id is not None and session.get(Circle, circle_id) is None:
        raise NotFound(N_("找不到这个圈子"))
    draft = Post(author_id=viewer.id, body="", visibility=visibility or "public", circle_id=circle_id)
    return lambda v: authz.can_see_post(v, draft)


def _partner_ids(session: Session, viewer: Viewer) -> set[int]:
    """Friends, and members the viewer talked with lately: comments on each other's posts, 留言 either way."""
    me = viewer.id
    since = utcnow() - timedelta(days=PARTNER_DAYS)
    on_my_posts = (
        select(Comment.author_id)
        .join(Post, Post.id == Comment.post_id)
        .where(Post.author_id == me, Comment.created_at >= since)
    )
    my_comments_on = (
        select(Post.author_id)
        .join(Comment, Comment.post_id == Post.id)
        .where(Comment.author_id == me, Comment.created_at >= since)
    )
    replied_to = select(Comment.reply_to_user_id).where(Comment.author_id == me, Comment.created_at >= since)
    board_in = select(BoardMessage.author_id).where(BoardMessage.owner_id == me, BoardMessage.created_at >= since)
    board_out = select(BoardMessage.owner_id).where(BoardMessage.author_id == me, BoardMessage.created_at >= since)
    ids = set(viewer.friend_ids)
    for stmt in (on_my_posts, my_comments_on, replied_to, board_in, board_out):
        ids.update(i for i in session.scalars(stmt.distinct().limit(200)) if i is not None)
    ids.discard(me or 0)
    return ids
