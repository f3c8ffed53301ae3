"""Cross-site request defence, security headers, input limits and the 404-not-403 rule."""

from __future__ import annotations

import httpx

from nook.social.limits import COMMENT_MAX, POST_MAX


def _cookie_client(base: str, token: str, **headers: str) -> httpx.Client:
    client = httpx.Client(base_url=f"{base}/api/v1", headers=headers)
    client.cookies.set("nook_session", token)
    return client


def test_cookie_writes_need_same_origin(live_server, member) -> None:
    alice = member("alice")
    with _cookie_client(live_server, alice.token, origin="https://evil.example") as evil:
        assert evil.post("/posts", json={"body": "csrf"}).status_code == 403
        assert evil.get("/me").status_code == 200  # reads are fine
    with _cookie_client(live_server, alice.token, **{"sec-fetch-site": "cross-site"}) as evil:
        assert evil.post("/posts", json={"body": "csrf"}).status_code == 403
    with _cookie_client(live_server, alice.token) as no_origin:
        assert no_origin.post("/posts", json={"body": "csrf"}).status_code == 403
    with _cookie_client(live_server, alice.token, **{"sec-fetch-site": "same-origin"}) as ours:
        assert ours.post("/posts", json={"body": "同源"}).status_code == 201


def test_security_headers_and_strict_csp(api) -> None:
    resp = api.get("/explore")
    csp = resp.headers["content-security-policy"]
    assert "unsafe-inline" not in csp and "default-src 'self'" in csp and "'nonce-" in csp
    assert resp.headers["x-content-type-options"] == "nosniff"
    assert resp.headers["x-frame-options"] == "DENY"


def test_every_text_field_has_a_limit(member) -> None:
    alice = member("alice")
    assert alice.http.post("/posts", json={"body": "长" * (POST_MAX + 1)}).status_code == 422
    post = alice.http.post("/posts", json={"body": "短"}).json()
    too_long = alice.http.post(f"/posts/{post['id']}/comments", json={"body": "评" * (COMMENT_MAX + 1)})
    assert too_long.status_code == 422 and "500" in too_long.json()["error"]["message"]
    assert alice.http.patch("/me", json={"bio": "x" * 300}).status_code == 422
    assert alice.http.post("/posts", json={"body": "   "}).status_code == 422
    assert alice.http.get("/feed", params={"cursor": "not-a-cursor"}).status_code == 422


def test_oversized_upload_and_fake_image_are_refused(member) -> None:
    alice = member("alice")
    fake = alice.http.post("/media", files={"file": ("a.jpg", b"<script>alert(1)</script>", "image/jpeg")})
    assert fake.status_code == 422 and fake.json()["error"]["code"] == "invalid"
    huge = alice.http.post("/media", files={"file": ("b.jpg", b"\xff" * (13 * 1024 * 1024), "image/jpeg")})
    assert huge.status_code == 413


def test_others_private_objects_are_404_not_403(member) -> None:
    alice, bob = member("alice"), member("bob")
    private = alice.http.post("/posts", json={"body": "只给自己", "visibility": "private"}).json()["id"]
    for call in (
        bob.http.get(f"/posts/{private}"),
        bob.http.post(f"/posts/{private}/like"),
        bob.http.post(f"/posts/{private}/comments", json={"body": "hi"}),
        bob.http.delete(f"/posts/{private}"),
        bob.http.get(f"/posts/{private}/comments"),
        bob.http.get("/posts/999999"),
    ):
        assert call.status_code == 404, call.text


def test_blocked_member_sees_nothing_and_cannot_interact(member) -> None:
    alice, bob = member("alice"), member("bob")
    post = alice.http.post("/posts", json={"body": "公开说说"}).json()["id"]
    assert alice.http.post("/blocks", json={"username": "bob"}).status_code == 201
    assert bob.http.get(f"/posts/{post}").status_code == 404
    assert bob.http.get("/users/alice").status_code == 404
    assert bob.http.post(f"/posts/{post}/like").status_code == 404
    assert bob.http.post("/friends/requests", json={"username": "alice"}).status_code == 404
    assert post not in [p["id"] for p in bob.http.get("/explore").json()["items"]]
    # and alice no longer sees bob either
    bob_post = bob.http.post("/posts", json={"body": "bob 的说说"}).json()["id"]
    assert alice.http.get(f"/posts/{bob_post}").status_code == 404
