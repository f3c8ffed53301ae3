"""Live news for members: after a commit that notified them, each of their open streams wakes up.

Only a member's id travels. Within one process the streams wait on an in-process hub; with
NOOK_REDIS_URL set, every process publishes to one Redis pub/sub channel and each process that has
open streams relays the channel into its own hub, so a like handled by any worker reaches a stream
held by any app process. A woken stream reads what changed through the services itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import threading
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from nook.config import get_settings

__all__ = ["CHANNEL", "listen", "notify_after_commit", "publish"]

log = logging.getLogger(__name__)
CHANNEL = "nook:live"
_PENDING = "live_user_ids"
#: Seconds before a relay that lost Redis tries again.
RECONNECT_S = 2.0
#: Seconds a new stream waits for its process to subscribe to Redis.
SUBSCRIBE_WAIT_S = 3.0
#: How long a stream leaving last waits for the relay it cancels to close its Redis connection.
RELAY_CLOSE_S = 1.0


@dataclass(eq=False)
class _Waiter:
    loop: asyncio.AbstractEventLoop
    news: asyncio.Event = field(default_factory=asyncio.Event)


class _Hub:
    """The open streams of this process, by member; woken from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiters: dict[int, set[_Waiter]] = {}

    def add(self, user_id: int, waiter: _Waiter) -> None:
        with self._lock:
            self._waiters.setdefault(user_id, set()).add(waiter)

    def remove(self, user_id: int, waiter: _Waiter) -> None:
        with self._lock:
            left = self._waiters.get(user_id, set())
            left.discard(waiter)
            if not left:
                self._waiters.pop(user_id, None)

    def on_loop(self, loop: asyncio.AbstractEventLoop) -> int:
        with self._lock:
            return sum(1 for ws in self._waiters.values() for w in ws if w.loop is loop)

    def wake(self, user_ids: Iterable[int]) -> None:
        with self._lock:
            waiters = [w for uid in user_ids for w in self._waiters.get(uid, ())]
        for w in waiters:
            with contextlib.suppress(RuntimeError):  # its loop has closed: the stream is gone
                w.loop.call_soon_threadsafe(w.news.set)


@dataclass(eq=False)
class _Relay:
    """This loop's subscription to the Redis channel; `ready` once subscribed."""

    ready: asyncio.Event = field(default_factory=asyncio.Event)
    task: asyncio.Task[None] | None = None


_hub = _Hub()
_relays: dict[asyncio.AbstractEventLoop, _Relay] = {}


def notify_after_commit(session: Session, user_id: int) -> None:
    """Wake `user_id`'s open streams once `session` commits (never for news rolled back)."""
    if _PENDING not in session.info:
        session.info[_PENDING] = set()
        event.listen(session, "after_commit", _publish_pending)
    session.info[_PENDING].add(user_id)


def _publish_pending(session: Session) -> None:
    if session.in_nested_transaction():  # a savepoint was released: the news is not committed yet
        return
    user_ids, session.info[_PENDING] = session.info[_PENDING], set()
    try:
        publish(user_ids)
    except Exception:  # the news is committed; a stream that misses the wake-up catches up on its next read
        log.exception("live news not published")


def publish(user_ids: Iterable[int]) -> None:
    ids = sorted(set(user_ids))
    if not ids:
        return
    url = get_settings().redis_url
    if url:
        _client(url).publish(CHANNEL, json.dumps(ids))
    else:
        _hub.wake(ids)


@lru_cache(maxsize=2)
def _client(url: str) -> Any:
    import redis

    return redis.Redis.from_url(url)


@contextlib.asynccontextmanager
async def listen(user_id: int) -> AsyncIterator[asyncio.Event]:
    """An event set whenever `user_id` has news; the caller clears it after reading."""
    loop = asyncio.get_running_loop()
    waiter = _Waiter(loop)
    _hub.add(user_id, waiter)
    url = get_settings().redis_url
    try:
        if url:
            await _subscribed(loop, url)
        yield waiter.news
    finally:
        _hub.remove(user_id, waiter)
        if not _hub.on_loop(loop) and (relay := _relays.pop(loop, None)) and relay.task:
            relay.task.cancel()  # nobody here is listening: no subscription held open for nothing
            # Let it close its connection now: a loop that ends first would leave the socket to the GC.
            await asyncio.wait({relay.task}, timeout=RELAY_CLOSE_S)


async def _subscribed(loop: asyncio.AbstractEventLoop, url: str) -> None:
    """Start this loop's relay if needed and wait (briefly) until it listens, so no news slips past."""
    relay = _relays.get(loop)
    if relay is None:
        relay = _relays[loop] = _Relay()
        relay.task = loop.create_task(_relay(url, relay.ready))
    with contextlib.suppress(TimeoutError):  # Redis away: the stream still answers, and catches up later
        await asyncio.wait_for(relay.ready.wait(), SUBSCRIBE_WAIT_S)


async def _relay(url: str, ready: asyncio.Event) -> None:
    """Relay the Redis channel into this process's hub while it has streams (blocks on the socket)."""
    import redis.asyncio as aioredis

    while True:
        client: Any = aioredis.Redis.from_url(url)  # Any: the installed stubs predate `aclose`
        pubsub: Any = client.pubsub()
        try:
            await pubsub.subscribe(CHANNEL)
            ready.set()
            async for message in pubsub.listen():
                if message.get("type") == "message":
                    _hub.wake(int(i) for i in json.loads(message["data"]))
        except (OSError, aioredis.RedisError):
            log.warning("live relay lost Redis; retrying", exc_info=True)
        finally:
            await pubsub.aclose()
            await client.aclose()
        await asyncio.sleep(RECONNECT_S)
