"""What a reader sees of a post or a member, assembled in a few bulk queries per page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import BindParameter, and_, bindparam, func, not_, select
from sqlalchemy.orm import Session

from nook.social import authz
from nook.social.authz import Viewer
from nook.social.content.polls import PollCard, poll_cards
from nook.social.content.reposts import Chain, chains, repost_counts
from nook.social.content.user_cards import UserCard, user_card, user_cards
from nook.social.people import skins
from nook.store.models import (
    Circle,
    Comment,
    CommentVerdict,
    Hashtag,
    Like,
    PostFields,
    PostHashtag,
    PostImage,
    User,
)


@dataclass(frozen=True)
class ImageCard:
    media_id: int
    alt: str


@dataclass(frozen=True)
class HopCard:
    """One "//@author: words" of a repost chain."""

    post_id: int
    author: UserCard
    body: str


@dataclass(frozen=True)
class RepostCard:
    """What a repost quotes: "转发自 @A // @B: …"; `original` is None once deleted or hidden from this reader."""

    hops: list[HopCard]
    original: QuotedCard | None
    depth: int


@dataclass(frozen=True)
class QuotedCard:
    id: int
    author: UserCard
    body: str
    images: list[ImageCard]
    created_at: datetime


@dataclass(frozen=True)
class PostCard:
    id: int
    author: UserCard
    body: str
    visibility: str
    circle_slug: str | None
    circle_name: str | None
    created_at: datetime
    edited_at: datetime | None
    images: list[ImageCard]
    hashtags: list[str]
    like_count: int
    comment_count: int
    liked_by_me: bool
    title: str = ""  # a 日志's title; its body is Markdown
    folded_count: int = 0  # comments under the post folded for this viewer ("N 条低质评论已折叠")
    #: what this post reposts (None for an original), and how many honest reposts it has
    repost: RepostCard | None = None
    repost_count: int = 0
    poll: PollCard | None = None


@dataclass(frozen=True)
class ProfileCard:
    """A member's profile as this viewer may see it: hidden fields are None."""

    user: UserCard
    bio: str
    school: str | None
    school_kind: str | None
    enroll_year: int | None
    class_name: str | None
    city: str | None
    birthday: date | None
    interests: list[str] | None
    created_at: datetime
    is_friend: bool
    is_me: bool
    board_policy: str
    style: SpaceStyle
    extra: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class SpaceStyle:
    """空间装扮 as the space shows it: the skin, the accent it resolves to, the cover photo if any."""

    skin: str
    accent: str
    cover_media_id: int | None


def profile_card(viewer: Viewer, user: User) -> ProfileCard:
    def shown(name: str, value: object) -> object:
        return value if authz.can_see_field(viewer, user, name) else None

    school_ok = authz.can_see_field(viewer, user, "school")
    class_ok = authz.can_see_field(viewer, user, "class")
    return ProfileCard(
        user=user_card(user),
        bio=user.bio,
        school=user.school if school_ok else None,
        school_kind=user.school_kind if school_ok else None,
        enroll_year=user.enroll_year if class_ok else None,
        class_name=user.class_name if class_ok else None,
        city=shown("city", user.city),  # type: ignore[arg-type]
        birthday=shown("birthday", user.birthday),  # type: ignore[arg-type]
        interests=shown("interests", list(user.interests or [])),  # type: ignore[arg-type]
        created_at=user.created_at,
        is_friend=viewer.is_friend(user.id),
        is_me=viewer.id == user.id,
        board_policy=user.board_policy,
        style=SpaceStyle(
            skin=user.space_skin if user.space_skin in skins.offered_skins() else skins.DEFAULT_SKIN,
            accent=skins.accent_of(user.space_skin, user.space_accent),
            cover_media_id=user.cover_media_id,
        ),
    )


def post_cards(session: Session, viewer: Viewer, posts: Sequence[PostFields]) -> list[PostCard]:
    """The cards of a page's posts: one query per kind of data (authors, likes, images...), never per card."""
    if not posts:
        return []
    ids = [p.id for p in posts]
    authors = user_cards(session, {p.author_id for p in posts})
    circles = _circles(session, {p.circle_id for p in posts if p.circle_id is not None})
    hidden = hidden_comment_counts(session, viewer, ids)
    mine = set() if viewer.id is None else set(session.scalars(_LIKED, {"viewer_id": viewer.id, "ids": ids}))
    images, tags = _images(session, ids), _hashtags(session, ids)
    reposted = chains(session, viewer, ids)
    quoted = _repost_cards(session, reposted)
    reposts = repost_counts(session, ids)
    polls = poll_cards(session, viewer, posts)
    return [
        PostCard(
            id=p.id,
            author=authors[p.author_id],
            body=p.body,
            visibility=p.visibility,
            circle_slug=circles[p.circle_id][0] if p.circle_id else None,
            circle_name=circles[p.circle_id][1] if p.circle_id else None,
            created_at=p.created_at,
            edited_at=p.edited_at,
            images=images.get(p.id, []),
            hashtags=tags.get(p.id, []),
            like_count=p.like_count,  # kept by `counts`: a detected ring's likes do not count
            comment_count=p.comment_count - hidden.get(p.id, (0, 0))[0],
            liked_by_me=p.id in mine,
            title=p.title,
            folded_count=p.folded_count - hidden.get(p.id, (0, 0))[1],
            repost=quoted.get(p.id),
            repost_count=reposts.get(p.id, 0),
            poll=polls.get(p.id),
        )
        for p in posts
    ]


def _repost_cards(session: Session, reposted: dict[int, Chain]) -> dict[int, RepostCard]:
    if not reposted:
        return {}
    roots = {c.root.id: c.root for c in reposted.values() if c.root is not None}
    user_ids = {p.author_id for p in roots.values()} | {h.author_id for c in reposted.values() for h in c.hops}
    users = user_cards(session, user_ids)
    images = _images(session, list(roots))
    out = {}
    for pid, chain in reposted.items():
        root = chain.root
        original = (
            QuotedCard(root.id, users[root.author_id], root.body, images.get(root.id, []), root.created_at)
            if root is not None
            else None
        )
        hops = [HopCard(h.post_id, users[h.author_id], h.body) for h in chain.hops]
        out[pid] = RepostCard(hops, original, chain.depth)
    return out


def hidden_comment_counts(session: Session, viewer: Viewer, post_ids: list[int]) -> dict[int, tuple[int, int]]:
    """Per post, the comments (and folded comments) the stored counts include but this viewer may not see.

    Only a viewer who blocks someone, or is blocked, has any: one query for them, none for the rest.
    """
    if not viewer.blocked_ids or not post_ids:
        return {}
    stmt = (
        select(Comment.post_id, func.count(Comment.id), func.count(CommentVerdict.comment_id))
        .outerjoin(CommentVerdict, and_(CommentVerdict.comment_id == Comment.id, CommentVerdict.folded.is_(True)))
        .where(Comment.post_id.in_(post_ids), not_(authz.visible_comments_filter(viewer)))
        .group_by(Comment.post_id)
    )
    return {int(p): (int(n), int(f)) for p, n, f in session.execute(stmt)}


def _circles(session: Session, ids: set[int]) -> dict[int, tuple[str, str]]:
    if not ids:
        return {}
    return {c_id: (slug, name) for c_id, slug, name in session.execute(_CIRCLES, {"ids": sorted(ids)})}


def _images(session: Session, ids: list[int]) -> dict[int, list[ImageCard]]:
    out: dict[int, list[ImageCard]] = {}
    for post_id, media_id, alt in session.execute(_IMAGES, {"ids": ids}):
        out.setdefault(post_id, []).append(ImageCard(media_id, alt))
    return out


def _hashtags(session: Session, ids: list[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for post_id, name in session.execute(_HASHTAGS, {"ids": ids}):
        out.setdefault(post_id, []).append(name)
    return out


# A card's statements, built once and run with the page's ids (`ids`) and the viewer's (`viewer_id`):
# building a statement and its cache key cost more than running these indexed queries.
_IDS: BindParameter[list[int]] = bindparam("ids", expanding=True)
_LIKED = select(Like.post_id).where(Like.user_id == bindparam("viewer_id"), Like.post_id.in_(_IDS))
_CIRCLES = select(Circle.id, Circle.slug, Circle.name).where(Circle.id.in_(_IDS))
_IMAGES = (
    select(PostImage.post_id, PostImage.media_id, PostImage.alt)
    .where(PostImage.post_id.in_(_IDS))
    .order_by(PostImage.post_id, PostImage.position)
)
_HASHTAGS = select(PostHashtag.post_id, Hashtag.name).join(Hashtag).where(PostHashtag.post_id.in_(_IDS))
