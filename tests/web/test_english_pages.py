"""Every page a member reads in English has no Chinese left in it when the members wrote only English."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import date, timedelta
from urllib.parse import quote

import httpx
import pytest
from sqlalchemy import select

from nook.social.authz import load_viewer
from nook.social.content import interactions, posts
from nook.social.people import accounts, circles, friends
from nook.social.scenes import nearby, schools
from nook.social.themes import fandom
from nook.store.db import transaction
from nook.store.models import User
from tests.web.conftest import PASSWORD
from tests.web.forms import sign_in, web_client

#: Han characters and CJK punctuation ("：", "、", "「」", fullwidth forms): none belongs in English text.
HAN = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+")
_HIDDEN = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")
_SHOWN_ATTR = re.compile(r'\b(?:title|alt|aria-label|placeholder|content)="([^"]*)"')
_TOKEN = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')
SCHOOL = {"kind": "高中", "name": "Riverside High", "enroll_year": 2012, "class_name": "Class 3"}


def han_left(html: str) -> list[str]:
    """Chinese runs a reader meets: the page's text and its shown attributes (not form values, which only
    the server reads), less the language switcher's own name for Chinese."""
    html = _HIDDEN.sub(" ", html)
    shown = _TAG.sub(" ", html) + " " + " ".join(_SHOWN_ATTR.findall(html))
    return HAN.findall(shown.replace("简体中文", " "))


def _register(username: str, city: str) -> User:
    with transaction() as s:
        user = accounts.register(s, username=username, password=PASSWORD, nickname=username.title())
        accounts.update_profile(s, user, {"city": city, "bio": f"Hi, I am {username.title()}."})
        schools.add_school(s, user, SCHOOL | {"class_privacy": "public"})
        return user


SITE_MEMBERS = [("ann", "Springfield"), ("bob", "Springfield"), ("cat", "Shelbyville"), ("eve", "Shelbyville")]


def _site() -> dict[str, str]:
    """Ann and Bob: same city, school and class, both in a local circle, both Eve's friends; a post with a tag,
    comments, likes."""
    ids = [_register(name, city).id for name, city in SITE_MEMBERS]
    with transaction() as s:
        ann, bob, cat, eve = (s.get_one(User, user_id) for user_id in ids)
        # Eve is Ann's and Bob's friend: the tips about Ann name her as a mutual friend.
        for friend in (ann, bob):
            request = friends.send_request(s, load_viewer(s, eve), eve, friend, "Hi")
            friends.accept(s, friend, request.id)
        circle = circles.create_circle(
            s,
            cat,
            slug="springfield-hikers",
            name="Springfield Hikers",
            description="Walks",
            kind="city",
            city="Springfield",
        )
        nearby.set_locality(s, load_viewer(s, cat), circle, city="Springfield", open_to_other_cities=True)
        circles.join(s, ann, circle)
        circles.join(s, bob, circle)
        # Recommended to Bob: one local to his city, one in a city he posted about.
        for slug, name, city in (
            ("readers", "Springfield Readers", "Springfield"),
            ("cafe", "Cafe Club", "Shelbyville"),
        ):
            local = circles.create_circle(s, cat, slug=slug, name=name, kind="city", city=city)
            nearby.set_locality(s, load_viewer(s, cat), local, city=city, open_to_other_cities=True)
        nearby.update_settings(s, bob, city_from_activity=True)
        posts.create_post(s, load_viewer(s, bob), bob, body="Weekend in #Shelbyville#", visibility="public")
        post = posts.create_post(
            s, load_viewer(s, bob), bob, body="Sunny day at the lake #hiking#", visibility="public"
        )
        posts.create_post(
            s,
            load_viewer(s, cat),
            cat,
            body="Trail notes for everyone #hiking#",
            circle_id=circle.id,
            visibility="public",
        )
        posts.create_post(s, load_viewer(s, ann), ann, body="Hello from Ann #hiking#", visibility="public")
        interactions.comment(s, load_viewer(s, ann), ann, post.id, body="Looks lovely, which trail?")
        interactions.comment(s, load_viewer(s, cat), cat, post.id, body="The north one, I think")
        interactions.like(s, load_viewer(s, cat), cat, post.id)
        friends.send_request(s, load_viewer(s, cat), cat, bob, "Hi Bob")
        return {"post": str(post.id), "circle": circle.slug}


def _signed_in(base: str, username: str) -> httpx.Client:
    return sign_in(web_client(base, "en"), username)


@pytest.fixture
def bob(live_server: str) -> Iterator[tuple[httpx.Client, dict[str, str]]]:
    made = _site()
    client = _signed_in(live_server, "bob")
    yield client, made
    client.close()


SCHOOL_PATH = f"/campus/{quote(str(SCHOOL['name']))}/2012"
PAGES = [
    "/",
    "/?order=ranked",
    "/explore",
    "/u/ann",
    "/u/bob",
    "/p/{post}",
    "/tags/hiking",
    "/circles",
    "/c/{circle}",
    "/nearby",
    "/campus",
    SCHOOL_PATH,
    SCHOOL_PATH + "?scope=class",
    "/classmates",
    "/friends",
    "/notifications",
    "/settings",
    "/settings/schools",
    "/boards",
    "/u/bob?tab=photos",
]


def test_member_pages_in_english_have_no_chinese(bob: tuple[httpx.Client, dict[str, str]]) -> None:
    client, made = bob
    leftovers = {}
    for path in PAGES:
        resp = client.get(path.format(**made))
        assert resp.status_code == 200, (path, resp.status_code)
        assert 'lang="en"' in resp.text, path
        if found := han_left(resp.text):
            leftovers[path] = found
    # The reasons are really on the pages (a same-city member, a local circle, a classmate), in English.
    nearby_page = client.get("/nearby").text
    assert "Ann" in nearby_page and "Springfield Readers" in nearby_page and "Cafe Club" in nearby_page
    assert "1 mutual friend: Eve" in nearby_page and "mutual friends" not in nearby_page
    assert "Ann" in client.get("/campus").text
    assert leftovers == {}, "\n".join(f"{p}: {' '.join(f)}" for p, f in leftovers.items())


def _fan_club(owner: str) -> tuple[str, int]:
    """An English fan club with an idol profile whose birthday is 5 days ahead and whose debut was 4 years
    ago 3 days back (leap years: 29 February is a date then too), so the side card and the cheer page show a
    countdown and an anniversary; and the owner's comment on a club post, which an 应援卡 can be made from."""
    today = date.today()
    debut = today - timedelta(days=3)
    with transaction() as s:
        me = s.scalar(select(User).where(User.username == owner))
        assert me
        club = circles.create_circle(s, me, slug="lake-fans", name="Lake Fans", description="For Lake", kind="fanclub")
        fandom.save_profile(
            s,
            load_viewer(s, me),
            me,
            club,
            name="Lake",
            birthday=(today + timedelta(days=5)).replace(year=2000),
            debut_date=debut.replace(year=debut.year - 4),
            works=[fandom.Work("Blue Hour", (today + timedelta(days=120)).replace(year=2020))],
            keywords=["lake", "blue hour"],
            color="#3eb489",
        )
        viewer = load_viewer(s, me)
        post = posts.create_post(s, viewer, me, body="Blue Hour on repeat", visibility="circle", circle_id=club.id)
        comment = interactions.comment(s, viewer, me, post.id, body="Lake forever")
        return club.slug, comment.id


#: The side card's and cheer page's facts: local_today() may be a day off date.today(), so any day count.
_COUNTDOWN = re.compile(r"Days until Lake's birthday: [4-6]\b")
_ANNIVERSARY = "Lake's 4-year debut anniversary"


def test_fan_club_idol_pages_in_english(bob: tuple[httpx.Client, dict[str, str]]) -> None:
    client, _ = bob
    slug, comment_id = _fan_club("bob")
    idol = client.get(f"/c/{slug}/idol")
    assert idol.status_code == 200 and "“Blue Hour”" in idol.text and "Idol profile" in idol.text
    assert 'id="idol-keywords" name="keywords" maxlength="300" value="lake, blue hour"' in idol.text  # not "、"
    side = client.get(f"/c/{slug}/themes-side")
    cheer = client.get(f"/cheer/{comment_id}")
    for resp in (side, cheer):
        shown = html.unescape(resp.text)
        assert resp.status_code == 200 and _COUNTDOWN.search(shown) and _ANNIVERSARY in shown, shown
    # the owner's form with a badly written works line, then an over-long name: errors in English
    match = _TOKEN.search(idol.text)
    assert match
    form = {"name": "Lake", "works": "last year Blue Hour", "keywords": "lake", "csrf_token": match.group(1)}
    bad_work = client.post(f"/c/{slug}/idol", data=form)
    assert bad_work.status_code == 422 and "Works line 1 must look like" in bad_work.text
    long_name = client.post(f"/c/{slug}/idol", data=form | {"name": "L" * 33, "works": ""})
    assert long_name.status_code == 422 and "Idol name can be at most 32 characters (now 33)" in long_name.text
    pages = {"idol": idol, "side": side, "cheer": cheer, "bad work": bad_work, "long name": long_name}
    leftovers = {path: found for path, resp in pages.items() if (found := han_left(resp.text))}
    assert leftovers == {}


def test_signed_out_pages_in_english_have_no_chinese(live_server: str) -> None:
    with httpx.Client(base_url=live_server, cookies={"nook_lang": "en"}, timeout=30) as client:
        leftovers = {}
        for path in ("/login", "/signup"):
            resp = client.get(path)
            assert resp.status_code == 200 and 'lang="en"' in resp.text, path
            if found := han_left(resp.text):
                leftovers[path] = found
    assert leftovers == {}


def test_the_check_sees_chinese(live_server: str) -> None:
    """Without the English choice the same page is Chinese, so the check above can fail."""
    page = httpx.get(f"{live_server}/login", cookies={"nook_lang": "zh"}).text
    assert han_left(page)
