"""English pages stay English when something goes wrong (error pages, form errors, HTMX toasts) and in
the admin and moderation area, over real HTTP with the `nook_lang=en` cookie. The same requests in
Chinese still carry today's Chinese messages, and the JSON API keeps its Chinese error text."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

from nook.errors import RateLimited
from nook.social.limits import POST_MAX, USERNAME_MAX, USERNAME_MIN
from tests.web.conftest import PASSWORD
from tests.web.forms import csrf_token, sign_in, web_client
from tests.web.test_english_pages import _site, han_left

#: Repeated characters a spammer might type; the comment check warns, then throttles their writer.
FILLER = ["666", "111", "6666", "1111", "66666", "888", "hhhh", "7777", "99999"]
HTMX = {"HX-Request": "true"}


def _client(base: str, lang: str = "en") -> httpx.Client:
    return web_client(base, lang)


def _english(resp: httpx.Response, status: int, *words: str) -> None:
    """The answer has the status, is an English page or fragment, says `words`, and has no Chinese."""
    assert resp.status_code == status, (resp.request.url, resp.status_code, resp.text[:300])
    for word in words:
        assert word in resp.text, (resp.request.url, word)
    assert han_left(resp.text) == [], (resp.request.url, han_left(resp.text))


@pytest.fixture
def english_site(live_server: str) -> Iterator[tuple[str, dict[str, str]]]:
    yield live_server, _site()


def test_error_pages_and_form_errors_in_english(english_site: tuple[str, dict[str, str]]) -> None:
    base, made = english_site
    with _client(base) as guest:
        # a failed login: the form again, with the reason in English
        form = {"username": "bob", "password": "wrong password", "csrf_token": csrf_token(guest, "/login"), "next": "/"}
        _english(guest.post("/login", data=form), 401, "Incorrect username or password")
        # a bad form field, with numbers from the rule
        form = {"username": "B!", "password": PASSWORD, "nickname": "B", "csrf_token": csrf_token(guest, "/signup")}
        _english(guest.post("/signup", data=form), 422, f"{USERNAME_MIN}–{USERNAME_MAX} lowercase")
    with _client(base) as bob:
        sign_in(bob, "bob")
        # an over-long post: the error page, and the toast an HTMX composer shows
        long_post = {"body": "x" * (POST_MAX + 1), "visibility": "public", "csrf_token": csrf_token(bob)}
        _english(bob.post("/posts", data=long_post), 422, str(POST_MAX), str(POST_MAX + 1))
        _english(bob.post("/posts", data=long_post, headers=HTMX), 422, str(POST_MAX), 'class="toast-msg"')
        # a bad settings field
        form = {"birthday": "someday", "csrf_token": csrf_token(bob, "/settings")}
        _english(bob.post("/settings/profile", data=form), 422, "YYYY-MM-DD")
        # pages that are not there, or not for this member
        _english(bob.get("/p/999999"), 404)
        _english(bob.get("/u/nobody-here"), 404)
        _english(bob.get("/admin/analytics"), 403)
        _english(bob.get(f"/p/{made['post']}/nope"), 404)


def test_the_same_errors_stay_chinese_in_chinese_and_in_the_api(english_site: tuple[str, dict[str, str]]) -> None:
    base, _made = english_site
    with _client(base, "zh") as guest:
        form = {"username": "bob", "password": "wrong password", "csrf_token": csrf_token(guest, "/login"), "next": "/"}
        assert "用户名或密码不正确" in guest.post("/login", data=form).text
        sign_in(guest, "bob")
        long_post = {"body": "x" * (POST_MAX + 1), "visibility": "public", "csrf_token": csrf_token(guest)}
        page = guest.post("/posts", data=long_post, headers=HTMX).text
        assert f"说说内容最多 {POST_MAX} 个字（现在 {POST_MAX + 1} 个）" in page and "填写有误" in page
        assert "操作太频繁了，请 " in str(RateLimited("comment", 2.5)) and "3 秒后再试" in str(RateLimited("c", 2.5))
    with httpx.Client(base_url=base, timeout=30) as api:
        resp = api.post("/api/v1/auth/login", json={"username": "bob", "password": "wrong password"})
        assert resp.status_code == 401 and resp.json()["error"]["message"] == "用户名或密码不正确"
        sent = {"username": "bad!name", "password": PASSWORD}
        assert api.post("/api/v1/auth/register", json=sent).json()["error"]["message"] == (
            f"用户名需为 {USERNAME_MIN}–{USERNAME_MAX} 位小写字母、数字、下划线、点或连字符"
        )


def _throttled_spammer(base: str, made: dict[str, str]) -> tuple[httpx.Client, list[httpx.Response]]:
    """Dan comments filler under Bob's posts until the comment check throttles him, then keeps going."""
    spammer = _client(base)
    form = {"username": "dan", "password": PASSWORD, "nickname": "Dan", "csrf_token": csrf_token(spammer, "/signup")}
    assert spammer.post("/signup", data=form).status_code == 303
    token = csrf_token(spammer)
    for body in FILLER:
        assert spammer.post(f"/p/{made['post']}/comments", data={"body": body, "csrf_token": token}).status_code == 303
    good = {"body": "Which trail did you take, the north one?", "csrf_token": token}
    tries = [spammer.post(f"/p/{made['post']}/comments", data=good, headers=HTMX) for _ in range(8)]
    return spammer, tries


ADMIN_PAGES = [
    "/admin",
    "/admin?status=inactive",
    "/admin/content",
    "/admin/cases",
    "/admin/cases?status=open",
    "/admin/clusters",
    "/admin/insights",
    "/admin/analytics",
    "/admin/analytics/digest",
]


def test_admin_and_moderation_pages_in_english(english_site: tuple[str, dict[str, str]]) -> None:
    base, made = english_site
    spammer, tries = _throttled_spammer(base, made)
    # the throttled writer is told to slow down, in English, as a toast and as a page
    limited = [r for r in tries if r.status_code == 429]
    assert limited, [r.status_code for r in tries]
    _english(limited[0], 429, "seconds")
    again = spammer.post(f"/p/{made['post']}/comments", data={"body": "ok", "csrf_token": csrf_token(spammer)})
    _english(again, 429, "seconds")
    # ... and sees why their comments are folded and why the account is limited
    _english(spammer.get(f"/p/{made['post']}"), 200, "Folded")
    _english(spammer.get("/settings"), 200, "spam")
    _english(spammer.get("/notifications"), 200, "appeal")
    spammer.close()

    with _client(base) as ann:
        sign_in(ann, "ann")  # the site's first member is its admin
        cases = ann.get("/admin/cases?status=open")
        found = re.search(r'href="/admin/cases/(\d+)"', cases.text)
        assert found, "the throttle opened no case"
        leftovers = {}
        for path in [*ADMIN_PAGES, f"/admin/cases/{found.group(1)}", f"/p/{made['post']}"]:
            resp = ann.get(path)
            assert resp.status_code == 200 and 'lang="en"' in resp.text, (path, resp.status_code)
            if left := han_left(resp.text):
                leftovers[path] = left
        case = ann.get(f"/admin/cases/{found.group(1)}").text
        assert "Dan" in case and "666" in case and "spam" in case
    assert leftovers == {}, "\n".join(f"{p}: {' '.join(f)}" for p, f in leftovers.items())
