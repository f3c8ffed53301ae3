"""部分好友可见 / 不给谁看 from the web forms: the 留言板 setting and an album's audience, over real HTTP."""

from __future__ import annotations

import re

from sqlalchemy import select

from nook.social.authz import load_viewer
from nook.social.people import friends
from nook.store.db import transaction
from nook.store.models import User
from tests.web.forms import csrf_token, sign_up


def _befriend(a: str, b: str) -> None:
    with transaction() as s:
        one = s.scalar(select(User).where(User.username == a))
        two = s.scalar(select(User).where(User.username == b))
        assert one is not None and two is not None
        friends.send_request(s, load_viewer(s, one), one, two)
        friends.accept_request(s, two, friends.incoming_requests(s, two)[0])


def test_board_and_album_audiences_chosen_on_the_web(live_server: str) -> None:
    lin, zhou, xia = (sign_up(live_server, u, n) for u, n in (("lin", "林"), ("zhou", "周"), ("xia", "夏")))
    _befriend("lin", "zhou")
    _befriend("lin", "xia")

    form = {"csrf_token": csrf_token(lin, "/settings"), "board_policy": "selected", "member": "zhou"}
    assert lin.post("/settings/privacy", data=form).status_code == 303
    settings = lin.get("/settings").text
    assert re.search(r'name="board_policy" value="selected"\s+checked', settings)
    assert re.search(r'name="member" value="zhou" checked', settings), "the picker shows whom the board names"
    assert 'class="board-form' in zhou.get("/u/lin?tab=board").text, "zhou is named: he reads and writes"
    closed = xia.get("/u/lin?tab=board").text
    assert "主人设置了留言板的访问权限" in closed and 'class="board-form' not in closed
    assert "只对好友开放" not in closed, "xia is lin's friend: the board must not tell her it is for friends only"

    refused = lin.post("/settings/privacy", data=form | {"member": [], "csrf_token": csrf_token(lin, "/settings")})
    assert "至少选择" in refused.text, "a board for some friends names someone"

    album = {
        "csrf_token": csrf_token(lin, "/u/lin?tab=photos"),
        "title": "毕业照",
        "visibility": "except",
        "member": "xia",
    }
    made = lin.post("/albums", data=album)
    assert made.status_code == 303
    path = made.headers["location"]
    assert zhou.get(path).status_code == 200
    assert xia.get(path).status_code == 404
    assert re.search(r'name="member" value="xia" checked', lin.get(path).text), "the edit form shows the audience"
