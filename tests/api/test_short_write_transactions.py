"""A like's and a comment's write transaction reads nothing once it has written: on SQLite its first
write takes the database's one write lock, which every other writer waits for until the commit. The
answer (the like count, the comment's card) is read after the commit."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import Any

import httpx

from tests.statements import watching_statements

_WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE|SAVEPOINT|RELEASE|ROLLBACK TO)\b", re.I)


def _write_transaction(send: Callable[[], httpx.Response]) -> tuple[httpx.Response, list[str]]:
    """The answer, and the statements the request's thread ran from its first write to its first commit."""
    seen: list[tuple[int, str]] = []
    with watching_statements(lambda s: seen.append((threading.get_ident(), s)), commits=True):
        resp = send()
    first_write = next(i for i, (_, s) in enumerate(seen) if _WRITE.match(s))
    thread = seen[first_write][0]
    mine = [s for t, s in seen[first_write:] if t == thread]
    return resp, mine[: mine.index("COMMIT")]


def test_a_like_reads_its_answer_after_the_commit(member: Any) -> None:
    author, fan = member("author"), member("fan")
    post_id = author.http.post("/posts", json={"body": "点赞我"}).json()["id"]
    resp, held = _write_transaction(lambda: fan.http.post(f"/posts/{post_id}/like"))
    assert resp.json() == {"liked": True, "like_count": 1}
    assert all(_WRITE.match(s) for s in held), held
    resp, held = _write_transaction(lambda: fan.http.delete(f"/posts/{post_id}/like"))
    assert resp.json() == {"liked": False, "like_count": 0}
    assert all(_WRITE.match(s) for s in held), held


def test_a_comment_reads_its_card_after_the_commit(member: Any) -> None:
    author, fan = member("author"), member("fan")
    post_id = author.http.post("/posts", json={"body": "周末去爬山"}).json()["id"]
    resp, held = _write_transaction(lambda: fan.http.post(f"/posts/{post_id}/comments", json={"body": "真好"}))
    assert resp.status_code == 201 and resp.json()["body"] == "真好"
    assert resp.json()["author"]["username"] == "fan"
    assert all(_WRITE.match(s) for s in held), held


def test_a_keyed_comment_is_replayed_though_its_post_is_gone(member: Any) -> None:
    """The key is looked up before the comment's own checks: a retry gets the first answer, not a 404."""
    author, fan = member("author"), member("fan")
    post_id = author.http.post("/posts", json={"body": "周末去爬山"}).json()["id"]
    send = lambda: fan.http.post(  # noqa: E731
        f"/posts/{post_id}/comments", json={"body": "同去"}, headers={"Idempotency-Key": "retry-1"}
    )
    first = send()
    assert first.status_code == 201
    assert author.http.delete(f"/posts/{post_id}").status_code == 200
    again = send()
    assert (again.status_code, again.json()) == (201, first.json())
