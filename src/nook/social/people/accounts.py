"""Accounts: registration, sessions and API tokens, passwords.

Logging in is `nook.social.people.login`; the profile a member edits is `nook.social.people.profile`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from nook.config import get_settings
from nook.errors import Conflict, Invalid, NotFound
from nook.phrases import N_
from nook.security import rate_limits
from nook.security.passwords import hash_password, verify_password
from nook.security.tokens import API_PREFIX, SESSION_PREFIX, digest, new_secret
from nook.social.limits import (
    NICKNAME_MAX,
    PASSWORD_MAX,
    PASSWORD_MIN,
    TOKEN_NAME_MAX,
    USERNAME_MAX,
    USERNAME_MIN,
)
from nook.social.people.profile import update_profile as update_profile  # the demo loader and tests
from nook.social.text import clean_name, clean_text, is_operator_name
from nook.store.base import utcnow
from nook.store.first_writes import insert_or_existing, take_turns
from nook.store.models import DEFAULT_PRIVACY, AuthToken, User

_USERNAME = re.compile(r"^[a-z0-9_][a-z0-9_.-]*$")
_RESERVED = {"admin", "api", "me", "static", "media", "login", "logout", "register", "settings", "nook"}

#: What a token may do: read, write (change the member's data), and `account`: mint API tokens, change
#: the password, download the member's archive, see and end sessions. Only sessions have `account`, so a
#: leaked script token cannot make itself permanent or take the whole archive.
READ, WRITE, ACCOUNT = "read", "write", "account"
SESSION_SCOPES = (READ, WRITE, ACCOUNT)
API_SCOPES = (READ, WRITE)
API_TOKEN_DAYS = 90
API_TOKEN_DAYS_MAX = 365
USER_AGENT_MAX = 64
#: (what the User-Agent header holds, the name shown); the first match wins, so Edge comes before Chrome.
_BROWSERS = (
    ("MicroMessenger", "WeChat"),
    ("Edg", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
    ("Chromium/", "Chromium"),
    ("Safari/", "Safari"),
)
_SYSTEMS = (
    ("iPhone", "iOS"),
    ("iPad", "iPadOS"),
    ("Android", "Android"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
)


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
        rate_limits.enforce(rate_limits.REGISTER_IP, ip)
    name = normalize_username(username)
    if (name in _RESERVED or is_operator_name(name)) and not is_admin:  # an operator may name an admin "admin"
        raise Conflict(N_("这个用户名已被占用"))
    _check_password(password)
    nick = clean_name(nickname or name, field=N_("昵称"), max_len=NICKNAME_MAX, operator=is_admin)
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


def issue_token(session: Session, user: User, *, user_agent: str = "") -> IssuedToken:
    """A session (browser cookie, or the API's password login): every power, for `session_days` since last use."""
    return _issue(
        session,
        user,
        kind="session",
        scopes=SESSION_SCOPES,
        expires=utcnow() + timedelta(days=get_settings().session_days),
        user_agent=summarize_user_agent(user_agent),
    )


def issue_api_token(
    session: Session, user: User, *, name: str, scopes: Iterable[str] = (), days: int = API_TOKEN_DAYS
) -> IssuedToken:
    """A named API token for scripts: only `read` and `write` (default both; `write` brings `read`), expiring."""
    asked = set(scopes) or {READ, WRITE}
    if not asked <= set(API_SCOPES):
        raise Invalid(N_("API 令牌只能有 read 和 write 权限"))
    if WRITE in asked:
        asked.add(READ)  # a script that posts reads what it posted
    if not 1 <= days <= API_TOKEN_DAYS_MAX:
        raise Invalid(N_("API 令牌的有效期需为 1–%(max)s 天"), max=API_TOKEN_DAYS_MAX)
    label = clean_text(name, field=N_("令牌名称"), max_len=TOKEN_NAME_MAX, allow_empty=True)
    chosen = tuple(s for s in API_SCOPES if s in asked)
    return _issue(session, user, kind="api", scopes=chosen, expires=utcnow() + timedelta(days=days), name=label)


def _issue(
    session: Session,
    user: User,
    *,
    kind: str,
    scopes: tuple[str, ...],
    expires: datetime,
    name: str = "",
    user_agent: str = "",
) -> IssuedToken:
    secret = new_secret(SESSION_PREFIX if kind == "session" else API_PREFIX)
    token = AuthToken(
        user_id=user.id,
        token_hash=digest(secret),
        kind=kind,
        name=name,
        scopes=" ".join(scopes),
        expires_at=expires,
        user_agent=user_agent,
    )
    session.add(token)
    session.flush()
    return IssuedToken(secret, token)


def token_scopes(token: AuthToken) -> frozenset[str]:
    return frozenset(token.scopes.split())


def summarize_user_agent(header: str) -> str:
    """'Chrome · macOS' for the sessions list; a client that names no known browser keeps its first word."""
    browser = next((name for mark, name in _BROWSERS if mark in header), "")
    system = next((name for mark, name in _SYSTEMS if mark in header), "")
    if browser or system:
        return " · ".join(part for part in (browser, system) if part)
    first = header.split(" ", 1)[0] if header.strip() else ""
    return "".join(ch for ch in first if ch.isprintable())[:USER_AGENT_MAX]


@dataclass(frozen=True)
class SignedIn:
    """Who a live token belongs to, read in one query of the columns a request needs."""

    user_id: int
    token_id: int
    scopes: frozenset[str]
    viewer_stamp: int  # `nook.store.viewer_stamp`: a cached Viewer with this stamp is current
    expires_at: datetime | None = None  # a kept copy (`nook.http.token_cache`) checks it again

    def live(self, now: datetime) -> bool:
        return self.expires_at is None or self.expires_at >= now


def signed_in(session: Session, secret: str) -> SignedIn | None:
    """The live token with this secret, of an active member; None when there is none."""
    t = AuthToken
    row = session.execute(
        select(t.id, t.user_id, t.scopes, t.kind, t.expires_at, t.last_used_at, User.is_active, User.viewer_stamp)
        .join(User, User.id == t.user_id)
        .where(t.token_hash == digest(secret))
    ).one_or_none()
    now = utcnow()
    if row is None or (row.expires_at is not None and row.expires_at < now) or not row.is_active:
        return None
    if (now - row.last_used_at).total_seconds() > 300:  # write at most every five minutes
        token = session.get(AuthToken, row.id)
        assert token is not None
        token.last_used_at = now
        if token.kind == "session":
            token.expires_at = now + timedelta(days=get_settings().session_days)
    return SignedIn(row.user_id, row.id, frozenset(row.scopes.split()), row.viewer_stamp, row.expires_at)


def revoke_token(session: Session, user: User, token_id: int) -> None:
    """Revoke one of the member's API tokens (a session is signed out with `revoke_session`)."""
    _revoke(session, user, token_id, "api")


def revoke_session(session: Session, user: User, token_id: int) -> None:
    """Sign one of the member's sessions out: its cookie or token answers 401 from the next request."""
    _revoke(session, user, token_id, "session")


def _revoke(session: Session, user: User, token_id: int, kind: str) -> None:
    token = session.get(AuthToken, token_id)
    if token is None or token.user_id != user.id or token.kind != kind:
        raise NotFound()
    session.delete(token)


def list_api_tokens(session: Session, user: User) -> list[AuthToken]:
    return _tokens(session, user, "api")


def list_sessions(session: Session, user: User) -> list[AuthToken]:
    """The member's live sessions, most recently used first."""
    live = [t for t in _tokens(session, user, "session") if t.expires_at is None or t.expires_at >= utcnow()]
    return sorted(live, key=lambda t: (t.last_used_at, t.id), reverse=True)


def _tokens(session: Session, user: User, kind: str) -> list[AuthToken]:
    stmt = select(AuthToken).where(AuthToken.user_id == user.id, AuthToken.kind == kind)
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


def get_user_by_username(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None:
        raise NotFound(N_("找不到这个用户"))
    return user
