"""The counts a post card shows are columns (no page counts rows): after likes, unlikes, comments,
folds, deletes, ring flags and a lifted case they still equal a recount from the rows, and a reader
who blocks someone does not count that member's comments."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from nook.jobs.schedule import run_due
from nook.social.content import counts
from nook.store.base import frozen_time
from nook.store.db import read_session, transaction
from nook.store.models import Post

from .seed import build

Stored = dict[int, tuple[int, int, int]]


def _stored() -> Stored:
    with read_session() as s:
        rows = s.execute(select(Post.id, Post.like_count, Post.comment_count, Post.folded_count))
        return {r.id: (r.like_count, r.comment_count, r.folded_count) for r in rows}


def _assert_columns_are_the_truth() -> Stored:
    kept = _stored()
    with transaction() as s:
        counts.rebuild(s)
    assert _stored() == kept
    return kept


def _card(client, post_id: int) -> tuple[int, int, int]:
    post = client.get(f"/posts/{post_id}").json()
    folded = client.get(f"/posts/{post_id}/comments").json()["folded_count"]
    return post["like_count"], post["comment_count"], folded


def test_counts_follow_likes_comments_folds_deletes_and_blocks(member, api) -> None:
    poster, ann, bob = member("poster"), member("ann"), member("bob")
    post_id = poster.http.post("/posts", json={"body": "周末去爬了香山，红叶还没全红"}).json()["id"]

    assert ann.http.post(f"/posts/{post_id}/like").json() == {"liked": True, "like_count": 1}
    assert bob.http.post(f"/posts/{post_id}/like").json()["like_count"] == 2
    assert ann.http.post(f"/posts/{post_id}/like").json()["like_count"] == 2  # liking again changes nothing
    assert ann.http.delete(f"/posts/{post_id}/like").json() == {"liked": False, "like_count": 1}
    assert _assert_columns_are_the_truth()[post_id][0] == 1

    filler = bob.http.post(f"/posts/{post_id}/comments", json={"body": "沙发"}).json()  # folded: adds nothing
    good = ann.http.post(f"/posts/{post_id}/comments", json={"body": "香山的红叶十月底最好看，你们从东门上的吗？"})
    reply = ann.http.post(f"/posts/{post_id}/comments", json={"body": "沙发是什么意思呀", "parent_id": filler["id"]})
    assert good.status_code == reply.status_code == 201
    assert _card(api, post_id) == (1, 3, 1)
    assert _assert_columns_are_the_truth()[post_id] == (1, 3, 1)

    # the poster blocks ann: her comments are not counted for him, everyone else still sees three
    assert poster.http.post("/blocks", json={"username": "ann"}).status_code in (200, 201)
    assert _card(poster.http, post_id) == (1, 1, 1)
    assert _card(api, post_id) == (1, 3, 1)
    assert poster.http.delete("/blocks/ann").status_code in (200, 204)

    # deleting the folded comment takes the reply beneath it along
    assert poster.http.delete(f"/comments/{filler['id']}").status_code in (200, 204)
    assert _card(api, post_id) == (1, 1, 0)
    assert _assert_columns_are_the_truth()[post_id] == (1, 1, 0)


def test_a_rings_likes_stop_counting_and_count_again_when_lifted(member) -> None:
    mod = member("mod")  # the first member: the site admin
    now = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=5)
    site = build(now, seed=1, ring=True)
    target = site.ring_posts[0]
    organic = site.likes_per_post.get(target, 0)
    assert _assert_columns_are_the_truth()[target][0] == organic + len(site.ring_users)

    with frozen_time(now):
        assert "rings_scan" in run_due()
    stored = _assert_columns_are_the_truth()
    assert [stored[p][0] for p in site.ring_posts] == [site.likes_per_post.get(p, 0) for p in site.ring_posts]

    [case] = mod.http.get("/moderation/cases").json()
    assert mod.http.post(f"/moderation/cases/{case['id']}/lift").json()["status"] == "lifted"
    assert _assert_columns_are_the_truth()[target][0] == organic + len(site.ring_users)
