"""Issue 16 item 6: suggestions draw only on what the post's audience may see of the reader: an only-me
or friends-only post of the reader's never reaches a public comment draft (nor an operator's LLM)."""

from __future__ import annotations

import pytest

from tests.security.conftest import Attackers

SECRET = "去年国庆去了大理，骑车环洱海"


def _offered(attackers: Attackers, *, secret_visibility: str, post: dict) -> set[str]:
    bob = attackers.bob
    made = bob.http.post("/posts", json={"body": SECRET, "visibility": secret_visibility})
    assert made.status_code == 201, made.text
    target = attackers.alice.http.post("/posts", json=post).json()
    offered = bob.http.get(f"/posts/{target['id']}/suggestions")
    assert offered.status_code == 200, offered.text
    return {c["source"] for c in offered.json()}


TRIP = {"body": "周末去大理玩了三天，洱海边的日落太美了"}


@pytest.mark.parametrize("visibility", ["private", "friends"])
def test_a_hidden_post_of_the_reader_is_not_quoted_under_a_public_post(attackers: Attackers, visibility: str) -> None:
    assert "personal" not in _offered(attackers, secret_visibility=visibility, post=TRIP)


def test_a_public_post_of_the_reader_may_be_drawn_on(attackers: Attackers) -> None:
    assert "personal" in _offered(attackers, secret_visibility="public", post=TRIP)
