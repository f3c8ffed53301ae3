"""Members declare several schools, each with its own privacy; the first stays the profile's school."""

from __future__ import annotations

from tests.scenes.conftest import befriend, school


def test_a_member_declares_a_high_school_and_a_university_and_edits_them(member) -> None:
    alice = member("alice")
    hs = school(alice, "南城 一中", 2012, "3班")
    uni = school(alice, "江北大学", 2015, "计算机1501班", kind="大学", class_privacy="private")
    assert hs["name"] == "南城一中"  # inner spaces dropped: one spelling per school
    mine = alice.http.get("/me/schools").json()
    listed = [(s["kind"], s["name"], s["enroll_year"]) for s in mine]
    assert listed == [("高中", "南城一中", 2012), ("大学", "江北大学", 2015)]
    assert mine[1]["class_privacy"] == "private" and mine[0]["campus_url"] == "/campus/南城一中/2012"
    # the first school is the profile's school
    me = alice.http.get("/me").json()
    assert (me["school"], me["school_kind"], me["enroll_year"], me["class_name"]) == ("南城一中", "高中", 2012, "3班")
    edited = alice.http.patch(f"/me/schools/{uni['id']}", json={"class_name": "软件1502班"}).json()
    assert edited["class_name"] == "软件1502班"
    assert alice.http.delete(f"/me/schools/{hs['id']}").status_code == 200
    assert alice.http.get("/me").json()["school"] == "江北大学"  # the university is first now


def test_bad_school_input_is_a_clear_4xx(member) -> None:
    alice, bob = member("alice"), member("bob")
    bad = [
        {"kind": "小学", "name": "x"},
        {"kind": "高中", "name": ""},
        {"kind": "高中", "name": "校" * 65},
        {"kind": "高中", "name": "南城一中", "enroll_year": 1900},
        {"kind": "高中", "name": "南城一中", "class_name": "班" * 33},
        {"kind": "高中", "name": "南城一中", "school_privacy": "everyone"},
        {"kind": "高中", "name": "南城一中", "extra": 1},
    ]
    for body in bad:
        assert alice.http.post("/me/schools", json=body).status_code == 422, body
    school(alice)
    again = {"kind": "高中", "name": "南城一中", "enroll_year": 2012}
    assert alice.http.post("/me/schools", json=again).status_code == 422  # the same school twice
    for i in range(5):
        school(alice, f"学校{i}", 2010 + i)
    assert alice.http.post("/me/schools", json={"kind": "大学", "name": "第七所"}).status_code == 422  # six at most
    theirs = alice.http.get("/me/schools").json()[0]["id"]
    assert bob.http.patch(f"/me/schools/{theirs}", json={"name": "x"}).status_code == 404
    assert bob.http.delete(f"/me/schools/{theirs}").status_code == 404


def test_others_see_each_school_part_only_as_its_privacy_allows(member) -> None:
    alice, friend, stranger = member("alice"), member("friend"), member("stranger")
    befriend(alice, friend)
    school(alice, year_privacy="friends", class_privacy="friends")
    school(alice, "江北大学", 2015, kind="大学", school_privacy="private")
    as_friend = friend.http.get("/users/alice/schools").json()
    as_stranger = stranger.http.get("/users/alice/schools").json()
    assert [s["name"] for s in as_friend] == [s["name"] for s in as_stranger] == ["南城一中"]
    assert as_friend[0]["enroll_year"] == 2012 and as_friend[0]["class_name"] == "3班"
    assert as_stranger[0]["enroll_year"] is None and as_stranger[0]["class_name"] is None
    assert as_stranger[0]["school_privacy"] is None  # settings are the owner's own business


def test_the_old_profile_form_edits_the_first_school(member) -> None:
    alice = member("alice")
    profile = {"school": "南城一中", "school_kind": "高中", "enroll_year": 2013, "class_name": "5班"}
    assert alice.http.patch("/me", json=profile).status_code == 200
    [row] = alice.http.get("/me/schools").json()
    assert (row["name"], row["enroll_year"], row["class_name"]) == ("南城一中", 2013, "5班")
    alice.http.patch(f"/me/schools/{row['id']}", json={"year_privacy": "friends"})
    alice.http.patch("/me", json={"privacy": {"school": "private"}})
    after = alice.http.get("/me/schools").json()[0]
    assert (after["school_privacy"], after["year_privacy"]) == ("private", "friends")  # the year level stays
    alice.http.patch("/me", json={"school": ""})
    assert alice.http.get("/me/schools").json() == []
