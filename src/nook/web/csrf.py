"""CSRF defence for form posts: same-origin check AND a token bound to this browser's session.

The token is an HMAC of the session cookie keyed by a random per-browser `nook_csrf` cookie, sent back
in a hidden form field or the `X-CSRF-Token` header (HTMX). A cross-site page can neither read the
cookie nor compute the token, and the Origin / Sec-Fetch-Site check stops it independently.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from starlette.requests import Request

from nook.errors import Forbidden
from nook.http.unit import SESSION_COOKIE, check_same_origin
from nook.phrases import N_

CSRF_COOKIE = "nook_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


def new_key() -> str:
    return secrets.token_urlsafe(24)


def browser_key(request: Request) -> str:
    """This browser's CSRF key: from its cookie, or a new one the response will set."""
    state = request.state
    key = getattr(state, "csrf_key", None)
    if key is None:
        key = request.cookies.get(CSRF_COOKIE) or new_key()
        state.csrf_key = key
    return str(key)


def token_for(key: str, session_secret: str | None) -> str:
    return hmac.new(key.encode(), (session_secret or "anonymous").encode(), hashlib.sha256).hexdigest()


def request_token(request: Request, session_secret: str | None = None) -> str:
    secret = session_secret if session_secret is not None else request.cookies.get(SESSION_COOKIE)
    return token_for(browser_key(request), secret)


def verify(request: Request, sent: str | None) -> None:
    """Both defences, for every state-changing web request."""
    check_same_origin(request)
    key = request.cookies.get(CSRF_COOKIE)
    expected = token_for(key, request.cookies.get(SESSION_COOKIE)) if key else None
    if not sent or expected is None or not hmac.compare_digest(sent, expected):
        raise Forbidden(N_("表单已过期，请刷新页面后重试"))
