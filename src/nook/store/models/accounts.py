"""Members, their login sessions and API tokens."""

from __future__ import annotations

import secrets
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from nook.store.base import Base, UTCDateTime, utcnow


def new_stamp() -> int:
    """A random viewer stamp (62 bits: fits a signed BIGINT on both backends)."""
    return secrets.randbits(62)


#: Profile fields a member can show to everyone, to friends only, or to nobody.
PRIVATE_FIELDS = ("school", "class", "city", "birthday", "interests")
DEFAULT_PRIVACY: dict[str, str] = {
    "school": "public",
    "class": "friends",
    "city": "public",
    "birthday": "friends",
    "interests": "public",
}


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(32), unique=True)
    nickname: Mapped[str] = mapped_column(String(32))
    password_hash: Mapped[str] = mapped_column(String(200))
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    #: 0 new, 1 basic, 2 member, 3 regular (Discourse-style); scales rate limits.
    trust_level: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: A fresh random number at each change to what the member's Viewer is built from
    #: (`nook.store.viewer_stamp`): never reused, even by a new member who gets a wiped site's id.
    viewer_stamp: Mapped[int] = mapped_column(BigInteger, default=new_stamp, server_default="0")

    bio: Mapped[str] = mapped_column(String(400), default="")
    # No foreign key: media rows reference users, and a cycle would complicate SQLite migrations.
    avatar_media_id: Mapped[int | None] = mapped_column(Integer)
    # 空间装扮: keys of nook.social.people.skins; "" accent means the skin's own
    space_skin: Mapped[str] = mapped_column(String(16), default="warm")
    space_accent: Mapped[str] = mapped_column(String(16), default="")
    cover_media_id: Mapped[int | None] = mapped_column(Integer)
    school: Mapped[str] = mapped_column(String(64), default="")
    school_kind: Mapped[str] = mapped_column(String(8), default="")  # 高中 / 大学 / ""
    enroll_year: Mapped[int | None] = mapped_column(Integer)
    class_name: Mapped[str] = mapped_column(String(32), default="")
    city: Mapped[str] = mapped_column(String(32), default="")
    interests: Mapped[list[str]] = mapped_column(JSON, default=list)
    birthday: Mapped[date | None] = mapped_column(Date)
    privacy: Mapped[dict[str, Any]] = mapped_column(JSON, default=lambda: dict(DEFAULT_PRIVACY))

    #: "everyone" may read the board, or "friends" only. Only friends may write either way.
    board_policy: Mapped[str] = mapped_column(String(16), default="everyone")
    #: Whether visitors who asked to be invisible stay out of this member's visitor log.
    allow_invisible_visits: Mapped[bool] = mapped_column(Boolean, default=True)
    #: Whether this member's own visits are invisible (where the owner allows it).
    visit_invisibly: Mapped[bool] = mapped_column(Boolean, default=False)
    # 生日提醒: opt-in; friends who may see the birthday are reminded on the day
    birthday_reminders: Mapped[bool] = mapped_column(Boolean, default=False)
    profile_completed: Mapped[bool] = mapped_column(Boolean, default=False)

    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AuthToken(Base):
    """A browser session or a named API token; only a hash of the secret is stored."""

    __tablename__ = "auth_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(8))  # "session" | "api"
    name: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: What the token may do, space-separated (`nook.social.people.accounts.SCOPES`): a session may do
    #: everything, an API token what it was created with, never `account`.
    scopes: Mapped[str] = mapped_column(String(32), default="")
    #: The browser (and system) a session was signed in from, summarised, for the sessions list.
    user_agent: Mapped[str] = mapped_column(String(64), default="")
