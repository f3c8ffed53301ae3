"""Issue 16 item 14: a by-approval circle's boards and the badges won there are for its members only;
the score components of a placing are for its writer and the moderators only."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from nook.store.db import transaction
from nook.store.models import Circle, LeaderboardEntry
from tests.security.conftest import Attackers

MONDAY = date(2024, 3, 4)
COMPONENTS = {"emotional_fit": 0.93, "replies": 4}


def _placings(attackers: Attackers, comment_id: int) -> None:
    """A closed week: alice first on her closed circle's chatter board, friend first on the site's warm board."""
    with transaction() as s:
        circle_id = s.scalar(select(Circle.id).where(Circle.slug == attackers.circle))
        common = {"week_start": MONDAY, "rank": 1, "score": 9.5, "components": COMPONENTS, "closed": True}
        alice = attackers.alice.id
        s.add(LeaderboardEntry(board="chatter", scope=f"c{circle_id}", circle_id=circle_id, subject_id=alice,
                               user_id=alice, **common))  # fmt: skip
        s.add(LeaderboardEntry(board="warm_comment", scope="site", circle_id=None, subject_id=comment_id,
                               user_id=attackers.friend.id, **common))  # fmt: skip


def _setup(attackers: Attackers) -> None:
    alice, friend = attackers.alice, attackers.friend
    post_id = alice.http.post("/posts", json={"body": "今天去看了海"}).json()["id"]
    comment = friend.http.post(f"/posts/{post_id}/comments", json={"body": "海边的风一定很舒服，下次带上我"})
    assert comment.status_code == 201, comment.text
    _placings(attackers, comment.json()["id"])


def test_badges_won_in_a_closed_circle_are_for_its_members(attackers: Attackers, api) -> None:
    _setup(attackers)
    outsiders = [api, attackers.stranger.http, attackers.bob.http, attackers.pending.http]
    for client in outsiders:
        boards = [b["board"] for b in client.get("/users/alice/badges").json()]
        assert boards == [], boards
    assert [b["board"] for b in attackers.alice.http.get("/users/alice/badges").json()] == ["chatter"]
    for client in outsiders:
        assert client.get(f"/leaderboards/chatter?circle={attackers.circle}&week={MONDAY}").status_code == 404
    inside = attackers.alice.http.get(f"/leaderboards/chatter?circle={attackers.circle}&week={MONDAY}")
    assert inside.status_code == 200 and len(inside.json()["entries"]) == 1


def test_placing_components_are_for_the_writer_and_moderators(attackers: Attackers, api) -> None:
    _setup(attackers)
    path = f"/leaderboards/warm_comment?week={MONDAY}"
    for client in (api, attackers.stranger.http, attackers.alice.http):
        [entry] = client.get(path).json()["entries"]
        assert entry["components"] == {}, entry
    for insider in (attackers.friend, attackers.admin):
        [entry] = insider.http.get(path).json()["entries"]
        assert entry["components"] == COMPONENTS
