"""粉丝团: a fan-club circle's idol profile (the facts an 应援卡 carries)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from nook.store.base import Base, UTCDateTime, utcnow


class IdolProfile(Base):
    """One per fan-club circle, edited by its owner and moderators."""

    __tablename__ = "idol_profiles"

    circle_id: Mapped[int] = mapped_column(ForeignKey("circles.id", ondelete="CASCADE"), primary_key=True)
    name: Mapped[str] = mapped_column(String(32))
    birthday: Mapped[date | None] = mapped_column(Date)
    debut_date: Mapped[date | None] = mapped_column(Date)
    #: [{"title": "《作品》", "date": "2024-05-20"}], at most `WORKS_MAX`.
    works: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: The circle's 应援色, "#rrggbb"; empty: derived from the circle's address.
    color: Mapped[str] = mapped_column(String(7), default="")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
