"""Accounts: sessions, API tokens, password change and rehash, profile privacy."""

from __future__ import annotations

import httpx
from argon2 import PasswordHasher
from sqlalchemy import select

from nook.store.db import transaction
from nook.store.models import AuthToken, User

PASSWORD = "correct horse battery"


def test_password_change_signs_out_other_sessions_and_tokens(api, member) -> None:
    alice = member("alice")
    other = api.post("/auth/login", json={"username": "alice", "password": PASSWORD}).json()["token"]
    script = alice.http.post("/me/tokens", json={"name": "备份脚本"}).json()["token"]
    assert script.startswith("nka_")
    changed = alice.http.post("/me/password", json={"old_password": PASSWORD, "new_password": "a brand new one"})
    assert changed.status_code == 200
    for token in (other, script):
        assert api.get("/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert alice.http.get("/me").status_code == 200  # the session that changed it stays signed in
    assert api.post("/auth/login", json={"username": "alice", "password": PASSWORD}).status_code == 401
    assert api.post("/auth/login", json={"username": "alice", "password": "a brand new one"}).status_code == 200


def test_tokens_are_stored_hashed_and_logout_ends_the_session(api, member) -> None:
    alice = member("alice")
    with transaction() as session:
        hashes = list(session.scalars(select(AuthToken.token_hash)))
    assert alice.token not in hashes and len(hashes[0]) == 64
    assert alice.http.post("/auth/logout").status_code == 200
    assert alice.http.get("/me").status_code == 401


def test_api_token_can_be_listed_and_revoked(member) -> None:
    alice = member("alice")
    made = alice.http.post("/me/tokens", json={"name": "ci"}).json()
    listed = alice.http.get("/me/tokens").json()
    assert [t["name"] for t in listed] == ["ci"] and listed[0]["token"] is None
    assert alice.http.delete(f"/me/tokens/{made['id']}").status_code == 200
    with httpx.Client(base_url=alice.http.base_url, headers={"Authorization": f"Bearer {made['token']}"}) as c:
        assert c.get("/me").status_code == 401


def test_old_password_hash_is_upgraded_on_login(api, member) -> None:
    member("alice")
    weak = PasswordHasher(time_cost=1, memory_cost=512).hash(PASSWORD)
    with transaction() as session:
        session.scalar(select(User).where(User.username == "alice")).password_hash = weak
    assert api.post("/auth/login", json={"username": "alice", "password": PASSWORD}).status_code == 200
    with transaction() as session:
        upgraded = session.scalar(select(User.password_hash).where(User.username == "alice"))
    assert upgraded != weak and "m=1024" in upgraded


def test_profile_fields_follow_privacy_settings(member) -> None:
    alice, bob, carol = member("alice"), member("bob"), member("carol")
    profile = {
        "school": "南城一中",
        "school_kind": "高中",
        "enroll_year": 2016,
        "class_name": "三班",
        "city": "杭州",
        "interests": ["摄影", "手账"],
        "birthday": "2000-05-20",
        "privacy": {"school": "public", "class": "friends", "city": "private", "birthday": "friends"},
    }
    assert alice.http.patch("/me", json=profile).status_code == 200
    bob.http.post("/friends/requests", json={"username": "alice"})
    req = alice.http.get("/friends/requests").json()[0]
    alice.http.post(f"/friends/requests/{req['id']}/accept")
    as_friend, as_stranger = bob.http.get("/users/alice").json(), carol.http.get("/users/alice").json()
    assert as_friend["school"] == as_stranger["school"] == "南城一中"
    assert as_friend["class_name"] == "三班" and as_stranger["class_name"] is None
    assert as_friend["city"] is None and as_stranger["city"] is None
    assert as_friend["birthday"] == "2000-05-20" and as_stranger["birthday"] is None
    assert alice.http.get("/me").json()["city"] == "杭州"


def test_duplicate_username_and_bad_input_get_clear_errors(api, member) -> None:
    member("alice")
    dup = api.post("/auth/register", json={"username": "Alice", "password": PASSWORD})
    assert dup.status_code == 409 and dup.json()["error"]["message"]
    short = api.post("/auth/register", json={"username": "bob", "password": "short"})
    assert short.status_code == 422 and "password" in short.json()["error"]["message"]
    assert api.post("/auth/register", json={"username": "b o b", "password": PASSWORD}).status_code == 422
    assert (
        api.post("/auth/register", content=b"{not json", headers={"content-type": "application/json"}).status_code
        == 422
    )
