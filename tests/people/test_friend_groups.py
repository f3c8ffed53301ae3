"""Friend groups (分组) and posts for some friends only (部分好友可见 / 不给谁看), through the HTTP API.

Every read path must agree: an excluded friend finds nothing of the post anywhere (feed, space, tag
page, post, comments, likes, notifications, export); a friend in the chosen group finds it everywhere.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import httpx
from PIL import Image
from typer.testing import CliRunner

from nook.cli.main import app
from tests.conftest import Member, MemberFactory, wipe


def befriend(a: Member, b: Member) -> None:
    assert a.http.post("/friends/requests", json={"username": b.username}).status_code == 201
    req = b.http.get("/friends/requests").json()[0]
    assert b.http.post(f"/friends/requests/{req['id']}/accept").status_code == 200


def finds(reader: Member, post_id: int, marker: str, author: str) -> dict[str, bool]:
    """Where `reader` finds the post (or its marker text), path by path."""
    h = reader.http
    ids = lambda r: [p.get("post", p)["id"] for p in r.json()["items"]]  # noqa: E731
    export = h.get("/me/export")
    with zipfile.ZipFile(io.BytesIO(export.content)) as zf:
        exported = any(marker in zf.read(n).decode() for n in zf.namelist() if n.endswith(".json"))
    return {
        "detail": h.get(f"/posts/{post_id}").status_code == 200,
        "comments": h.get(f"/posts/{post_id}/comments").status_code == 200,
        "feed": post_id in ids(h.get("/feed")),
        "ranked": post_id in ids(h.get("/feed/ranked")),
        "space": post_id in ids(h.get(f"/users/{author}/posts")),
        "explore": post_id in ids(h.get("/explore")),
        "tag": post_id in ids(h.get("/hashtags/分组测试")),
        "notifications": marker in h.get("/notifications").text,
        "export": exported,
    }


def make_world(member: MemberFactory) -> tuple[Member, Member, Member, Member]:
    author, inside, outside, stranger = member("author"), member("inside"), member("outside"), member("stranger")
    befriend(author, inside)
    befriend(author, outside)
    return author, inside, outside, stranger


def test_groups_are_made_edited_and_deleted_by_their_owner_only(member: MemberFactory) -> None:
    author, _inside, outside, _ = make_world(member)
    made = author.http.post("/groups", json={"name": "同学", "members": ["inside"]})
    assert made.status_code == 201, made.text
    group = made.json()
    assert [u["username"] for u in group["members"]] == ["inside"]
    assert author.http.post("/groups", json={"name": "同学"}).status_code == 409
    assert author.http.post("/groups", json={"name": "路人", "members": ["stranger"]}).status_code == 422
    assert author.http.post("/groups", json={"name": "x" * 17}).status_code == 422
    assert outside.http.get("/groups").json() == []
    assert outside.http.patch(f"/groups/{group['id']}", json={"name": "偷改"}).status_code == 404
    assert outside.http.delete(f"/groups/{group['id']}").status_code == 404
    edited = author.http.patch(f"/groups/{group['id']}", json={"name": "高中同学", "members": ["inside", "outside"]})
    assert edited.status_code == 200
    assert edited.json()["name"] == "高中同学" and len(edited.json()["members"]) == 2
    assert author.http.delete(f"/groups/{group['id']}").status_code == 200
    assert author.http.get("/groups").json() == []


def test_group_count_is_limited(member: MemberFactory) -> None:
    author = member("author")
    for i in range(20):
        assert author.http.post("/groups", json={"name": f"组{i}"}).status_code == 201
    too_many = author.http.post("/groups", json={"name": "组20"})
    assert too_many.status_code == 422 and "20" in too_many.json()["error"]["message"]


def _post(author: Member, visibility: str, marker: str, **audience: list) -> int:
    body = {"body": f"{marker} #分组测试#", "visibility": visibility, **audience}
    made = author.http.post("/posts", json=body)
    assert made.status_code == 201, made.text
    return int(made.json()["id"])


def test_selected_post_reaches_the_group_and_nobody_else(member: MemberFactory) -> None:
    author, inside, outside, stranger = make_world(member)
    group = author.http.post("/groups", json={"name": "闺蜜", "members": ["inside"]}).json()
    post_id = _post(author, "selected", "只给闺蜜看", audience_groups=[group["id"]])
    assert inside.http.post(f"/posts/{post_id}/like").status_code == 200
    assert inside.http.post(f"/posts/{post_id}/comments", json={"body": "收到啦"}).status_code == 201

    seen_inside = finds(inside, post_id, "只给闺蜜看", "author")
    assert seen_inside["detail"] and seen_inside["feed"] and seen_inside["space"] and seen_inside["tag"]
    for reader in (outside, stranger):
        assert not any(finds(reader, post_id, "只给闺蜜看", "author").values()), reader.username
    with httpx.Client(base_url=str(author.http.base_url), timeout=30) as anonymous:
        assert anonymous.get(f"/posts/{post_id}").status_code == 404

    # taken out of the group: nothing, at once
    author.http.patch(f"/groups/{group['id']}", json={"members": []})
    assert not any(finds(inside, post_id, "只给闺蜜看", "author").values())


def test_except_post_hides_from_the_named_friend_on_every_path(member: MemberFactory) -> None:
    author, inside, outside, stranger = make_world(member)
    post_id = _post(author, "except", "不给outside看", audience_members=["outside"])
    assert inside.http.post(f"/posts/{post_id}/comments", json={"body": "看到了"}).status_code == 201
    assert finds(inside, post_id, "不给outside看", "author")["detail"]
    assert not any(finds(outside, post_id, "不给outside看", "author").values())
    assert not any(finds(stranger, post_id, "不给outside看", "author").values())
    assert outside.http.post(f"/posts/{post_id}/like").status_code == 404
    assert outside.http.get(f"/posts/{post_id}/likes").status_code == 404


def test_unfriended_group_member_sees_nothing(member: MemberFactory) -> None:
    author, inside, _, _ = make_world(member)
    group = author.http.post("/groups", json={"name": "密友", "members": ["inside"]}).json()
    post_id = _post(author, "selected", "密友专属", audience_groups=[group["id"]])
    assert inside.http.get(f"/posts/{post_id}").status_code == 200
    assert author.http.delete("/friends/inside").status_code == 200
    assert not any(finds(inside, post_id, "密友专属", "author").values())


def test_deleting_a_group_keeps_every_posts_readers(member: MemberFactory) -> None:
    author, inside, outside, _ = make_world(member)
    group = author.http.post("/groups", json={"name": "同事", "members": ["outside"]}).json()
    hidden = _post(author, "except", "不给同事看", audience_groups=[group["id"]])
    shown = _post(author, "selected", "只给同事看", audience_groups=[group["id"]])
    assert author.http.delete(f"/groups/{group['id']}").status_code == 200
    assert outside.http.get(f"/posts/{hidden}").status_code == 404
    assert outside.http.get(f"/posts/{shown}").status_code == 200
    assert inside.http.get(f"/posts/{hidden}").status_code == 200
    assert inside.http.get(f"/posts/{shown}").status_code == 404


def test_audience_is_checked(member: MemberFactory) -> None:
    author, _, outside, _ = make_world(member)
    other = outside.http.post("/groups", json={"name": "别人的组"}).json()
    cases = [
        ({"visibility": "selected"}, 422),  # nobody named
        ({"visibility": "selected", "audience_groups": [other["id"]]}, 404),  # not the author's group
        ({"visibility": "except", "audience_members": ["stranger"]}, 422),  # not a friend
        ({"visibility": "public", "audience_members": ["outside"]}, 422),  # names with no use
    ]
    for extra, status in cases:
        answer = author.http.post("/posts", json={"body": "测试", **extra})
        assert answer.status_code == status, (extra, answer.text)
        assert answer.json()["error"]["message"]


def test_editing_a_post_to_except_hides_it_at_once(member: MemberFactory) -> None:
    author, inside, outside, _ = make_world(member)
    post_id = _post(author, "friends", "先给好友看")
    assert outside.http.get(f"/posts/{post_id}").status_code == 200
    edit = author.http.patch(f"/posts/{post_id}", json={"visibility": "except", "audience_members": ["outside"]})
    assert edit.status_code == 200, edit.text
    assert outside.http.get(f"/posts/{post_id}").status_code == 404
    assert inside.http.get(f"/posts/{post_id}").status_code == 200
    assert author.http.patch(f"/posts/{post_id}", json={"visibility": "selected"}).status_code == 422


def test_member_archive_holds_groups_and_audiences(member: MemberFactory) -> None:
    author, inside, _outside, _ = make_world(member)
    group = author.http.post("/groups", json={"name": "家人", "members": ["inside"]}).json()
    post_id = _post(author, "except", "不给家人看", audience_groups=[group["id"]], audience_members=["outside"])
    with zipfile.ZipFile(io.BytesIO(author.http.get("/me/export").content)) as zf:
        groups = json.loads(zf.read("friend_groups.json"))
        audiences = json.loads(zf.read("post_audiences.json"))
    assert groups == [{"id": group["id"], "name": "家人", "members": ["inside"]}]
    assert {"post_id": post_id, "group_id": group["id"]} in audiences
    assert {"post_id": post_id, "username": "outside"} in audiences
    # a group member's own archive says nothing of the groups they are in
    with zipfile.ZipFile(io.BytesIO(inside.http.get("/me/export").content)) as zf:
        assert json.loads(zf.read("friend_groups.json")) == []


def test_site_archive_restores_groups_and_who_sees_what(member: MemberFactory, tmp_path: Path) -> None:
    author, inside, outside, _ = make_world(member)
    group = author.http.post("/groups", json={"name": "家人", "members": ["inside"]}).json()
    shown = _post(author, "selected", "家人专属", audience_groups=[group["id"]])
    hidden = _post(author, "except", "不给outside看", audience_members=["outside"])
    target = tmp_path / "site.zip"
    assert CliRunner().invoke(app, ["export", str(target)]).exit_code == 0
    wipe()
    restored = CliRunner().invoke(app, ["restore", str(target)])
    assert restored.exit_code == 0, restored.output
    assert author.http.get("/groups").json()[0]["name"] == "家人"
    assert inside.http.get(f"/posts/{shown}").status_code == 200
    assert outside.http.get(f"/posts/{shown}").status_code == 404
    assert outside.http.get(f"/posts/{hidden}").status_code == 404
    assert inside.http.get(f"/posts/{hidden}").status_code == 200


def _album_photo(author: Member, visibility: str, **audience: object) -> tuple[int, int]:
    album = author.http.post("/albums", json={"title": "相册", "visibility": visibility, **audience})
    assert album.status_code == 201, album.text
    buf = io.BytesIO()
    Image.new("RGB", (20, 20), "gold").save(buf, "PNG")
    files = {"files": ("a.png", buf.getvalue(), "image/png")}
    photo = author.http.post(f"/albums/{album.json()['id']}/photos", files=files)
    assert photo.status_code == 201, photo.text
    return album.json()["id"], photo.json()[0]["id"]


def test_a_board_for_some_friends_is_read_and_written_by_them_alone(member: MemberFactory) -> None:
    author, inside, outside, stranger = make_world(member)
    group = author.http.post("/groups", json={"name": "闺蜜", "members": ["inside"]}).json()
    chosen = {"board_policy": "selected", "board_audience": {"group_ids": [group["id"]]}}
    assert author.http.patch("/me", json=chosen).status_code == 200
    assert inside.http.post("/users/author/board", json={"body": "想你啦"}).status_code == 201
    assert [m["body"] for m in inside.http.get("/users/author/board").json()["items"]] == ["想你啦"]
    for other in (outside, stranger):
        assert other.http.get("/users/author/board").status_code in (403, 404)
        assert other.http.post("/users/author/board", json={"body": "路过"}).status_code in (403, 404)
    hidden = {"board_policy": "except", "board_audience": {"usernames": ["inside"]}}
    assert author.http.patch("/me", json=hidden).status_code == 200
    assert inside.http.get("/users/author/board").status_code == 403
    assert outside.http.get("/users/author/board").status_code == 200
    assert author.http.patch("/me", json={"board_policy": "selected", "board_audience": {}}).status_code == 422
    assert author.http.patch("/me", json={"board_policy": "anyone"}).status_code == 422


def test_deleting_a_group_keeps_the_readers_of_albums_and_the_board(member: MemberFactory) -> None:
    author, inside, outside, _ = make_world(member)
    group = author.http.post("/groups", json={"name": "同事", "members": ["outside"]}).json()
    _, shown = _album_photo(author, "selected", audience_groups=[group["id"]])
    _, hidden = _album_photo(author, "except", audience_groups=[group["id"]])
    chosen = {"board_policy": "except", "board_audience": {"group_ids": [group["id"]]}}
    assert author.http.patch("/me", json=chosen).status_code == 200
    assert author.http.delete(f"/groups/{group['id']}").status_code == 200
    assert outside.http.get(f"/album-photos/{shown}").status_code == 200
    assert outside.http.get(f"/album-photos/{hidden}").status_code == 404
    assert inside.http.get(f"/album-photos/{shown}").status_code == 404
    assert inside.http.get(f"/album-photos/{hidden}").status_code == 200
    assert outside.http.get("/users/author/board").status_code == 403
    assert inside.http.get("/users/author/board").status_code == 200


def test_archives_hold_album_and_board_audiences_and_photo_likes_and_comments(
    member: MemberFactory, tmp_path: Path
) -> None:
    author, inside, outside, _ = make_world(member)
    group = author.http.post("/groups", json={"name": "家人", "members": ["inside"]}).json()
    album, photo = _album_photo(author, "selected", audience_groups=[group["id"]], audience_members=["outside"])
    _, hidden = _album_photo(author, "except", audience_members=["outside"])
    board = {"board_policy": "selected", "board_audience": {"usernames": ["inside"]}}
    assert author.http.patch("/me", json=board).status_code == 200
    assert inside.http.post(f"/album-photos/{photo}/like").status_code == 200
    said = inside.http.post(f"/album-photos/{photo}/comments", json={"body": "奶奶笑得好开心"})
    assert said.status_code == 201

    with zipfile.ZipFile(io.BytesIO(author.http.get("/me/export").content)) as zf:
        audiences = json.loads(zf.read("album_audiences.json"))
        assert json.loads(zf.read("board_audience.json")) == [{"username": "inside"}]
        received = json.loads(zf.read("photo_comments_received.json"))
    assert {"album_id": album, "group_id": group["id"]} in audiences
    assert {"album_id": album, "username": "outside"} in audiences
    assert [c["body"] for c in received] == ["奶奶笑得好开心"]
    with zipfile.ZipFile(io.BytesIO(inside.http.get("/me/export").content)) as zf:
        assert [c["body"] for c in json.loads(zf.read("photo_comments.json"))] == ["奶奶笑得好开心"]
        assert [x["photo_id"] for x in json.loads(zf.read("photo_likes.json"))] == [photo]

    target = tmp_path / "site.zip"
    assert CliRunner().invoke(app, ["export", str(target)]).exit_code == 0
    wipe()
    restored = CliRunner().invoke(app, ["restore", str(target)])
    assert restored.exit_code == 0, restored.output
    again = inside.http.get(f"/album-photos/{photo}").json()
    assert again["like"] == {"liked": True, "like_count": 1}
    assert [c["body"] for c in again["comments"]] == ["奶奶笑得好开心"]
    assert outside.http.get(f"/album-photos/{hidden}").status_code == 404
    assert outside.http.get("/users/author/board").status_code == 403
    assert inside.http.get("/users/author/board").status_code == 200
