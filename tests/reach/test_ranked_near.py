"""The ranked feed's own circle of people: each friend's, circle's and followed tag's best posts of the
window, read from the (author, key) and (circle, key) indexes, are exactly the best of all their posts
that the viewer may see; and a post's score row carries its author and circle wherever it is written."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pydantic import ValidationError
from sqlalchemy import select, update

from nook.config import get_settings
from nook.social import authz
from nook.social.reach import near
from nook.social.reach.scores import refresh_scores
from nook.store.base import utcnow
from nook.store.db import read_session, transaction
from nook.store.models import Post, PostScore, User


def _post(m, body: str, **extra) -> int:
    resp = m.http.post("/posts", json={"body": body, **extra})
    assert resp.status_code == 201, resp.text
    return resp.json()["id"]


def _befriend(a, b) -> None:
    req = a.http.post("/friends/requests", json={"username": b.username}).json()
    assert b.http.post(f"/friends/requests/{req['id']}/accept").status_code == 200


def _score_row(post_id: int) -> tuple[int, int | None] | None:
    with read_session() as s:
        row = s.get(PostScore, post_id)
        return None if row is None else (row.author_id, row.circle_id)


def test_a_posts_score_row_carries_its_author_and_circle_through_every_write(member) -> None:
    owner, fan = member("owner"), member("fan")
    assert owner.http.post("/circles", json={"slug": "hiking", "name": "徒步圈"}).status_code == 201
    plain = _post(owner, "今天去爬山了，山顶的风好大")
    in_circle = _post(owner, "圈子里的说说：下周六一起去香山吗", visibility="circle", circle="hiking")
    with read_session() as s:
        circle = s.scalar(select(Post.circle_id).where(Post.id == in_circle))
    assert circle is not None
    assert _score_row(plain) == (owner.id, None)  # written after the post's own event
    assert _score_row(in_circle) == (owner.id, circle)

    assert fan.http.post(f"/posts/{plain}/like").status_code == 200  # the outbox's recompute
    assert owner.http.patch(f"/posts/{in_circle}", json={"body": "改一下：下周日去香山"}).status_code == 200
    assert _score_row(plain) == (owner.id, None)
    assert _score_row(in_circle) == (owner.id, circle)
    with transaction() as s:  # a bulk refresh (the scheduled job's path) of rows that lost their copies
        s.execute(update(PostScore).values(author_id=0, circle_id=None))
        refresh_scores(s, [plain, in_circle])
    assert _score_row(plain) == (owner.id, None)
    assert _score_row(in_circle) == (owner.id, circle)

    assert owner.http.delete(f"/posts/{in_circle}").status_code == 200
    assert _score_row(in_circle) is None


def test_near_candidates_are_the_best_visible_posts_of_the_viewers_network(member, settings_env) -> None:
    settings_env("NOOK_RANK_POOL", "9")  # the best 3 of the network, whichever sources they come from
    settings_env("NOOK_RANK_CANDIDATES", "1")
    reader, busy, quiet, stranger = member("reader"), member("busy"), member("quiet"), member("stranger")
    _befriend(busy, reader)
    _befriend(quiet, reader)
    stranger.http.post("/circles", json={"slug": "cats", "name": "猫圈"})
    assert reader.http.post("/circles/cats/join").status_code == 200
    assert reader.http.put("/hashtags/猫/follow").status_code == 200
    busy_posts = [_post(busy, f"今天的第{i}条日常") for i in range(6)]
    hidden = _post(busy, "只有自己可见的草稿", visibility="private")
    old = _post(busy, "上个月的旧说说")
    quiet_post = _post(quiet, "好久没发说说了")
    circle_posts = [_post(stranger, f"猫圈第{i}条", visibility="circle", circle="cats") for i in range(4)]
    tagged = _post(stranger, "#猫# 楼下的猫又胖了")
    _post(stranger, "陌生人的日常")  # not in the reader's network
    for pid in (busy_posts[0], circle_posts[1]):
        assert reader.http.post(f"/posts/{pid}/like").status_code == 200
    with transaction() as s:  # the hottest of their author's: one the reader may not see, one older than the window
        s.execute(update(Post).where(Post.id == old).values(created_at=utcnow() - timedelta(days=20)))
        refresh_scores(s, [old])
        hot = PostScore.rank_key + 100
        s.execute(update(PostScore).where(PostScore.post_id.in_([hidden, old])).values(rank_key=hot))

    for pool in (9, 60):
        settings_env("NOOK_RANK_POOL", str(pool))
        with read_session() as s:
            viewer = authz.load_viewer(s, s.get(User, reader.id))
            near = _near_ids(s, viewer)
            assert near == _expected_near(s, viewer, pool // 3)
    assert hidden not in near and old not in near
    assert {*busy_posts, quiet_post, *circle_posts, tagged} == near  # pool 60: every visible post of the network


def _near_ids(s, viewer: authz.Viewer) -> set[int]:
    """The near statement's ids, as `ranking._candidates` runs it."""
    settings, conn = get_settings(), s.connection()
    since = utcnow() - timedelta(days=settings.rank_window_days)
    return {row[0] for row in conn.execute(*near.near_query(conn, viewer, settings, since))}


def _expected_near(s, viewer: authz.Viewer, n: int) -> set[int]:
    """Every post of the viewer's network, through `authz.can_see_post`, best `n` of the window by key."""
    since = utcnow() - timedelta(days=get_settings().rank_window_days)
    from nook.social.themes.weeks import followed_tag_posts

    tagged = set(s.scalars(followed_tag_posts(viewer.id)))
    rows = s.execute(select(Post, PostScore.rank_key).join(PostScore, PostScore.post_id == Post.id)).all()
    mine = [
        (key, p.id)
        for p, key in rows
        if p.created_at >= since
        and authz.can_see_post(viewer, p)
        and (p.author_id in viewer.friend_ids | {viewer.id} or p.circle_id in viewer.circle_ids or p.id in tagged)
    ]
    return {pid for _, pid in sorted(mine, reverse=True)[:n]}


def test_a_negative_ranking_weight_is_refused(settings_env) -> None:
    """The window's floor holds only while engagement cannot go below zero."""
    settings_env("NOOK_RANK_LIKE_WEIGHT", "-1")
    with pytest.raises(ValidationError):
        get_settings()
