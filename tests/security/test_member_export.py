"""A member's own archive (issue 16, item 11): complete, streamed from disk, a few per hour."""

from __future__ import annotations

import io
import json
import os
import secrets
import tracemalloc
import zipfile
from pathlib import Path

from PIL import Image
from sqlalchemy import insert

from nook.config import get_settings
from nook.social.content.media import media_path
from nook.store.db import get_engine
from nook.store.models import Media
from tests.conftest import Member


def _png(colour: str) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buf, "PNG")
    return buf.getvalue()


SONG = (b"\xff\xfb\x90\x64" + bytes(413)) * 40  # an MP3 of 40 frames, no tags


def test_the_archive_holds_the_members_posts_and_photos(member) -> None:
    alice, bob = member("alice"), member("bob")
    photo = alice.http.post("/media", files={"file": ("a.png", _png("red"), "image/png")}).json()
    post = alice.http.post("/posts", json={"body": "我的相册 #旅行#", "images": [{"media_id": photo["id"]}]}).json()
    bob.http.post("/posts", json={"body": "鲍勃自己的说说"})
    bob.http.post(f"/posts/{post['id']}/comments", json={"body": "好看！"})
    song = alice.http.post("/me/music", files={"file": ("s.mp3", SONG, "audio/mpeg")}, data={"title": "晴天"}).json()

    answer = alice.http.get("/me/export")
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/zip"
    assert answer.headers["content-disposition"] == 'attachment; filename="nook-alice.zip"'
    assert int(answer.headers["content-length"]) == len(answer.content)
    with zipfile.ZipFile(io.BytesIO(answer.content)) as zf:
        assert zf.testzip() is None
        posts = json.loads(zf.read("posts.json"))
        assert [p["body"] for p in posts] == ["我的相册 #旅行#"]  # hers only
        assert [i["media_id"] for i in json.loads(zf.read("post_images.json"))] == [photo["id"]]
        assert zf.read(f"media/{photo['id']}.jpg")[:2] == b"\xff\xd8"
        assert "password" not in zf.read("profile.json").decode()
        assert [t["title"] for t in json.loads(zf.read("music.json"))] == ["晴天"]
        assert zf.read(f"music/{song['id']}.mp3") == SONG


def test_the_archive_holds_the_members_albums_without_the_answer(member) -> None:
    alice, bob = member("alice"), member("bob")
    album = alice.http.post(
        "/albums", json={"title": "猫", "visibility": "question", "question": "它叫什么？", "answer": "团子"}
    ).json()
    upload = alice.http.post(f"/albums/{album['id']}/photos", files={"files": ("a.png", _png("blue"), "image/png")})
    photo = upload.json()[0]
    theirs = bob.http.post(
        "/albums", json={"title": "鲍勃的", "visibility": "question", "question": "?", "answer": "x"}
    )
    assert alice.http.post(f"/albums/{theirs.json()['id']}/unlock", json={"answer": "x"}).status_code == 200

    with zipfile.ZipFile(io.BytesIO(alice.http.get("/me/export").content)) as zf:
        albums = json.loads(zf.read("albums.json"))
        assert [(a["title"], a["question"]) for a in albums] == [("猫", "它叫什么？")]
        assert "answer_hash" not in albums[0] and "团子" not in zf.read("albums.json").decode()
        assert [(p["album_id"], p["media_id"]) for p in json.loads(zf.read("album_photos.json"))] == [
            (album["id"], photo["media_id"])
        ]
        assert [u["album_id"] for u in json.loads(zf.read("album_unlocks.json"))] == [theirs.json()["id"]]
        assert zf.read(f"media/{photo['media_id']}.jpg")[:2] == b"\xff\xd8"


def test_exports_are_limited_per_member_on_the_api_and_the_web(member, live_server: str) -> None:
    alice, bob = member("alice"), member("bob")
    for _ in range(3):
        assert alice.http.get("/me/export").status_code == 200
    refused = alice.http.get("/me/export")
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 60
    assert refused.json()["error"]["code"] == "rate_limited"
    # the settings page's download counts against the same allowance
    web = alice.http.get(f"{live_server}/settings/export")
    assert web.status_code == 429 and "retry-after" in web.headers
    assert bob.http.get("/me/export").status_code == 200  # per member, not per site


def _many_photos(owner: Member, count: int, size: int) -> int:
    """`count` photos of `size` incompressible bytes each, as if uploaded (their bytes are never decoded)."""
    made = {"owner_id": owner.id, "content_type": "image/jpeg", "width": 1, "height": 1, "bytes": size}
    rows = [{**made, "storage_key": secrets.token_hex(16)} for _ in range(count)]
    for row in rows:
        for variant in ("full", "thumb"):
            path = media_path(Media(storage_key=row["storage_key"]), variant)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(os.urandom(size if variant == "full" else 1024))
    with get_engine().begin() as conn:
        conn.execute(insert(Media), rows)
    return count * size


def test_a_large_archive_is_streamed_from_disk_not_held_in_memory(member, tmp_path: Path) -> None:
    alice = member("alice")
    photos = _many_photos(alice, count=24, size=1 << 20)
    received = tmp_path / "alice.zip"
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        with alice.http.stream("GET", "/me/export") as answer, received.open("wb") as out:
            assert answer.status_code == 200
            for chunk in answer.iter_bytes():
                out.write(chunk)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    size = received.stat().st_size
    assert size > photos  # random bytes do not compress: the archive is at least as big as the photos
    assert peak < size / 6, f"peak {peak / 2**20:.1f} MiB for a {size / 2**20:.1f} MiB archive"
    with zipfile.ZipFile(received) as zf:
        assert sum(1 for n in zf.namelist() if n.startswith("media/")) == 24
    # the temporary file is gone once sent
    assert not any((get_settings().data_dir / "tmp").iterdir())


def test_the_archive_holds_the_members_reposts_messages_and_follows(member) -> None:
    alice, bob = member("alice"), member("bob")
    assert alice.http.post("/friends/requests", json={"username": "bob"}).status_code == 201
    req = bob.http.get("/friends/requests").json()[0]
    bob.http.post(f"/friends/requests/{req['id']}/accept")
    original = bob.http.post("/posts", json={"body": "鲍勃的原帖"}).json()
    assert alice.http.post(f"/posts/{original['id']}/repost", json={"body": "转给大家看"}).status_code == 201
    alice.http.post("/messages/bob", json={"body": "周末去爬山吗"})
    bob.http.post("/messages/alice", json={"body": "好啊"})
    alice.http.put("/me/special/bob")
    alice.http.put("/users/bob/follow")
    alice.http.patch("/me/contact", json={"read_receipts": False})

    with zipfile.ZipFile(io.BytesIO(alice.http.get("/me/export").content)) as zf:
        assert [r["source_id"] for r in json.loads(zf.read("reposts.json"))] == [original["id"]]
        assert [m["body"] for m in json.loads(zf.read("messages.json"))] == ["周末去爬山吗", "好啊"]
        assert [x["friend_id"] for x in json.loads(zf.read("special_care.json"))] == [bob.id]
        assert [x["followee_id"] for x in json.loads(zf.read("following.json"))] == [bob.id]
        assert json.loads(zf.read("contact_settings.json"))["read_receipts"] is False
    # bob's archive holds the conversation too, and no repost of his own
    with zipfile.ZipFile(io.BytesIO(bob.http.get("/me/export").content)) as zf:
        assert [m["body"] for m in json.loads(zf.read("messages.json"))] == ["周末去爬山吗", "好啊"]
        assert json.loads(zf.read("reposts.json")) == []
