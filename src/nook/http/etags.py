"""ETag and 304 for what nobody signed in asks for (the landing page, 广场, a post, a space, the API's
explore): a browser revalidates its own copy instead of fetching the page again.

The weak ETag is a hash of the site's change stamp (replaced after every committed write), the minute
(pages show "3 分钟前"), the URL and the request headers that shape the answer (cookies — which carry
this browser's CSRF key, language and theme —, Accept-Language, HX-Request). Nothing of a viewer's
content goes into it. Signed-in requests (a session cookie or a bearer token) never get one; their
pages stay `no-store`. Anonymous pages are `private, no-cache`: a browser may keep its copy (with its own
CSRF token) and must ask before reusing it; no shared cache may keep it.
"""

from __future__ import annotations

import hashlib
import time

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import Response

from nook.http.unit import SESSION_COOKIE, bearer_secret
from nook.store import site_stamp

CACHE_CONTROL = "private, no-cache"
VARY = "Cookie, Accept-Language, HX-Request, Authorization"
_STATE = "anonymous_etag"
_VERSION = "site_version"


def _anonymous(request: Request) -> bool:
    signed_in = bearer_secret(request) is not None or SESSION_COOKIE in request.cookies
    return request.method in ("GET", "HEAD") and not signed_in


def _etag(request: Request, version: tuple[str, int]) -> str:
    h = request.headers
    parts = [
        *map(str, version),
        str(request.url),
        h.get("cookie", ""),
        h.get("accept-language", ""),
        h.get("hx-request", ""),
    ]
    return 'W/"' + hashlib.sha256("\n".join(parts).encode()).hexdigest()[:24] + '"'


def _matches(request: Request, etag: str) -> bool:
    sent = request.headers.get("if-none-match", "")
    opaque = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == opaque for tag in sent.split(",") if tag.strip())


def not_modified(request: Request) -> Response | None:
    """A 304 when the browser's copy is still what this anonymous request would get; else None, and
    the ETag (computed before any data is read) waits in the request for `label`."""
    if not _anonymous(request):
        return None
    version = (site_stamp.current(), int(time.time() // 60))
    setattr(request.state, _VERSION, version)
    etag = _etag(request, version)
    if _matches(request, etag):
        return Response(status_code=304, headers={"ETag": etag, "Cache-Control": CACHE_CONTROL, "Vary": VARY})
    setattr(request.state, _STATE, etag)
    return None


def site_version(request: Request) -> tuple[str, int] | None:
    """The site's stamp and the minute `not_modified` read for this anonymous request (None when it was
    not anonymous): what a copy of the answer made now may be kept under."""
    version: tuple[str, int] | None = getattr(request.state, _VERSION, None)
    return version


def label(request: Request, headers: MutableHeaders) -> None:
    """Put the ETag `not_modified` computed (if it did) on a full answer's headers."""
    etag = getattr(request.state, _STATE, None)
    if etag is not None:
        headers["ETag"] = etag
        headers["Cache-Control"] = CACHE_CONTROL
        headers["Vary"] = VARY
