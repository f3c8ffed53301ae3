"""兴趣圈 circles and their members."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from nook.store.base import Base, UTCDateTime, utcnow

ROLES = ("owner", "moderator", "member")


class Circle(Base):
    __tablename__ = "circles"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(32))
    description: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(16), default="interest")  # interest/fanclub/city/campus
    city: Mapped[str] = mapped_column(String(32), default="")
    join_policy: Mapped[str] = mapped_column(String(8), default="open")  # open / approval
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CircleMember(Base):
    __tablename__ = "circle_members"

    circle_id: Mapped[int] = mapped_column(ForeignKey("circles.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    role: Mapped[str] = mapped_column(String(12), default="member")
    #: "active", or "pending" while an approval circle has not let the member in.
    status: Mapped[str] = mapped_column(String(8), default="active")
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
