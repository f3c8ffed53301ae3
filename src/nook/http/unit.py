"""Who is asking (a bearer token or the session cookie, with the CSRF check) and the unit of work."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, Request
from sqlalchemy.orm import Session
from starlette.requests import HTTPConnection

from nook.config import get_settings
from nook.errors import Forbidden, Unauthorized
from nook.http import token_cache
from nook.phrases import N_
from nook.social.authz import ANONYMOUS, Viewer, load_viewer
from nook.social.people import accounts
from nook.social.people.accounts import ACCOUNT, READ, WRITE, SignedIn
from nook.store import site_stamp
from nook.store.db import read_session, transaction
from nook.store.models import AuthToken, User

log = logging.getLogger(__name__)
SESSION_COOKIE = "nook_session"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class Credentials:
    secret: str | None
    via_cookie: bool
    ip: str
    #: GET/HEAD/OPTIONS: whatever the unit writes on the side (a visit, a log line) is no change the
    #: member asked for, so a read-only token may ask.
    safe_method: bool = False


@dataclass
class Ctx:
    """One request's unit of work: its database session and the person asking.

    The member's and the token's rows are loaded only when a route asks for them (`user`, `token`):
    most reads need only the viewer.
    """

    session: Session
    signed: SignedIn | None
    viewer: Viewer
    ip: str
    #: A read's site version (`nook.store.site_stamp`, the minute), read before any of its data: what
    #: a copy of its answer may be kept under (`nook.http.kept_answers`). None for a write.
    version: tuple[str, int] | None = None

    @property
    def user(self) -> User | None:
        return None if self.signed is None else self.session.get(User, self.signed.user_id)

    @property
    def token(self) -> AuthToken | None:
        return None if self.signed is None else self.session.get(AuthToken, self.signed.token_id)

    @property
    def me(self) -> User:
        user = self.user
        if user is None:
            raise Unauthorized()
        return user

    def may(self, scope: str) -> bool:
        return self.signed is not None and scope in self.signed.scopes

    def require_scope(self, scope: str) -> None:
        """403 unless the token (or session) asking has `scope`; 401 for nobody signed in."""
        if self.signed is None:
            raise Unauthorized()
        if self.may(scope):
            return
        if scope == ACCOUNT:
            raise Forbidden(N_("API 令牌不能做这件事：请在网页上操作，或用密码登录后再试"))
        raise Forbidden(N_("这个 API 令牌没有“%(scope)s”权限"), scope=scope)


def bearer_secret(conn: HTTPConnection) -> str | None:
    """The secret of an `Authorization: Bearer …` header; None when there is no such header."""
    header = conn.headers.get("authorization", "")
    return header[7:].strip() if header.lower().startswith("bearer ") else None


def credentials(request: Request) -> Credentials:
    ip = request.client.host if request.client else ""
    safe = request.method in SAFE_METHODS
    bearer = bearer_secret(request)
    if bearer is not None:
        return Credentials(bearer or None, False, ip, safe)
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie and not safe:
        check_same_origin(request)
    return Credentials(cookie or None, cookie is not None, ip, safe)


def check_same_origin(request: HTTPConnection) -> None:
    """CSRF defence for cookie-authenticated writes: the browser must say the request is ours."""
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        if site in ("same-origin", "none"):
            return
        raise Forbidden(N_("跨站请求已拒绝"))
    origin = request.headers.get("origin") or request.headers.get("referer")
    if origin and _same_origin(origin, request):
        return
    raise Forbidden(N_("跨站请求已拒绝（缺少来源信息）"))


def _same_origin(origin: str, request: HTTPConnection) -> bool:
    allowed = {request.headers.get("host", "")}
    trusted = get_settings().trusted_origin  # the default base URL names no real site: not trusted
    if trusted:
        allowed.add(urlsplit(trusted).netloc)
    return urlsplit(origin).netloc in allowed


CredentialsDep = Annotated[Credentials, Depends(credentials)]


@contextmanager
def unit(
    creds: Credentials,
    *,
    write: bool = False,
    login: bool = True,
    scope: str | None = None,
    read_at: tuple[str, int] | None = None,
) -> Iterator[Ctx]:
    """Open a transaction (writes) or a read session, and resolve the person asking.

    `login=True` means the endpoint needs a signed-in member. The one place token scopes are checked:
    a write the member asks for (not a safe method) needs `write`, anything else `read`, and `scope`
    names a stronger need (`account`: new tokens, the password, the archive, sessions). `read_at` is a
    read's site version this request already read before any data (`etags.site_version`): the stamp
    is not read again (on Redis, a round trip).
    """
    needed = scope or (WRITE if write and not creds.safe_method else READ)
    # A write checks the token's row (and keeps it in use); a read may trust the process's copy.
    version = None if write else read_at or _site_version()
    opener = transaction if write else read_session
    with opener() as session:
        signed = _signed_in(session, creds.secret, version) if creds.secret else None
        if signed is None and (login or scope):
            raise Unauthorized()
        ctx = Ctx(session, signed, viewer_of(session, signed) if signed else ANONYMOUS, creds.ip, version)
        if signed is not None:
            ctx.require_scope(needed)
        yield ctx


@contextmanager
def then_read(ctx: Ctx) -> Iterator[Ctx]:
    """A read session for the same person after a write's unit: its answer read once the write has
    committed, so the write transaction (on SQLite, holding the one write lock) is the write alone."""
    with read_session() as session:
        yield Ctx(session, ctx.signed, ctx.viewer, ctx.ip)


def _site_version() -> tuple[str, int] | None:
    try:
        return site_stamp.current(), int(time.time() // 60)
    except Exception:  # Redis away: answer from the database, keep nothing
        log.exception("could not read the site stamp")
        return None


def _signed_in(session: Session, secret: str, version: tuple[str, int] | None) -> SignedIn | None:
    if version is None:
        return accounts.signed_in(session, secret)
    return token_cache.signed_in(session, secret, version)


#: Viewers by member id, with the stamp they were built at; a process keeps at most this many.
_VIEWERS_MAX = 20_000
_viewers: dict[int, tuple[int, Viewer]] = {}


def viewer_of(session: Session, signed: SignedIn) -> Viewer:
    """The member's Viewer, built again only when its stamp changed (`nook.store.viewer_stamp`)."""
    cached = _viewers.get(signed.user_id)
    if cached is not None and cached[0] == signed.viewer_stamp:
        return cached[1]
    viewer = load_viewer(session, session.get(User, signed.user_id))
    if len(_viewers) >= _VIEWERS_MAX:
        _viewers.clear()  # rare and cheap to refill; an LRU would cost a lock per request
    _viewers[signed.user_id] = (signed.viewer_stamp, viewer)
    return viewer
