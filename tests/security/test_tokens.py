"""Issue 16, item 17: API tokens have scopes and an expiry, and cannot mint tokens, change the password or
take the member's archive (those need a session: the browser's, or a fresh password login)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import select

from nook.store.db import transaction
from nook.store.models import AuthToken
from tests.conftest import Member

PASSWORD = "correct horse battery"


def _token(owner: Member, **body: object) -> httpx.Client:
    made = owner.http.post("/me/tokens", json={"name": "脚本", **body})
    assert made.status_code == 201, made.text
    headers = {"Authorization": f"Bearer {made.json()['token']}"}
    return httpx.Client(base_url=owner.http.base_url, headers=headers, timeout=30)


def test_a_new_token_reads_and_writes_for_ninety_days_by_default(member: Callable[..., Member]) -> None:
    alice = member("alice")
    with _token(alice) as script:
        (listed,) = alice.http.get("/me/tokens").json()
        assert listed["scopes"] == ["read", "write"]
        left = datetime.fromisoformat(listed["expires_at"]) - datetime.now(UTC)
        assert timedelta(days=89) < left <= timedelta(days=90)
        assert script.get("/me").status_code == 200
        assert script.post("/posts", json={"body": "脚本发的说说"}).status_code == 201


def test_a_read_only_token_reads_and_never_writes(member: Callable[..., Member]) -> None:
    alice = member("alice")
    member("bob")
    with _token(alice, scopes=["read"]) as reader:
        assert reader.get("/me").status_code == 200
        assert reader.get("/users/bob").status_code == 200  # a visit is logged on the side: still a read
        refused = reader.post("/posts", json={"body": "不该发出去"})
        assert refused.status_code == 403 and "write" in refused.text
        assert reader.patch("/me", json={"bio": "改不了"}).status_code == 403
        assert reader.post("/friends/requests", json={"username": "bob"}).status_code == 403
        assert reader.post("/auth/logout").status_code == 200  # ending itself is always allowed
        assert reader.get("/me").status_code == 401
    assert alice.http.get("/me").json()["bio"] == ""  # nothing changed


def test_write_brings_read_and_the_expiry_is_chosen_up_to_a_year(member: Callable[..., Member]) -> None:
    alice = member("alice")
    with _token(alice, scopes=["write"], expires_in_days=365) as script:
        (listed,) = alice.http.get("/me/tokens").json()
        assert listed["scopes"] == ["read", "write"]
        assert datetime.fromisoformat(listed["expires_at"]) - datetime.now(UTC) > timedelta(days=364)
        assert script.get("/me").status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {"scopes": ["account"]},
        {"scopes": ["read", "admin"]},
        {"scopes": []},
        {"expires_in_days": 366},
        {"expires_in_days": 0},
        {"expires_in_days": None},
    ],
)
def test_no_token_has_account_powers_or_lives_past_a_year(member: Callable[..., Member], body: dict) -> None:
    alice = member("alice")
    assert alice.http.post("/me/tokens", json={"name": "脚本", **body}).status_code == 422
    assert alice.http.get("/me/tokens").json() == []


def test_a_token_cannot_mint_tokens_change_the_password_or_take_the_archive(
    live_server: str, member: Callable[..., Member]
) -> None:
    alice = member("alice")
    with _token(alice) as script:
        for answer in (
            script.post("/me/tokens", json={"name": "永久后门"}),
            script.post("/me/password", json={"old_password": PASSWORD, "new_password": "stolen and changed"}),
            script.get("/me/export"),
            script.get("/me/sessions"),
            script.delete("/me/sessions/1"),
        ):
            assert answer.status_code == 403, answer.request.url
        # the web pages are the same doors
        assert script.get(f"{live_server}/settings/export").status_code == 403
        assert "登录的设备" not in script.get(f"{live_server}/settings").text
    assert len(alice.http.get("/me/tokens").json()) == 1
    # the session (here the one registration gave) may do all of it
    assert alice.http.get("/me/export").status_code == 200
    assert alice.http.post("/me/tokens", json={"name": "第二个"}).status_code == 201
    changed = alice.http.post("/me/password", json={"old_password": PASSWORD, "new_password": "a brand new one"})
    assert changed.status_code == 200


def test_an_expired_token_answers_401(member: Callable[..., Member]) -> None:
    alice = member("alice")
    with _token(alice, expires_in_days=1) as script:
        assert script.get("/me").status_code == 200
        with transaction() as session:
            token = session.scalar(select(AuthToken).where(AuthToken.kind == "api"))
            assert token is not None and token.expires_at is not None
            assert token.expires_at - datetime.now(UTC) <= timedelta(days=1)
            token.expires_at = datetime.now(UTC) - timedelta(seconds=1)
        assert script.get("/me").status_code == 401
        assert script.post("/posts", json={"body": "过期了"}).status_code == 401


def test_a_token_cannot_sign_out_sessions_through_the_token_door(member: Callable[..., Member]) -> None:
    alice = member("alice")
    with _token(alice) as script:
        sessions = alice.http.get("/me/sessions").json()
        assert script.delete(f"/me/tokens/{sessions[0]['id']}").status_code == 404
    assert alice.http.get("/me").status_code == 200
