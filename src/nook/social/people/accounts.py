"""Accounts: registration, login and sessions, API tokens, passwords and profiles."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from nook.config import get_settings
from nook.errors import BadCredentials, Conflict, Invalid, NotFound, Unauthorized
from nook.phrases import N_
from nook.security import limits
from nook.security.passwords import hash_password, needs_rehash, verify_password
from nook.security.tokens import API_PREFIX, SESSION_PREFIX, digest, new_secret
from nook.social.limits import (
    BIO_MAX,
    CITY_MAX,
    CLASS_MAX,
    INTEREST_MAX,
    INTERESTS_MAX,
    NICKNAME_MAX,
    PASSWORD_MAX,
    PASSWORD_MIN,
    SCHOOL_MAX,
    TOKEN_NAME_MAX,
    USERNAME_MAX,
    USERNAME_MIN,
)
from nook.social.text import clean_text
from nook.store.base import utcnow
from nook.store.first_writes import insert_or_existing, take_turns
from nook.store.models import DEFAULT_PRIVACY, PRIVATE_FIELDS, AuthToken, Media, User
from nook.vocabulary import PRIVACY_LEVELS

_USERNAME = re.compile(r"^[a-z0-9_][a-z0-9_.-]*$")
_RESERVED = {"admin", "api", "me", "static", "media", "login", "logout", "register", "settings", "nook"}
#: Profile keys that edit the first of the member's schools (see nook.social.scenes.campus).
_SCHOOL_KEYS = {"school", "school_kind", "enroll_year", "class_name", "privacy"}
SCHOOL_KINDS = ("", "高中", "大学", "初中")


@dataclass(frozen=True)
class IssuedToken:
    """A freshly issued secret: shown once, never stored in the clear."""

    secret: str
    token: AuthToken


def normalize_username(username: str) -> str:
    name = username.strip().lower()
    if not USERNAME_MIN <= len(name) <= USERNAME_MAX or not _USERNAME.match(name):
        raise Invalid(
            N_("用户名需为 %(min)s–%(max)s 位小写字母、数字、下划线、点或连字符"), min=USERNAME_MIN, max=USERNAME_MAX
        )
    return name


def _check_password(password: str) -> None:
    if not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        raise Invalid(N_("密码长度需为 %(min)s–%(max)s 位"), min=PASSWORD_MIN, max=PASSWORD_MAX)


def register(
    session: Session,
    *,
    username: str,
    password: str,
    nickname: str = "",
    ip: str = "",
    is_admin: bool = False,
    password_hash: str | None = None,
) -> User:
    """Create a member. `password_hash` lets a bulk import reuse one hash of a shared password."""
    if ip:
        limits.enforce(limits.REGISTER_IP, ip)
    name = normalize_username(username)
    if name in _RESERVED and not is_admin:  # an operator may name an admin account "admin"
        raise Conflict(N_("这个用户名已被占用"))
    _check_password(password)
    nick = clean_text(nickname or name, field=N_("昵称"), max_len=NICKNAME_MAX)
    if session.scalar(select(User.id).where(User.username == name)) is not None:
        raise Conflict(N_("这个用户名已被占用"))
    hashed = password_hash or hash_password(password)
    user = User(
        username=name,
        nickname=nick,
        password_hash=hashed,
        is_admin=is_admin or _no_member_yet(session),
        privacy=dict(DEFAULT_PRIVACY),
        interests=[],
    )
    taken = select(User).where(User.username == name)
    if not insert_or_existing(session, user, lambda: session.scalar(taken))[1]:  # registered a moment ago
        raise Conflict(N_("这个用户名已被占用"))
    return user


def _no_member_yet(session: Session) -> bool:
    """Whether this registration is the site's first (its admin); two first registrations at once take turns."""
    if session.scalar(select(User.id).limit(1)) is not None:
        return False
    take_turns(session, User)  # until this registration commits: the other one then sees it
    return session.scalar(select(User.id).limit(1)) is None


def authenticate(session: Session, *, username: str, password: str, ip: str = "") -> User:
    """Check a password; soft-lock an account after repeated failures; rehash old hashes."""
    if ip:
        limits.enforce(limits.LOGIN_IP, ip)
    user = session.scalar(select(User).where(User.username == username.strip().lower()))
    now = utcnow()
    if user is not None and user.locked_until is not None and user.locked_until > now:
        wait = int((user.locked_until - now).total_seconds()) + 1
        raise Unauthorized(N_("登录失败次数过多，账号已暂时锁定，请 %(seconds)s 秒后再试"), seconds=wait)
    if user is None or not verify_password(user.password_hash if user else None, password):
        raise BadCredentials(username)
    if not user.is_active:
        raise Unauthorized(N_("该账号已停用"))
    user.failed_logins = 0
    user.locked_until = None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def record_failed_login(session: Session, username: str) -> None:
    """Count a failed login (in its own transaction: the failed request's one is rolled back)."""
    user = session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None:
        return
    now = utcnow()
    user.failed_logins += 1
    over = user.failed_logins - limits.LOGIN_FAILURES_BEFORE_LOCK
    if over >= 0:
        # Each further failure doubles the lock, up to a day.
        seconds = min(limits.LOGIN_LOCK_SECONDS * 2**over, 86400)
        user.locked_until = now + timedelta(seconds=seconds)


def issue_token(session: Session, user: User, *, kind: str = "session", name: str = "") -> IssuedToken:
    secret = new_secret(SESSION_PREFIX if kind == "session" else API_PREFIX)
    expires = utcnow() + timedelta(days=get_settings().session_days) if kind == "session" else None
    token = AuthToken(
        user_id=user.id,
        token_hash=digest(secret),
        kind=kind,
        name=clean_text(name, field=N_("令牌名称"), max_len=TOKEN_NAME_MAX, allow_empty=True),
        expires_at=expires,
    )
    session.add(token)
    session.flush()
    return IssuedToken(secret, token)


def user_for_token(session: Session, secret: str) -> tuple[User, AuthToken] | None:
    token = session.scalar(select(AuthToken).where(AuthToken.token_hash == digest(secret)))
    now = utcnow()
    if token is None or (token.expires_at is not None and token.expires_at < now):
        return None
    user = session.get(User, token.user_id)
    if user is None or not user.is_active:
        return None
    if (now - token.last_used_at).total_seconds() > 300:  # write at most every five minutes
        token.last_used_at = now
        if token.kind == "session":
            token.expires_at = now + timedelta(days=get_settings().session_days)
    return user, token


def revoke_token(session: Session, user: User, token_id: int) -> None:
    token = session.get(AuthToken, token_id)
    if token is None or token.user_id != user.id:
        raise NotFound()
    session.delete(token)


def list_api_tokens(session: Session, user: User) -> list[AuthToken]:
    stmt = select(AuthToken).where(AuthToken.user_id == user.id, AuthToken.kind == "api")
    return list(session.scalars(stmt.order_by(AuthToken.id)))


def change_password(session: Session, user: User, *, old: str, new: str, keep_token_id: int | None) -> None:
    """Change the password and sign out every other browser session and API token."""
    if not verify_password(user.password_hash, old):
        raise Invalid(N_("当前密码不正确"))
    _check_password(new)
    user.password_hash = hash_password(new)
    stmt = delete(AuthToken).where(AuthToken.user_id == user.id)
    if keep_token_id is not None:
        stmt = stmt.where(AuthToken.id != keep_token_id)
    session.execute(stmt)


def reset_password(session: Session, username: str, new: str) -> User:
    """Admin reset (CLI): sets the password, clears any lock, revokes every session."""
    user = session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None:
        raise NotFound(N_("没有这个用户"))
    _check_password(new)
    user.password_hash = hash_password(new)
    user.failed_logins = 0
    user.locked_until = None
    session.execute(delete(AuthToken).where(AuthToken.user_id == user.id))
    return user


def update_profile(session: Session, user: User, changes: dict[str, Any]) -> User:
    """Apply the given profile fields (others stay as they are), each validated."""
    for key, value in changes.items():
        setter = _PROFILE_SETTERS.get(key)
        if setter is None:
            raise Invalid(N_("未知的资料字段：%(key)s"), key=key)
        setter(session, user, value)
    if _SCHOOL_KEYS & changes.keys():
        from nook.social.scenes import campus  # late: keeps the account module free of the scene services

        campus.sync_from_profile(session, user)
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
    if value not in ("everyone", "friends"):
        raise Invalid(N_("留言板设置需为 everyone 或 friends"))
    user.board_policy = value


def _bool_setter(attr: str) -> Any:
    def setter(_s: Session, user: User, value: Any) -> None:
        if not isinstance(value, bool):
            raise Invalid(N_("%(field)s 需为 true 或 false"), field=attr)
        setattr(user, attr, value)

    return setter


def _set_avatar(session: Session, user: User, value: Any) -> None:
    if value is not None:
        media = session.get(Media, value) if isinstance(value, int) else None
        if media is None or media.owner_id != user.id:
            raise NotFound(N_("找不到这张图片"))
    user.avatar_media_id = value


_PROFILE_SETTERS: dict[str, Any] = {
    "nickname": lambda s, u, v: setattr(
        u, "nickname", clean_text(str(v or ""), field=N_("昵称"), max_len=NICKNAME_MAX)
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
    "allow_invisible_visits": _bool_setter("allow_invisible_visits"),
    "visit_invisibly": _bool_setter("visit_invisibly"),
    "avatar_media_id": _set_avatar,
}


def get_user_by_username(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None:
        raise NotFound(N_("找不到这个用户"))
    return user
