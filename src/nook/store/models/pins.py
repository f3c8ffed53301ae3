"""置顶: the one post a member pins to the top of their space."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from nook.store.base import Base, UTCDateTime, utcnow


class PinnedPost(Base):
    __tablename__ = "pinned_posts"

    #: One row per member: pinning another post replaces it.
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), unique=True)
    pinned_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
