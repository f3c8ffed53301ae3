"""The attacker fixture set the security tests share (issue 16).

`attackers` registers, over real HTTP, the cast every attack needs:

- `admin`: the site's administrator (the first member of a site is its admin);
- `alice`: an ordinary member, owner of `circle`, a by-approval circle; the usual victim;
- `bob`: a second ordinary member, the usual attacker;
- `stranger`: a member with no relation to anyone;
- `pending`: asked to join `circle` and was not approved (yet);
- `friend`: alice's friend.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from tests.conftest import Member

CIRCLE = "inner-circle"


@dataclass(frozen=True)
class Attackers:
    admin: Member
    alice: Member
    bob: Member
    stranger: Member
    pending: Member
    friend: Member
    circle: str


def befriend(a: Member, b: Member) -> None:
    """a asks, b accepts: friends both ways."""
    sent = a.http.post("/friends/requests", json={"username": b.username})
    assert sent.status_code == 201, sent.text
    accepted = b.http.post(f"/friends/requests/{sent.json()['id']}/accept")
    assert accepted.status_code == 200, accepted.text


@pytest.fixture
def attackers(member: Callable[..., Member]) -> Attackers:
    admin = member("siteadmin", "老板")
    alice, bob = member("alice", "爱丽丝"), member("bob", "鲍勃")
    stranger, pending, friend = member("stranger", "路人"), member("pending", "待审"), member("friend", "好友")
    made = alice.http.post(
        "/circles", json={"slug": CIRCLE, "name": "内部圈", "join_policy": "approval", "description": "审核加入"}
    )
    assert made.status_code == 201, made.text
    asked = pending.http.post(f"/circles/{CIRCLE}/join")
    assert asked.status_code == 200, asked.text
    befriend(alice, friend)
    return Attackers(admin, alice, bob, stranger, pending, friend, CIRCLE)
