"""What a reader sees of a post or a member, assembled in a few bulk queries per page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nook.social import authz
from nook.social.authz import Viewer
from nook.social.content.polls import PollCard, poll_cards
from nook.social.moderation.rings import like_counts
from nook.store.models import Circle, Comment, Hashtag, Like, Post, PostHashtag, PostImage, User


@dataclass(frozen=True)
class UserCard:
    id: int
    username: str
    nickname: str
    avatar_media_id: int | None


@dataclass(frozen=True)
class ImageCard:
    media_id: int
    alt: str


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
    extra: dict[str, object] = field(default_factory=dict)


def user_card(user: User) -> UserCard:
    return UserCard(user.id, user.username, user.nickname, user.avatar_media_id)


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
    )


def post_cards(session: Session, viewer: Viewer, posts: list[Post]) -> list[PostCard]:
    if not posts:
        return []
    ids = [p.id for p in posts]
    authors = {u.id: u for u in session.scalars(select(User).where(User.id.in_({p.author_id for p in posts})))}
    circles = _circles(session, {p.circle_id for p in posts if p.circle_id is not None})
    likes = like_counts(session, ids)  # a detected ring's likes do not count
    comments = _comment_counts(session, viewer, ids)
    mine = (
        set()
        if viewer.id is None
        else set(session.scalars(select(Like.post_id).where(Like.user_id == viewer.id, Like.post_id.in_(ids))))
    )
    images, tags = _images(session, ids), _hashtags(session, ids)
    polls = poll_cards(session, viewer, posts)
    return [
        PostCard(
            id=p.id,
            author=user_card(authors[p.author_id]),
            body=p.body,
            visibility=p.visibility,
            circle_slug=circles[p.circle_id].slug if p.circle_id else None,
            circle_name=circles[p.circle_id].name if p.circle_id else None,
            created_at=p.created_at,
            edited_at=p.edited_at,
            images=images.get(p.id, []),
            hashtags=tags.get(p.id, []),
            like_count=likes.get(p.id, 0),
            comment_count=comments.get(p.id, 0),
            liked_by_me=p.id in mine,
            poll=polls.get(p.id),
        )
        for p in posts
    ]


def _circles(session: Session, ids: set[int]) -> dict[int, Circle]:
    return {c.id: c for c in session.scalars(select(Circle).where(Circle.id.in_(ids)))} if ids else {}


def _comment_counts(session: Session, viewer: Viewer, ids: list[int]) -> dict[int, int]:
    stmt = (
        select(Comment.post_id, func.count())
        .where(Comment.post_id.in_(ids), authz.visible_comments_filter(viewer))
        .group_by(Comment.post_id)
    )
    return {int(k): int(n) for k, n in session.execute(stmt)}


def _images(session: Session, ids: list[int]) -> dict[int, list[ImageCard]]:
    out: dict[int, list[ImageCard]] = {}
    stmt = select(PostImage).where(PostImage.post_id.in_(ids)).order_by(PostImage.post_id, PostImage.position)
    for row in session.scalars(stmt):
        out.setdefault(row.post_id, []).append(ImageCard(row.media_id, row.alt))
    return out


def _hashtags(session: Session, ids: list[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    stmt = select(PostHashtag.post_id, Hashtag.name).join(Hashtag).where(PostHashtag.post_id.in_(ids))
    for post_id, name in session.execute(stmt):
        out.setdefault(post_id, []).append(name)
    return out
