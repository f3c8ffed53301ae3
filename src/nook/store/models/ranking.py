"""The ranked feed's per-post scores and the weekly leaderboards (cache of the open week, archive of closed ones)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Float, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from nook.store.base import Base, UTCDateTime, utcnow

#: warm_comment: 最具温度留言; chatter: 最会聊天的用户; hook: 最受欢迎的钩子.
BOARDS = ("warm_comment", "chatter", "hook")


class PostScore(Base):
    """A post's interaction score, updated after each event that touches it (never the whole site).

    `rank_key` = ln(1 + engagement) + created_at·ln2/half-life: ordering by it is ordering by
    engagement × freshness decay at any moment, so the key never needs refreshing as time passes.
    The post's author and circle are kept beside the key (copies of the post's, which never change)
    so the ranked feed reads only the best few posts of each friend and circle from an index.
    """

    __tablename__ = "post_scores"
    __table_args__ = (
        Index("ix_post_scores_rank", "rank_key"),
        Index("ix_post_scores_author_rank", "author_id", "rank_key"),
        Index("ix_post_scores_circle_rank", "circle_id", "rank_key"),
    )

    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True)
    author_id: Mapped[int] = mapped_column(Integer)
    circle_id: Mapped[int | None] = mapped_column(Integer)
    rank_key: Mapped[float] = mapped_column(Float)
    engagement: Mapped[float] = mapped_column(Float)
    #: likes, comment_quality, replies, hook and the honest counts behind them.
    components: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: Scenes and keywords of the post, matched against the viewer's interests.
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class LeaderboardEntry(Base):
    """One place on one weekly board; rows of the open week are replaced on each run, closed ones kept."""

    __tablename__ = "leaderboard_entries"
    __table_args__ = (
        UniqueConstraint("week_start", "board", "scope", "rank"),
        Index("ix_leaderboard_user", "user_id", "closed"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Monday of the week, in the community's time zone.
    week_start: Mapped[date] = mapped_column(Date)
    board: Mapped[str] = mapped_column(String(16))
    #: "site", or "c<circle id>" for a circle's board.
    scope: Mapped[str] = mapped_column(String(16))
    circle_id: Mapped[int | None] = mapped_column(ForeignKey("circles.id", ondelete="CASCADE"))
    rank: Mapped[int] = mapped_column(Integer)
    #: The comment, member or post this place is for.
    subject_id: Mapped[int] = mapped_column(Integer)
    #: The member credited (the comment's or post's author, or the member).
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    score: Mapped[float] = mapped_column(Float)
    components: Mapped[dict[str, Any]] = mapped_column(JSON)
    closed: Mapped[bool] = mapped_column(Boolean, default=False)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
