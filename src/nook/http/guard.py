"""The first look at every request, before any byte of its body is read.

- An address with a control character (NUL, which PostgreSQL cannot even compare, or the rest of C0)
  names nothing: 404. A query string with one (tab and newlines aside, which text may hold) is
  refused: 422. Both backends answer the same, before any query runs.
- A cookie-authenticated write (every web form post; API writes without a bearer token) must come
  from our own origin: 403 before the body is read, so a cross-site upload is never spooled to disk.
- Routes that take large bodies (photo uploads, the engine's batches) need credentials first: 401.
- The body is counted as it streams, whatever its encoding (chunked included): past its route's
  limit the app stops reading and the answer is 413; JSON and plain forms get a small limit.
- API answers carry `Cache-Control: no-store` unless the route chose otherwise: they are personal,
  or hand out credentials.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote_to_bytes

from starlette.requests import HTTPConnection, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from nook.config import get_settings
from nook.errors import Invalid, NookError, NotFound, TooLarge, Unauthorized
from nook.http.errors import ErrorAnswer
from nook.http.paths import route_path
from nook.http.unit import SAFE_METHODS, SESSION_COOKIE, bearer_secret, check_same_origin
from nook.phrases import N_

API_PREFIX = "/api/"
_PATH_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
#: Control characters no query value may hold; tab, LF and CR stay (a draft's text travels in one).
_QUERY_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: (method, path) of the routes whose bodies may be large; every other body is small.
LARGE_BODY_ROUTES = frozenset(
    {
        ("POST", "/api/v1/media"),
        ("POST", "/api/v1/engine/analyze"),
        ("POST", "/api/v1/engine/dedup"),
        ("POST", "/api/v1/engine/suggest"),
        ("POST", "/posts"),
        ("POST", "/settings/profile"),
    }
)


class BodyTooLarge(Exception):
    """Raised into the app from `receive` once the body passes its limit: it stops reading."""


@dataclass
class _Counter:
    receive: Receive
    limit: int
    seen: int = 0
    exceeded: bool = False

    async def __call__(self) -> Message:
        if self.exceeded:
            raise BodyTooLarge()
        message = await self.receive()
        if message["type"] == "http.request":
            self.seen += len(message.get("body", b""))
            if self.seen > self.limit:
                self.exceeded = True
                raise BodyTooLarge()
        return message


def body_limit(method: str, path: str) -> tuple[int, bool]:
    """The route's body limit in bytes, and whether it needs credentials before its body is read."""
    settings = get_settings()
    if (method, path.rstrip("/") or "/") in LARGE_BODY_ROUTES:
        return settings.max_upload_request_bytes, True
    return settings.max_request_bytes, False


def check_address(path: str, query: bytes) -> None:
    if _PATH_CONTROL.search(path):
        raise NotFound(N_("找不到这个页面"))
    if query and _QUERY_CONTROL.search(unquote_to_bytes(query)):
        raise Invalid(N_("地址中含有无效的控制字符"))


def has_credentials(conn: HTTPConnection) -> bool:
    return bearer_secret(conn) is not None or SESSION_COOKIE in conn.cookies


def check_origin_first(conn: HTTPConnection, api: bool) -> None:
    """The CSRF origin check of `nook.http.unit` and the web forms, done before the body is read (`api`: the
    routed path is the API's)."""
    if conn.scope["method"] in SAFE_METHODS:
        return
    ambient = bearer_secret(conn) is None and SESSION_COOKIE in conn.cookies
    if api and not ambient:
        return  # no ambient credential a cross-site page could borrow
    check_same_origin(conn)


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


class RequestGuard:
    """Pure ASGI middleware: nothing is buffered, streaming answers stay intact."""

    def __init__(self, app: ASGIApp, answer: ErrorAnswer) -> None:
        self.app, self.answer = app, answer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        conn, path = HTTPConnection(scope), route_path(scope)
        api = path.startswith(API_PREFIX)
        limit, needs_credentials = body_limit(scope["method"], path)
        try:
            check_address(scope["path"], scope.get("query_string", b""))
            check_origin_first(conn, api)
            if needs_credentials and not has_credentials(conn):
                raise Unauthorized()
            declared = _declared_length(scope)
            if declared is not None and declared > limit:
                raise TooLarge()
        except NookError as exc:
            await self._refuse(scope, send, exc, api)
            return
        await self._run(scope, _Counter(receive, limit), send, api)

    async def _run(self, scope: Scope, counter: _Counter, send: Send, api: bool) -> None:
        started = False

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if counter.exceeded:
                return  # whatever the app answers to a cut-off body, the answer is 413
            if message["type"] == "http.response.start":
                started = True
                if api:
                    _add_no_store(message)
            await send(message)

        try:
            await self.app(scope, counter, guarded_send)
        except Exception:  # BodyTooLarge, or what the app made of it
            if not counter.exceeded or started:
                raise
        if counter.exceeded and not started:
            await self._refuse(scope, send, TooLarge(), api)

    async def _refuse(self, scope: Scope, send: Send, exc: NookError, api: bool) -> None:
        async def nothing() -> Message:
            return {"type": "http.disconnect"}

        response = self.answer(Request(scope, nothing), exc)
        if api:
            response.headers.setdefault("cache-control", "no-store")
        await response(scope, nothing, send)


def _add_no_store(message: Message) -> None:
    headers = list(message.get("headers", []))
    if not any(name.lower() == b"cache-control" for name, _ in headers):
        headers.append((b"cache-control", b"no-store"))
    message["headers"] = headers
