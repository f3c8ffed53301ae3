"""Issue 16 item 16: the same POST sent twice at the same moment with one Idempotency-Key makes one row;
the repeat gets the first answer; the key with another request is refused."""

from __future__ import annotations

import threading
from collections.abc import Callable

import httpx
from sqlalchemy import func, select

from nook.store.db import read_session
from nook.store.models import BoardMessage, Comment, Post
from tests.security.conftest import Attackers


def _at_once(send: Callable[[], httpx.Response], n: int = 4) -> list[httpx.Response]:
    """n identical requests released together through a barrier."""
    gate, out = threading.Barrier(n), []
    lock = threading.Lock()

    def run() -> None:
        gate.wait()
        resp = send()
        with lock:
            out.append(resp)

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def _count(model: type) -> int:
    with read_session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _fresh(who) -> httpx.Client:  # one connection per thread
    return httpx.Client(base_url=who.http.base_url, headers=dict(who.http.headers), timeout=30)


def test_one_post_comment_and_message_per_key_under_a_race(attackers: Attackers) -> None:
    alice, friend = attackers.alice, attackers.friend
    key = {"Idempotency-Key": "post-7f3a"}
    posted = _at_once(lambda: _fresh(alice).post("/posts", json={"body": "双击了发布"}, headers=key))
    assert {r.status_code for r in posted} == {201}, [r.text for r in posted]
    assert len({r.json()["id"] for r in posted}) == 1 and _count(Post) == 1
    post_id = posted[0].json()["id"]

    path = f"/posts/{post_id}/comments"
    said = _at_once(lambda: _fresh(friend).post(path, json={"body": "恭喜恭喜"}, headers={"Idempotency-Key": "c1"}))
    assert {r.status_code for r in said} == {201} and len({r.json()["id"] for r in said}) == 1
    assert _count(Comment) == 1

    board = _at_once(lambda: _fresh(friend).post("/users/alice/board", json={"body": "来踩踩"}, headers=key))
    assert {r.status_code for r in board} == {201} and len({r.json()["id"] for r in board}) == 1
    assert _count(BoardMessage) == 1


def test_a_key_is_the_senders_own_and_bound_to_its_request(attackers: Attackers) -> None:
    alice, bob = attackers.alice, attackers.bob
    key = {"Idempotency-Key": "same-key"}
    first = alice.http.post("/posts", json={"body": "第一条"}, headers=key)
    assert first.status_code == 201
    assert alice.http.post("/posts", json={"body": "另一条"}, headers=key).status_code == 422
    theirs = bob.http.post("/posts", json={"body": "第一条"}, headers=key)  # another member's key space
    assert theirs.status_code == 201 and theirs.json()["id"] != first.json()["id"]
    assert alice.http.post("/posts", json={"body": "无钥匙"}).status_code == 201
    assert alice.http.post("/posts", json={"body": "无钥匙"}).status_code == 201  # no key: two posts
    assert alice.http.post("/posts", json={"body": "x"}, headers={"Idempotency-Key": "has space"}).status_code == 422
    assert _count(Post) == 4
