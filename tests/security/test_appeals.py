"""Issue 16 item 13: appeals are rate-limited (429 + Retry-After) and a case holds one open appeal per member."""

from __future__ import annotations

from tests.security.conftest import Attackers
from tests.security.test_moderation_self_decisions import _circle_posts, _filler, _throttle_case


def test_one_open_appeal_per_case_and_a_rate_limit(attackers: Attackers) -> None:
    bob, admin = attackers.bob, attackers.admin
    _filler(bob, _circle_posts(attackers.alice, None))
    case = _throttle_case(admin, bob)
    first = bob.http.post("/appeals", json={"case_id": case["id"], "body": "我只是在给朋友捧场"})
    assert first.status_code == 201, first.text
    again = bob.http.post("/appeals", json={"case_id": case["id"], "body": "再看看"})
    assert again.status_code == 409, again.text
    # once a moderator decided, the member may appeal again
    assert admin.http.post(f"/moderation/cases/{case['id']}/confirm").status_code == 200
    assert bob.http.post("/appeals", json={"case_id": case["id"], "body": "我有新的理由"}).status_code == 201
    codes = [bob.http.post("/appeals", json={"case_id": case["id"], "body": f"第{i}次"}) for i in range(10)]
    limited = [r for r in codes if r.status_code == 429]
    assert limited and int(limited[0].headers["Retry-After"]) > 0
    assert {r.status_code for r in codes} == {409, 429}
    trail = admin.http.get(f"/moderation/cases/{case['id']}").json()["audit"]
    assert [a["action"] for a in trail].count("appeal") == 2
