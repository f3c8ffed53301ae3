"""Over plain HTTP: notification settings on /settings, and 表情 codes drawn safely in posts, comments and 留言板."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from tests.web.forms import csrf_token, sign_up

HUG = '<img class="emo" src="/static/emoticons/baobao.svg" alt="[抱抱]" width="22" height="22">'


def test_settings_page_turns_kinds_off_and_on(live_server: str) -> None:
    lin = sign_up(live_server, "lin", "林晓雨")
    page = lin.get("/settings").text
    assert 'name="notice_like" checked' in page and 'name="notice_comment" checked' in page
    assert 'name="notice_mention" checked' in page and 'name="notice_message" checked' in page

    form = {"csrf_token": csrf_token(lin, "/settings"), "notice_comment": "on", "notice_board": "on"}
    resp = lin.post("/settings/notifications", data=form)
    assert resp.status_code == 303 and resp.headers["location"].startswith("/settings?saved=notifications")
    page = lin.get("/settings").text
    assert 'name="notice_like" >' in page and 'name="notice_friend" >' in page
    assert 'name="notice_comment" checked' in page

    # what the page saved is what the API reads
    saved = {x["name"]: x["on"] for x in lin.get("/api/v1/notifications/settings").json()["settings"]}
    assert saved == {
        "like": False,
        "comment": True,
        "mention": False,
        "care": False,
        "message": False,
        "repost": False,
        "board": True,
        "friend": False,
        "circle": False,
    }
    with zipfile.ZipFile(io.BytesIO(lin.get("/settings/export").content)) as archive:  # and her archive keeps
        assert json.loads(archive.read("notification_settings.json")) == saved
    lin.close()


def test_emoticon_codes_are_pictures_in_posts_comments_and_board(live_server: str, member: Any) -> None:
    lin, zhou = member("lin", "林晓雨"), member("zhou", "周一鸣")
    assert zhou.http.post("/friends/requests", json={"username": "lin"}).status_code in (200, 201)
    request_id = lin.http.get("/friends/requests").json()[0]["id"]
    assert lin.http.post(f"/friends/requests/{request_id}/accept").status_code == 200

    post = lin.http.post("/posts", json={"body": "考完试啦[大笑][不存在]<img src=x onerror=alert(1)>"}).json()
    assert '<img class="emo" src="/static/emoticons/daxiao.svg" alt="[大笑]"' in post["body_html"]
    assert "[不存在]" in post["body_html"]  # not one of ours: stays text
    assert "<img src" not in post["body_html"] and "&lt;img src=x" in post["body_html"]

    assert zhou.http.post(f"/posts/{post['id']}/comments", json={"body": "辛苦啦[抱抱]"}).status_code == 201
    assert zhou.http.post("/users/lin/board", json={"body": "周末一起去书店[花]"}).status_code == 201
    reader = sign_up(live_server, "reader", "读者")
    page = reader.get(f"/p/{post['id']}").text
    assert HUG in page
    assert reader.get("/u/lin?tab=board").text.count('src="/static/emoticons/hua.svg" alt="[花]"') == 1
    svg = reader.get("/static/emoticons/baobao.svg")
    assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml")
    reader.close()
