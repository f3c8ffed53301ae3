"""Campus pages, the 老同学 feed, the classmate prompt under a post and classmate friend suggestions."""

from __future__ import annotations

from sqlalchemy import select

from nook.store.db import transaction
from nook.store.models import ScenePrompt
from tests.scenes.conftest import befriend, school

PROMPT = "你的高中同学{}也在这条动态下留言了，要不要聊聊当年的趣事？"


def _bodies(resp) -> list[str]:
    assert resp.status_code == 200, resp.text
    return [p["body"] for p in resp.json()["items"]]


def test_campus_page_aggregates_same_school_year_and_class(member) -> None:
    me, deskmate, yearmate, senior, other = (member(n) for n in ("mei", "deskmate", "yearmate", "senior", "other"))
    school(me)
    school(deskmate, class_privacy="public")
    school(yearmate, class_name="5班")
    school(senior, year=2010)
    school(other, "北关中学")
    for m in (me, deskmate, yearmate, senior, other):
        m.http.post("/posts", json={"body": f"{m.username} 的说说", "visibility": "public"})
    base = "/campus/南城一中/2012"
    assert sorted(_bodies(me.http.get(f"{base}/posts"))) == ["deskmate 的说说", "mei 的说说", "yearmate 的说说"]
    assert sorted(_bodies(me.http.get(f"{base}/posts?scope=class"))) == ["deskmate 的说说", "mei 的说说"]
    assert len(_bodies(me.http.get(f"{base}/posts?scope=school"))) == 4
    members = {m["user"]["username"]: m for m in me.http.get(f"{base}/members").json()}
    assert set(members) == {"mei", "deskmate", "yearmate"} and members["deskmate"]["same_class"]
    assert other.http.get(f"{base}/posts?scope=class").status_code == 404  # no class of theirs there
    assert me.http.get("/campus/南城一中/1800/posts").status_code == 422


def test_campus_page_leaves_out_hidden_schools_blocks_and_friends_only_posts(member) -> None:
    me, hider, friends_only, blocker, friend = (member(n) for n in ("mei", "hider", "fonly", "blocker", "friend"))
    for m in (me, hider, friends_only, blocker, friend):
        school(m, school_privacy="private" if m is hider else "friends" if m is friends_only else "public")
    befriend(me, friend)
    blocker.http.post("/blocks", json={"username": "mei"})
    hider.http.post("/posts", json={"body": "hider 的说说", "visibility": "public"})
    friends_only.http.post("/posts", json={"body": "fonly 的说说", "visibility": "public"})
    blocker.http.post("/posts", json={"body": "blocker 的说说", "visibility": "public"})
    friend.http.post("/posts", json={"body": "好友可见的说说", "visibility": "friends"})
    friend.http.post("/posts", json={"body": "friend 公开说说", "visibility": "public"})
    seen = _bodies(me.http.get("/campus/南城一中/2012/posts"))
    assert sorted(seen) == ["friend 公开说说", "好友可见的说说"]
    stranger = member("stranger")
    school(stranger)
    assert _bodies(stranger.http.get("/campus/南城一中/2012/posts")) == ["friend 公开说说", "blocker 的说说"]
    names = {m["user"]["username"] for m in stranger.http.get("/campus/南城一中/2012/members").json()}
    assert names == {"stranger", "mei", "friend", "blocker"}


def test_classmates_feed_shows_posts_of_people_from_my_schools(member) -> None:
    me, hs_mate, uni_mate, stranger = member("mei"), member("hsmate"), member("unimate"), member("stranger")
    school(me)
    school(me, "江北大学", 2015, kind="大学")
    school(hs_mate, year=2011)
    school(uni_mate, "江北大学", 2016, kind="大学")
    for m in (me, hs_mate, uni_mate, stranger):
        m.http.post("/posts", json={"body": f"{m.username} 说", "visibility": "public"})
    assert sorted(_bodies(me.http.get("/feed/classmates"))) == ["hsmate 说", "unimate 说"]
    assert _bodies(stranger.http.get("/feed/classmates")) == []


def test_classmate_prompt_shows_once_and_is_marked_acted_on_when_i_comment(member) -> None:
    me, mate, author = member("mei"), member("mate", "张三"), member("author")
    school(me)
    school(mate, year=2013)
    post = author.http.post("/posts", json={"body": "高中的操场翻新了", "visibility": "public"}).json()
    assert me.http.post(f"/posts/{post['id']}/classmate-prompt").json() is None  # nobody yet
    mate.http.post(f"/posts/{post['id']}/comments", json={"body": "想念当年的跑道"})
    prompt = me.http.post(f"/posts/{post['id']}/classmate-prompt").json()
    assert prompt["text"] == PROMPT.format("张三") and prompt["classmate"]["username"] == "mate"
    assert me.http.post(f"/posts/{post['id']}/classmate-prompt").json() is None  # once per post
    me.http.post(f"/posts/{post['id']}/comments", json={"body": "张三！还记得三班的运动会吗"})
    with transaction() as s:
        row = s.scalar(select(ScenePrompt).where(ScenePrompt.viewer_id == me.id))
        assert (row.kind, row.post_id, row.subject_user_id) == ("campus", post["id"], mate.id)
        assert row.acted_at is not None


def test_classmate_prompt_respects_privacy_blocks_and_the_post(member) -> None:
    me, hider, blocker, author = member("mei"), member("hider"), member("blocker"), member("author")
    school(me)
    school(hider, school_privacy="friends")
    school(blocker)
    post = author.http.post("/posts", json={"body": "母校的照片", "visibility": "public"}).json()
    hider.http.post(f"/posts/{post['id']}/comments", json={"body": "好怀念"})
    blocker.http.post(f"/posts/{post['id']}/comments", json={"body": "我也在"})
    blocker.http.post("/blocks", json={"username": "mei"})
    assert me.http.post(f"/posts/{post['id']}/classmate-prompt").json() is None
    hidden = author.http.post("/posts", json={"body": "仅好友", "visibility": "friends"}).json()
    assert me.http.post(f"/posts/{hidden['id']}/classmate-prompt").status_code == 404


def test_classmate_suggestions_rank_class_then_year_with_mutual_friends(member) -> None:
    me, deskmate, yearmate, schoolmate, friend, pending = (
        member(n) for n in ("mei", "deskmate", "yearmate", "schoolmate", "friend", "pending")
    )
    school(me)
    school(deskmate, class_privacy="public")
    school(yearmate, class_name="7班")
    school(schoolmate, year=2009)
    school(friend)
    school(pending)
    befriend(me, friend)
    befriend(friend, deskmate)
    me.http.post("/friends/requests", json={"username": "pending"})
    rows = me.http.get("/suggestions/classmates").json()
    assert [r["user"]["username"] for r in rows] == ["deskmate", "yearmate", "schoolmate"]
    assert rows[0]["reason"] == "南城一中 2012级 3班 同班同学"
    assert (rows[0]["mutual_friends"], rows[0]["mutual_names"]) == (1, ["friend"])
    me.http.post("/friends/requests", json={"username": "deskmate"})
    with transaction() as s:
        stmt = select(ScenePrompt).where(ScenePrompt.kind == "classmate_friend")
        acted = s.scalar(stmt.where(ScenePrompt.subject_user_id == deskmate.id))
        assert acted is not None and acted.acted_at is not None


def test_an_earlier_commenter_is_notified_once_when_a_classmate_joins_in(member) -> None:
    mei, mate, hidden, author = member("mei"), member("mate", "张三"), member("hidden"), member("author")
    elsewhere, college = member("elsewhere"), member("college")
    school(mei)
    school(mate, year=2013)
    school(hidden, school_privacy="private")
    school(elsewhere, "北关中学")
    school(college, class_name="", kind="大学")  # a school of the same name, of another kind
    post = author.http.post("/posts", json={"body": "母校百年校庆", "visibility": "public"}).json()
    mei.http.post(f"/posts/{post['id']}/comments", json={"body": "一定要回去看看"})
    hidden.http.post(f"/posts/{post['id']}/comments", json={"body": "我也去"})
    elsewhere.http.post(f"/posts/{post['id']}/comments", json={"body": "恭喜恭喜"})
    college.http.post(f"/posts/{post['id']}/comments", json={"body": "百年老校了"})
    assert [n["kind"] for n in mei.http.get("/notifications").json()["items"]] == []  # a hidden school says nothing
    mate.http.post(f"/posts/{post['id']}/comments", json={"body": "校庆那天见！"})
    mate.http.post(f"/posts/{post['id']}/comments", json={"body": "我带上当年的合照"})
    notes = [n for n in mei.http.get("/notifications").json()["items"] if n["kind"] == "classmate"]
    assert len(notes) == 1 and notes[0]["actor"]["username"] == "mate" and notes[0]["post_id"] == post["id"]
    assert mei.http.post(f"/posts/{post['id']}/classmate-prompt").json() is None  # once per post, in either form
    assert [n["kind"] for n in author.http.get("/notifications").json()["items"]].count("classmate") == 0
    for other in (elsewhere, college):  # another school, or a school of the same name but another kind
        assert [n["kind"] for n in other.http.get("/notifications").json()["items"]].count("classmate") == 0
