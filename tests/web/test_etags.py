"""ETag and 304 for anonymous pages and the API's explore, over real HTTP: a browser revalidating its copy
gets 304 while nothing changed, a full page once something did, and signed-in pages are never cacheable."""

from __future__ import annotations

import re
import time
from concurrent.futures import ThreadPoolExecutor

import httpx

from tests.conftest import MemberFactory
from tests.web.forms import csrf_token, sign_up, web_client

_TOKEN = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')


def _revalidate(client: httpx.Client, path: str) -> tuple[str, httpx.Response]:
    """A full answer's ETag, then the answer to If-None-Match with it (again if a minute turned between,
    since the ETag carries the minute for pages' "N 分钟前")."""
    for _ in range(3):
        minute = time.time() // 60
        first = client.get(path)
        assert first.status_code == 200
        again = client.get(path, headers={"If-None-Match": first.headers["etag"]})
        if time.time() // 60 == minute:
            return first.headers["etag"], again
    raise AssertionError("the minute kept turning")


def _browser(live_server: str) -> httpx.Client:
    client = web_client(live_server)
    client.get("/")  # the first answer gives this browser its CSRF cookie; later ones are stable
    return client


def test_anonymous_pages_answer_304_until_something_changes(live_server: str, member: MemberFactory) -> None:
    mei = member("mei", "小美")
    post = mei.http.post("/posts", json={"body": "第一条说说", "visibility": "public"}).json()
    browser = _browser(live_server)
    for path in ("/", "/explore", f"/p/{post['id']}", "/u/mei"):
        etag, again = _revalidate(browser, path)
        assert etag.startswith('W/"')
        assert again.status_code == 304 and again.content == b""
        assert again.headers["etag"] == etag
        assert again.headers["cache-control"] == "private, no-cache"

    etag, _ = _revalidate(browser, "/")
    mei.http.post("/posts", json={"body": "新的一条说说", "visibility": "public"})
    changed = browser.get("/", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and "新的一条说说" in changed.text
    assert changed.headers["etag"] != etag


def test_a_like_changes_the_post_page_etag(live_server: str, member: MemberFactory) -> None:
    mei, lin = member("mei", "小美"), member("lin", "林晓雨")
    post = mei.http.post("/posts", json={"body": "点个赞吧", "visibility": "public"}).json()
    browser = _browser(live_server)
    etag, _ = _revalidate(browser, f"/p/{post['id']}")
    assert lin.http.post(f"/posts/{post['id']}/like").status_code in (200, 201)
    assert browser.get(f"/p/{post['id']}", headers={"If-None-Match": etag}).status_code == 200


def test_api_explore_revalidates_for_anonymous_callers_only(live_server: str, member: MemberFactory) -> None:
    mei = member("mei", "小美")
    mei.http.post("/posts", json={"body": "广场上的说说", "visibility": "public"})
    with httpx.Client(base_url=f"{live_server}/api/v1", timeout=30) as anonymous:
        etag, again = _revalidate(anonymous, "/explore")
        assert again.status_code == 304
    signed_in = mei.http.get("/explore", headers={"If-None-Match": etag})
    assert signed_in.status_code == 200 and "etag" not in signed_in.headers
    assert "private" not in signed_in.headers.get("cache-control", "")


def test_signed_in_pages_are_never_cacheable(live_server: str, member: MemberFactory) -> None:
    mei = member("mei", "小美")
    post = mei.http.post("/posts", json={"body": "只给登录的人看的页面也不缓存", "visibility": "public"}).json()
    anonymous_etag, _ = _revalidate(_browser(live_server), "/")
    lin = sign_up(live_server, "lin", "林晓雨")
    for path in ("/", "/explore", f"/p/{post['id']}", "/u/mei"):
        page = lin.get(path, headers={"If-None-Match": anonymous_etag})
        assert page.status_code == 200
        assert page.headers["cache-control"] == "no-store"
        assert "etag" not in page.headers


def test_each_browser_revalidates_only_its_own_copy(live_server: str) -> None:
    """The page carries this browser's CSRF token: another browser's ETag never matches."""
    one, other = _browser(live_server), _browser(live_server)
    etag, _ = _revalidate(one, "/")
    assert other.get("/", headers={"If-None-Match": etag}).status_code == 200


def test_a_kept_anonymous_page_carries_each_browsers_own_token(live_server: str, member: MemberFactory) -> None:
    """The second browser gets the page the first one's visit rendered, with its own CSRF token: it can
    sign in with the form on it."""
    mei = member("mei", "小美")
    mei.http.post("/posts", json={"body": "大家好", "visibility": "public"})
    first, second = _browser(live_server), _browser(live_server)
    assert "大家好" in first.get("/").text
    token = csrf_token(second, "/")
    assert token != csrf_token(first, "/")
    signed_in = second.post(
        "/login", data={"username": "mei", "password": "correct horse battery", "csrf_token": token}
    )
    assert signed_in.status_code == 303 and "nook_session" in second.cookies


def test_a_kept_anonymous_page_shows_what_changed_since(live_server: str, member: MemberFactory) -> None:
    mei, lin = member("mei", "小美"), member("lin", "林晓雨")
    post = mei.http.post("/posts", json={"body": "第一条", "visibility": "public"}).json()
    browser = _browser(live_server)
    for _ in range(2):  # the second answer is the kept page
        assert "第一条" in browser.get("/").text and "第二条" not in browser.get("/").text
    mei.http.post("/posts", json={"body": "第二条", "visibility": "public"})
    assert "第二条" in browser.get("/").text
    lin.http.post(f"/posts/{post['id']}/comments", json={"body": "沙发，这条写得真好"})
    assert "沙发，这条写得真好" in browser.get(f"/p/{post['id']}").text
    mei.http.patch(f"/posts/{post['id']}", json={"visibility": "friends"})
    assert browser.get(f"/p/{post['id']}").status_code == 404


def test_browsers_asking_at_once_each_get_the_page_with_their_own_token(
    live_server: str, member: MemberFactory
) -> None:
    """Requests that arrive while the page is being rendered wait for it, then fill in their own token."""
    mei = member("mei", "小美")
    post = mei.http.post("/posts", json={"body": "一起来看", "visibility": "public"}).json()
    browsers = [_browser(live_server) for _ in range(8)]
    with ThreadPoolExecutor(len(browsers)) as pool:
        pages = list(pool.map(lambda b: b.get(f"/p/{post['id']}?from=all"), browsers))
    assert all(p.status_code == 200 and "一起来看" in p.text for p in pages)
    tokens = {_TOKEN.search(p.text).group(1) for p in pages}  # type: ignore[union-attr]
    assert len(tokens) == len(browsers)
    hidden = mei.http.post("/posts", json={"body": "只有我", "visibility": "private"}).json()
    assert [b.get(f"/p/{hidden['id']}").status_code for b in browsers[:3]] == [404, 404, 404]
