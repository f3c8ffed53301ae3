"""Issue 16 item 15: text that draws nothing is empty, and nobody but the real admin passes for an operator."""

from __future__ import annotations

import httpx
import pytest

from nook.security.rate_limits import REGISTER_IP, limiter
from tests.security.conftest import Attackers

INVISIBLE = ["\ufeff", "\u200b\ufeff", "\u3164", "\u2800", "\u3164 \u2800", "\u2060\u200d", "\u115f\u1160", "\uffa0"]
OPERATOR_NICKS = ["心角管理员", "管理员", "官方", "ADMIN", "ａｄｍｉｎ", "Adm1n", "admin.", "管理员小王", "心角 官方"]
OPERATOR_USERNAMES = ["admin", "adm1n", "admin.", "admin_", "r00t", "root", "moderator", "nook", "nook_admin", "system"]


def _register(api: httpx.Client, username: str, nickname: str = "") -> httpx.Response:
    limiter().reset(REGISTER_IP, "127.0.0.1")
    return api.post("/auth/register", json={"username": username, "password": "correct horse battery",
                                            "nickname": nickname or username})  # fmt: skip


@pytest.mark.parametrize("body", INVISIBLE)
def test_invisible_only_posts_comments_and_messages_are_refused(attackers: Attackers, body: str) -> None:
    alice, friend = attackers.alice, attackers.friend
    assert alice.http.post("/posts", json={"body": body}).status_code == 422
    post_id = alice.http.post("/posts", json={"body": f"有字{body}的说说"}).json()["id"]
    assert friend.http.post(f"/posts/{post_id}/comments", json={"body": body}).status_code == 422
    assert friend.http.post("/users/alice/board", json={"body": body}).status_code == 422


def test_format_characters_are_stripped_from_what_is_kept(attackers: Attackers) -> None:
    made = attackers.alice.http.post("/posts", json={"body": "\ufeff你好\u200b世界\u202e"})
    assert made.status_code == 201 and made.json()["body"] == "你好世界"


def test_blank_looking_display_names_are_refused(attackers: Attackers, api: httpx.Client) -> None:
    for i, nick in enumerate(INVISIBLE):
        assert _register(api, f"blank{i}", nick).status_code == 422, repr(nick)
        assert attackers.bob.http.patch("/me", json={"nickname": nick}).status_code == 422, repr(nick)


def test_nobody_passes_for_an_operator(attackers: Attackers, api: httpx.Client) -> None:
    for i, nick in enumerate(OPERATOR_NICKS):
        assert _register(api, f"fake{i}", nick).status_code == 422, nick
        assert attackers.bob.http.patch("/me", json={"nickname": nick}).status_code == 422, nick
    for name in OPERATOR_USERNAMES:
        assert _register(api, name).status_code == 409, name
    # ordinary names that merely contain such letters are fine
    for name in ("badminton", "rootbeer", "notebook"):
        assert _register(api, name).status_code == 201, name


def test_the_real_admin_may_use_an_operator_name(attackers: Attackers) -> None:
    renamed = attackers.admin.http.patch("/me", json={"nickname": "心角管理员"})
    assert renamed.status_code == 200, renamed.text
    assert attackers.admin.http.get("/me").json()["user"]["nickname"] == "心角管理员"
