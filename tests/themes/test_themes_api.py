"""Theme weeks, hashtag follows, idol profiles and 应援卡 over the real API (issue 9)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx

from nook.jobs.schedule import run_job
from nook.social.localtime import local_today


def _iso(dt: datetime) -> str:
    return dt.isoformat()


def _now() -> datetime:
    return datetime.now(UTC)


def _week(**over: Any) -> dict[str, Any]:
    body = {
        "hashtag": "育儿心得",
        "title": "育儿心得周",
        "description": "说说你的带娃小妙招",
        "prompt": "第一次带娃出门\n最有用的一件小物",
        "starts_at": _iso(_now() - timedelta(hours=1)),
        "ends_at": _iso(_now() + timedelta(days=6)),
    }
    return body | over


def _fanclub(owner: Any, slug: str = "zy-fans") -> None:
    resp = owner.http.post("/circles", json={"slug": slug, "name": "栀子花开", "kind": "fanclub"})
    assert resp.status_code == 201, resp.text


def test_who_may_create_theme_weeks(member: Any) -> None:
    admin, lin, zhou = member("ops"), member("lin"), member("zhou")  # the first member is the operator
    assert lin.http.post("/theme-weeks", json=_week()).status_code == 403
    made = admin.http.post("/theme-weeks", json=_week())
    assert made.status_code == 201 and made.json()["circle"] is None and made.json()["state"] == "current"

    assert lin.http.post("/circles", json={"slug": "moms", "name": "宝妈群"}).status_code == 201
    assert zhou.http.post("/circles/moms/join").status_code == 200
    # a plain member may not create the circle's week, its owner may, and a moderator once promoted
    assert zhou.http.post("/theme-weeks", json=_week(circle="moms")).status_code == 403
    assert lin.http.post("/theme-weeks", json=_week(circle="moms", hashtag="辅食")).status_code == 201
    assert lin.http.put("/circles/moms/members/zhou/role", json={"role": "moderator"}).status_code == 200
    assert zhou.http.post("/theme-weeks", json=_week(circle="moms", hashtag="睡眠")).status_code == 201
    # a circle owner is not an operator: no site-wide week
    assert lin.http.post("/theme-weeks", json=_week(hashtag="别的")).status_code == 403

    # bad input is a clear 422, never a 500
    assert admin.http.post("/theme-weeks", json=_week(ends_at=_iso(_now() - timedelta(days=1)))).status_code == 422
    far = _week(ends_at=_iso(_now() + timedelta(days=90)))
    assert admin.http.post("/theme-weeks", json=far).status_code == 422
    assert admin.http.post("/theme-weeks", json=_week(hashtag="#")).status_code == 422
    assert admin.http.post("/theme-weeks", json=_week(title="长" * 61)).status_code == 422
    naive = _week(starts_at="2030-01-01T00:00:00", ends_at="2030-01-03T00:00:00")
    assert admin.http.post("/theme-weeks", json=naive).status_code == 422


def test_circle_week_is_seen_only_by_those_who_see_the_circle(member: Any, api: Any) -> None:
    member("ops")
    lin, zhou, wang = member("lin"), member("zhou"), member("wang")
    moms = {"slug": "moms", "name": "宝妈群", "join_policy": "approval"}
    assert lin.http.post("/circles", json=moms).status_code == 201
    week = lin.http.post("/theme-weeks", json=_week(circle="moms")).json()
    assert zhou.http.post("/circles/moms/join").status_code == 200  # pending: not yet a member
    for viewer in (zhou.http, wang.http, api):
        assert viewer.get(f"/theme-weeks/{week['id']}").status_code == 404
        assert week["id"] not in [w["id"] for w in viewer.get("/theme-weeks").json()]
    assert zhou.http.get("/theme-weeks?circle=moms").json() == []
    assert lin.http.post("/circles/moms/members/zhou/approve").status_code == 200
    assert zhou.http.get(f"/theme-weeks/{week['id']}").status_code == 200
    assert [w["id"] for w in zhou.http.get("/theme-weeks").json()] == [week["id"]]


def test_edit_only_before_start(member: Any) -> None:
    admin, lin = member("ops"), member("lin")
    later = _week(starts_at=_iso(_now() + timedelta(days=2)), ends_at=_iso(_now() + timedelta(days=9)))
    upcoming = admin.http.post("/theme-weeks", json=later).json()
    assert upcoming["state"] == "upcoming"
    assert [w["id"] for w in admin.http.get("/theme-weeks?state=upcoming").json()] == [upcoming["id"]]
    assert lin.http.patch(f"/theme-weeks/{upcoming['id']}", json={"title": "改名"}).status_code == 403
    edited = admin.http.patch(f"/theme-weeks/{upcoming['id']}", json={"title": "新手爸妈周", "hashtag": "#新手爸妈#"})
    assert edited.status_code == 200
    assert edited.json()["title"] == "新手爸妈周" and edited.json()["hashtag"] == "新手爸妈"
    running = admin.http.post("/theme-weeks", json=_week()).json()
    resp = admin.http.patch(f"/theme-weeks/{running['id']}", json={"title": "改名"})
    assert resp.status_code == 422 and "开始后" in resp.json()["error"]["message"]


def test_best_posts_by_quality_then_archived_with_highlights(member: Any, api: Any) -> None:
    admin, lin, zhou, wang = member("ops"), member("lin"), member("zhou"), member("wang")
    week = admin.http.post("/theme-weeks", json=_week()).json()
    plain = lin.http.post("/posts", json={"body": "今天带娃去公园了 #育儿心得#"}).json()
    rich = zhou.http.post("/posts", json={"body": "分享一个哄睡的小办法：固定睡前流程 #育儿心得#"}).json()
    hidden = wang.http.post("/posts", json={"body": "只给好友看的心得 #育儿心得#", "visibility": "friends"}).json()
    other = wang.http.post("/posts", json={"body": "不相关的话题 #周末#"}).json()
    # many likes on the plain post, but thoughtful conversation on the other
    for m in (admin, wang):
        assert m.http.post(f"/posts/{plain['id']}/like").status_code == 200
    first = lin.http.post(
        f"/posts/{rich['id']}/comments", json={"body": "固定流程真的有用！我家是洗澡、讲故事、关灯，半个月就养成了"}
    ).json()
    for m, body in (
        (wang, "请问讲故事一般讲多久？我家的总是越听越精神，有什么好的绘本推荐吗"),
        (admin, "我们也是这样，关键是每天时间要固定，周末也别打乱，坚持两周效果很明显"),
    ):
        resp = m.http.post(f"/posts/{rich['id']}/comments", json={"body": body, "parent_id": first["id"]})
        assert resp.status_code == 201

    live = api.get(f"/theme-weeks/{week['id']}").json()
    ids = [p["id"] for p in live["posts"]]
    assert ids[0] == rich["id"] and plain["id"] in ids
    assert hidden["id"] not in ids and other["id"] not in ids  # friends-only: not for a visitor; off-topic: never
    assert live["post_count"] == 3 and live["writer_count"] == 3  # counts only, never content

    run_job("theme_weeks_archive", _now() + timedelta(days=7))
    archived = api.get(f"/theme-weeks/{week['id']}").json()
    assert archived["state"] == "archived" and archived["archived_at"]
    assert [p["id"] for p in archived["posts"]][:2] == [rich["id"], plain["id"]]
    assert hidden["id"] not in [p["id"] for p in archived["posts"]]
    assert week["id"] in [w["id"] for w in api.get("/theme-weeks?state=archived").json()]
    assert api.get("/theme-weeks").json() == []
    # the page reads the stored highlights: a post deleted later simply drops out
    assert zhou.http.delete(f"/posts/{rich['id']}").status_code == 200
    assert [p["id"] for p in api.get(f"/theme-weeks/{week['id']}").json()["posts"]] == [plain["id"]]


def test_followed_hashtag_posts_come_into_the_feed(member: Any) -> None:
    lin, zhou = member("lin"), member("zhou")
    seen = zhou.http.post("/posts", json={"body": "今天做了辅食 #辅食#"}).json()
    friends_only = zhou.http.post("/posts", json={"body": "好友可见的辅食 #辅食#", "visibility": "friends"}).json()
    untagged = zhou.http.post("/posts", json={"body": "普通的一天"}).json()

    def feed_ids() -> list[int]:
        return [p["id"] for p in lin.http.get("/feed").json()["items"]]

    assert seen["id"] not in feed_ids()
    resp = lin.http.put("/hashtags/%23辅食%23/follow")
    assert resp.status_code == 200 and resp.json()["following"] is True
    assert lin.http.get("/me/followed-tags").json() == ["辅食"]
    ids = feed_ids()
    assert seen["id"] in ids and friends_only["id"] not in ids and untagged["id"] not in ids
    # blocked authors stay out, followed tag or not
    assert lin.http.post("/blocks", json={"username": "zhou"}).status_code == 201
    assert seen["id"] not in feed_ids()
    assert lin.http.delete("/hashtags/辅食/follow").json()["following"] is False
    assert lin.http.get("/hashtags/辅食/follow").json()["following"] is False
    assert lin.http.put("/hashtags/%20/follow").status_code == 422


def test_idol_profile_is_edited_by_moderators_only(member: Any, api: Any) -> None:
    owner, fan = member("owner"), member("fan")
    _fanclub(owner)
    assert fan.http.post("/circles/zy-fans/join").status_code == 200
    profile = {
        "name": "许栀言",
        "birthday": "1999-05-17",
        "debut_date": "2019-05-20",
        "works": [{"title": "《晚风信箱》", "date": "2019-05-20"}],
        "keywords": ["栀子", "晚风"],
        "color": "#3fbf9f",
    }
    assert api.get("/circles/zy-fans/idol").status_code == 404
    assert fan.http.put("/circles/zy-fans/idol", json=profile).status_code == 403
    saved = owner.http.put("/circles/zy-fans/idol", json=profile)
    assert saved.status_code == 200 and saved.json()["works"] == [{"title": "晚风信箱", "date": "2019-05-20"}]
    assert api.get("/circles/zy-fans/idol").json()["name"] == "许栀言"
    assert owner.http.put("/circles/zy-fans/idol", json=profile | {"color": "red"}).status_code == 422
    assert owner.http.put("/circles/zy-fans/idol", json=profile | {"keywords": ["k"] * 13}).status_code == 422
    future = (local_today() + timedelta(days=3)).isoformat()
    assert owner.http.put("/circles/zy-fans/idol", json=profile | {"birthday": future}).status_code == 422
    assert owner.http.post("/circles", json={"slug": "hikers", "name": "爬山"}).status_code == 201
    assert owner.http.put("/circles/hikers/idol", json=profile).status_code == 422


def test_idol_facts_are_chinese_in_the_api_and_on_the_chinese_side_card(member: Any, live_server: str) -> None:
    """The countdown, the anniversary (a Chinese numeral) and a new work's day, the same in the API, the
    cheer-card offer and the Chinese page (English pages translate them: tests/web/test_english_pages.py)."""
    owner = member("owner")
    _fanclub(owner)
    today = local_today()
    debut = today - timedelta(days=2)
    profile = {
        "name": "许栀言",
        "birthday": (today + timedelta(days=3)).replace(year=2000).isoformat(),  # 2000 has a 29 February
        "debut_date": debut.replace(year=debut.year - 4).isoformat(),  # 4 years back: a leap year again
        "works": [{"title": "晚风信箱", "date": (today - timedelta(days=4)).isoformat()}],
        "keywords": ["栀子"],
    }
    assert owner.http.put("/circles/zy-fans/idol", json=profile).status_code == 200
    facts = ["距离 许栀言 生日还有 3 天", "许栀言 出道四周年", "新作《晚风信箱》发行第 5 天"]
    assert owner.http.get("/circles/zy-fans/idol").json()["facts"] == facts
    post = owner.http.post("/posts", json={"body": "栀子花开", "visibility": "circle", "circle": "zy-fans"}).json()
    comment = owner.http.post(f"/posts/{post['id']}/comments", json={"body": "一直都在"}).json()
    assert owner.http.get(f"/comments/{comment['id']}/cheer-card").json()["facts"] == facts
    png = owner.http.get(f"/comments/{comment['id']}/cheer-card.png")  # the image draws the same lines
    assert png.status_code == 200 and png.content[:4] == b"\x89PNG"
    side = httpx.get(f"{live_server}/c/zy-fans/themes-side", cookies={"nook_lang": "zh"})
    assert side.status_code == 200 and all(f'<p class="pill">{fact}</p>' in side.text for fact in facts), side.text


def test_birthday_and_anniversary_weeks_are_created_once(member: Any) -> None:
    owner = member("owner")
    _fanclub(owner)
    today = local_today()
    soon = today + timedelta(days=5)
    profile = {
        "name": "许栀言",
        "birthday": date(1999, soon.month, min(soon.day, 28)).isoformat(),
        "debut_date": date(today.year - 3, 1, 1).isoformat(),
        "works": [],
    }
    debut = today + timedelta(days=9)
    if not (debut.month == 2 and debut.day == 29):
        profile["debut_date"] = debut.replace(year=debut.year - 3).isoformat()
    assert owner.http.put("/circles/zy-fans/idol", json=profile).status_code == 200
    run_job("fandom_weeks")
    run_job("fandom_weeks")  # again: nothing twice
    weeks = owner.http.get("/theme-weeks?state=upcoming&circle=zy-fans").json()
    weeks += owner.http.get("/theme-weeks?state=current&circle=zy-fans").json()
    by_source = sorted(w["source"] for w in weeks)
    assert by_source == ["anniversary", "birthday"], weeks
    birthday = next(w for w in weeks if w["source"] == "birthday")
    assert birthday["hashtag"] == "许栀言生日快乐" and birthday["circle"] == "zy-fans"
    assert next(w for w in weeks if w["source"] == "anniversary")["hashtag"] == "许栀言出道3周年"


def test_cheer_card_is_offered_previewed_and_posted_only_by_the_member(member: Any, live_server: str) -> None:
    owner, fan, outsider = member("owner"), member("fan"), member("outsider")
    _fanclub(owner)
    profile = {"name": "许栀言", "birthday": "1999-05-17", "keywords": ["栀子"], "color": "#3fbf9f"}
    assert owner.http.put("/circles/zy-fans/idol", json=profile).status_code == 200
    assert fan.http.post("/circles/zy-fans/join").status_code == 200
    post = owner.http.post(
        "/posts", json={"body": "新歌打卡第一天", "visibility": "circle", "circle": "zy-fans"}
    ).json()
    comment = fan.http.post(f"/posts/{post['id']}/comments", json={"body": "副歌那句真的绝了"}).json()
    before = [p["id"] for p in owner.http.get("/circles/zy-fans/posts").json()["items"]]

    offer = fan.http.get(f"/comments/{comment['id']}/cheer-card")
    assert offer.status_code == 200 and offer.json()["circle"] == "zy-fans" and offer.json()["idol"] == "许栀言"
    assert offer.json()["message"] == "副歌那句真的绝了"
    png = fan.http.get(f"/comments/{comment['id']}/cheer-card.png", params={"message": "栀子花开，一直都在"})
    assert png.status_code == 200 and png.headers["content-type"] == "image/png" and png.content[:4] == b"\x89PNG"
    # offering and previewing posted nothing
    assert [p["id"] for p in owner.http.get("/circles/zy-fans/posts").json()["items"]] == before
    # only the comment's writer gets its card
    assert owner.http.get(f"/comments/{comment['id']}/cheer-card").status_code == 404
    assert outsider.http.post(f"/comments/{comment['id']}/cheer-card", json={"message": "hi"}).status_code == 404
    assert fan.http.post(f"/comments/{comment['id']}/cheer-card", json={"message": "长" * 61}).status_code == 422

    shared = fan.http.post(f"/comments/{comment['id']}/cheer-card", json={"message": "栀子花开，一直都在"})
    assert shared.status_code == 201, shared.text
    card = shared.json()
    assert card["author"]["username"] == "fan" and card["circle"] == "zy-fans" and card["visibility"] == "circle"
    assert "栀子花开，一直都在" in card["body"] and len(card["images"]) == 1
    image = fan.http.get(live_server + card["images"][0]["url"])
    assert image.status_code == 200 and image.headers["content-type"] == "image/jpeg"  # the media pipeline's copy
    assert outsider.http.get(f"/posts/{card['id']}").status_code == 404


def test_cheer_card_for_a_public_post_naming_the_idol(member: Any) -> None:
    owner, fan = member("owner"), member("fan")
    _fanclub(owner)
    assert owner.http.put("/circles/zy-fans/idol", json={"name": "许栀言", "keywords": ["晚风信箱"]}).status_code == 200
    assert fan.http.post("/circles/zy-fans/join").status_code == 200
    about = owner.http.post("/posts", json={"body": "《晚风信箱》循环了一整天"}).json()
    unrelated = owner.http.post("/posts", json={"body": "今天天气不错"}).json()
    c1 = fan.http.post(f"/posts/{about['id']}/comments", json={"body": "我也是！"}).json()
    c2 = fan.http.post(f"/posts/{unrelated['id']}/comments", json={"body": "是啊"}).json()
    assert fan.http.get(f"/comments/{c1['id']}/cheer-card").json()["circle"] == "zy-fans"
    assert fan.http.get(f"/comments/{c2['id']}/cheer-card").status_code == 404
