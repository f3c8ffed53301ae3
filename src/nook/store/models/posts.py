"""说说 posts with their photos, hashtags, likes and threaded comments."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from nook.store.base import Base, UTCDateTime, utcnow


class Media(Base):
    """An uploaded image, re-encoded; files live under the data folder, keyed by id."""

    __tablename__ = "media"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    storage_key: Mapped[str] = mapped_column(String(80), unique=True)
    content_type: Mapped[str] = mapped_column(String(32))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    bytes: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Post(Base):
    __tablename__ = "posts"
    __table_args__ = (
        Index("ix_posts_author_created", "author_id", "created_at", "id"),
        Index("ix_posts_circle_created", "circle_id", "created_at", "id"),
        Index("ix_posts_created", "created_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    body: Mapped[str] = mapped_column(Text)
    # A 日志 (long post) has a title and a Markdown body; a 说说 has neither title nor Markdown.
    title: Mapped[str] = mapped_column(String(60), default="")
    visibility: Mapped[str] = mapped_column(String(8))
    circle_id: Mapped[int | None] = mapped_column(ForeignKey("circles.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # What the cards show, kept by `nook.social.content.counts` so no page counts rows:
    like_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # a ring's likes left out
    comment_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    folded_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class PostRow(NamedTuple):
    """A post's columns as lists and cards read them (`POST_ROW`): a tuple, no ORM object to build."""

    id: int
    author_id: int
    body: str
    title: str
    visibility: str
    circle_id: int | None
    created_at: datetime
    edited_at: datetime | None
    like_count: int
    comment_count: int
    folded_count: int


#: The columns of `PostRow`, in its order, for `select(*POST_ROW)`.
POST_ROW = (
    Post.id,
    Post.author_id,
    Post.body,
    Post.title,
    Post.visibility,
    Post.circle_id,
    Post.created_at,
    Post.edited_at,
    Post.like_count,
    Post.comment_count,
    Post.folded_count,
)
#: A post as a card is made from: the ORM object (one just written or fetched by id) or its row.
PostFields = Post | PostRow


def post_row(post: Post) -> PostRow:
    return PostRow._make(getattr(post, column.key) for column in POST_ROW)


class PostImage(Base):
    __tablename__ = "post_images"

    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    media_id: Mapped[int] = mapped_column(ForeignKey("media.id", ondelete="CASCADE"), index=True)
    alt: Mapped[str] = mapped_column(String(200), default="")


class Hashtag(Base):
    __tablename__ = "hashtags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(32), unique=True)


class PostHashtag(Base):
    __tablename__ = "post_hashtags"

    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True)
    hashtag_id: Mapped[int] = mapped_column(ForeignKey("hashtags.id", ondelete="CASCADE"), primary_key=True, index=True)


class Like(Base):
    __tablename__ = "likes"
    __table_args__ = (UniqueConstraint("user_id", "post_id"), Index("ix_likes_post", "post_id", "created_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Comment(Base):
    """A comment on a post; `parent_id` makes it a reply (回复 @reply_to_user)."""

    __tablename__ = "comments"
    __table_args__ = (Index("ix_comments_post", "post_id", "created_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"), index=True)
    reply_to_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
