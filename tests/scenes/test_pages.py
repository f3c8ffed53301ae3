"""The scene pages over plain HTTP: 同城 with its settings and a circle's city, schools settings errors."""

from __future__ import annotations

import re

import httpx

from tests.web.conftest import PASSWORD, reset_register_limit

_TOKEN = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')


def _browser(base: str, username: str, nickname: str) -> tuple[httpx.Client, str]:
    reset_register_limit()
    client = httpx.Client(base_url=base, headers={"Origin": base, "Sec-Fetch-Site": "same-origin"}, timeout=30)
    token = _TOKEN.search(client.get("/signup").text).group(1)
    form = {"username": username, "nickname": nickname, "password": PASSWORD, "csrf_token": token}
    assert client.post("/signup", data=form).status_code == 303
    return client, _TOKEN.search(client.get("/").text).group(1)


def test_nearby_page_recommends_and_owners_set_a_city(live_server: str, member) -> None:
    owner, token = _browser(live_server, "owner", "圈主")
    owner.post("/circles", data={"slug": "hz-moms", "name": "杭州宝妈群", "kind": "interest", "csrf_token": token})
    mom = member("mom")
    mom.http.patch("/me", json={"city": "杭州"})
    assert mom.http.get("/nearby/circles").json() == []  # not local yet
    page = owner.get("/nearby")
    assert page.status_code == 200 and "杭州宝妈群" in page.text and 'action="/c/hz-moms/locality"' in page.text
    assert owner.post("/c/hz-moms/locality", data={"city": "杭州"}).status_code == 403  # no token
    resp = owner.post("/c/hz-moms/locality", data={"city": "杭州", "csrf_token": token})
    assert resp.status_code == 303
    assert [t["slug"] for t in mom.http.get("/nearby/circles").json()] == ["hz-moms"]
    # the member's own page shows it with the reason, and the setting turns it off
    mom_web, mom_token = _browser(live_server, "mom2", "宝妈")
    mom_web.post("/settings/profile", data={"nickname": "宝妈", "city": "杭州", "csrf_token": mom_token})
    text = mom_web.get("/nearby").text
    assert "你在杭州，这是杭州本地的圈子" in text
    mom_web.post("/nearby/settings", data={"csrf_token": mom_token})
    text = mom_web.get("/nearby").text
    assert "你关闭了同城推荐" in text and "你在杭州，这是杭州本地的圈子" not in text
    assert mom_web.get("/nearby/side").text.strip() == ""  # the sidebar card follows the same setting


def test_school_settings_form_reports_bad_input(live_server: str) -> None:
    lin, token = _browser(live_server, "lin", "林晓雨")
    resp = lin.post("/settings/schools", data={"kind": "小学", "name": "南城一中", "csrf_token": token})
    assert resp.status_code == 422 and "学校阶段需为" in resp.text
    resp = lin.post(
        "/settings/schools", data={"kind": "高中", "name": "南城一中", "enroll_year": "20x", "csrf_token": token}
    )
    assert resp.status_code == 422 and "入学年份无效" in resp.text
    ok = lin.post(
        "/settings/schools", data={"kind": "高中", "name": "南城一中", "enroll_year": "2012", "csrf_token": token}
    )
    assert ok.status_code == 303
    assert "南城一中" in lin.get("/campus").text
    assert lin.get("/campus/南城一中/2012?scope=class").status_code == 404  # no class given
    assert lin.post("/settings/schools/999999", data={"action": "delete", "csrf_token": token}).status_code == 404
