"""The barrier over real HTTP: filler folded, its writer throttled and told why, appeal, lift."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

FILLER = ["沙发", "顶", "666", "路过", "+1", "打卡", "前排", "[赞][赞]"]


def _posts(author, n: int) -> list[int]:
    bodies = ["周末去爬了香山，红叶还没全红", "新学期第一天，分到了靠窗的座位", "自己做了番茄炒蛋，居然没糊",
              "下雨天窝在家里看完了一本小说", "今天跑了五公里，膝盖有点酸", "楼下的猫生了三只小猫",
              "终于把吉他的F和弦按响了", "去博物馆看了青铜器展"]  # fmt: skip
    return [author.http.post("/posts", json={"body": bodies[i % len(bodies)]}).json()["id"] for i in range(n)]


def _comments(client, post_id: int) -> dict:
    resp = client.get(f"/posts/{post_id}/comments")
    assert resp.status_code == 200, resp.text
    return resp.json()


#: Stock praise that fits under any post: spam-like when it is all an account writes.
STOCK = ["写得真好", "说得太好了", "支持楼主", "学习了", "感谢分享", "好文", "涨知识了", "收藏了", "楼主好人"]


def test_filler_is_folded_but_never_punished(member) -> None:
    poster, newcomer = member("poster"), member("newcomer")
    post_ids = _posts(poster, len(FILLER))
    for post_id, text in zip(post_ids, FILLER, strict=True):
        assert newcomer.http.post(f"/posts/{post_id}/comments", json={"body": text}).status_code == 201
    mine = _comments(newcomer.http, post_ids[0])["items"][0]
    assert mine["folded"] is True and "占位" in mine["fold_reason"]
    assert mine["quality"]["reasons"] == [mine["fold_reason"]]  # one reason, the one that decided
    # 沙发 is a ritual: no warning, no throttle, no case, and later comments are shown as usual
    assert newcomer.http.get("/me/restrictions").json() == []
    assert not any(_comments(newcomer.http, p)["items"][0]["warning"] for p in post_ids)
    good = "香山的红叶一般十月底最好看，你们是从东门上的吗？"
    assert newcomer.http.post(f"/posts/{post_ids[0]}/comments", json={"body": good}).status_code == 201
    assert _comments(poster.http, post_ids[0])["items"][-1]["folded"] is False


def test_stock_comments_are_warned_kindly_then_throttled_briefly_and_appealed(member) -> None:
    mod = member("mod")  # the first member of a site is its admin
    poster, spammer = member("poster"), member("spammer")
    post_ids = _posts(poster, len(STOCK))
    for post_id, text in zip(post_ids[:6], STOCK, strict=False):
        assert spammer.http.post(f"/posts/{post_id}/comments", json={"body": text}).status_code == 201

    # six stock comments: a kind warning on the last one, seen by its writer only; nothing slowed
    warned = _comments(spammer.http, post_ids[5])["items"][0]
    assert warned["warning"] and "真实想法" in warned["warning"]
    assert _comments(poster.http, post_ids[5])["items"][0]["warning"] is None
    assert spammer.http.get("/me/restrictions").json() == []
    assert mod.http.get("/moderation/cases").json() == []

    # the pattern goes on after the warning: a short throttle, announced with the way to appeal
    for post_id, text in zip(post_ids[6:], STOCK[6:], strict=True):
        assert spammer.http.post(f"/posts/{post_id}/comments", json={"body": text}).status_code == 201
    [restriction] = spammer.http.get("/me/restrictions").json()
    assert restriction["kind"] == "comment_throttle" and restriction["fold_by_default"] is False
    assert restriction["rate"] == 6 and "套话" in restriction["reasons"][0]
    until = datetime.fromisoformat(restriction["until"])
    assert until <= datetime.now(UTC) + timedelta(days=1, minutes=1)
    notes = spammer.http.get("/notifications").json()["items"]
    assert [n["kind"] for n in notes] == ["throttle"]

    # throttled: a lower comment rate, but a good comment is shown, not folded
    good = "香山的红叶一般十月底最好看，你们是从东门上的吗？"
    codes = [spammer.http.post(f"/posts/{post_ids[1]}/comments", json={"body": good}).status_code for _ in range(8)]
    assert 429 in codes and codes[0] == 201
    latest = _comments(poster.http, post_ids[1])["items"][-1]
    assert latest["body"] == good and latest["folded"] is False

    # the moderator's queue holds the case with its evidence and audit entry
    [case] = mod.http.get("/moderation/cases").json()
    assert case["kind"] == "comment_throttle" and case["status"] == "open"
    assert {c["body"] for c in case["evidence"]["comments"]} <= set(STOCK)
    [entry] = [a for a in case["audit"] if a["action"] == "throttle"]
    assert entry["actor_id"] is None and entry["user_id"] == spammer.id

    # the member appeals; the moderator lifts; the comments unfold and the restriction is gone
    appeal = spammer.http.post("/appeals", json={"case_id": case["id"], "body": "我只是在给朋友捧场"})
    assert appeal.status_code == 201, appeal.text
    lifted = mod.http.post(f"/moderation/cases/{case['id']}/lift", json={"note": "朋友之间的玩笑"})
    assert lifted.status_code == 200 and lifted.json()["status"] == "lifted"
    assert spammer.http.get("/me/restrictions").json() == []
    assert not any(c["folded"] for c in _comments(poster.http, post_ids[0])["items"])


@pytest.mark.parametrize("ad", ["加V领取刷单兼职，日结两百", "澳门首家线上赌场上线啦"])  # a rule's ad, the model's
def test_an_ad_goes_to_the_moderators_as_a_case(member, ad: str) -> None:
    mod = member("mod")
    poster, advertiser = member("poster"), member("advertiser")
    [post_id] = _posts(poster, 1)
    assert advertiser.http.post(f"/posts/{post_id}/comments", json={"body": ad}).status_code == 201
    mine = _comments(advertiser.http, post_id)["items"][0]
    assert mine["folded"] is True and "管理员" in mine["fold_reason"]
    [case] = mod.http.get("/moderation/cases").json()
    assert case["kind"] == "spam_comment" and case["evidence"]["comments"][0]["body"] == ad
    # a second one joins the same case; the member is told once, and may appeal
    assert advertiser.http.post(f"/posts/{post_id}/comments", json={"body": "看我主页有福利"}).status_code == 201
    [case] = mod.http.get("/moderation/cases").json()
    assert len(case["evidence"]["comments"]) == 2
    assert [n["kind"] for n in advertiser.http.get("/notifications").json()["items"]] == ["spam_review"]
    [restriction] = advertiser.http.get("/me/restrictions").json()
    assert restriction["kind"] == "spam_comment"
    lifted = mod.http.post(f"/moderation/cases/{case['id']}/lift", json={"note": "误判"})
    assert lifted.status_code == 200
    assert _comments(poster.http, post_id)["folded_count"] == 0


def test_ordinary_talk_that_mentions_a_side_job_is_no_case(member) -> None:
    mod = member("mod")
    poster, friend = member("poster"), member("friend")
    post_id = poster.http.post("/posts", json={"body": "去博物馆看了青铜器展"}).json()["id"]
    talk = "我大学时在书店兼职过，那时候每天都能看到新书"  # 兼职 alone: the rules' guess, overruled by the model
    assert friend.http.post(f"/posts/{post_id}/comments", json={"body": talk}).status_code == 201
    assert _comments(poster.http, post_id)["items"][0]["folded"] is False
    assert mod.http.get("/moderation/cases").json() == []
    assert friend.http.get("/notifications").json()["items"] == []


def test_filler_only_the_model_knows_is_folded_with_its_one_reason(member) -> None:
    poster, friend = member("poster"), member("friend")
    post_id = poster.http.post("/posts", json={"body": "去博物馆看了青铜器展"}).json()["id"]
    for text in ("羡慕", "支持支持", "6到飞起"):  # one-word reactions no rule lists
        assert friend.http.post(f"/posts/{post_id}/comments", json={"body": text}).status_code == 201
    mine = _comments(friend.http, post_id)["items"]
    assert all(c["folded"] and "口头禅" in c["fold_reason"] for c in mine)
    assert all(c["quality"]["reasons"] == [c["fold_reason"]] for c in mine)
    assert friend.http.get("/me/restrictions").json() == []  # a reaction is a ritual: folded, never punished
    assert not any(c["warning"] for c in mine)


def test_a_short_comment_that_fits_is_not_folded(member) -> None:
    poster, friend = member("poster"), member("friend")
    post_id = poster.http.post("/posts", json={"body": "外婆今天走了，心里空落落的，一直在哭"}).json()["id"]
    assert friend.http.post(f"/posts/{post_id}/comments", json={"body": "抱抱你"}).status_code == 201
    assert friend.http.post(f"/posts/{post_id}/comments", json={"body": "沙发"}).status_code == 201
    page = _comments(poster.http, post_id)
    hug, sofa = page["items"]
    assert hug["body"] == "抱抱你" and hug["folded"] is False
    assert sofa["folded"] is True and page["folded_count"] == 1
    assert _comments(friend.http, post_id)["items"][0]["quality"]["score"] > 15


def test_copy_paste_across_accounts_is_clustered_with_evidence(member) -> None:
    mod = member("mod")
    poster, original, copier = member("poster"), member("original"), member("copier")
    post_ids = _posts(poster, 7)
    text = "这家店的奶茶真的超级好喝，周末记得去试试看呀"
    first = original.http.post(f"/posts/{post_ids[0]}/comments", json={"body": text}).json()["id"]
    copies = [
        copier.http.post(f"/posts/{p}/comments", json={"body": text.replace("记得", w)}).json()["id"]
        for p, w in zip(post_ids[1:], ["一定", "可以", "记得", "一定", "可以", "记得"], strict=True)
    ]

    [cluster] = mod.http.get("/moderation/copy-clusters").json()
    assert set(cluster["comment_ids"]) == {first, *copies}
    assert set(cluster["author_ids"]) == {original.id, copier.id}

    # three copies earn a warning, three more a throttle, with the comments they copy as evidence
    [case] = mod.http.get("/moderation/cases").json()
    assert [u["username"] for u in case["users"]] == ["copier"]
    assert first in case["evidence"]["by_reason"]["copy_paste"]
    assert set(copies) <= set(case["evidence"]["by_reason"]["copy_paste"])
    assert original.http.get("/me/restrictions").json() == []
    # the copies are folded now, explained as copy-paste; the original is not
    assert _comments(poster.http, post_ids[0])["items"][0]["folded"] is False
    assert _comments(poster.http, post_ids[1])["items"][0]["folded"] is True
    assert "复制粘贴" in _comments(copier.http, post_ids[1])["items"][0]["fold_reason"]


def test_cases_are_404_for_everyone_but_moderators(member) -> None:
    mod = member("mod")
    poster, spammer, other = member("poster"), member("spammer"), member("other")
    for post_id, text in zip(_posts(poster, len(STOCK)), STOCK, strict=True):
        spammer.http.post(f"/posts/{post_id}/comments", json={"body": text})
    [case] = mod.http.get("/moderation/cases").json()
    for who in (spammer, other):
        assert who.http.get("/moderation/cases").status_code == 404
        assert who.http.get(f"/moderation/cases/{case['id']}").status_code == 404
        assert who.http.post(f"/moderation/cases/{case['id']}/lift").status_code == 404
        assert who.http.get("/moderation/copy-clusters").status_code == 404
    # only a member the case is about may appeal it
    assert other.http.post("/appeals", json={"case_id": case["id"], "body": "帮他申诉"}).status_code == 404
    assert mod.http.get(f"/moderation/cases/{case['id']}").json()["status"] == "open"
