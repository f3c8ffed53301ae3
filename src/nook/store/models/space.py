"""A member's space: the 留言板 message board, the 访客记录 visitor log and its 背景音乐."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from nook.store.base import Base, UTCDateTime, utcnow


class BoardMessage(Base):
    """A message on `owner`'s board; the owner's reply is a message with `parent_id` set."""

    __tablename__ = "board_messages"
    __table_args__ = (Index("ix_board_owner_created", "owner_id", "created_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("board_messages.id", ondelete="CASCADE"), index=True)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Visit(Base):
    """One row per visitor per owner per day, holding the latest visit time and a count."""

    __tablename__ = "visits"
    __table_args__ = (
        UniqueConstraint("owner_id", "visitor_id", "day"),
        Index("ix_visits_owner_time", "owner_id", "visited_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    visitor_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    day: Mapped[int] = mapped_column(Integer)  # days since epoch, UTC
    visited_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    count: Mapped[int] = mapped_column(Integer, default=1)


class SpaceTrack(Base):
    """A song a member added to their space: the MP3's frames on disk (tags stripped), played on request."""

    __tablename__ = "space_tracks"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    storage_key: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(60))
    artist: Mapped[str] = mapped_column(String(60), default="")
    seconds: Mapped[float] = mapped_column(Float)
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
