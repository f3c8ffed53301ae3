"""The API's read answers (feeds, a post, its comments, a member's posts), kept in the process per version
of the site *and per viewer*: asking the same thing again before anything on the site changed costs no
query and no serialisation.

A copy is kept under the version the request's unit read before any data (`Ctx.version`: the site's
change stamp, replaced after every committed write in any process, and the minute, since answers say
"closed" or rank by age), the member asking (their id; nobody signed in is one viewer), the URL and the
headers that may shape an answer (language). So a copy is only ever served to the member it was made for,
and never outlives what it shows. Which member asks, and whether the token is still live, is decided
before a copy is looked up, by `nook.http.unit`.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from pydantic import BaseModel
from starlette.requests import Request
from starlette.responses import Response

from nook.config import Settings, get_settings
from nook.http.unit import Ctx

SIZE = 512  # answers per process (an answer is 5–60 KB)
BYTES = 32 * 1024 * 1024  # and at most this much of them (a long comment page is a few hundred KB)
JSON = "application/json"
_kept: OrderedDict[tuple[object, ...], bytes] = OrderedDict()
_held = 0  # bytes in _kept
_settings: Settings | None = None  # what the kept answers were made with
_lock = threading.Lock()


def answer(ctx: Ctx, request: Request, build: Callable[[], BaseModel], status_code: int = 200) -> Response:
    """The kept JSON for this viewer and request, or `build()`'s, kept for the next time."""
    key = _key(ctx, request)
    if key is not None:
        with _lock:
            _same_settings()
            body = _kept.get(key)
            if body is not None:
                _kept.move_to_end(key)
        if body is not None:
            return Response(body, status_code=status_code, media_type=JSON)
    body = build().model_dump_json(by_alias=True).encode()  # as FastAPI writes a response_model
    if key is not None:
        _keep(key, body)
    return Response(body, status_code=status_code, media_type=JSON)


def _same_settings() -> None:
    """Answers show settings too (the help lines): new settings in this process drop every kept one."""
    global _settings, _held
    settings = get_settings()
    if settings is not _settings:
        _kept.clear()
        _held = 0
        _settings = settings


def _keep(key: tuple[object, ...], body: bytes) -> None:
    global _held
    with _lock:
        old = _kept.pop(key, None)
        _held += len(body) - (len(old) if old is not None else 0)
        _kept[key] = body
        while len(_kept) > SIZE or _held > BYTES:
            _held -= len(_kept.popitem(last=False)[1])


def _key(ctx: Ctx, request: Request) -> tuple[object, ...] | None:
    if ctx.version is None:  # a write's unit: nothing to keep
        return None
    who = ctx.signed.user_id if ctx.signed is not None else None
    h = request.headers
    return (*ctx.version, who, str(request.url), h.get("accept-language", ""), h.get("cookie", ""))
