"""相册: a member's photo albums, each with its own visibility, and the Q&A locks members opened."""

from __future__ import annotations

from datetime import datetime
from typing import Literal, get_args

from sqlalchemy import Boolean, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from nook.store.base import Base, UTCDateTime, utcnow

#: Who may see an album: everyone, friends, only the owner, whoever answers its question, some friends
#: (部分好友可见) or all friends but some (不给谁看); the last two name groups and friends in `album_audience_*`.
AlbumVisibility = Literal["public", "friends", "private", "question", "selected", "except"]
ALBUM_VISIBILITIES: tuple[AlbumVisibility, ...] = get_args(AlbumVisibility)


class Album(Base):
    __tablename__ = "albums"
    __table_args__ = (Index("ix_albums_owner_created", "owner_id", "created_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(64))
    description: Mapped[str] = mapped_column(Text, default="")
    visibility: Mapped[str] = mapped_column(String(16))
    #: Shown to visitors of a "question" album; the answer is kept only as an Argon2 hash.
    question: Mapped[str] = mapped_column(String(100), default="")
    answer_hash: Mapped[str | None] = mapped_column(String(255))
    cover_media_id: Mapped[int | None] = mapped_column(ForeignKey("media.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AlbumPhoto(Base):
    """A photo in an album; a photo belongs to one album at most."""

    __tablename__ = "album_photos"
    __table_args__ = (Index("ix_album_photos_album", "album_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    album_id: Mapped[int] = mapped_column(ForeignKey("albums.id", ondelete="CASCADE"))
    media_id: Mapped[int] = mapped_column(ForeignKey("media.id", ondelete="CASCADE"), unique=True)
    caption: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AlbumUnlock(Base):
    """A member who answered an album's question correctly; the album stays open to them."""

    __tablename__ = "album_unlocks"
    __table_args__ = (UniqueConstraint("album_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    album_id: Mapped[int] = mapped_column(ForeignKey("albums.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    unlocked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AlbumAudienceGroup(Base):
    """A group a "selected" or "except" album names, as `PostAudienceGroup` does for a post."""

    __tablename__ = "album_audience_groups"

    album_id: Mapped[int] = mapped_column(ForeignKey("albums.id", ondelete="CASCADE"), primary_key=True)
    group_id: Mapped[int] = mapped_column(
        ForeignKey("friend_groups.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class AlbumAudienceMember(Base):
    """A friend a "selected" or "except" album names one by one."""

    __tablename__ = "album_audience_members"

    album_id: Mapped[int] = mapped_column(ForeignKey("albums.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)


class PhotoLike(Base):
    """A member liked a photo in an album; once per member and photo."""

    __tablename__ = "photo_likes"
    __table_args__ = (UniqueConstraint("user_id", "photo_id"), Index("ix_photo_likes_photo", "photo_id", "created_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    photo_id: Mapped[int] = mapped_column(ForeignKey("album_photos.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PhotoComment(Base):
    """A comment on a photo; the barrier's verdict after commit may fold it (never delete it)."""

    __tablename__ = "photo_comments"
    __table_args__ = (Index("ix_photo_comments_photo", "photo_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    photo_id: Mapped[int] = mapped_column(ForeignKey("album_photos.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    body: Mapped[str] = mapped_column(Text)
    #: Set by the barrier after commit: low_value | offensive | throttled; None while shown.
    folded: Mapped[bool] = mapped_column(Boolean, default=False)
    fold_reason: Mapped[str | None] = mapped_column(String(16))
    #: Shown to the writer alongside a folded comment (the engine's reason, in Chinese).
    low_value_reason: Mapped[str | None] = mapped_column(String(200))
    assessed: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
