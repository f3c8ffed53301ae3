"""The server keeps each member's viewer (friends, blocks, circles, admin) between requests: every change
to what it is built from takes effect on the very next request, and a token that was logged out, revoked
or belongs to a deactivated member answers 401 at once."""

from __future__ import annotations

import httpx

from nook.social.authz import load_viewer
from nook.social.moderation import admin
from nook.store.db import transaction
from nook.store.models import User


def _see(client: httpx.Client, post_id: int) -> int:
    return client.get(f"/posts/{post_id}").status_code


def test_blocks_either_way_apply_on_the_next_request(member) -> None:
    alice, bob = member("alice"), member("bob")
    post_id = alice.http.post("/posts", json={"body": "今天去看了樱花"}).json()["id"]
    assert _see(bob.http, post_id) == 200  # bob's viewer is cached now

    assert alice.http.post("/blocks", json={"username": "bob"}).status_code in (200, 201)
    assert _see(bob.http, post_id) == 404
    assert alice.http.delete("/blocks/bob").status_code in (200, 204)
    assert _see(bob.http, post_id) == 200

    assert bob.http.post("/blocks", json={"username": "alice"}).status_code in (200, 201)
    assert _see(bob.http, post_id) == 404


def test_friendship_made_and_ended_apply_on_the_next_request(member) -> None:
    alice, bob = member("alice"), member("bob")
    post_id = alice.http.post("/posts", json={"body": "只给好友看", "visibility": "friends"}).json()["id"]
    assert _see(bob.http, post_id) == 404

    request = bob.http.post("/friends/requests", json={"username": "alice"}).json()
    assert alice.http.post(f"/friends/requests/{request['id']}/accept").status_code == 200
    assert _see(bob.http, post_id) == 200
    assert alice.http.delete("/friends/bob").status_code in (200, 204)  # a bulk delete
    assert _see(bob.http, post_id) == 404


def test_circle_membership_applies_on_the_next_request(member) -> None:
    owner, bob = member("owner"), member("bob")
    assert owner.http.post("/circles", json={"slug": "tea", "name": "喝茶"}).status_code == 201
    post_id = owner.http.post("/posts", json={"body": "圈内茶话会", "visibility": "circle", "circle": "tea"}).json()[
        "id"
    ]
    assert _see(bob.http, post_id) == 404

    assert bob.http.post("/circles/tea/join").status_code == 200
    assert _see(bob.http, post_id) == 200
    assert bob.http.post("/circles/tea/leave").status_code == 200
    assert _see(bob.http, post_id) == 404


def test_logout_revoke_and_deactivation_end_a_token_at_once(member, live_server) -> None:
    mod, bob = member("mod"), member("bob")  # the first member is the admin
    assert bob.http.get("/feed").status_code == 200
    assert bob.http.post("/auth/logout").status_code == 200
    assert bob.http.get("/feed").status_code == 401

    login = {"username": "bob", "password": "correct horse battery"}
    first = httpx.post(f"{live_server}/api/v1/auth/login", json=login).json()["token"]
    second = httpx.post(f"{live_server}/api/v1/auth/login", json=login).json()["token"]
    with (
        httpx.Client(base_url=f"{live_server}/api/v1", headers={"Authorization": f"Bearer {first}"}) as one,
        httpx.Client(base_url=f"{live_server}/api/v1", headers={"Authorization": f"Bearer {second}"}) as two,
    ):
        assert one.get("/feed").status_code == two.get("/feed").status_code == 200
        [other] = [s for s in two.get("/me/sessions").json() if not s["current"]]
        assert two.delete(f"/me/sessions/{other['id']}").status_code == 200
        assert one.get("/feed").status_code == 401
        assert two.get("/feed").status_code == 200

        with transaction() as s:
            admin.set_active(s, load_viewer(s, s.get(User, mod.id)), bob.id, False)
        assert two.get("/feed").status_code == 401
