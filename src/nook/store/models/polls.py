"""投票: a post's poll, its options and the members' ballots (one per member, enforced by the key)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, ForeignKeyConstraint, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from nook.store.base import Base, UTCDateTime, utcnow


class Poll(Base):
    __tablename__ = "polls"

    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True)
    multiple: Mapped[bool] = mapped_column(Boolean, default=False)
    #: No more ballots from this moment; None: open as long as the post lives.
    closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class PollOption(Base):
    __tablename__ = "poll_options"
    __table_args__ = (UniqueConstraint("post_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("polls.post_id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String(40))


class PollBallot(Base):
    """One member's vote in one poll: the primary key makes a second one impossible, however it races."""

    __tablename__ = "poll_ballots"

    post_id: Mapped[int] = mapped_column(ForeignKey("polls.post_id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PollChoice(Base):
    """An option a ballot chose (one in a single-choice poll, one or more in a multiple-choice one)."""

    __tablename__ = "poll_choices"
    __table_args__ = (
        ForeignKeyConstraint(
            ["post_id", "user_id"], ["poll_ballots.post_id", "poll_ballots.user_id"], ondelete="CASCADE"
        ),
    )

    post_id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(primary_key=True)
    option_id: Mapped[int] = mapped_column(
        ForeignKey("poll_options.id", ondelete="CASCADE"), primary_key=True, index=True
    )
