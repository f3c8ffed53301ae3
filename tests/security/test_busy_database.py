"""Issue 16, item 7(c): a database held busy answers 503 + Retry-After ("稍后再试"), never a 500."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import psycopg

from tests.conftest import TEST_DB, Member
from tests.web.forms import csrf_token, sign_up


@contextmanager
def users_locked(user_id: int) -> Iterator[None]:
    """Another connection holds the lock a write to `users` needs: SQLite's write lock, PostgreSQL's row."""
    if TEST_DB.startswith("postgresql"):
        with psycopg.connect(TEST_DB) as conn:
            conn.execute("SELECT id FROM users WHERE id = %s FOR UPDATE", (user_id,))
            yield
            conn.rollback()
        return
    from nook.config import get_settings

    path = get_settings().sqlalchemy_url.removeprefix("sqlite:///")
    assert Path(path).exists()
    conn = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        yield
        conn.execute("ROLLBACK")
    finally:
        conn.close()


def test_api_write_on_a_locked_database_is_503_with_retry_after(
    member: Callable[..., Member], short_lock_wait: None
) -> None:
    alice = member("alice")
    with users_locked(alice.id):
        resp = alice.http.patch("/me", json={"bio": "等一下"})
    assert resp.status_code == 503, resp.text
    assert int(resp.headers["retry-after"]) >= 1
    assert resp.json()["error"]["code"] == "busy"
    assert "稍后再试" in resp.json()["error"]["message"]
    # and once the lock is gone, the same write goes through
    assert alice.http.patch("/me", json={"bio": "好了"}).status_code == 200


def test_web_form_on_a_locked_database_is_a_try_later_page(live_server: str, short_lock_wait: None) -> None:
    from nook.store.db import read_session
    from nook.store.models import User

    client = sign_up(live_server, "bob", "鲍勃")
    with closing(client):
        token = csrf_token(client, "/settings")
        with read_session() as session:
            bob_id = session.query(User).filter_by(username="bob").one().id
        with users_locked(bob_id):
            resp = client.post("/settings/profile", data={"nickname": "鲍勃二号", "csrf_token": token})
    assert resp.status_code == 503
    assert resp.headers["retry-after"]
    assert resp.headers["content-type"].startswith("text/html")
    assert "稍后再试" in resp.text
