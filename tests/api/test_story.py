"""The foundation's user story, end to end through the HTTP API."""

from __future__ import annotations

import io
import zipfile

from PIL import Image


def _png(color: str = "skyblue") -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), color).save(buf, "PNG")
    return buf.getvalue()


def test_register_befriend_post_interact_and_export(member, api) -> None:
    lin, zhou = member("lin", "林晓雨"), member("zhou", "周一鸣")

    # befriend
    req = lin.http.post("/friends/requests", json={"username": "zhou", "message": "高二三班的林晓雨"})
    assert req.status_code == 201
    incoming = zhou.http.get("/friends/requests").json()
    assert [r["user"]["username"] for r in incoming] == ["lin"]
    assert zhou.http.post(f"/friends/requests/{incoming[0]['id']}/accept").status_code == 200
    assert [u["username"] for u in lin.http.get("/friends").json()] == ["zhou"]

    # a friends-only post with a photo and a hashtag
    media = lin.http.post("/media", files={"file": ("sky.png", _png(), "image/png")})
    assert media.status_code == 201, media.text
    post = lin.http.post(
        "/posts",
        json={
            "body": "今晚的星空 #青海之旅# 猜猜我在哪?",
            "visibility": "friends",
            "images": [{"media_id": media.json()["id"], "alt": "满天星"}],
        },
    )
    assert post.status_code == 201, post.text
    post_id = post.json()["id"]
    assert post.json()["hashtags"] == ["青海之旅"]
    assert '<a class="tag" href="/tags/' in post.json()["body_html"]

    # a stranger and an anonymous reader cannot see it; a friend can
    stranger = member("stranger")
    assert stranger.http.get(f"/posts/{post_id}").status_code == 404
    assert api.get(f"/posts/{post_id}").status_code == 404
    assert zhou.http.get(f"/posts/{post_id}").status_code == 200
    assert post_id in [p["id"] for p in zhou.http.get("/feed").json()["items"]]
    assert post_id not in [p["id"] for p in stranger.http.get("/feed").json()["items"]]
    assert post_id in [p["id"] for p in zhou.http.get("/hashtags/青海之旅").json()["items"]]

    # the photo follows the post's visibility
    img_url = post.json()["images"][0]["thumb_url"]
    base = str(api.base_url).removesuffix("/api/v1/").removesuffix("/api/v1")
    assert zhou.http.get(base + img_url).status_code == 200
    assert stranger.http.get(base + img_url).status_code == 404

    # like (idempotent), comment, reply
    assert zhou.http.post(f"/posts/{post_id}/like").json() == {"liked": True, "like_count": 1}
    assert zhou.http.post(f"/posts/{post_id}/like").json() == {"liked": True, "like_count": 1}
    comment = zhou.http.post(f"/posts/{post_id}/comments", json={"body": "是青海湖吗？我去年也去过！"})
    assert comment.status_code == 201
    reply = lin.http.post(
        f"/posts/{post_id}/comments", json={"body": "是茶卡盐湖～", "parent_id": comment.json()["id"]}
    )
    assert reply.json()["reply_to"]["username"] == "zhou"
    thread = lin.http.get(f"/posts/{post_id}/comments").json()["items"]
    assert [c["body"] for c in thread] == ["是青海湖吗？我去年也去过！", "是茶卡盐湖～"]

    # notifications, both ways
    lin_notes = lin.http.get("/notifications").json()
    assert {n["kind"] for n in lin_notes["items"]} >= {"like", "comment", "friend_accept"}
    assert lin_notes["unread"] == len(lin_notes["items"])
    zhou_notes = zhou.http.get("/notifications").json()["items"]
    assert "reply" in {n["kind"] for n in zhou_notes}
    assert lin.http.post("/notifications/read", json={}).json()["count"] >= 3
    assert lin.http.get("/notifications/unread").json() == {"count": 0}

    # board message and the owner's reply
    msg = zhou.http.post("/users/lin/board", json={"body": "周末一起去看展吗？"})
    assert msg.status_code == 201
    assert lin.http.post(f"/board/{msg.json()['id']}/reply", json={"body": "好呀！"}).status_code == 201
    board = stranger.http.get("/users/lin/board").json()["items"]
    assert board[0]["body"] == "周末一起去看展吗？" and board[0]["replies"][0]["body"] == "好呀！"
    assert stranger.http.post("/users/lin/board", json={"body": "hi"}).status_code == 403
    assert "board" in {n["kind"] for n in lin.http.get("/notifications").json()["items"]}

    # visitor log
    assert zhou.http.get("/users/lin").status_code == 200
    visitors = lin.http.get("/me/visitors").json()
    assert [v["visitor"]["username"] for v in visitors] == ["zhou"]

    # export
    archive = lin.http.get("/me/export")
    assert archive.status_code == 200 and archive.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(archive.content)) as zf:
        names = set(zf.namelist())
        assert {"profile.json", "posts.json", "comments.json", "board_messages_received.json"} <= names
        assert any(n.startswith("media/") for n in names)
        assert "茶卡盐湖" in zf.read("comments.json").decode()
        assert "password" not in zf.read("profile.json").decode()
