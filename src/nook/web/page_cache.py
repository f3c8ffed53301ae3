"""Anonymous pages (the landing page, 广场, a post, a space), rendered once per version of the site and
kept in this process: everyone not signed in is the same viewer, so they get the same page.

A copy is kept under the site's change stamp and the minute that `etags.not_modified` read before the
route read any data (a write committed meanwhile replaces the stamp, so a copy never outlives what it
shows), with the URL, the language, the theme and HX-Request. The one thing of a browser's own in an
anonymous page, its CSRF token, is kept as a slot and filled in for each answer.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

from starlette.requests import Request

from nook.http import etags
from nook.web import appearance, i18n

SIZE = 128  # pages per process (a page is 20–100 KB)
_SLOT = "\x00csrf-token\x00"  # never in a rendered page: control characters are refused on input
_STATE = "page_cache_key"
WAIT_S = 2.0  # longest wait for another request rendering the same page
_pages: OrderedDict[tuple[object, ...], str] = OrderedDict()
_rendering: dict[tuple[object, ...], float] = {}  # page -> when a request set out to render it
_changed = threading.Condition()

Key = tuple[object, ...]


def key(request: Request) -> Key | None:
    """Where this anonymous request's page is kept (None for a signed-in one)."""
    version = etags.site_version(request)
    if version is None:
        return None
    hx = request.headers.get("hx-request", "")
    return (*version, str(request.url), i18n.pick_language(request), appearance.pick_theme(request), hx)


def get_or_claim(page_key: Key, csrf_token: str) -> str | None:
    """The kept page; None when this request is to render it. While another request renders the same
    page, wait for it (up to WAIT_S): when a kept page expires under load, one request renders it
    instead of every connection at once."""
    deadline = time.monotonic() + WAIT_S
    with _changed:
        while True:
            html = _pages.get(page_key)
            if html is not None:
                _pages.move_to_end(page_key)
                return html.replace(_SLOT, csrf_token)
            now = time.monotonic()
            started = _rendering.get(page_key)
            if started is None or now - started > WAIT_S or now >= deadline:
                _claim(page_key, now)
                return None
            _changed.wait(deadline - now)


def _claim(page_key: Key, now: float) -> None:
    if len(_rendering) > 4 * SIZE:  # claims of requests that ended without rendering (a crash)
        for stale in [k for k, at in _rendering.items() if now - at > WAIT_S]:
            del _rendering[stale]
    _rendering[page_key] = now


def put(page_key: Key, html: str, csrf_token: str) -> None:
    with _changed:
        _pages[page_key] = html.replace(csrf_token, _SLOT)
        _pages.move_to_end(page_key)
        while len(_pages) > SIZE:
            _pages.popitem(last=False)
        _rendering.pop(page_key, None)
        _changed.notify_all()


def release(page_key: Key) -> None:
    """The claimed page was not kept (an error page): the next request renders it."""
    with _changed:
        _rendering.pop(page_key, None)
        _changed.notify_all()


def remember(request: Request, page_key: Key) -> None:
    """The route will render the page: `pages.render` keeps it under this key."""
    setattr(request.state, _STATE, page_key)


def wanted(request: Request) -> Key | None:
    page_key: Key | None = getattr(request.state, _STATE, None)
    return page_key
