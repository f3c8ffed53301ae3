"""主题周 theme weeks (site-wide or a circle's) and members' hashtag follows."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from nook.store.base import Base, UTCDateTime, utcnow

#: manual: created by an operator or circle moderator; birthday / anniversary: made by the scheduled job.
THEME_SOURCES = ("manual", "birthday", "anniversary")


class ThemeWeek(Base):
    """A hashtag promoted for a span of days; archived with its best posts when it ends.

    The analytics work reads this table (participation per week): keep the column names.
    """

    __tablename__ = "theme_weeks"
    __table_args__ = (Index("ix_theme_weeks_span", "ends_at", "starts_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    hashtag: Mapped[str] = mapped_column(String(32), index=True)
    title: Mapped[str] = mapped_column(String(60))
    description: Mapped[str] = mapped_column(Text, default="")
    #: A writing prompt, or a topic pack: several prompts one per line.
    prompt: Mapped[str] = mapped_column(Text, default="")
    #: None: site-wide (operators); otherwise the circle's own week.
    circle_id: Mapped[int | None] = mapped_column(ForeignKey("circles.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    source: Mapped[str] = mapped_column(String(16), default="manual")
    #: Automatic weeks only ("birthday:<circle>:<year>"): the job creates each at most once.
    auto_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: The best posts when archived: [{"post_id", "score", "author_id"}], best first.
    highlights: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class HashtagFollow(Base):
    """A member follows a #话题#: its posts they may see come into their feed."""

    __tablename__ = "hashtag_follows"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    hashtag_id: Mapped[int] = mapped_column(ForeignKey("hashtags.id", ondelete="CASCADE"), primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
