"""GCRA rate limiting, in process or shared through Redis (one round trip per check).

GCRA (the generic cell rate algorithm) keeps one number per key, the theoretical arrival
time (TAT): a rule of `count` per `period` lets `count` requests through at once, then one
every `period / count` seconds. It needs no sliding-window log and no background cleanup.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

Clock = Callable[[], float]


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    count: int
    period_s: float

    @property
    def interval(self) -> float:
        return self.period_s / self.count

    def scaled(self, factor: float) -> Rule:
        return Rule(self.name, max(1, round(self.count * factor)), self.period_s)


@dataclass(frozen=True, slots=True)
class Decision:
    allowed: bool
    retry_after: float = 0.0


class RateLimiter(Protocol):
    def hit(self, rule: Rule, key: str) -> Decision: ...

    def reset(self, rule: Rule, key: str) -> None: ...


class MemoryRateLimiter:
    """Per-process limiter; right for one app process (the embedded SQLite default)."""

    def __init__(self, clock: Clock = time.monotonic) -> None:
        self._clock = clock
        self._tat: dict[tuple[str, str], float] = {}
        self._lock = threading.Lock()
        self._hits = 0

    def hit(self, rule: Rule, key: str) -> Decision:
        now = self._clock()
        slot = (rule.name, key)
        with self._lock:
            tat = max(self._tat.get(slot, now), now)
            allow_at = tat + rule.interval - rule.period_s
            if now < allow_at:
                return Decision(False, allow_at - now)
            self._tat[slot] = tat + rule.interval
            self._hits += 1
            if self._hits % 10_000 == 0:
                self._prune(now)
        return Decision(True)

    def reset(self, rule: Rule, key: str) -> None:
        with self._lock:
            self._tat.pop((rule.name, key), None)

    def _prune(self, now: float) -> None:
        # A key whose TAT is in the past is indistinguishable from a fresh key.
        for slot in [s for s, tat in self._tat.items() if tat <= now]:
            del self._tat[slot]


# KEYS[1] = key; ARGV = now_ms, interval_ms, period_ms. Returns retry-after in ms (0 = allowed).
_GCRA_LUA = """
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local period = tonumber(ARGV[3])
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local allow_at = tat + interval - period
if now < allow_at then return allow_at - now end
redis.call('SET', KEYS[1], tat + interval, 'PX', math.ceil(tat + interval - now))
return 0
"""


class RedisRateLimiter:
    """Limiter shared by every app process through Redis; one EVALSHA per check."""

    def __init__(self, client: object, clock: Clock = time.time, prefix: str = "nook:rl:") -> None:
        import redis

        assert isinstance(client, redis.Redis)
        self._client = client
        self._script = client.register_script(_GCRA_LUA)
        self._clock = clock
        self._prefix = prefix

    def hit(self, rule: Rule, key: str) -> Decision:
        now_ms = int(self._clock() * 1000)
        args = [now_ms, int(rule.interval * 1000), int(rule.period_s * 1000)]
        wait_ms = int(self._script(keys=[self._key(rule, key)], args=args))
        return Decision(wait_ms == 0, wait_ms / 1000)

    def reset(self, rule: Rule, key: str) -> None:
        self._client.delete(self._key(rule, key))

    def _key(self, rule: Rule, key: str) -> str:
        return f"{self._prefix}{rule.name}:{key}"
