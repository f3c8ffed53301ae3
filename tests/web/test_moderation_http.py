"""The barrier in the web pages over HTTP: a throttled member sees why and appeals; a moderator lifts it."""

from __future__ import annotations

import re
from typing import Any

import httpx

from tests.web.forms import csrf_token, sign_up

STOCK = ["写得真好", "说得太好了", "支持楼主", "学习了", "感谢分享", "好文", "涨知识了", "收藏了", "楼主好人"]


def _comment(client: httpx.Client, post_id: int, body: str, **extra: str) -> httpx.Response:
    return client.post(f"/p/{post_id}/comments", data={"body": body, "csrf_token": csrf_token(client, "/")} | extra)


def test_throttled_member_appeals_and_moderator_lifts(live_server: str, member: Any) -> None:
    mod = sign_up(live_server, "mod", "小莫")  # the first member of a site is its admin
    spammer = sign_up(live_server, "spammer", "刷屏君")
    poster = member("poster", "发帖人")
    post_ids = [poster.http.post("/posts", json={"body": f"今天的第 {i} 条日常"}).json()["id"] for i in range(9)]
    for post_id, body in zip(post_ids, STOCK, strict=True):
        assert _comment(spammer, post_id, body).status_code == 303

    # the writer sees one reason on their own folded comment, no bare score; the post shows the fold to all
    page = spammer.get(f"/p/{post_ids[0]}").text
    assert "1 条低质评论已折叠" in page and "万能夸奖" in page and "质量分" not in page
    assert "万能夸奖" not in mod.get(f"/p/{post_ids[0]}").text.split("低质评论已折叠")[0]
    # the sixth comment carries the kind warning, in place, for its writer
    assert "真实想法" in spammer.get(f"/p/{post_ids[5]}").text
    assert "真实想法" not in poster.http.get(f"/posts/{post_ids[5]}/comments").text

    # the member is told about the throttle in notifications, with the way to appeal, and appeals from settings
    notes = spammer.get("/notifications").text
    assert "评论暂时限速一天" in notes and 'href="/settings#restrictions"' in notes
    settings = spammer.get("/settings").text
    assert "限流" in settings and "套话" in settings and "每小时最多" in settings
    case_id = re.search(r'name="case_id" value="(\d+)"', settings).group(1)  # type: ignore[union-attr]
    form = {"case_id": case_id, "body": "我只是在给朋友捧场", "csrf_token": csrf_token(spammer, "/settings")}
    assert spammer.post("/settings/appeals", data=form).status_code == 303
    assert "已申诉" in spammer.get("/settings").text

    # members who moderate nothing get a 404 from the queue
    assert spammer.get("/admin/cases").status_code == 404
    assert spammer.get(f"/admin/cases/{case_id}").status_code == 404

    # the moderator sees the case with its evidence, appeal and audit trail, then lifts it
    assert f"/admin/cases/{case_id}" in mod.get("/admin/cases?status=open").text
    case = mod.get(f"/admin/cases/{case_id}").text
    assert f"/p/{post_ids[0]}#comment-" in case and "我只是在给朋友捧场" in case and "throttle" in case
    token = csrf_token(mod, f"/admin/cases/{case_id}")
    lifted = mod.post(f"/admin/cases/{case_id}/lift", data={"note": "朋友间玩笑", "csrf_token": token})
    assert lifted.status_code == 303
    assert "已撤销" in mod.get(f"/admin/cases/{case_id}").text
    assert "限流" not in spammer.get("/settings").text
    assert "低质评论已折叠" not in mod.get(f"/p/{post_ids[0]}").text


def test_an_empty_comment_section_invites_a_real_reply(live_server: str, member: Any) -> None:
    reader = sign_up(live_server, "reader", "读者")
    post_id = member("poster", "发帖人").http.post("/posts", json={"body": "今天第一次自己换了自行车胎"}).json()["id"]
    page = reader.get(f"/p/{post_id}").text
    assert "说说你读到这条时想到了什么" in page and "抢沙发" not in page


def test_ids_beyond_32_bits_are_not_found(live_server: str, member: Any) -> None:
    mod = sign_up(live_server, "mod", "小莫")
    assert mod.get("/p/99999999999").status_code == 404
    assert mod.get("/p/99999999999/suggestions").status_code == 404
    assert mod.get("/admin/cases/99999999999").status_code == 404
    post_id = member("poster").http.post("/posts", json={"body": "晚安"}).json()["id"]
    too_big = _comment(mod, post_id, "晚安～", suggestion_id="99999999999")
    assert too_big.status_code == 422 and "晚安～" not in mod.get(f"/p/{post_id}").text
