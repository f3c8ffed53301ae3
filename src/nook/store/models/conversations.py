"""Conversations between members: 转发 (reposts), 私信 (1:1 messages), 特别关心 and 关注."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from nook.store.base import Base, UTCDateTime, utcnow

#: Who writes to a member directly: friends only (anyone else goes to the request box), or circle co-members too.
DM_POLICIES = ("friends", "circles")


class Repost(Base):
    """A post that reposts another: `source` is the post reposted, `root` the original at the chain's start.

    Both are kept SET NULL: deleting the original leaves the repost's own words and hides what it quoted.
    """

    __tablename__ = "reposts"

    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="SET NULL"), index=True)
    root_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="SET NULL"), index=True)
    #: 1 for a repost of an original, 2 for a repost of that repost...
    depth: Mapped[int] = mapped_column(Integer)
    #: Whether the reposter wrote something (conversation) or only passed it on (little more than a like).
    with_words: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Conversation(Base):
    """One 1:1 conversation; the pair is stored low id first, so each pair has one row."""

    __tablename__ = "conversations"
    __table_args__ = (
        UniqueConstraint("low_user_id", "high_user_id"),
        CheckConstraint("low_user_id < high_user_id", name="ordered_pair"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    low_user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    high_user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    #: open: both may write; request: a stranger's first message, waiting in the recipient's request box.
    state: Mapped[str] = mapped_column(String(8), default="open")
    #: Who started it (the member whose request waits, while `state` is request).
    started_by: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_message_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: The last message each side has read (0: none).
    low_read_id: Mapped[int] = mapped_column(Integer, default=0)
    high_read_id: Mapped[int] = mapped_column(Integer, default=0)


class Message(Base):
    """One 私信: text (emoji included) and at most one photo; folded (never deleted) by the barrier."""

    __tablename__ = "messages"
    __table_args__ = (Index("ix_messages_conversation", "conversation_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    sender_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    body: Mapped[str] = mapped_column(Text)
    media_id: Mapped[int | None] = mapped_column(ForeignKey("media.id", ondelete="SET NULL"), index=True)
    #: ad | copy_paste: the barrier's reason; shown folded to the recipient.
    fold_reason: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ContactSettings(Base):
    """Who may write to or follow a member, and whether they send read receipts (defaults when absent)."""

    __tablename__ = "contact_settings"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    dm_policy: Mapped[str] = mapped_column(String(8), default="friends")
    read_receipts: Mapped[bool] = mapped_column(Boolean, default=True)
    followable: Mapped[bool] = mapped_column(Boolean, default=True)


class SpecialCare(Base):
    """特别关心: a friend whose new posts notify the member and come first in their feed."""

    __tablename__ = "special_care"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    friend_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Follow(Base):
    """关注: one-way, of a member's public space; counted apart from friends."""

    __tablename__ = "follows"

    follower_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    followee_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
