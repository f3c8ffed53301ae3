"""相册 through the real HTTP API: who sees which album and its photo files, the question lock, limits."""

from __future__ import annotations

import io

import httpx
from PIL import Image

from nook.security import rate_limits


def _png(color: str = "skyblue") -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), color).save(buf, "PNG")
    return buf.getvalue()


def _befriend(a, b) -> None:  # type: ignore[no-untyped-def]
    sent = a.http.post("/friends/requests", json={"username": b.username})
    assert sent.status_code == 201, sent.text
    assert b.http.post(f"/friends/requests/{sent.json()['id']}/accept").status_code == 200


def _album(m, **fields) -> dict:  # type: ignore[no-untyped-def]
    resp = m.http.post("/albums", json={"title": "毕业旅行", **fields})
    assert resp.status_code == 201, resp.text
    return resp.json()


def _upload(m, album_id: int, color: str = "skyblue", caption: str = "") -> dict:  # type: ignore[no-untyped-def]
    resp = m.http.post(
        f"/albums/{album_id}/photos", files={"files": ("a.png", _png(color), "image/png")}, data={"caption": caption}
    )
    assert resp.status_code == 201, resp.text
    return resp.json()[0]


def _file(client: httpx.Client, live_server: str, url: str) -> int:
    return client.get(f"{live_server}{url}").status_code


def test_friends_album_and_its_files_are_hidden_from_a_stranger(member, api, live_server) -> None:
    lin, zhou, stranger = member("lin"), member("zhou"), member("momo")
    _befriend(lin, zhou)
    album = _album(lin, visibility="friends", description="海边")
    photo = _upload(lin, album["id"], caption="日落")

    seen = zhou.http.get(f"/albums/{album['id']}").json()
    assert [p["caption"] for p in seen["photos"]] == ["日落"]
    assert seen["album"]["cover_url"] == photo["thumb_url"]
    assert _file(zhou.http, live_server, photo["url"]) == 200

    for outsider in (stranger.http, api):
        assert outsider.get(f"/albums/{album['id']}").status_code == 404
        assert outsider.get("/users/lin/albums").json() == []
        assert _file(outsider, live_server, photo["url"]) == 404
        assert _file(outsider, live_server, photo["thumb_url"]) == 404


def test_private_album_is_the_owners_alone_and_public_is_everyones(member, api, live_server) -> None:
    lin, zhou = member("lin"), member("zhou")
    _befriend(lin, zhou)
    private = _album(lin, title="日记", visibility="private")
    public = _album(lin, title="风景")
    hidden, shown = _upload(lin, private["id"]), _upload(lin, public["id"])

    assert [a["title"] for a in lin.http.get("/users/lin/albums").json()] == ["风景", "日记"]
    assert [a["title"] for a in zhou.http.get("/users/lin/albums").json()] == ["风景"]
    assert _file(zhou.http, live_server, hidden["url"]) == 404
    assert _file(api, live_server, shown["url"]) == 200
    assert api.get(f"/albums/{public['id']}").json()["album"]["photo_count"] == 1


def test_question_album_opens_for_the_member_who_answers_right(member, live_server) -> None:
    lin, zhou, mo = member("lin"), member("zhou"), member("momo")
    album = _album(lin, visibility="question", question="我的小名？", answer="Xiaoyu")
    photo = _upload(lin, album["id"])
    assert "answer" not in str(lin.http.get(f"/albums/{album['id']}").json())

    listed = zhou.http.get("/users/lin/albums").json()[0]
    assert (listed["question"], listed["locked"], listed["cover_url"], listed["photo_count"]) == (
        "我的小名？",
        True,
        None,
        None,
    )
    assert zhou.http.get(f"/albums/{album['id']}").json()["photos"] == []
    assert _file(zhou.http, live_server, photo["url"]) == 404

    wrong = zhou.http.post(f"/albums/{album['id']}/unlock", json={"answer": "xiaoming"})
    assert wrong.status_code == 422
    assert wrong.json()["error"]["message"] == "答案不对"
    right = zhou.http.post(f"/albums/{album['id']}/unlock", json={"answer": " xiaoyu "})
    assert right.status_code == 200, right.text
    assert right.json()["album"]["locked"] is False
    assert len(right.json()["photos"]) == 1
    assert _file(zhou.http, live_server, photo["url"]) == 200

    # The unlock is zhou's alone.
    assert mo.http.get(f"/albums/{album['id']}").json()["album"]["locked"] is True
    assert _file(mo.http, live_server, photo["url"]) == 404


def test_answers_are_rate_limited_per_member_and_album(member) -> None:
    lin, zhou = member("lin"), member("zhou")
    album = _album(lin, visibility="question", question="暗号", answer="芝麻开门")
    codes = [
        zhou.http.post(f"/albums/{album['id']}/unlock", json={"answer": f"猜{i}"}).status_code
        for i in range(rate_limits.ALBUM_ANSWER.count)
    ]
    assert codes == [422] * rate_limits.ALBUM_ANSWER.count
    # Even the right answer waits now: the guesser cannot keep trying.
    assert zhou.http.post(f"/albums/{album['id']}/unlock", json={"answer": "芝麻开门"}).status_code == 429


def test_question_album_needs_a_question_and_an_answer(member) -> None:
    lin = member("lin")
    no_answer = lin.http.post("/albums", json={"title": "锁", "visibility": "question", "question": "暗号？"})
    assert no_answer.status_code == 422
    no_question = lin.http.post("/albums", json={"title": "锁", "visibility": "question", "answer": "x"})
    assert no_question.status_code == 422
    assert lin.http.post("/albums", json={"title": "x" * 33}).status_code == 422
    assert lin.http.post("/albums", json={"title": "   "}).status_code == 422


def test_move_caption_cover_and_delete(member, live_server) -> None:
    lin, zhou = member("lin"), member("zhou")
    trip, home = _album(lin, title="旅行"), _album(lin, title="家")
    first, second = _upload(lin, trip["id"], "red"), _upload(lin, trip["id"], "blue")

    cover = lin.http.patch(f"/albums/{trip['id']}", json={"title": "旅行", "cover_media_id": second["media_id"]}).json()
    assert cover["cover_url"] == second["thumb_url"]
    not_its_photo = {"title": "家", "cover_media_id": first["media_id"]}
    assert lin.http.patch(f"/albums/{home['id']}", json=not_its_photo).status_code == 422

    moved = lin.http.patch(f"/album-photos/{second['id']}", json={"album_id": home["id"], "caption": "窗外"})
    assert moved.status_code == 200, moved.text
    assert [p["caption"] for p in lin.http.get(f"/albums/{home['id']}").json()["photos"]] == ["窗外"]
    trip_now = lin.http.get(f"/albums/{trip['id']}").json()
    assert [p["id"] for p in trip_now["photos"]] == [first["id"]]
    assert trip_now["album"]["cover_url"] is None

    # Someone else's photo and album cannot be touched.
    assert zhou.http.patch(f"/album-photos/{first['id']}", json={"caption": "hi"}).status_code == 404
    assert zhou.http.delete(f"/albums/{trip['id']}").status_code == 404
    other = _album(zhou, title="我的")
    assert lin.http.patch(f"/album-photos/{first['id']}", json={"album_id": other["id"]}).status_code == 404

    assert lin.http.delete(f"/album-photos/{first['id']}").status_code == 200
    assert _file(lin.http, live_server, first["url"]) == 404
    assert lin.http.delete(f"/albums/{home['id']}").status_code == 200
    assert _file(lin.http, live_server, second["url"]) == 404
    assert [a["title"] for a in lin.http.get("/users/lin/albums").json()] == ["旅行"]


def test_upload_refuses_what_is_not_an_image_and_others_albums(member) -> None:
    lin, zhou = member("lin"), member("zhou")
    album = _album(lin)
    fake = lin.http.post(f"/albums/{album['id']}/photos", files={"files": ("a.jpg", b"<svg/>", "image/jpeg")})
    assert fake.status_code == 422
    theirs = zhou.http.post(f"/albums/{album['id']}/photos", files={"files": ("a.png", _png(), "image/png")})
    assert theirs.status_code == 404
    assert lin.http.get(f"/albums/{album['id']}").json()["photos"] == []
