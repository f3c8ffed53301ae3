"""Notifications, and the outbox of events whose side effects run after commit."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from nook.store.base import Base, UTCDateTime, utcnow

KINDS = (
    "like",
    "comment",
    "reply",
    "board",
    "board_reply",
    "friend_request",
    "friend_accept",
    "circle_join",
    "circle_request",
    "circle_approved",
    "throttle",
    "spam_review",
    "mention",
    "repost",
    "special_post",
    "message",
    "photo_comment",
)


class Notification(Base):
    __tablename__ = "notifications"
    __table_args__ = (
        Index("ix_notifications_user_created", "user_id", "created_at", "id"),
        Index("ix_notifications_user_active", "user_id", "active_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    comment_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"))
    board_message_id: Mapped[int | None] = mapped_column(ForeignKey("board_messages.id", ondelete="CASCADE"))
    circle_id: Mapped[int | None] = mapped_column(ForeignKey("circles.id", ondelete="CASCADE"))
    photo_id: Mapped[int | None] = mapped_column(ForeignKey("album_photos.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Grouped notifications ("张三、李四等5人赞了你的说说"): each member of a group points at its first
    #: row, the head (which points at itself); None for a kind that is never grouped.
    group_id: Mapped[int | None] = mapped_column(ForeignKey("notifications.id", ondelete="CASCADE"))
    #: When the row (for a head: its group) last had news; lists are ordered by it.
    active_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class NotificationMute(Base):
    """A kind of notification a member turned off: still listed, never pushed nor counted as unread."""

    __tablename__ = "notification_mutes"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)


class Event(Base):
    """Transactional outbox: written with the change, processed by a job after commit.

    Because the event commits atomically with the change, a crash between commit and the
    job loses nothing: the sweeper picks up any event still unprocessed.
    """

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_pending", "processed_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
