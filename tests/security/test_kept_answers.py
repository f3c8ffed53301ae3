"""Reads keep who a token belongs to, and their answers, per version of the site (`nook.http.token_cache`,
`nook.http.kept_answers`): a member asking the same thing again gets it without a query, yet every change
shows on the very next request, and a kept answer is only ever given to the member it was made for."""

from __future__ import annotations

from datetime import timedelta

import httpx

from nook.http import kept_answers, token_cache
from nook.social.people import accounts
from nook.store import site_stamp
from nook.store.db import read_session, transaction
from nook.store.models import User


def _feed_ids(client: httpx.Client, path: str = "/feed") -> list[int]:
    resp = client.get(path)
    assert resp.status_code == 200, resp.text
    return [p["id"] for p in resp.json()["items"]]


def _befriend(a, b) -> None:
    request = a.http.post("/friends/requests", json={"username": b.username}).json()
    assert b.http.post(f"/friends/requests/{request['id']}/accept").status_code == 200


def test_same_url_gives_each_member_their_own_answer(member, api) -> None:
    alice, bob = member("alice"), member("bob")
    secret = alice.http.post("/posts", json={"body": "只有我自己看", "visibility": "private"}).json()["id"]
    open_ = alice.http.post("/posts", json={"body": "大家好", "visibility": "public"}).json()["id"]
    assert alice.http.post(f"/posts/{open_}/like").status_code == 200

    for _ in range(2):  # the second round is answered from what the first kept
        mine = {p["id"]: p for p in alice.http.get("/explore").json()["items"]}
        theirs = {p["id"]: p for p in bob.http.get("/explore").json()["items"]}
        nobody = {p["id"]: p for p in api.get("/explore").json()["items"]}
        assert secret in mine and secret not in theirs and secret not in nobody
        assert mine[open_]["liked_by_me"] and not theirs[open_]["liked_by_me"] and not nobody[open_]["liked_by_me"]
        assert bob.http.get(f"/posts/{secret}").status_code == 404
        assert alice.http.get(f"/posts/{secret}").status_code == 200


def test_a_kept_answer_shows_every_change_on_the_next_request(member) -> None:
    alice, bob = member("alice"), member("bob")
    _befriend(alice, bob)
    first = alice.http.post("/posts", json={"body": "第一条", "visibility": "friends"}).json()["id"]
    assert _feed_ids(bob.http) == _feed_ids(bob.http) == [first]

    second = alice.http.post("/posts", json={"body": "第二条", "visibility": "friends"}).json()["id"]
    assert _feed_ids(bob.http) == [second, first]

    assert alice.http.post(f"/posts/{first}/like").status_code == 200
    likes = {p["id"]: p["like_count"] for p in bob.http.get("/feed").json()["items"]}
    assert likes == {second: 0, first: 1}

    assert alice.http.post(f"/posts/{first}/comments", json={"body": "补充一句"}).status_code == 201
    assert [c["body"] for c in bob.http.get(f"/posts/{first}/comments").json()["items"]] == ["补充一句"]
    assert bob.http.get(f"/users/{alice.username}/posts").json()["items"][1]["comment_count"] == 1

    assert alice.http.delete("/friends/bob").status_code in (200, 204)
    assert _feed_ids(bob.http) == []
    assert bob.http.get(f"/users/{alice.username}/posts").json()["items"] == []


def test_a_block_hides_at_once_what_was_kept(member) -> None:
    alice, bob = member("alice"), member("bob")
    post_id = alice.http.post("/posts", json={"body": "公开的"}).json()["id"]
    assert post_id in _feed_ids(bob.http, "/explore") and post_id in _feed_ids(bob.http, "/explore")
    assert alice.http.post("/blocks", json={"username": "bob"}).status_code in (200, 201)
    assert post_id not in _feed_ids(bob.http, "/explore")
    assert bob.http.get(f"/posts/{post_id}").status_code == 404
    assert bob.http.get(f"/posts/{post_id}/comments").status_code == 404


def test_a_role_change_applies_on_the_next_request(member) -> None:
    admin, bob = member("mod"), member("bob")  # the first member is the site's admin
    bob.http.post("/posts", json={"body": "推荐给大家看看今天的晚霞"})
    ranked = admin.http.get("/feed/ranked").json()["items"]
    assert ranked and all(item["components"] is not None for item in ranked)  # admins see the numbers

    with transaction() as s:
        user = s.get(User, admin.id)
        assert user is not None and user.is_admin
        user.is_admin = False
    assert all(item["components"] is None for item in admin.http.get("/feed/ranked").json()["items"])
    with transaction() as s:
        user = s.get(User, bob.id)
        assert user is not None
        user.is_admin = True
    assert all(item["components"] is not None for item in bob.http.get("/feed/ranked").json()["items"])


def test_a_revoked_api_token_answers_401_at_once(member) -> None:
    bob = member("bob")
    private = bob.http.post("/posts", json={"body": "自己的备忘", "visibility": "private"}).json()["id"]
    made = bob.http.post("/me/tokens", json={"name": "脚本", "scopes": ["read"]}).json()
    with httpx.Client(base_url=bob.http.base_url, headers={"Authorization": f"Bearer {made['token']}"}) as script:
        assert _feed_ids(script) == _feed_ids(script) == [private]
        assert private in _feed_ids(script, "/explore")
        assert bob.http.delete(f"/me/tokens/{made['id']}").status_code == 200
        assert script.get("/feed").status_code == 401
        assert private not in _feed_ids(script, "/explore")  # asked as nobody now


def test_a_kept_token_expires_without_any_write(member, monkeypatch) -> None:
    """Reaching `expires_at` writes nothing (the site's stamp stays), so a kept copy checks it itself."""
    bob = member("bob")
    stamp = site_stamp.current()
    version = (stamp, 0)
    with read_session() as s:
        kept = token_cache.signed_in(s, bob.token, version)
    assert kept is not None and kept.expires_at is not None
    later = kept.expires_at + timedelta(seconds=1)
    monkeypatch.setattr(token_cache, "utcnow", lambda: later)
    monkeypatch.setattr(accounts, "utcnow", lambda: later)
    with read_session() as s:
        assert token_cache.signed_in(s, bob.token, version) is None
    assert site_stamp.current() == stamp


def test_kept_answers_stay_within_their_memory_bound(monkeypatch) -> None:
    monkeypatch.setattr(kept_answers, "BYTES", 10_000)
    monkeypatch.setattr(kept_answers, "_kept", type(kept_answers._kept)())
    monkeypatch.setattr(kept_answers, "_held", 0)
    for i in range(50):
        kept_answers._keep(("stamp", 0, i), b"x" * 1_000)
    kept_answers._keep(("stamp", 0, 49), b"x" * 3_000)  # kept again, larger
    assert kept_answers._held == sum(map(len, kept_answers._kept.values())) <= 10_000
    assert ("stamp", 0, 49) in kept_answers._kept and ("stamp", 0, 0) not in kept_answers._kept
