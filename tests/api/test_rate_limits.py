"""Every rate-limit rule: N allowed, N+1 answered 429 with Retry-After, others unaffected, reset after the window."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import httpx
import pytest
from PIL import Image

from nook.security import rate_limits
from nook.security.ratelimit import MemoryRateLimiter, RateLimiter, RedisRateLimiter, Rule
from tests.conftest import TEST_REDIS

N = 3  # each rule is shrunk to N per window so the test stays quick; the mechanism is the same


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeClock]:
    """Replace the process's limiter by one of the same backend on a clock the test moves."""
    fake = FakeClock()
    if TEST_REDIS:
        import redis

        instance: RateLimiter = RedisRateLimiter(redis.Redis.from_url(TEST_REDIS), clock=fake)
    else:
        instance = MemoryRateLimiter(clock=fake)
    monkeypatch.setattr(rate_limits, "limiter", lambda: instance)
    yield fake


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "pink").save(buf, "PNG")
    return buf.getvalue()


@dataclass
class Case:
    rule: str
    act: Callable[..., httpx.Response]  # (actor, other, i) -> the answer


def _post(a, b, i):  # type: ignore[no-untyped-def]
    return a.http.post("/posts", json={"body": f"第{i}条"})


def _comment(a, b, i):  # type: ignore[no-untyped-def]
    return a.http.post(f"/posts/{b.post_id}/comments", json={"body": f"评论{i}"})


def _like(a, b, i):  # type: ignore[no-untyped-def]
    return a.http.post(f"/posts/{b.posts[i]}/like")


def _board(a, b, i):  # type: ignore[no-untyped-def]
    return a.http.post(f"/users/{a.username}/board", json={"body": f"留言{i}"})


def _friend(a, b, i):  # type: ignore[no-untyped-def]
    return a.http.post("/friends/requests", json={"username": b.targets[i]})


def _upload(a, b, i):  # type: ignore[no-untyped-def]
    return a.http.post("/media", files={"file": ("x.png", _png(), "image/png")})


CASES = [
    Case("POST", _post),
    Case("COMMENT", _comment),
    Case("LIKE", _like),
    Case("BOARD", _board),
    Case("FRIEND_REQUEST", _friend),
    Case("UPLOAD", _upload),
]


@pytest.mark.parametrize("case", CASES, ids=[c.rule for c in CASES])
def test_member_rule(case: Case, member, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    alice, bob = member("alice"), member("bob")
    bob.post_id = bob.http.post("/posts", json={"body": "公开的说说"}).json()["id"]
    bob.posts = [bob.http.post("/posts", json={"body": f"p{i}"}).json()["id"] for i in range(2 * N + 2)]
    bob.targets = [member(f"target{i}").username for i in range(2 * N + 2)]
    original: Rule = getattr(rate_limits, case.rule)
    monkeypatch.setattr(rate_limits, case.rule, Rule(original.name, N, original.period_s))

    ok = 200 if case.rule == "LIKE" else 201
    assert [case.act(alice, bob, i).status_code for i in range(N)] == [ok] * N
    blocked = case.act(alice, bob, N)
    assert blocked.status_code == 429
    assert int(blocked.headers["Retry-After"]) >= 1
    assert blocked.json()["error"]["code"] == "rate_limited"
    # another member's key is unaffected (bob acts on alice's behalf's targets, reversed)
    alice.post_id, alice.posts, alice.targets = bob.post_id, bob.posts[::-1], bob.targets[::-1]
    assert case.act(bob, alice, N).status_code == ok
    # after the window the member may act again
    clock.now += original.period_s
    assert case.act(alice, bob, N + 1).status_code == ok


def test_login_per_ip(api, member, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    member("alice")
    monkeypatch.setattr(rate_limits, "LOGIN_IP", Rule("login_ip", N, 300))
    body = {"username": "alice", "password": "correct horse battery"}
    assert [api.post("/auth/login", json=body).status_code for _ in range(N)] == [200] * N
    resp = api.post("/auth/login", json=body)
    assert resp.status_code == 429 and int(resp.headers["Retry-After"]) >= 1
    clock.now += 300
    assert api.post("/auth/login", json=body).status_code == 200


def test_registration_per_ip(api, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rate_limits, "REGISTER_IP", Rule("register_ip", N, 3600))
    codes = [
        api.post("/auth/register", json={"username": f"user{i}", "password": "long enough pw"}).status_code
        for i in range(N + 1)
    ]
    assert codes == [201] * N + [429]
    clock.now += 3600
    assert api.post("/auth/register", json={"username": "late", "password": "long enough pw"}).status_code == 201


def test_account_soft_lock_after_repeated_failures(api, member) -> None:
    member("alice")
    wrong = {"username": "alice", "password": "not the password"}
    for _ in range(rate_limits.LOGIN_ACCOUNT_IP.count):
        assert api.post("/auth/login", json=wrong).status_code == 401
    locked = api.post("/auth/login", json={"username": "alice", "password": "correct horse battery"})
    assert locked.status_code == 401  # from this address; elsewhere alice still logs in (tests/security/test_login.py)
    assert locked.json() == api.post("/auth/login", json=wrong).json()  # throttled reads as a wrong password
    # another account is unaffected
    member("bob")
    assert api.post("/auth/login", json={"username": "bob", "password": "correct horse battery"}).status_code == 200


def test_like_limit_grows_with_trust() -> None:
    assert [rate_limits.like_rule(t).count for t in range(4)] == [50, 75, 100, 150]


def test_gcra_allows_burst_then_spaces_requests() -> None:
    clock = FakeClock()
    rl = MemoryRateLimiter(clock=clock)
    rule = Rule("t", 4, 60)
    assert [rl.hit(rule, "k").allowed for _ in range(5)] == [True] * 4 + [False]
    assert rl.hit(rule, "k").retry_after == pytest.approx(15)
    clock.now += 15
    assert rl.hit(rule, "k").allowed and not rl.hit(rule, "k").allowed
