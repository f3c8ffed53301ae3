"""Requests racing to make the same first write never answer 500, and leave exactly one row.

Each test lets N real HTTP requests wait at one barrier and go together. On SQLite writers take turns;
on PostgreSQL (READ COMMITTED) they overlap for real: every request reads "no row yet", and all but
one then hit the unique constraint.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

import httpx
import pytest
from sqlalchemy import delete, func, select

from nook.store.db import read_session, transaction
from nook.store.models import (
    Circle,
    CircleMember,
    FriendRequest,
    Friendship,
    Hashtag,
    HashtagFollow,
    IdolProfile,
    Like,
    PostAnalysis,
    PostHashtag,
    PostScore,
    ScenePrompt,
    SceneSettings,
    SuggestionShown,
    User,
    UserSchool,
)
from tests.conftest import wipe

N = 6
ROUNDS = 3  # a race is won by chance: a few rounds make a missed collision unlikely


def race(calls: list[Callable[[], httpx.Response]]) -> list[httpx.Response]:
    """Run every call at once: each thread waits at a barrier, then sends its request."""
    barrier = threading.Barrier(len(calls))

    def go(call: Callable[[], httpx.Response]) -> httpx.Response:
        barrier.wait(timeout=30)
        return call()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(go, calls))


def statuses(responses: list[httpx.Response]) -> list[int]:
    return sorted(r.status_code for r in responses)


@pytest.fixture
def tabs() -> Iterator[Callable[[Any], list[httpx.Client]]]:
    """Factory: `tabs(m)` is N browser tabs of one member: separate connections, the same session."""
    opened: list[httpx.Client] = []

    def open_tabs(m: Any) -> list[httpx.Client]:
        made = [httpx.Client(base_url=m.http.base_url, headers=m.http.headers, timeout=30) for _ in range(N)]
        opened.extend(made)
        return made

    yield open_tabs
    for client in opened:
        client.close()


def count(stmt: Any) -> int:
    with read_session() as s:
        return int(s.scalar(stmt) or 0)


def test_posts_with_the_same_new_hashtag_share_one_row(member) -> None:
    writers = [member(f"writer{i}") for i in range(N)]
    for r in range(ROUNDS):
        tag = f"第一次{r}"
        got = race([partial(w.http.post, "/posts", json={"body": f"#{tag}# 我也来"}) for w in writers])
        assert statuses(got) == [201] * N, [g.text for g in got if g.status_code != 201]
        assert all(g.json()["hashtags"] == [tag] for g in got)
        assert count(select(func.count()).select_from(Hashtag).where(Hashtag.name == tag)) == 1
        listed = {p["id"] for p in writers[0].http.get(f"/hashtags/{tag}").json()["items"]}
        assert listed == {g.json()["id"] for g in got}


def test_posts_with_new_hashtags_in_opposite_order_do_not_deadlock(member) -> None:
    a, b = member("abc"), member("cba")
    for r in range(ROUNDS):
        first, second = f"甲{r}", f"乙{r}"
        got = race(
            [
                partial(a.http.post, "/posts", json={"body": f"#{first}# #{second}#"}),
                partial(b.http.post, "/posts", json={"body": f"#{second}# #{first}#"}),
            ]
        )
        assert statuses(got) == [201, 201], [g.text for g in got]
        assert count(select(func.count()).select_from(Hashtag).where(Hashtag.name.in_([first, second]))) == 2


def test_saving_the_same_edit_twice_keeps_one_link_per_tag(member, tabs) -> None:
    me = member("editor")
    clients = tabs(me)
    post_id = me.http.post("/posts", json={"body": "草稿"}).json()["id"]
    for r in range(ROUNDS):
        body = f"改好了 #改稿{r}#"
        got = race([partial(t.patch, f"/posts/{post_id}", json={"body": body}) for t in clients])
        assert statuses(got) == [200] * N, [g.text for g in got if g.status_code != 200]
        assert count(select(func.count()).select_from(PostHashtag).where(PostHashtag.post_id == post_id)) == 1
        assert me.http.get(f"/posts/{post_id}").json()["hashtags"] == [f"改稿{r}"]


def test_a_double_clicked_like_counts_once(member, tabs) -> None:
    author, fan = member("author"), member("fan")
    clients = tabs(fan)
    for _ in range(ROUNDS):
        post_id = author.http.post("/posts", json={"body": "点赞我"}).json()["id"]
        got = race([partial(t.post, f"/posts/{post_id}/like") for t in clients])
        assert statuses(got) == [200] * N, [g.text for g in got if g.status_code != 200]
        assert all(g.json() == {"liked": True, "like_count": 1} for g in got)
        assert count(select(func.count()).select_from(Like).where(Like.post_id == post_id)) == 1


def test_following_a_new_hashtag_at_once(member) -> None:
    fans = [member(f"follower{i}") for i in range(N // 2)]
    for r in range(ROUNDS):
        tag = f"新话题{r}"
        # two clicks from each member, all on a tag no one has used yet
        got = race([partial(f.http.put, f"/hashtags/{tag}/follow") for f in fans * 2])
        assert statuses(got) == [200] * N, [g.text for g in got if g.status_code != 200]
        assert count(select(func.count()).select_from(Hashtag).where(Hashtag.name == tag)) == 1
        follows = select(func.count()).select_from(HashtagFollow).join(Hashtag).where(Hashtag.name == tag)
        assert count(follows) == len(fans)
        assert all(f.http.get(f"/hashtags/{tag}/follow").json()["following"] for f in fans)


def _between(a: int, b: int) -> Any:
    return ((FriendRequest.from_user_id == a) & (FriendRequest.to_user_id == b)) | (
        (FriendRequest.from_user_id == b) & (FriendRequest.to_user_id == a)
    )


def test_asking_each_other_at_once_makes_friends(member) -> None:
    for r in range(ROUNDS):
        a, b = member(f"left{r}"), member(f"right{r}")
        got = race(
            [
                partial(a.http.post, "/friends/requests", json={"username": b.username}),
                partial(b.http.post, "/friends/requests", json={"username": a.username}),
            ]
        )
        assert statuses(got) == [201, 201], [g.text for g in got]
        # the second ask is the answer to the first: friends, and no request left hanging
        assert count(select(func.count()).select_from(FriendRequest).where(_between(a.id, b.id))) == 0
        pair = (Friendship.user_id.in_([a.id, b.id])) & (Friendship.friend_id.in_([a.id, b.id]))
        assert count(select(func.count()).select_from(Friendship).where(pair)) == 2
        assert [u["username"] for u in a.http.get("/friends").json()] == [b.username]
        assert [u["username"] for u in b.http.get("/friends").json()] == [a.username]


def test_a_double_clicked_friend_request_is_sent_once(member, tabs) -> None:
    asker = member("asker")
    clients = tabs(asker)
    for r in range(ROUNDS):
        target = member(f"target{r}")
        got = race([partial(t.post, "/friends/requests", json={"username": target.username}) for t in clients])
        assert statuses(got) == [201] * N, [g.text for g in got if g.status_code != 201]
        assert len({g.json()["id"] for g in got}) == 1
        assert count(select(func.count()).select_from(FriendRequest).where(_between(asker.id, target.id))) == 1


def test_a_double_clicked_block_blocks_once(member, tabs) -> None:
    me = member("blocker")
    clients = tabs(me)
    for r in range(ROUNDS):
        pest = member(f"pest{r}")
        got = race([partial(t.post, "/blocks", json={"username": pest.username}) for t in clients])
        # a click that comes after the block has landed no longer sees the member: 404, as on any later day
        assert 201 in statuses(got) and set(statuses(got)) <= {201, 404}, [g.text for g in got]
        assert [u["username"] for u in me.http.get("/blocks").json()] == [pest.username]
        assert me.http.delete(f"/blocks/{pest.username}").status_code == 200


def test_a_double_clicked_join_joins_once(member, tabs) -> None:
    owner, joiner = member("owner"), member("joiner")
    clients = tabs(joiner)
    for r in range(ROUNDS):
        slug = f"club-{r}"
        assert owner.http.post("/circles", json={"slug": slug, "name": "俱乐部"}).status_code == 201
        got = race([partial(t.post, f"/circles/{slug}/join") for t in clients])
        assert statuses(got) == [200] * N, [g.text for g in got if g.status_code != 200]
        assert all(g.json()["member_count"] == 2 for g in got)
        rows = select(func.count()).select_from(CircleMember).where(CircleMember.user_id == joiner.id)
        assert count(rows) == r + 1


def test_one_new_circle_address_goes_to_one_member(member) -> None:
    founders = [member(f"founder{i}") for i in range(N)]
    for r in range(ROUNDS):
        slug = f"only-{r}"
        got = race([partial(f.http.post, "/circles", json={"slug": slug, "name": "抢注"}) for f in founders])
        assert statuses(got) == [201] + [409] * (N - 1), [g.text for g in got]
        winner = next(f for f, g in zip(founders, got, strict=True) if g.status_code == 201)
        assert winner.http.get(f"/circles/{slug}").json()["my_role"] == "owner"


def test_one_new_username_goes_to_one_registration(api) -> None:
    from nook.security.rate_limits import REGISTER_IP, limiter

    for r in range(ROUNDS):
        form = {"username": f"samename{r}", "password": "correct horse battery"}
        got = race([partial(api.post, "/auth/register", json=form) for _ in range(N)])
        assert statuses(got) == [201] + [409] * (N - 1), [g.text for g in got]
        limiter().reset(REGISTER_IP, "127.0.0.1")


def test_of_the_first_registrations_at_once_one_becomes_admin(api) -> None:
    for r in range(ROUNDS):
        forms = [{"username": f"first{r}x{i}", "password": "correct horse battery"} for i in range(N)]
        got = race([partial(api.post, "/auth/register", json=form) for form in forms])
        assert statuses(got) == [201] * N, [g.text for g in got if g.status_code != 201]
        assert count(select(func.count()).select_from(User).where(User.is_admin)) == 1
        wipe()  # an empty site again: the next round's registrations are first too


def test_first_scene_settings_saved_twice(member, tabs) -> None:
    for r in range(ROUNDS):
        me = member(f"settler{r}")
        clients = tabs(me)
        body = {"city_recommendations": False, "city_from_activity": True}
        got = race([partial(t.put, "/me/scene-settings", json=body) for t in clients])
        assert statuses(got) == [200] * N, [g.text for g in got if g.status_code != 200]
        assert count(select(func.count()).select_from(SceneSettings).where(SceneSettings.user_id == me.id)) == 1
        assert me.http.get("/me/scene-settings").json() == body


def test_first_locality_saved_twice(member, tabs) -> None:
    owner = member("local")
    clients = tabs(owner)
    for r in range(ROUNDS):
        slug = f"town-{r}"
        assert owner.http.post("/circles", json={"slug": slug, "name": "同城"}).status_code == 201
        body = {"city": "成都", "open_to_other_cities": True}
        got = race([partial(t.put, f"/circles/{slug}/locality", json=body) for t in clients])
        assert statuses(got) == [200] * N, [g.text for g in got if g.status_code != 200]
        assert owner.http.get(f"/circles/{slug}/locality").json() == body


def test_analysis_and_why_computed_by_two_requests_at_once(member, tabs) -> None:
    me = member("curious")
    clients = tabs(me)
    for _ in range(ROUNDS):
        post_id = me.http.post("/posts", json={"body": "今天好开心，你们周末都去哪儿玩了？"}).json()["id"]
        # as if the after-commit jobs had not run yet: both are then computed by the requests
        with transaction() as s:
            s.execute(delete(PostAnalysis).where(PostAnalysis.post_id == post_id))
            s.execute(delete(PostScore).where(PostScore.post_id == post_id))
        got = race([partial(t.get, f"/posts/{post_id}/analysis") for t in clients[: N // 2]])
        got += race([partial(t.get, f"/posts/{post_id}/why") for t in clients[N // 2 :]])
        assert statuses(got) == [200] * len(got), [g.text for g in got if g.status_code != 200]
        assert count(select(func.count()).select_from(PostAnalysis).where(PostAnalysis.post_id == post_id)) == 1
        assert count(select(func.count()).select_from(PostScore).where(PostScore.post_id == post_id)) == 1


def test_first_idol_profile_saved_from_two_tabs(member, tabs) -> None:
    owner = member("idolowner")
    clients = tabs(owner)
    for r in range(ROUNDS):
        slug = f"fans-{r}"
        made = owner.http.post("/circles", json={"slug": slug, "name": "粉丝团", "kind": "fanclub"})
        assert made.status_code == 201, made.text
        names = [f"偶像{i}" for i in range(N)]
        got = race(
            [partial(t.put, f"/circles/{slug}/idol", json={"name": n}) for t, n in zip(clients, names, strict=True)]
        )
        assert statuses(got) == [200] * N, [g.text for g in got if g.status_code != 200]
        profiles = select(func.count()).select_from(IdolProfile).join(Circle).where(Circle.slug == slug)
        assert count(profiles) == 1
        assert owner.http.get(f"/circles/{slug}/idol").json()["name"] in names


def test_recommendations_loaded_in_two_tabs_are_logged_once(member, tabs) -> None:
    owner, me = member("cityowner"), member("citizen")
    assert me.http.patch("/me", json={"city": "杭州"}).status_code == 200
    clients = tabs(me)
    for r in range(ROUNDS):
        for i in range(2):  # new circles each round: prompts not logged yet
            body = {"slug": f"hz-{r}-{i}", "name": f"杭州圈{r}{i}", "kind": "city", "city": "杭州"}
            assert owner.http.post("/circles", json=body).status_code == 201
        got = race([partial(t.get, "/nearby/circles") for t in clients])
        assert statuses(got) == [200] * N, [g.text for g in got if g.status_code != 200]
        shown = select(func.count()).select_from(ScenePrompt).where(ScenePrompt.kind == "city_circle")
        assert count(shown) == 2 * (r + 1)


def test_suggestions_asked_for_in_several_tabs_are_one_offer(member, tabs) -> None:
    """The feed and the post page (or two tabs) ask at once: one offer is logged, and every tab shows it."""
    author, reader = member("author"), member("reader")
    clients = tabs(reader)
    for _ in range(ROUNDS):
        post_id = author.http.post("/posts", json={"body": "第一次自己做蛋糕，塌了一半，但是好吃！"}).json()["id"]
        got = race([partial(t.get, f"/posts/{post_id}/suggestions") for t in clients])
        assert statuses(got) == [200] * N, [g.text for g in got if g.status_code != 200]
        offers = {tuple(s["id"] for s in g.json()) for g in got}
        assert len(offers) == 1 and len(next(iter(offers))) == 3
        shown = select(func.count()).select_from(SuggestionShown).where(SuggestionShown.post_id == post_id)
        assert count(shown) == 3


def test_the_same_school_added_from_several_tabs_is_added_once(member, tabs) -> None:
    me = member("alumna")
    clients = tabs(me)
    for r in range(2):  # a member may list six schools: two rounds of one new school each
        body = {"kind": "高中", "name": f"南城{r}中", "enroll_year": 2012, "class_name": "3班"}
        got = race([partial(t.post, "/me/schools", json=body) for t in clients])
        assert statuses(got) == [201] + [422] * (N - 1), [g.text for g in got]
        schools = me.http.get("/me/schools").json()
        assert len(schools) == r + 1
    with read_session() as s:
        positions = s.scalars(select(UserSchool.position).where(UserSchool.user_id == me.id).order_by(UserSchool.id))
        assert list(positions) == [0, 1]


def test_a_classmate_prompt_asked_for_in_several_tabs_is_shown_once(member, tabs) -> None:
    me, mate, author = member("mei"), member("mate"), member("author")
    body = {"kind": "高中", "name": "南城一中", "enroll_year": 2012, "class_name": "3班"}
    for m in (me, mate):
        assert m.http.post("/me/schools", json=body).status_code == 201
    clients = tabs(me)
    for _ in range(ROUNDS):
        post_id = author.http.post("/posts", json={"body": "高中的操场翻新了"}).json()["id"]
        assert mate.http.post(f"/posts/{post_id}/comments", json={"body": "想念当年的跑道"}).status_code == 201
        got = race([partial(t.post, f"/posts/{post_id}/classmate-prompt") for t in clients])
        assert statuses(got) == [200] * N, [g.text for g in got if g.status_code != 200]
        assert sum(g.json() is not None for g in got) == 1
