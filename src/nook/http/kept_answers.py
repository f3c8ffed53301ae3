"""The API's read answers (feeds, a post, its comments, a member's posts), kept in the process per version
of the site *and per viewer*: asking the same thing again before anything on the site changed costs no
query and no serialisation.

A copy is kept under the version the request's unit read before any data (`Ctx.version`: the site's
change stamp, replaced after every committed write in any process, and the minute, since answers say
"closed" or rank by age), the member asking (their id; nobody signed in is one viewer), the URL and the
headers that may shape an answer (language). So a copy is only ever served to the member it was made for,
and never outlives what it shows. Which member asks, and whether the token is still live, is decided
before a copy is looked up, by `nook.http.unit`. Requests that miss the same key together share one build.
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
_building: dict[tuple[object, ...], threading.Event] = {}  # keys being built now, set when done
WAIT_S = 5.0  # longest a request waits for another's build of the same answer before building its own


def answer(ctx: Ctx, request: Request, build: Callable[[], BaseModel], status_code: int = 200) -> Response:
    """The kept JSON for this viewer and request, or `build()`'s, kept for the next time."""
    key = _key(ctx, request)
    body = _built(build) if key is None else _kept_or_built(key, build)
    return Response(body, status_code=status_code, media_type=JSON)


def _kept_or_built(key: tuple[object, ...], build: Callable[[], BaseModel]) -> bytes:
    """The kept body, or one built now. After a change every open connection misses at once: a request
    that finds the same key being built waits for that build instead of running its own."""
    with _lock:
        _same_settings()
        body = _kept.get(key)
        if body is not None:
            _kept.move_to_end(key)
            return body
        pending = _building.get(key)
        if pending is None:
            mine = _building[key] = threading.Event()
    if pending is not None:
        pending.wait(WAIT_S)
        with _lock:
            body = _kept.get(key)
        return body if body is not None else _built(build)  # that build failed, was slow or was dropped
    try:
        body = _built(build)
        _keep(key, body)
        return body
    finally:
        with _lock:
            del _building[key]
        mine.set()


def _built(build: Callable[[], BaseModel]) -> bytes:
    return build().model_dump_json(by_alias=True).encode()  # as FastAPI writes a response_model


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
