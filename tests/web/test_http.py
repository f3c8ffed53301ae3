"""Plain HTTP checks on the pages: CSRF, CSP, escaping, error pages, language."""

from __future__ import annotations

import re
from typing import Any

import httpx

from tests.web.conftest import PASSWORD, reset_register_limit
from tests.web.forms import csrf_token, sign_up, web_client


def test_session_cookie_flags(live_server: str) -> None:
    reset_register_limit()
    client = web_client(live_server)
    form = {"username": "lin", "password": PASSWORD, "csrf_token": csrf_token(client, "/signup")}
    resp = client.post("/signup", data=form)
    cookie = next(v for k, v in resp.headers.multi_items() if k == "set-cookie" and v.startswith("nook_session="))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "Secure" not in cookie  # settings.cookie_secure is off in tests


def test_form_post_needs_token_and_same_origin(live_server: str) -> None:
    lin = sign_up(live_server, "lin", "林晓雨")
    token = csrf_token(lin, "/")
    body = {"body": "hello", "visibility": "public"}
    # no token: refused even from our own origin
    assert lin.post("/posts", data=body).status_code == 403
    # a token from before sign-in (another session) is refused
    assert lin.post("/posts", data=body | {"csrf_token": "0" * 64}).status_code == 403
    # right token, but the browser says the request came from another site
    cross = lin.post("/posts", data=body | {"csrf_token": token}, headers={"Sec-Fetch-Site": "cross-site"})
    assert cross.status_code == 403
    # right token, foreign Origin and no Sec-Fetch-Site (older browsers)
    foreign = httpx.post(
        f"{live_server}/posts",
        data=body | {"csrf_token": token},
        cookies=dict(lin.cookies),
        headers={"Origin": "https://evil.example"},
    )
    assert foreign.status_code == 403
    assert lin.get("/").text.count("hello") == 0
    # both checks pass: the post is made
    assert lin.post("/posts", data=body | {"csrf_token": token}).status_code == 303
    assert "hello" in lin.get("/").text
    # the HTMX header carries the same token
    htmx = lin.post("/posts", data={"body": "via htmx"}, headers={"X-CSRF-Token": token, "HX-Request": "true"})
    assert htmx.status_code == 200 and "via htmx" in htmx.text


def test_csp_has_nonce_and_no_unsafe_inline(live_server: str) -> None:
    resp = httpx.get(f"{live_server}/login")
    policy = resp.headers["content-security-policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert re.search(r"script-src 'self' 'nonce-[\w-]+'", policy)
    html = resp.text
    assert "<script>" not in html and " style=" not in html and "onclick" not in html
    assert all(src.startswith("/static/") for src in re.findall(r'<script src="([^"]+)"', html))
    assert "http://" not in html.replace(live_server, "") and "https://" not in html


def test_user_text_is_escaped(live_server: str, member: Any) -> None:
    evil = member("mallory", '<script>alert("nick")</script>')
    evil.http.post("/posts", json={"body": "<script>alert(1)</script><img src=x onerror=alert(2)> #话题#"})
    page = httpx.get(f"{live_server}/").text + httpx.get(f"{live_server}/u/mallory").text
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;script&gt;alert(&#34;nick&#34;)&lt;/script&gt;" in page
    assert '<a class="tag" href="/tags/%E8%AF%9D%E9%A2%98">#话题#</a>' in page


def test_friendly_html_errors_on_pages_json_on_api(live_server: str) -> None:
    page = httpx.get(f"{live_server}/u/nobody")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "找不到" in page.text
    api = httpx.get(f"{live_server}/api/v1/users/nobody")
    assert api.status_code == 404 and api.json()["error"]["code"] == "not_found"
    signed_out = httpx.get(f"{live_server}/friends")
    assert signed_out.status_code == 303 and signed_out.headers["location"] == "/login?next=/friends"


def test_rate_limited_page_has_retry_after(live_server: str) -> None:
    from nook.security.rate_limits import LOGIN_IP

    client = web_client(live_server)
    token = csrf_token(client, "/login")
    statuses = [
        client.post("/login", data={"username": "x", "password": "wrong-password", "csrf_token": token}).status_code
        for _ in range(LOGIN_IP.count + 1)
    ]
    assert statuses[-1] == 429
    last = client.post("/login", data={"username": "x", "password": "wrong-password", "csrf_token": token})
    assert int(last.headers["retry-after"]) > 0 and "操作太频繁" in last.text


def test_language_follows_accept_language_and_switch(live_server: str) -> None:
    english = httpx.get(f"{live_server}/login", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert 'lang="en"' in english.text and "Log in" in english.text
    chinese = httpx.get(f"{live_server}/login", headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    assert 'lang="zh-Hans"' in chinese.text and "欢迎回来" in chinese.text
    client = web_client(live_server)
    token = csrf_token(client, "/login")
    client.post("/lang", data={"lang": "en", "next": "/login", "csrf_token": token})
    assert "Log in" in client.get("/login", headers={"Accept-Language": "zh-CN"}).text


def test_private_photo_not_reachable_and_cached_privately(live_server: str, member: Any) -> None:
    import io

    from PIL import Image

    lin = member("lin")
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buf, "PNG")
    media = lin.http.post("/media", files={"file": ("a.png", buf.getvalue(), "image/png")}).json()
    lin.http.post("/posts", json={"body": "secret", "visibility": "private", "images": [{"media_id": media["id"]}]})
    assert httpx.get(f"{live_server}{media['thumb_url']}").status_code == 404
    own = lin.http.get(f"{live_server}{media['thumb_url']}")
    assert own.status_code == 200 and "private" in own.headers["cache-control"]
