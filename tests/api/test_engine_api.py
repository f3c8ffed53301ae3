"""The engine through the product: posts analysed after commit, profiles updated, REST endpoints."""

from __future__ import annotations

from nook.social.assist.understanding import member_profile
from nook.store.db import read_session
from nook.store.models import PostAnalysis


def test_new_posts_are_analysed_and_profiles_learn(member) -> None:
    alice = member("alice")
    sad = alice.http.post("/posts", json={"body": "考研又没上岸，真的好难过，不知道该怎么办了……"}).json()
    with read_session() as session:
        row = session.get(PostAnalysis, sad["id"])
        assert row is not None and row.emotion in ("sad", "fear")
        assert any(s["name"] == "study" for s in row.result["scenes"])
        profile = member_profile(session, alice.id)
    assert "study" in dict(profile.top_scenes())
    assert profile.current_state() is not None
    analysis = alice.http.get(f"/posts/{sad['id']}/analysis").json()
    assert analysis["emotion"]["label"] == row.emotion


def test_only_the_author_sees_a_posts_analysis(member) -> None:
    alice, bob = member("alice"), member("bob")
    post = alice.http.post("/posts", json={"body": "今天天气真好"}).json()
    assert bob.http.get(f"/posts/{post['id']}/analysis").status_code == 403
    private = alice.http.post("/posts", json={"body": "秘密", "visibility": "private"}).json()
    assert bob.http.get(f"/posts/{private['id']}/analysis").status_code == 404


def test_analyze_endpoint_follows_the_cli_contract(member, api) -> None:
    alice = member("alice")
    body = {
        "records": [
            {"id": 1, "text": "终于拿到offer了！！太开心了[哈哈]", "kind": "post"},
            {"id": "c1", "text": "沙发", "kind": "comment", "post": "终于拿到offer了！！"},
        ]
    }
    assert api.post("/engine/analyze", json=body).status_code == 401
    results = alice.http.post("/engine/analyze", json=body).json()["results"]
    assert [r["id"] for r in results] == [1, "c1"]
    assert results[0]["emotion"]["label"] == "happy"
    assert results[1]["low_value"]["flag"] is True
    assert alice.http.post("/engine/analyze", json={"records": []}).status_code == 422


def test_hook_assistant_and_dedup(member) -> None:
    alice = member("alice")
    none = alice.http.post("/engine/hooks", json={"text": "今天去了西湖，荷花开得很好"}).json()
    assert none["present"] is False and 2 <= len(none["suggestions"]) <= 3
    assert all(s["text"].startswith("今天去了西湖") for s in none["suggestions"])
    found = alice.http.post("/engine/hooks", json={"text": "在咖啡店捡到一本手账，猜猜里面夹着什么？"}).json()
    assert found["present"] is True and found["span"]["text"]
    items = [
        {"id": "a", "text": "这家店的拉面真的太好吃了，强烈推荐大家去试试"},
        {"id": "b", "text": "这家店的拉面真的太好吃了！强烈推荐大家去试试！！"},
        {"id": "c", "text": "周末去爬山了，风景很美"},
    ]
    clusters = alice.http.post("/engine/dedup", json={"items": items}).json()["clusters"]
    assert clusters == [["a", "b"]]
