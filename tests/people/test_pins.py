"""置顶: one pinned post per member, shown first on their space to those who may see it."""

from __future__ import annotations

import io
import json
import zipfile

import httpx

from tests.conftest import MemberFactory
from tests.web.forms import csrf_token, sign_in, web_client


def test_pin_replace_unpin_and_visibility(member: MemberFactory, api: httpx.Client, live_server: str) -> None:
    lin, zhou = member("lin"), member("zhou")
    first = lin.http.post("/posts", json={"body": "置顶的第一条"}).json()["id"]
    secret = lin.http.post("/posts", json={"body": "只给自己的置顶", "visibility": "private"}).json()["id"]
    lin.http.post("/posts", json={"body": "最新的一条"})
    assert api.get("/users/lin/pinned").json() is None
    assert lin.http.post(f"/posts/{first}/pin").status_code == 200
    assert api.get("/users/lin/pinned").json()["id"] == first
    assert zhou.http.post(f"/posts/{first}/pin").status_code == 403  # not her post
    assert lin.http.post(f"/posts/{secret}/pin").status_code == 200  # replaces the first
    assert lin.http.get("/users/lin/pinned").json()["id"] == secret
    with zipfile.ZipFile(io.BytesIO(lin.http.get("/me/export").content)) as zf:
        assert [row["post_id"] for row in json.loads(zf.read("pinned.json"))] == [secret]
    assert api.get("/users/lin/pinned").json() is None  # a private post stays private
    assert zhou.http.get("/users/lin/pinned").json() is None
    # the space page: the pinned post first, for its owner, with a way to unpin
    with web_client(live_server) as browser:
        sign_in(browser, "lin")
        page = browser.get("/u/lin").text
        assert page.index("只给自己的置顶") < page.index("最新的一条") and "取消置顶" in page
        assert page.count("只给自己的置顶") == 1  # not again in the list below
        unpin = {"action": "unpin", "csrf_token": csrf_token(browser, "/u/lin")}
        assert browser.post(f"/p/{secret}/pin", data=unpin).status_code == 303
    assert lin.http.get("/users/lin/pinned").json() is None
    assert lin.http.delete("/me/pin").status_code == 200
