"""Comment suggestions shown to readers, and what became of them (for operators' analytics)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from nook.store.base import Base, UTCDateTime, utcnow

OUTCOMES = ("shown", "used", "edited")  # "ignored" is a suggestion still "shown" once the page is gone


class SuggestionShown(Base):
    __tablename__ = "suggestions_shown"
    __table_args__ = (Index("ix_suggestions_reader_post", "user_id", "post_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(String(300))
    intent: Mapped[str] = mapped_column(String(24))
    source: Mapped[str] = mapped_column(String(24))
    shown_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    outcome: Mapped[str] = mapped_column(String(8), default="shown")
    comment_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id", ondelete="SET NULL"))
