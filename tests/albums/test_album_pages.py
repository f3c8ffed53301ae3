"""相册 pages through real HTTP: the space's tab, the album page, the question form, CSRF-checked forms."""

from __future__ import annotations

import io
import re

import httpx
from PIL import Image

from tests.web.forms import csrf_token, sign_up


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), "orange").save(buf, "PNG")
    return buf.getvalue()


def _befriend(a: httpx.Client, b: httpx.Client, b_name: str, a_name: str) -> None:
    assert (
        a.post(f"/u/{b_name}/friend", data={"action": "add", "csrf_token": csrf_token(a, f"/u/{b_name}")}).status_code
        == 303
    )
    assert (
        b.post(
            f"/u/{a_name}/friend", data={"action": "accept", "csrf_token": csrf_token(b, f"/u/{a_name}")}
        ).status_code
        == 303
    )


def _create(client: httpx.Client, **fields: str) -> int:
    token = csrf_token(client, "/u/lin?tab=photos")
    resp = client.post("/albums", data={"title": "春游", "visibility": "public", "csrf_token": token, **fields})
    assert resp.status_code == 303, resp.text
    return int(resp.headers["location"].rsplit("/", 1)[1])


def test_album_pages_from_create_to_a_friend_and_a_stranger(live_server: str) -> None:
    lin, zhou = sign_up(live_server, "lin", "林晓雨"), sign_up(live_server, "zhou", "周一鸣")
    momo = sign_up(live_server, "momo", "陌陌")
    _befriend(lin, zhou, "zhou", "lin")
    album_id = _create(lin, title="春游", visibility="friends", description="西湖边")
    token = csrf_token(lin, f"/albums/{album_id}")
    up = lin.post(
        f"/albums/{album_id}/photos",
        data={"csrf_token": token, "caption": "断桥"},
        files={"photos": ("a.png", _png(), "image/png")},
    )
    assert up.status_code == 303
    media = re.findall(r'data-full="(/media/\d+/full)"', lin.get(f"/albums/{album_id}").text)
    assert len(media) == 1

    page = zhou.get(f"/albums/{album_id}").text
    assert "西湖边" in page and 'data-alt="断桥"' in page and "上传照片" not in page
    assert zhou.get(media[0]).status_code == 200
    tab = zhou.get("/u/lin?tab=photos").text
    assert f'href="/albums/{album_id}"' in tab and "新建相册" not in tab

    assert momo.get(f"/albums/{album_id}").status_code == 404
    assert f'href="/albums/{album_id}"' not in momo.get("/u/lin?tab=photos").text
    assert momo.get(media[0]).status_code == 404

    # forms need the CSRF token
    assert lin.post(f"/albums/{album_id}/delete", data={}).status_code == 403


def test_question_album_page_shows_the_question_and_opens_on_the_right_answer(live_server: str) -> None:
    lin, zhou = sign_up(live_server, "lin", "林晓雨"), sign_up(live_server, "zhou", "周一鸣")
    album_id = _create(lin, title="秘密", visibility="question", question="我家猫叫什么？", answer="团子")
    tab = zhou.get("/u/lin?tab=photos").text
    assert "🔒" in tab and "秘密" in tab
    page = zhou.get(f"/albums/{album_id}").text
    assert "我家猫叫什么？" in page and "回答问题才能看" in page

    token = csrf_token(zhou, f"/albums/{album_id}")
    wrong = zhou.post(f"/albums/{album_id}/unlock", data={"answer": "咪咪", "csrf_token": token})
    assert wrong.status_code == 422 and "答案不对" in wrong.text
    right = zhou.post(f"/albums/{album_id}/unlock", data={"answer": "团子", "csrf_token": token})
    assert right.status_code == 303
    assert "回答问题才能看" not in zhou.get(f"/albums/{album_id}").text
