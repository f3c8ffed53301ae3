"""Friend groups (分组) and the audience of a post seen by some friends only (部分好友可见 / 不给谁看)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from nook.store.base import Base, UTCDateTime, utcnow


class FriendGroup(Base):
    """A named group of a member's friends; only its owner ever sees it."""

    __tablename__ = "friend_groups"
    __table_args__ = (UniqueConstraint("owner_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class FriendGroupMember(Base):
    __tablename__ = "friend_group_members"

    group_id: Mapped[int] = mapped_column(ForeignKey("friend_groups.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)


class PostAudienceGroup(Base):
    """A group a post names: its readers ("selected") or the friends it is hidden from ("except")."""

    __tablename__ = "post_audience_groups"

    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True)
    group_id: Mapped[int] = mapped_column(
        ForeignKey("friend_groups.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class PostAudienceMember(Base):
    """A friend a post names one by one, with the same meaning as `PostAudienceGroup`."""

    __tablename__ = "post_audience_members"

    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)


class BoardAudienceGroup(Base):
    """A group a member's 留言板 names when its policy is "selected" (who may read and write) or
    "except" (the friends kept out)."""

    __tablename__ = "board_audience_groups"

    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    group_id: Mapped[int] = mapped_column(
        ForeignKey("friend_groups.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class BoardAudienceMember(Base):
    """A friend a member's 留言板 names one by one, with the same meaning as `BoardAudienceGroup`."""

    __tablename__ = "board_audience_members"

    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
