"""Profiles: the fields a member edits about themselves, each validated by its own setter."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from nook.errors import Invalid, NotFound
from nook.phrases import N_
from nook.social.limits import (
    BIO_MAX,
    CITY_MAX,
    CLASS_MAX,
    INTEREST_MAX,
    INTERESTS_MAX,
    NICKNAME_MAX,
    SCHOOL_MAX,
)
from nook.social.people import groups, skins
from nook.social.scenes import schools
from nook.social.text import clean_name, clean_text
from nook.store.base import utcnow
from nook.store.models import DEFAULT_PRIVACY, PRIVATE_FIELDS, Media, User
from nook.vocabulary import BOARD_POLICIES, PRIVACY_LEVELS

#: Profile keys that edit the first of the member's schools (see nook.social.scenes.campus).
_SCHOOL_KEYS = {"school", "school_kind", "enroll_year", "class_name", "privacy"}
SCHOOL_KINDS = ("", "高中", "大学", "初中")


def update_profile(session: Session, user: User, changes: dict[str, Any]) -> User:
    """Apply the given profile fields (others stay as they are), each validated."""
    for key, value in changes.items():
        setter = _PROFILE_SETTERS.get(key)
        if setter is None:
            raise Invalid(N_("未知的资料字段：%(key)s"), key=key)
        setter(session, user, value)
    if {"board_policy", "board_audience"} & changes.keys():
        _store_board_audience(session, user, changes.get("board_audience"))
    if _SCHOOL_KEYS & changes.keys():
        schools.sync_from_profile(session, user)
    if user.school or user.city or user.interests:
        user.profile_completed = True
    return user


def _text_setter(attr: str, label: str, max_len: int) -> Any:
    def setter(_s: Session, user: User, value: Any) -> None:
        setattr(user, attr, clean_text(str(value or ""), field=label, max_len=max_len, allow_empty=True))

    return setter


def _set_school_kind(_s: Session, user: User, value: Any) -> None:
    if value not in SCHOOL_KINDS:
        raise Invalid(N_("学校类型需为 高中、大学、初中 或留空"))
    user.school_kind = value


def _set_enroll_year(_s: Session, user: User, value: Any) -> None:
    if value is not None and (not isinstance(value, int) or not 1950 <= value <= utcnow().year + 1):
        raise Invalid(N_("入学年份无效"))
    user.enroll_year = value


def _set_interests(_s: Session, user: User, value: Any) -> None:
    if not isinstance(value, list) or len(value) > INTERESTS_MAX:
        raise Invalid(N_("兴趣标签最多 %(n)s 个"), n=INTERESTS_MAX)
    tags = [clean_text(str(v), field=N_("兴趣标签"), max_len=INTEREST_MAX) for v in value]
    user.interests = list(dict.fromkeys(tags))


def _set_birthday(_s: Session, user: User, value: Any) -> None:
    if value is None or isinstance(value, date):
        user.birthday = value
        return
    try:
        user.birthday = date.fromisoformat(str(value))
    except ValueError as exc:
        raise Invalid(N_("生日格式应为 YYYY-MM-DD")) from exc


def _set_privacy(_s: Session, user: User, value: Any) -> None:
    if not isinstance(value, dict):
        raise Invalid(N_("隐私设置格式无效"))
    merged = dict(user.privacy or DEFAULT_PRIVACY)
    for key, level in value.items():
        if key not in PRIVATE_FIELDS or level not in PRIVACY_LEVELS:
            raise Invalid(N_("隐私设置无效：%(key)s"), key=key)
        merged[key] = level
    user.privacy = merged


def _set_board_policy(_s: Session, user: User, value: Any) -> None:
    if value not in BOARD_POLICIES:
        raise Invalid(N_("留言板设置需为 everyone、friends、selected 或 except"))
    user.board_policy = value


def _check_board_audience(_s: Session, _user: User, value: Any) -> None:
    """Stored by `_store_board_audience` once the policy is set (the two may come in either order)."""
    if not isinstance(value, dict) or not set(value) <= {"group_ids", "usernames"}:
        raise Invalid(N_("留言板的可见范围格式无效"))
    for key in ("group_ids", "usernames"):
        items = value.get(key, [])
        kind = int if key == "group_ids" else str
        if not isinstance(items, list) or not all(isinstance(i, kind) and not isinstance(i, bool) for i in items):
            raise Invalid(N_("留言板的可见范围格式无效"))


def _store_board_audience(session: Session, user: User, value: dict[str, Any] | None) -> None:
    """Whom a "selected" or "except" 留言板 names; any other policy names nobody."""
    value = value or {}
    groups.set_board_audience(session, user, value.get("group_ids", []), value.get("usernames", []))


def _bool_setter(attr: str) -> Any:
    def setter(_s: Session, user: User, value: Any) -> None:
        if not isinstance(value, bool):
            raise Invalid(N_("%(field)s 需为 true 或 false"), field=attr)
        setattr(user, attr, value)

    return setter


def _own_image_setter(attr: str) -> Any:
    """An avatar or a cover: one of the member's own uploads, or None to go back to the drawn one."""

    def setter(session: Session, user: User, value: Any) -> None:
        if value is not None:
            media = session.get(Media, value) if isinstance(value, int) else None
            if media is None or media.owner_id != user.id:
                raise NotFound(N_("找不到这张图片"))
        setattr(user, attr, value)

    return setter


def _set_skin(_s: Session, user: User, value: Any) -> None:
    if value not in skins.offered_skins():
        raise Invalid(N_("没有这个装扮"))
    user.space_skin = value


def _set_accent(_s: Session, user: User, value: Any) -> None:
    if value != "" and value not in skins.offered_accents():
        raise Invalid(N_("没有这个主题色"))
    user.space_accent = value


_PROFILE_SETTERS: dict[str, Any] = {
    "nickname": lambda s, u, v: setattr(
        u, "nickname", clean_name(str(v or ""), field=N_("昵称"), max_len=NICKNAME_MAX, operator=u.is_admin)
    ),
    "bio": _text_setter("bio", N_("简介"), BIO_MAX),
    "school": _text_setter("school", N_("学校"), SCHOOL_MAX),
    "class_name": _text_setter("class_name", N_("班级"), CLASS_MAX),
    "city": _text_setter("city", N_("城市"), CITY_MAX),
    "school_kind": _set_school_kind,
    "enroll_year": _set_enroll_year,
    "interests": _set_interests,
    "birthday": _set_birthday,
    "privacy": _set_privacy,
    "board_policy": _set_board_policy,
    "board_audience": _check_board_audience,
    "allow_invisible_visits": _bool_setter("allow_invisible_visits"),
    "visit_invisibly": _bool_setter("visit_invisibly"),
    "birthday_reminders": _bool_setter("birthday_reminders"),
    "avatar_media_id": _own_image_setter("avatar_media_id"),
    "cover_media_id": _own_image_setter("cover_media_id"),
    "space_skin": _set_skin,
    "space_accent": _set_accent,
}
