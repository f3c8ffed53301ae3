"""The barrier over real HTTP: filler folded, its writer throttled and told why, appeal, lift."""

from __future__ import annotations

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


def test_filler_run_is_folded_throttled_appealed_and_lifted(member) -> None:
    mod = member("mod")  # the first member of a site is its admin
    poster, spammer = member("poster"), member("spammer")
    post_ids = _posts(poster, len(FILLER))
    for post_id, text in zip(post_ids, FILLER, strict=True):
        assert spammer.http.post(f"/posts/{post_id}/comments", json={"body": text}).status_code == 201

    # every filler comment is folded; the reader sees only that, the writer sees why and the score
    seen_by_poster = _comments(poster.http, post_ids[0])
    assert seen_by_poster["folded_count"] == 1
    item = seen_by_poster["items"][0]
    assert item["folded"] is True and item["fold_reason"] is None and item["quality"] is None
    mine = _comments(spammer.http, post_ids[0])["items"][0]
    assert mine["folded"] is True and "占位" in mine["fold_reason"]
    assert mine["quality"]["score"] <= 15 and mine["quality"]["reasons"]

    # the account is throttled, and the member is told so, with the evidence
    [restriction] = spammer.http.get("/me/restrictions").json()
    assert restriction["kind"] == "comment_throttle" and restriction["fold_by_default"] is True
    assert restriction["rate"] == 6 and restriction["until"] is not None
    assert "低质评论" in restriction["reasons"][0]
    assert len(restriction["evidence_comment_ids"]) >= 6
    assert poster.http.get("/me/restrictions").json() == []

    # throttled: a much lower comment rate, and even a good comment is folded by default
    good = "香山的红叶一般十月底最好看，你们是从东门上的吗？"
    codes = [spammer.http.post(f"/posts/{post_ids[1]}/comments", json={"body": good}).status_code for _ in range(8)]
    assert 429 in codes and codes[0] == 201
    latest = _comments(poster.http, post_ids[1])["items"][-1]
    assert latest["body"] == good and latest["folded"] is True

    # the moderator's queue holds the case with its evidence and audit entry
    [case] = mod.http.get("/moderation/cases").json()
    assert case["kind"] == "comment_throttle" and case["status"] == "open"
    assert [u["username"] for u in case["users"]] == ["spammer"]
    evidence_bodies = {c["body"] for c in case["evidence"]["comments"]}
    assert evidence_bodies <= set(FILLER) and len(evidence_bodies) >= 6
    assert case["evidence"]["by_reason"]["low_value"]
    [entry] = [a for a in case["audit"] if a["action"] == "throttle"]
    assert entry["actor_id"] is None and entry["user_id"] == spammer.id and entry["evidence"]["evidence"]

    # the member appeals; the moderator lifts; the comments unfold and the restriction is gone
    appeal = spammer.http.post("/appeals", json={"case_id": case["id"], "body": "我只是在给朋友捧场"})
    assert appeal.status_code == 201, appeal.text
    assert spammer.http.get("/me/restrictions").json()[0]["appealed"] is True
    lifted = mod.http.post(f"/moderation/cases/{case['id']}/lift", json={"note": "朋友之间的玩笑"})
    assert lifted.status_code == 200, lifted.text
    assert lifted.json()["status"] == "lifted"
    assert [a["action"] for a in lifted.json()["audit"]] == ["throttle", "appeal", "lift"]
    assert lifted.json()["appeals"][0]["body"] == "我只是在给朋友捧场"
    assert spammer.http.get("/me/restrictions").json() == []
    for post_id in post_ids[:2]:
        page = _comments(poster.http, post_id)
        assert page["folded_count"] == 0 and not any(c["folded"] for c in page["items"])
    # a lifted case is final
    assert mod.http.post(f"/moderation/cases/{case['id']}/confirm").status_code == 409


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
    post_ids = _posts(poster, 4)
    text = "这家店的奶茶真的超级好喝，周末记得去试试看呀"
    first = original.http.post(f"/posts/{post_ids[0]}/comments", json={"body": text}).json()["id"]
    copies = [
        copier.http.post(f"/posts/{p}/comments", json={"body": text.replace("记得", w)}).json()["id"]
        for p, w in zip(post_ids[1:], ["一定", "可以", "记得"], strict=True)
    ]

    [cluster] = mod.http.get("/moderation/copy-clusters").json()
    assert set(cluster["comment_ids"]) == {first, *copies}
    assert set(cluster["author_ids"]) == {original.id, copier.id}

    # three copies throttle the copier, with the comments they copy as evidence
    [case] = mod.http.get("/moderation/cases").json()
    assert [u["username"] for u in case["users"]] == ["copier"]
    assert first in case["evidence"]["by_reason"]["copy_paste"]
    assert set(copies) <= set(case["evidence"]["by_reason"]["copy_paste"])
    assert original.http.get("/me/restrictions").json() == []
    # the copies are folded now, the original is not
    assert _comments(poster.http, post_ids[0])["items"][0]["folded"] is False
    assert _comments(poster.http, post_ids[1])["items"][0]["folded"] is True


def test_cases_are_404_for_everyone_but_moderators(member) -> None:
    mod = member("mod")
    poster, spammer, other = member("poster"), member("spammer"), member("other")
    for post_id, text in zip(_posts(poster, len(FILLER)), FILLER, strict=True):
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
