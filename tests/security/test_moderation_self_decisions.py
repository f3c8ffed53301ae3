"""Issue 16 item 1: nobody decides a case about themselves; a circle's moderators never lift a
site-wide restriction or a like-ring flag (they may confirm or escalate their circle's cases)."""

from __future__ import annotations

import itertools

from sqlalchemy import select

from nook.social.moderation.cases import open_case
from nook.store.db import transaction
from nook.store.models import Circle
from tests.conftest import Member
from tests.security.conftest import Attackers

#: Stock praise: a run of it is warned, and throttled when it goes on after the warning.
STOCK = ["写得真好", "说得太好了", "支持楼主", "学习了", "感谢分享", "好文", "涨知识了", "收藏了", "楼主好人"]
BODIES = ["周末去爬了香山，红叶还没全红", "新学期第一天，分到了靠窗的座位", "自己做了番茄炒蛋，居然没糊",
          "下雨天窝在家里看完了一本小说", "今天跑了五公里，膝盖有点酸", "楼下的猫生了三只小猫",
          "终于把吉他的F和弦按响了", "去博物馆看了青铜器展"]  # fmt: skip


def _own_circle(owner: Member, slug: str) -> None:
    made = owner.http.post("/circles", json={"slug": slug, "name": f"圈子{slug}"})
    assert made.status_code == 201, made.text


def _circle_posts(author: Member, slug: str | None) -> list[int]:
    ids = []
    where = {"visibility": "circle", "circle": slug} if slug else {}
    for body in BODIES:
        resp = author.http.post("/posts", json={"body": body, **where})
        assert resp.status_code == 201, resp.text
        ids.append(resp.json()["id"])
    return ids


def _filler(writer: Member, post_ids: list[int]) -> None:
    for post_id, text in zip(itertools.cycle(post_ids), STOCK, strict=False):
        assert writer.http.post(f"/posts/{post_id}/comments", json={"body": text}).status_code == 201


def _throttle_case(admin: Member, writer: Member) -> dict:
    [case] = [c for c in admin.http.get("/moderation/cases").json() if writer.id in [u["id"] for u in c["users"]]]
    return case


def test_a_member_cannot_lift_their_own_throttle_through_their_own_circle(attackers: Attackers) -> None:
    bob = attackers.bob
    _own_circle(bob, "bobs-place")  # bob owns it: its moderator
    _filler(bob, _circle_posts(bob, "bobs-place"))
    case = _throttle_case(attackers.admin, bob)
    assert case["circle_id"] is not None and case["kind"] == "comment_throttle"
    for action in ("lift", "confirm", "escalate"):
        assert bob.http.post(f"/moderation/cases/{case['id']}/{action}").status_code == 404
    assert all(c["id"] != case["id"] for c in bob.http.get("/moderation/cases").json())
    assert bob.http.get(f"/moderation/cases/{case['id']}").status_code == 404
    # the restriction stays, the comments stay folded
    [restriction] = bob.http.get("/me/restrictions").json()
    assert restriction["case_id"] == case["id"] and restriction["case_status"] == "open"
    assert attackers.admin.http.get(f"/moderation/cases/{case['id']}").json()["status"] == "open"


def test_a_circle_moderator_confirms_or_escalates_but_never_lifts(attackers: Attackers) -> None:
    alice, bob = attackers.alice, attackers.bob
    _own_circle(alice, "alices-place")
    assert bob.http.post("/circles/alices-place/join").status_code == 200
    _filler(bob, _circle_posts(alice, "alices-place"))
    case = _throttle_case(attackers.admin, bob)
    assert [c["id"] for c in alice.http.get("/moderation/cases").json()] == [case["id"]]
    lifted = alice.http.post(f"/moderation/cases/{case['id']}/lift")
    assert lifted.status_code == 403, lifted.text
    assert bob.http.get("/me/restrictions").json()[0]["case_status"] == "open"
    assert alice.http.post(f"/moderation/cases/{case['id']}/confirm").status_code == 200
    assert alice.http.post(f"/moderation/cases/{case['id']}/escalate").status_code == 200
    # the site admin decides the escalated case
    assert attackers.admin.http.post(f"/moderation/cases/{case['id']}/lift").status_code == 200
    assert bob.http.get("/me/restrictions").json() == []


def test_a_ring_flag_in_a_circle_is_lifted_by_site_admins_only(attackers: Attackers) -> None:
    alice, bob, friend = attackers.alice, attackers.bob, attackers.friend
    _own_circle(bob, "ring-place")
    assert friend.http.post("/circles/ring-place/join").status_code == 200
    assert alice.http.post("/circles/ring-place/join").status_code == 200
    role = bob.http.put("/circles/ring-place/members/alice/role", json={"role": "moderator"})
    assert role.status_code == 200, role.text
    with transaction() as s:
        # what the ring scan opens for a ring that farms its own circle
        circle_id = s.scalar(select(Circle.id).where(Circle.slug == "ring-place"))
        case_id = open_case(
            s,
            kind="like_ring",
            user_ids=[bob.id, friend.id],
            reasons=["刷赞"],
            evidence={"likes": []},
            circle_id=circle_id,
            until=None,
            rate=1,
        ).id
    for ringer in (bob, friend):
        assert ringer.http.post(f"/moderation/cases/{case_id}/lift").status_code == 404
    assert alice.http.post(f"/moderation/cases/{case_id}/lift").status_code == 403
    assert alice.http.post(f"/moderation/cases/{case_id}/confirm").status_code == 200
    assert attackers.admin.http.post(f"/moderation/cases/{case_id}/lift").status_code == 200


def test_a_site_admin_does_not_decide_a_case_about_themselves(attackers: Attackers) -> None:
    admin, alice = attackers.admin, attackers.alice
    _filler(admin, _circle_posts(alice, None))
    case = _throttle_case(admin, admin)
    refused = admin.http.post(f"/moderation/cases/{case['id']}/lift")
    assert refused.status_code == 403, refused.text
    assert admin.http.get("/me/restrictions").json()[0]["case_status"] == "open"
