"""Logging in: one service for the web form and the API.

Guessing is throttled per address (`LOGIN_IP`) and per account *and* address (`LOGIN_ACCOUNT_IP`), so
a guesser slows only themselves: the member still logs in from their own address. Every failure does
the same work (one Argon2 verification, against a dummy hash for an unknown name) and gets the same
answer, so neither timing nor wording tells whether a username exists or is being throttled.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from nook.errors import BadCredentials, Invalid, RateLimited, Unauthorized
from nook.phrases import N_
from nook.security import rate_limits
from nook.security.passwords import hash_password, needs_rehash, verify_password
from nook.social.people.accounts import issue_token, normalize_username
from nook.store.models import User

#: The throttle key of a name that cannot be an account (one per address: such names are all alike).
_NO_SUCH_NAME = "?"


@dataclass(frozen=True)
class LoggedIn:
    user: User
    secret: str  # a new session token, shown once


def log_in(session: Session, *, username: str, password: str, ip: str, user_agent: str = "") -> LoggedIn:
    """A session for the member, or BadCredentials (401) whatever went wrong; 429 past the address's limit."""
    rate_limits.enforce(rate_limits.LOGIN_IP, ip)
    name = _account_name(username)
    pair = f"{ip} {name or _NO_SUCH_NAME}"
    turn = _take_turn(pair)
    user = session.scalar(select(User).where(User.username == name)) if name else None
    matches = verify_password(user.password_hash if user else None, password)  # always one Argon2 verification
    if user is None or not matches or not turn:
        raise BadCredentials(username)
    # The member is back: their earlier typos are forgiven.
    rate_limits.limiter().reset(rate_limits.LOGIN_ACCOUNT_IP, pair)
    if not user.is_active:
        raise Unauthorized(N_("该账号已停用"))
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return LoggedIn(user, issue_token(session, user, user_agent=user_agent).secret)


def _account_name(username: str) -> str | None:
    """The name as stored, or None when it cannot be a username (never sent to the database then)."""
    try:
        return normalize_username(username)
    except Invalid:
        return None


def _take_turn(pair: str) -> bool:
    """Count this attempt for the account at this address; False once they are over the limit."""
    try:
        rate_limits.enforce(rate_limits.LOGIN_ACCOUNT_IP, pair)
    except RateLimited:
        return False
    return True
