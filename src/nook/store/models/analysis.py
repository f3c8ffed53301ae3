"""What the engine understood of each post, and each member's interest profile."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from nook.store.base import Base, UTCDateTime, utcnow


class PostAnalysis(Base):
    """The engine's `analyze` result for a post, refreshed when the post is edited."""

    __tablename__ = "post_analyses"

    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True)
    emotion: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16))
    intensity: Mapped[float] = mapped_column(Float)
    has_hook: Mapped[bool] = mapped_column(Boolean)
    hook_type: Mapped[str | None] = mapped_column(String(16))
    #: the whole `analyze` output (emotion scores, scenes, keywords, hook span and rewrites)
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
    analysed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class MemberProfile(Base):
    """A member's interests and current mood (`nook.engine.InterestProfile`), updated by events."""

    __tablename__ = "member_profiles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
