"""Theme weeks in the web pages over plain HTTP: who gets the forms, the composer's 本周主题 chips per
circle, circle-week pages hidden from outsiders, form errors as clear 4xx pages, escaping."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from nook.social.localtime import local_today
from tests.web.forms import csrf_token, sign_up


def _dates(start: int = 0, length: int = 6) -> dict[str, str]:
    today = local_today()
    return {
        "starts_on": (today + timedelta(days=start)).isoformat(),
        "ends_on": (today + timedelta(days=start + length)).isoformat(),
    }


def test_theme_week_pages_forms_and_chips(live_server: str) -> None:
    ops = sign_up(live_server, "ops", "运营")  # first member: the operator
    lin = sign_up(live_server, "lin", "林")
    wang = sign_up(live_server, "wang", "王")
    assert "发起主题周" in ops.get("/themes").text
    assert "发起主题周" not in lin.get("/themes").text

    # a plain member posting the form is refused; the operator's week opens on its page
    form = {"hashtag": "小确幸", "title": "小确幸<b>周</b>", "description": "", "prompt": "今天的小确幸"} | _dates()
    assert lin.post("/themes", data=form | {"csrf_token": csrf_token(lin, "/themes")}).status_code == 403
    made = ops.post("/themes", data=form | {"csrf_token": csrf_token(ops, "/themes")})
    assert made.status_code == 303
    page = ops.get(made.headers["location"]).text
    assert "小确幸&lt;b&gt;周&lt;/b&gt;" in page and "<b>周</b>" not in page  # escaped
    bad = ops.post("/themes", data=form | {"ends_on": "明天", "csrf_token": csrf_token(ops, "/themes")})
    assert bad.status_code == 422 and "结束日期" in bad.text

    # a circle's week: its owner gets the form for it; only members see its page and its chip
    lin_circle = {"slug": "moms", "name": "宝妈群", "csrf_token": csrf_token(lin, "/circles")}
    assert lin.post("/circles", data=lin_circle).status_code == 303
    assert 'value="moms"' in lin.get("/themes").text
    week = lin.post(
        "/themes", data=form | {"hashtag": "辅食", "circle": "moms", "csrf_token": csrf_token(lin, "/themes")}
    )
    assert week.status_code == 303
    assert wang.get(week.headers["location"]).status_code == 404
    assert "辅食" not in wang.get("/themes").text
    assert "本周主题 #辅食#" not in wang.get("/compose/themes?circle=moms").text
    chips = lin.get("/compose/themes?circle=moms").text
    assert "本周主题 #辅食#" in chips and "本周主题 #小确幸#" in chips
    assert "#辅食#" not in lin.get("/compose/themes").text  # the home composer: site-wide weeks only
    side = lin.get("/c/moms/themes-side").text
    assert "辅食" in side and "填写偶像资料" not in side  # not a fan club

    # an upcoming week can be edited by its creator; the tag page links running weeks and follows
    later = ops.post("/themes", data=form | _dates(3) | {"hashtag": "周末", "csrf_token": csrf_token(ops, "/themes")})
    later_url = later.headers["location"]
    assert "修改主题周" in ops.get(later_url).text and "修改主题周" not in lin.get(later_url).text
    edit = form | _dates(3) | {"hashtag": "周末", "title": "周末去哪儿", "csrf_token": csrf_token(ops, later_url)}
    assert ops.post(later_url, data=edit).status_code == 303 and "周末去哪儿" in ops.get(later_url).text
    tag = wang.get("/tags/小确幸").text
    assert "主题周：小确幸&lt;b&gt;周&lt;/b&gt;" in tag and "关注话题" in tag
    assert wang.post("/tags/小确幸/follow", data={"csrf_token": csrf_token(wang, "/tags/小确幸")}).status_code == 303
    assert "已关注" in wang.get("/tags/小确幸").text
    assert wang.post("/tags/小确幸/follow", data={"action": "follow"}).status_code == 403  # no CSRF token


def test_idol_form_limits(live_server: str, member: Any) -> None:
    owner = sign_up(live_server, "owner", "圈主小周")
    fan = sign_up(live_server, "fan", "粉丝")
    club = {"slug": "zy-fans", "name": "栀子花开", "kind": "fanclub", "csrf_token": csrf_token(owner, "/circles")}
    assert owner.post("/circles", data=club).status_code == 303
    assert "填写偶像资料" in owner.get("/c/zy-fans/themes-side").text
    token = csrf_token(owner, "/c/zy-fans/idol")
    base = {"name": "许栀言", "birthday": "1999-05-17", "debut_date": "", "keywords": "栀子、晚风", "color": "#3eb489"}
    bad_work = owner.post("/c/zy-fans/idol", data=base | {"works": "去年 晚风信箱", "csrf_token": token})
    assert bad_work.status_code == 422 and "作品第 1 行" in bad_work.text
    long_name = owner.post("/c/zy-fans/idol", data=base | {"name": "长" * 33, "works": "", "csrf_token": token})
    assert long_name.status_code == 422
    ok = owner.post("/c/zy-fans/idol", data=base | {"works": "2019-05-20 晚风信箱", "csrf_token": token})
    assert ok.status_code == 303
    page = fan.get("/c/zy-fans/idol").text
    assert "晚风信箱" in page and 'action="/c/zy-fans/idol"' not in page  # readers get no form
    assert 'name="keywords" maxlength="300" value="栀子、晚风"' in owner.get("/c/zy-fans/idol").text  # saved, "、"
    fan_post = fan.post("/c/zy-fans/idol", data=base | {"works": "", "csrf_token": csrf_token(fan, "/c/zy-fans/idol")})
    assert fan_post.status_code == 403
    assert owner.get("/cheer/999999").status_code == 404
