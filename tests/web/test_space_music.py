"""背景音乐: a member adds MP3s to their space; tags are stripped, nothing autoplays, limits are clear."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

from nook.errors import Invalid
from nook.social.content.audio import read_mp3
from tests.conftest import MemberFactory
from tests.web.pages import new_page, sign_up, skip_welcome
from tests.web.test_layout import PHONE_390

FRAME = b"\xff\xfb\x90\x64" + bytes(413)  # MPEG-1 Layer III, 128 kbit/s, 44.1 kHz: 417 bytes, 26 ms
ID3 = b"ID3\x04\x00\x00\x00\x00\x00\x20" + b"TIT2\x00\x00\x00\x16\x00\x00\x03secret-title-GPS-31.2N"[:32]
V1 = b"TAG" + b"uploader-name".ljust(125, b"\x00")


def mp3(frames: int = 400, tags: bool = True) -> bytes:
    return (ID3 if tags else b"") + FRAME * frames + (V1 if tags else b"")


def test_an_mp3_is_kept_as_its_frames_alone() -> None:
    song = read_mp3(mp3(), max_seconds=600)
    assert song.audio == FRAME * 400
    assert b"secret" not in song.audio and b"uploader" not in song.audio
    assert song.seconds == pytest.approx(400 * 1152 / 44100, abs=0.1)


@pytest.mark.parametrize(
    "data",
    [b"hello world" * 100, b"\x89PNG\r\n\x1a\n" + bytes(5000), FRAME * 5, FRAME * 50 + b"\x00" * 30000],
    ids=["text", "png", "too-few-frames", "mostly-not-audio"],
)
def test_anything_else_is_refused(data: bytes) -> None:
    with pytest.raises(Invalid):
        read_mp3(data, max_seconds=600)


def test_too_long_a_song_is_refused() -> None:
    with pytest.raises(Invalid, match="分钟"):
        read_mp3(FRAME * 2400, max_seconds=60)  # about 63 s


def test_music_through_the_api(member: MemberFactory, live_server: str) -> None:
    xiao, visitor = member("xiaoyu", "小雨"), member("visitor1", "访客")

    def upload(who: Any, data: bytes, title: str = "晴天") -> httpx.Response:
        return who.http.post("/me/music", files={"file": ("a.mp3", data, "audio/mpeg")}, data={"title": title})

    made = upload(xiao, mp3())
    assert made.status_code == 201, made.text
    track = made.json()
    assert track["title"] == "晴天" and track["seconds"] == pytest.approx(10.4, abs=0.1)
    listed = visitor.http.get("/users/xiaoyu/music").json()
    assert [t["id"] for t in listed] == [track["id"]]
    served = httpx.get(live_server + track["url"])
    assert served.status_code == 200 and served.headers["content-type"] == "audio/mpeg"
    assert served.content == FRAME * 400, "visitors get the sound and none of the tags"

    refused = upload(xiao, b"not a song" * 100)
    assert refused.status_code == 422 and "MP3" in refused.json()["error"]["message"]
    assert upload(xiao, mp3(), title="").status_code == 422
    assert upload(xiao, mp3(), title="歌" * 61).status_code == 422
    for i in range(4):
        assert upload(xiao, mp3(50), title=f"第{i}首").status_code == 201
    full = upload(xiao, mp3(50), title="第六首")
    assert full.status_code == 422 and "5" in full.json()["error"]["message"]

    assert visitor.http.delete(f"/me/music/{track['id']}").status_code == 404, "only one's own songs"
    assert xiao.http.delete(f"/me/music/{track['id']}").status_code == 200
    assert httpx.get(live_server + track["url"]).status_code == 404


def test_a_song_on_a_space_waits_for_the_visitor(browser: Any, live_server: str, tmp_path: Any) -> None:
    song = tmp_path / "qingtian.mp3"
    song.write_bytes(mp3())
    page = new_page(browser, live_server, PHONE_390)
    sign_up(page, "yinyue", "音乐人")
    skip_welcome(page)
    page.goto("/settings")
    page.get_by_label("歌曲文件（MP3）").set_input_files(str(song))
    page.get_by_label("歌名").fill("晴天")
    page.get_by_label("歌手").fill("周杰伦")
    page.get_by_role("button", name="添加歌曲").click()
    expect(page.locator("#music")).to_contain_text("晴天")

    page.goto("/u/yinyue")
    player = page.get_by_label("播放 晴天")
    expect(player).to_be_visible()
    assert player.evaluate("a => a.paused && !a.autoplay && a.preload === 'none'")
    assert page.locator("audio[autoplay]").count() == 0
