"""Likes and comments on album photos through the real HTTP API: who may see a photo may like it once and
comment on it; the barrier folds filler; the photo's owner is told; a like ring's likes are not counted."""

from __future__ import annotations

import io

from PIL import Image

from nook.social.authz import load_viewer
from nook.social.moderation import cases
from nook.store.db import transaction
from nook.store.models import User


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), "salmon").save(buf, "PNG")
    return buf.getvalue()


def _befriend(a, b) -> None:  # type: ignore[no-untyped-def]
    sent = a.http.post("/friends/requests", json={"username": b.username})
    assert b.http.post(f"/friends/requests/{sent.json()['id']}/accept").status_code == 200


def _photo(m, visibility: str = "public", **audience) -> int:  # type: ignore[no-untyped-def]
    album = m.http.post("/albums", json={"title": "夏天", "visibility": visibility, **audience})
    assert album.status_code == 201, album.text
    files = {"files": ("a.png", _png(), "image/png")}
    uploaded = m.http.post(f"/albums/{album.json()['id']}/photos", files=files, data={"caption": "西湖边的荷花"})
    assert uploaded.status_code == 201, uploaded.text
    return int(uploaded.json()[0]["id"])


def test_a_like_counts_once_and_only_for_those_who_may_see_the_photo(member, api) -> None:
    lin, zhou, stranger = member("lin"), member("zhou"), member("momo")
    _befriend(lin, zhou)
    photo = _photo(lin, "friends")

    assert zhou.http.post(f"/album-photos/{photo}/like").json() == {"liked": True, "like_count": 1}
    assert zhou.http.post(f"/album-photos/{photo}/like").json() == {"liked": True, "like_count": 1}  # a double click
    assert lin.http.get(f"/album-photos/{photo}").json()["like"] == {"liked": False, "like_count": 1}
    assert stranger.http.post(f"/album-photos/{photo}/like").status_code == 404  # a hidden photo is not there
    assert stranger.http.get(f"/album-photos/{photo}").status_code == 404
    assert api.post(f"/album-photos/{photo}/like").status_code == 401
    assert zhou.http.delete(f"/album-photos/{photo}/like").json() == {"liked": False, "like_count": 0}


def test_likes_of_an_account_flagged_in_a_ring_are_not_counted_until_the_case_is_lifted(member) -> None:
    lin, zhou, farmer = member("lin"), member("zhou"), member("farmer")
    photo = _photo(lin)
    for m in (zhou, farmer):
        assert m.http.post(f"/album-photos/{photo}/like").status_code == 200
    with transaction() as s:  # the ring scan flags farmer's account, as it would from their post likes
        case = cases.open_case(
            s,
            kind="like_ring",
            user_ids=[farmer.id],
            reasons=["点赞圈"],
            evidence={},
            circle_id=None,
            until=None,
            rate=5,
        )
        case_id = case.id
    assert lin.http.get(f"/album-photos/{photo}").json()["like"]["like_count"] == 1
    with transaction() as s:
        admin = s.get(User, lin.id)
        assert admin is not None and admin.is_admin  # the first member is the site's operator
        cases.decide(s, load_viewer(s, admin), case_id, "lift")
    assert lin.http.get(f"/album-photos/{photo}").json()["like"]["like_count"] == 2


def test_a_comment_tells_the_owner_and_filler_is_folded_with_its_reason_for_the_writer_only(member) -> None:
    lin, zhou, xia = member("lin"), member("zhou"), member("xia")
    photo = _photo(lin)
    said = zhou.http.post(f"/album-photos/{photo}/comments", json={"body": "荷花开得真好，是在曲院风荷拍的吗？"})
    assert said.status_code == 201, said.text
    filler = xia.http.post(f"/album-photos/{photo}/comments", json={"body": "沙发"})
    assert filler.status_code == 201

    for reader, reason_shown in ((lin, True), (xia, True), (zhou, False)):  # lin: the site admin
        comments = reader.http.get(f"/album-photos/{photo}").json()["comments"]
        assert [(c["body"], c["folded"]) for c in comments] == [
            ("荷花开得真好，是在曲院风荷拍的吗？", False),
            ("沙发", True),
        ]
        assert (comments[1]["fold_reason"] is not None) == reason_shown
    notes = lin.http.get("/notifications").json()["items"]
    told = [(n["kind"], n["actor"]["username"], n["photo_id"]) for n in notes]
    assert ("photo_comment", "zhou", photo) in told


def test_deleting_a_comment_is_for_its_writer_and_the_photo_owner(member) -> None:
    lin, zhou, xia = member("lin"), member("zhou"), member("xia")
    photo = _photo(lin)
    ids = [
        zhou.http.post(f"/album-photos/{photo}/comments", json={"body": f"第{i}张最好看"}).json()["id"] for i in (1, 2)
    ]
    assert xia.http.delete(f"/photo-comments/{ids[0]}").status_code == 403
    assert zhou.http.delete(f"/photo-comments/{ids[0]}").status_code == 200
    assert lin.http.delete(f"/photo-comments/{ids[1]}").status_code == 200
    assert lin.http.get(f"/album-photos/{photo}").json()["comments"] == []


def test_bad_comments_get_a_clear_error(member) -> None:
    lin = member("lin")
    photo = _photo(lin)
    for body in ("", "好" * 501):
        assert lin.http.post(f"/album-photos/{photo}/comments", json={"body": body}).status_code == 422
    assert lin.http.post("/album-photos/999999/comments", json={"body": "在吗"}).status_code == 404


def test_an_album_for_some_friends_shows_its_photo_to_them_alone(member) -> None:
    lin, zhou, xia, momo = member("lin"), member("zhou"), member("xia"), member("momo")
    for m in (zhou, xia, momo):
        _befriend(lin, m)
    group = lin.http.post("/groups", json={"name": "室友", "members": ["zhou"]}).json()
    some = _photo(lin, "selected", audience_groups=[group["id"]], audience_members=["xia"])
    not_momo = _photo(lin, "except", audience_members=["momo"])
    for m, sees_some, sees_not_momo in ((zhou, True, True), (xia, True, True), (momo, False, False)):
        assert (m.http.get(f"/album-photos/{some}").status_code == 200) == sees_some
        assert (m.http.get(f"/album-photos/{not_momo}").status_code == 200) == sees_not_momo
    assert lin.http.patch(f"/groups/{group['id']}", json={"members": []}).status_code == 200
    assert zhou.http.get(f"/album-photos/{some}").status_code == 404  # out of the group: at once
    bad = lin.http.post("/albums", json={"title": "空", "visibility": "selected"})
    assert bad.status_code == 422 and "至少选择" in bad.text
