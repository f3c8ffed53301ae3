"""同城: circles local to a city, same-city recommendations with reasons, and turning them off."""

from __future__ import annotations

from sqlalchemy import select

from nook.store.db import transaction
from nook.store.models import ScenePrompt
from tests.scenes.conftest import befriend


def _circle(owner, slug: str, name: str, city: str = "", kind: str = "interest") -> None:
    body = {"slug": slug, "name": name, "kind": kind, "city": city}
    assert owner.http.post("/circles", json=body).status_code == 201


def test_local_circles_are_recommended_in_their_city_only_unless_open(member) -> None:
    owner, hz, bj = member("owner"), member("hzmom"), member("bjdad")
    hz.http.patch("/me", json={"city": "杭州"})
    bj.http.patch("/me", json={"city": "北京"})
    _circle(owner, "hz-moms", "杭州宝妈群", "杭州", kind="city")
    _circle(owner, "hz-food", "杭州吃货")
    _circle(owner, "travel", "旅行")
    assert owner.http.put("/circles/hz-food/locality", json={"city": "杭州"}).status_code == 200
    tips = hz.http.get("/nearby/circles").json()
    assert {t["slug"] for t in tips} == {"hz-moms", "hz-food"}
    assert tips[0]["reason"] == "你在杭州，这是杭州本地的圈子"
    assert bj.http.get("/nearby/circles").json() == []
    # a 北京 member who opted in and tagged #杭州# sees only the circle open to other cities
    bj.http.put("/me/scene-settings", json={"city_from_activity": True})
    bj.http.post("/posts", json={"body": "周末去 #杭州# 玩", "visibility": "public"})
    assert bj.http.get("/nearby/circles").json() == []
    owner.http.put("/circles/hz-food/locality", json={"city": "杭州", "open_to_other_cities": True})
    [tip] = bj.http.get("/nearby/circles").json()
    assert tip["slug"] == "hz-food" and tip["reason"] == "你发过 #杭州# 的动态，这是杭州的圈子"


def test_only_the_owner_sets_a_circles_city(member) -> None:
    owner, mod = member("owner"), member("mod")
    _circle(owner, "hz-food", "杭州吃货")
    mod.http.post("/circles/hz-food/join")
    owner.http.put("/circles/hz-food/members/mod/role", json={"role": "moderator"})
    assert mod.http.put("/circles/hz-food/locality", json={"city": "杭州"}).status_code == 403
    assert owner.http.put("/circles/hz-food/locality", json={"city": "杭" * 33}).status_code == 422
    assert owner.http.get("/circles/hz-food/locality").json() == {"city": None, "open_to_other_cities": False}


def test_same_city_members_with_reason_and_mutual_friends_never_hidden_ones(member) -> None:
    me, neighbour, hidden, blocker, far, quiet, friend = (
        member(n) for n in ("mei", "neighbour", "hidden", "blocker", "far", "quiet", "friend")
    )
    for m in (me, neighbour, hidden, blocker, quiet, friend):
        m.http.patch("/me", json={"city": "成都"})
    far.http.patch("/me", json={"city": "广州"})
    hidden.http.patch("/me", json={"privacy": {"city": "friends"}})
    blocker.http.post("/blocks", json={"username": "mei"})
    quiet.http.put("/me/scene-settings", json={"city_recommendations": False})
    befriend(me, friend)
    befriend(friend, neighbour)
    _circle(friend, "cd-food", "成都吃货联盟", "成都", kind="city")
    me.http.post("/circles/cd-food/join")
    neighbour.http.post("/circles/cd-food/join")
    [tip] = me.http.get("/nearby/people").json()
    assert tip["user"]["username"] == "neighbour"
    assert tip["reason"] == "同在成都 · 都在「成都吃货联盟」"
    assert (tip["mutual_friends"], tip["mutual_names"]) == (1, ["friend"])
    me.http.post("/friends/requests", json={"username": "neighbour"})
    assert me.http.get("/nearby/people").json() == []
    with transaction() as s:
        row = s.scalar(select(ScenePrompt).where(ScenePrompt.kind == "city_member"))
        assert row.subject_user_id == neighbour.id and row.acted_at is not None


def test_turning_city_recommendations_off_stops_them(member) -> None:
    owner, me = member("owner"), member("mei")
    me.http.patch("/me", json={"city": "广州"})
    _circle(owner, "gz-moms", "广州宝妈群", "广州", kind="city")
    assert me.http.get("/me/scene-settings").json() == {"city_recommendations": True, "city_from_activity": False}
    assert [t["slug"] for t in me.http.get("/nearby/circles").json()] == ["gz-moms"]
    me.http.put("/me/scene-settings", json={"city_recommendations": False})
    assert me.http.get("/nearby/circles").json() == []
    assert me.http.put("/me/scene-settings", json={"city_recommendations": "yes"}).status_code == 422
    me.http.put("/me/scene-settings", json={"city_recommendations": True})
    me.http.post("/circles/gz-moms/join")
    with transaction() as s:
        row = s.scalar(select(ScenePrompt).where(ScenePrompt.kind == "city_circle"))
        assert row.acted_at is not None
