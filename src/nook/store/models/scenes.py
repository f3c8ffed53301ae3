"""Scenes: the schools members went to (校园回忆), same-city settings (同城), and the prompts shown for both."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from nook.store.base import Base, UTCDateTime, utcnow

#: What a scene prompt was about; analytics reads "prompts shown → conversations started" from these.
PROMPT_KINDS = ("campus", "city_circle", "city_member", "classmate_friend")


class UserSchool(Base):
    """One school a member declares; the first (lowest position) mirrors the legacy profile columns."""

    __tablename__ = "user_schools"
    __table_args__ = (Index("ix_user_schools_name_year", "name", "enroll_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(8))  # 初中 / 高中 / 大学
    name: Mapped[str] = mapped_column(String(64))
    enroll_year: Mapped[int | None] = mapped_column(Integer)
    class_name: Mapped[str] = mapped_column(String(32), default="")
    #: public / friends / private, for the school itself, the year and the class separately.
    school_privacy: Mapped[str] = mapped_column(String(8), default="public")
    year_privacy: Mapped[str] = mapped_column(String(8), default="public")
    class_privacy: Mapped[str] = mapped_column(String(8), default="friends")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SceneSettings(Base):
    """A member's choices for city-based recommendations (no row: the defaults)."""

    __tablename__ = "scene_settings"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    #: Recommend same-city circles and members to me, and me to same-city members.
    city_recommendations: Mapped[bool] = mapped_column(Boolean, default=True)
    #: Also use the cities of circles I joined and of posts I tagged #城市# (opt-in).
    city_from_activity: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CircleLocality(Base):
    """A circle its owner marked local to a city (同城圈子)."""

    __tablename__ = "circle_localities"

    circle_id: Mapped[int] = mapped_column(ForeignKey("circles.id", ondelete="CASCADE"), primary_key=True)
    city: Mapped[str] = mapped_column(String(32), index=True)
    #: Whether members of other cities may be shown it too (by default only its own city sees it).
    open_to_other_cities: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


def _once(about: str, where: str) -> Index:
    """A unique index on (kind, viewer_id, <about>_id) over the rows `where` picks (partial: the others are NULL)."""
    return Index(
        f"uq_scene_prompts_{about}",
        "kind",
        "viewer_id",
        f"{about}_id",
        unique=True,
        sqlite_where=text(where),
        postgresql_where=text(where),
    )


class ScenePrompt(Base):
    """A prompt or recommendation shown once to a viewer, and when they acted on it."""

    __tablename__ = "scene_prompts"
    __table_args__ = (
        Index("ix_scene_prompts_viewer_kind", "viewer_id", "kind", "post_id"),
        # Each prompt once per viewer: under a post (the classmate prompt), or about a member or a circle.
        _once("post", "post_id IS NOT NULL"),
        _once("subject_user", "post_id IS NULL AND subject_user_id IS NOT NULL"),
        _once("circle", "circle_id IS NOT NULL"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    viewer_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    subject_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    circle_id: Mapped[int | None] = mapped_column(ForeignKey("circles.id", ondelete="CASCADE"))
    shown_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    acted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
