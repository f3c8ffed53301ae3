"""Issue 16 item 4: a reason that names a relation ("X 是你的同班同学") follows the same school privacy
as the campus pages: a stranger who guesses school, year and class is not told who is in that class."""

from __future__ import annotations

from tests.conftest import Member
from tests.security.conftest import Attackers

CLASS = {"kind": "高中", "name": "南城一中", "enroll_year": 2012, "class_name": "3班"}


def _school(who: Member, **privacy: str) -> int:
    made = who.http.post("/me/schools", json=CLASS | privacy)
    assert made.status_code == 201, made.text
    return int(made.json()["id"])


def _classmate_reason(reader: Member, post_id: int) -> bool:
    why = reader.http.get(f"/posts/{post_id}/why")
    assert why.status_code == 200, why.text
    return any("同班同学" in r for r in why.json()["reasons"])


def test_a_stranger_who_guesses_a_class_is_not_told_its_members(attackers: Attackers) -> None:
    alice, bob, friend = attackers.alice, attackers.bob, attackers.friend
    school_id = _school(alice)  # the class itself is for friends (the default)
    post_id = alice.http.post("/posts", json={"body": "毕业十年了，大家还好吗"}).json()["id"]
    _school(bob)  # the stranger claims the same school, year and class
    _school(friend)
    assert not _classmate_reason(bob, post_id)
    assert _classmate_reason(friend, post_id)
    # a private class is a secret from friends too
    edit = alice.http.patch(f"/me/schools/{school_id}", json={"class_privacy": "private"})
    assert edit.status_code == 200, edit.text
    assert not _classmate_reason(friend, post_id)


def test_a_hidden_school_hides_the_class_even_when_the_class_is_public(attackers: Attackers) -> None:
    alice, bob = attackers.alice, attackers.bob
    _school(alice, school_privacy="private", year_privacy="public", class_privacy="public")
    post_id = alice.http.post("/posts", json={"body": "翻到一张毕业照"}).json()["id"]
    _school(bob)
    assert not _classmate_reason(bob, post_id)
    ranked = bob.http.get("/feed/ranked").json()["items"]
    assert all("同班同学" not in r for item in ranked for r in item["reasons"])
