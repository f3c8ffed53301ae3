"""Comment suggestions: offered to the reader, never posted for them, and their use logged."""

from __future__ import annotations

from sqlalchemy import select

from nook.store.db import read_session
from nook.store.models import Comment, SuggestionShown

OFFLINE_SOURCES = {"personal", "scene", "mood", "plain", "retrieved", "fallback"}


def test_suggestions_are_offered_and_their_use_is_logged(member) -> None:
    alice, bob = member("alice"), member("bob")
    bob.http.post("/posts", json={"body": "去年夏天去了青海湖，星空美得让人想哭"})
    post = alice.http.post("/posts", json={"body": "今晚在茶卡盐湖拍到了银河！第一次拍星空，手都冻僵了"}).json()
    offered = bob.http.get(f"/posts/{post['id']}/suggestions")
    assert offered.status_code == 200, offered.text
    chips = offered.json()
    assert len(chips) == 3 and len({c["intent"] for c in chips}) == 3
    with read_session() as session:
        logged = {row.id: row.source for row in session.scalars(select(SuggestionShown))}
    assert {c["id"]: c["source"] for c in chips} == logged and set(logged.values()) <= OFFLINE_SOURCES
    with read_session() as session:
        assert session.scalar(select(Comment.id)) is None  # nothing was posted for bob

    used = chips[0]
    assert (
        bob.http.post(
            f"/posts/{post['id']}/comments", json={"body": used["text"], "suggestion_id": used["id"]}
        ).status_code
        == 201
    )
    edited = chips[1]
    body = edited["text"] + "（我也想去）"
    assert (
        bob.http.post(f"/posts/{post['id']}/comments", json={"body": body, "suggestion_id": edited["id"]}).status_code
        == 201
    )
    with read_session() as session:
        outcomes = {row.id: row.outcome for row in session.scalars(select(SuggestionShown))}
    assert outcomes == {used["id"]: "used", edited["id"]: "edited", chips[2]["id"]: "shown"}


def test_a_reload_shows_the_same_offer_and_logs_it_once(member) -> None:
    alice, bob = member("alice"), member("bob")
    post = alice.http.post("/posts", json={"body": "第一次自己做了红烧肉，居然没糊！"}).json()
    first = bob.http.get(f"/posts/{post['id']}/suggestions").json()
    again = bob.http.get(f"/posts/{post['id']}/suggestions").json()
    assert [(c["id"], c["source"]) for c in again] == [(c["id"], c["source"]) for c in first]
    with read_session() as session:
        assert len(session.scalars(select(SuggestionShown)).all()) == 3

    # once one is used, the next visit gets a fresh offer
    chip = first[0]
    bob.http.post(f"/posts/{post['id']}/comments", json={"body": chip["text"], "suggestion_id": chip["id"]})
    fresh = bob.http.get(f"/posts/{post['id']}/suggestions").json()
    assert not {c["id"] for c in fresh} & {c["id"] for c in first}


def test_someone_elses_suggestion_cannot_be_claimed(member) -> None:
    alice, bob = member("alice"), member("bob")
    post = alice.http.post("/posts", json={"body": "新买的相机到了，周末去哪里拍？"}).json()
    chip = bob.http.get(f"/posts/{post['id']}/suggestions").json()[0]
    stolen = alice.http.post(f"/posts/{post['id']}/comments", json={"body": "hi", "suggestion_id": chip["id"]})
    assert stolen.status_code == 422


def test_engine_suggest_endpoint(member) -> None:
    alice = member("alice")
    out = alice.http.post(
        "/engine/suggest", json={"post": "考研终于上岸了！！三年的努力没有白费", "viewer_history": []}
    )
    assert out.status_code == 200
    items = out.json()
    assert len(items) == 3 and all(i["text"] and i["why"] and i["source"] in OFFLINE_SOURCES for i in items)
    assert not any(word in i["text"] for i in items for word in ("节哀", "抱抱你"))


def test_a_reload_of_a_short_offer_shows_it_again_without_logging_more(member) -> None:
    """The engine says less when unsure: an offer of one or two lines is still one offer on reload, also
    after an earlier offer under the same post was used."""
    alice, bob = member("alice"), member("bob")
    post = alice.http.post("/posts", json={"body": "新买的相机到了，周末去哪里拍？"}).json()
    first = bob.http.get(f"/posts/{post['id']}/suggestions").json()
    assert 1 <= len(first) < 3
    chip = first[0]
    bob.http.post(f"/posts/{post['id']}/comments", json={"body": chip["text"], "suggestion_id": chip["id"]})
    fresh = bob.http.get(f"/posts/{post['id']}/suggestions").json()
    for _ in range(3):
        again = bob.http.get(f"/posts/{post['id']}/suggestions").json()
        assert [c["id"] for c in again] == [c["id"] for c in fresh]
    with read_session() as session:
        assert len(session.scalars(select(SuggestionShown)).all()) == len(first) + len(fresh)
