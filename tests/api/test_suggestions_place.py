"""Issue 18, the chips' place and sensitive moments, over real HTTP:

- no suggestion chips under a member's own post (API and web slot); the web slot offers the comments
  still waiting for the author's reply instead;
- a post that signals a crisis: its author alone sees a help card (NOOK_HELP_LINES), on the web page and
  in their own API answer; another member, a signed-out visitor and every other answer never do, and
  nobody is notified or sent to moderation;
- readers under such a post get only the engine's reviewed supportive lines, and the operator's LLM is
  not asked (the local stub sees no request);
- the reader's history reaches the engine marked shareable only where the post's audience may see it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, MutableMapping

import httpx
import pytest
from pydantic import ValidationError
from sqlalchemy import func, select

from nook.config import Settings, get_settings
from nook.engine.suggest.lines import sensitive_texts
from nook.social.assist import suggestions
from nook.social.authz import load_viewer
from nook.store.db import read_session
from nook.store.models import ModerationCase, Notification, SuggestionShown, User
from tests.chat_stub import ChatStub, chat_server
from tests.conftest import Member
from tests.web.forms import csrf_token, sign_in, web_client

AT_RISK = "真的不想活了，每天醒来都觉得好累"
DEPRESSION = "上周确诊了中度抑郁症，开始吃药了"
SAD = "月考又没考好，数学只考了六十分，好难过"
HELP = ("全国心理援助热线", "12356", "希望24热线", "400-161-9995")
UNSUPPORTIVE = ("多喝热水", "加油", "怎么回事", "哈哈", "评评理")
GOOD = ["茶卡盐湖的银河也太美了吧，冻僵的手绝对值了！", "第一次拍星空就拍到银河，用的什么参数呀？"]


@pytest.fixture
def stub(nook_env: MutableMapping[str, str]) -> Iterator[ChatStub]:
    """The operator's LLM, switched on and answering two good lines."""
    with chat_server() as s:
        nook_env.update(NOOK_LLM_URL=s.url, NOOK_LLM_MODEL="stub-model", NOOK_LLM_TIMEOUT_S="5")
        get_settings.cache_clear()
        s.answer_lines(GOOD)
        yield s


def _web(live_server: str, who: Member | None, lang: str | None = None) -> httpx.Client:
    client = web_client(live_server, lang)
    return sign_in(client, who.username) if who else client


def _post(author: Member, body: str, visibility: str = "public") -> int:
    made = author.http.post("/posts", json={"body": body, "visibility": visibility})
    assert made.status_code == 201, made.text
    return int(made.json()["id"])


# --- the chips' place ----------------------------------------------------------------------------


def test_no_chips_for_the_author_of_a_post(member, live_server: str) -> None:
    alice, bob = member("alice"), member("bob")
    post = _post(alice, "周末去大理玩了三天，洱海边的日落太美了")
    mine = alice.http.get(f"/posts/{post}/suggestions")
    assert mine.status_code == 200 and mine.json() == []
    page = _web(live_server, alice)
    slot = page.get(f"/p/{post}/suggestions")
    assert slot.status_code == 200 and "suggest-pick" not in slot.text
    with read_session() as session:
        assert session.scalar(select(func.count()).select_from(SuggestionShown)) == 0  # nothing offered, nothing logged
    assert len(bob.http.get(f"/posts/{post}/suggestions").json()) == 3  # readers still get theirs


def test_the_author_is_offered_the_comments_waiting_for_a_reply(member, live_server: str) -> None:
    alice, bob, carol = member("alice", "爱丽丝"), member("bob", "小波"), member("carol", "卡萝")
    post = _post(alice, "第一次自己做了红烧肉，居然没糊！")
    asked = bob.http.post(f"/posts/{post}/comments", json={"body": "看着好香！用的什么肉呀？"}).json()
    carol.http.post(f"/posts/{post}/comments", json={"body": "下次做给我们尝尝"})
    answer = {"body": "五花肉，炖了一个小时", "parent_id": asked["id"]}
    assert alice.http.post(f"/posts/{post}/comments", json=answer).status_code == 201
    page = _web(live_server, alice)
    slot = page.get(f"/p/{post}/suggestions").text
    assert "下次做给我们尝尝" in slot and "回复 @卡萝" in slot and 'class="chip reply-link"' in slot
    assert "用的什么肉" not in slot  # already answered
    page = _web(live_server, bob)
    theirs = page.get(f"/p/{post}/suggestions").text
    assert "suggest-pick" in theirs and "reply-link" not in theirs


# --- the help card ---------------------------------------------------------------------------------


@pytest.mark.parametrize("body", [AT_RISK, DEPRESSION])
def test_the_help_card_is_shown_to_the_author_only(member, api: httpx.Client, live_server: str, body: str) -> None:
    alice, bob = member("alice"), member("bob")
    post = _post(alice, body)

    card = alice.http.get(f"/posts/{post}").json()["care"]
    assert card == {"lines": [{"name": HELP[0], "number": HELP[1]}, {"name": HELP[2], "number": HELP[3]}]}
    page = _web(live_server, alice)
    own = page.get(f"/p/{post}").text
    feed_slot = page.get(f"/p/{post}/suggestions?card=1").text
    assert all(part in own for part in HELP) and "只有你能看到这张卡片" in own and 'href="tel:4001619995"' in own
    assert 'data-slot="care-card"' in feed_slot  # the author's feed card carries it too

    # another member, a signed-out visitor: not in any answer or page
    assert bob.http.get(f"/posts/{post}").json()["care"] is None
    assert api.get(f"/posts/{post}").json()["care"] is None
    others = [bob.http.get(path).text for path in ("/feed", "/explore", "/users/alice/posts", "/notifications")]
    others += [api.get(path).text for path in ("/explore", "/users/alice/posts")]
    others += [bob.http.get(f"/posts/{post}/suggestions").text]
    page = _web(live_server, bob)
    others += [page.get(path).text for path in (f"/p/{post}", f"/p/{post}/suggestions?card=1", "/", "/u/alice")]
    page = _web(live_server, None)
    others += [page.get(path).text for path in (f"/p/{post}", "/", "/u/alice")]
    for text in others:
        assert not any(number in text for number in (HELP[1], HELP[3])) and "care-card" not in text
        assert '"care":{' not in text.replace(" ", "")

    # nobody is told: no notification, no moderation case
    with read_session() as session:
        assert session.scalar(select(func.count()).select_from(Notification)) == 0
        assert session.scalar(select(func.count()).select_from(ModerationCase)) == 0


def test_a_sad_post_gets_no_help_card(member, live_server: str) -> None:
    alice = member("alice")
    post = _post(alice, SAD)
    assert alice.http.get(f"/posts/{post}").json()["care"] is None
    page = _web(live_server, alice)
    assert "care-card" not in page.get(f"/p/{post}").text


def test_the_help_card_is_in_english_on_english_pages(member, live_server: str) -> None:
    alice = member("alice")
    post = _post(alice, AT_RISK)
    page = _web(live_server, alice, lang="en")
    html = page.get(f"/p/{post}").text
    assert "Only you can see this card" in html and "12356" in html and "全国心理援助热线" not in html


def test_the_operator_chooses_the_help_lines(member, nook_env: MutableMapping[str, str], live_server: str) -> None:
    alice = member("alice")
    post = _post(alice, AT_RISK)
    nook_env["NOOK_HELP_LINES"] = "北京心理危机研究与干预中心 010-82951332"
    get_settings.cache_clear()
    assert alice.http.get(f"/posts/{post}").json()["care"]["lines"] == [
        {"name": "北京心理危机研究与干预中心", "number": "010-82951332"}
    ]
    nook_env["NOOK_HELP_LINES"] = ""  # no lines: no card
    get_settings.cache_clear()
    assert alice.http.get(f"/posts/{post}").json()["care"] is None
    page = _web(live_server, alice)
    assert "care-card" not in page.get(f"/p/{post}").text


@pytest.mark.parametrize("value", ["打电话给朋友", "热线 12; 另一个"])
def test_help_lines_setting_is_checked(value: str) -> None:
    with pytest.raises(ValidationError, match="NOOK_HELP_LINES"):
        Settings(_env_file=None, help_lines=value)


# --- readers under a sensitive post ----------------------------------------------------------------


@pytest.mark.parametrize("body", [AT_RISK, DEPRESSION, "我家狗狗今天早上走了，再也见不到它了"])
def test_crisis_post_readers_get_only_supportive_lines_and_no_llm(member, stub: ChatStub, body: str) -> None:
    alice, bob = member("alice"), member("bob")
    _post(bob, "最近也总是睡不好，好累")  # a history the engine could otherwise draw on
    post = _post(alice, body)
    chips = bob.http.get(f"/posts/{post}/suggestions").json()
    assert len(chips) == 3
    assert {c["text"] for c in chips} <= sensitive_texts()  # the reviewed supportive set, nothing else
    assert not {c["source"] for c in chips} & {"llm", "retrieved", "personal"}
    assert not any(word in c["text"] for c in chips for word in UNSUPPORTIVE)
    assert stub.requests == []  # the post's words never left the site


def test_an_everyday_post_still_asks_the_llm(member, stub: ChatStub) -> None:
    alice, bob = member("alice"), member("bob")
    post = _post(alice, "今晚在茶卡盐湖拍到了银河！第一次拍星空，手都冻僵了")
    chips = bob.http.get(f"/posts/{post}/suggestions").json()
    assert "llm" in {c["source"] for c in chips} and len(stub.requests) == 1


def test_reader_history_is_marked_shareable_by_the_posts_audience(member) -> None:
    alice, bob = member("alice"), member("bob")
    for body, visibility in (("私密日记", "private"), ("朋友可见的", "friends"), ("公开的说说", "public")):
        _post(bob, body, visibility)
    post = _post(alice, "周末去爬山了")
    with read_session() as session:
        reader = session.get(User, bob.id)
        assert reader is not None
        plan = suggestions.plan_offer(session, load_viewer(session, reader), reader, post)
    assert {h.text: h.shareable for h in plan.history} == {"私密日记": False, "朋友可见的": False, "公开的说说": True}


# --- the composer's "invite replies" hint --------------------------------------------------------


def _hint(page: httpx.Client, draft: str) -> list[str]:
    """The lines the composer's hint chips would insert for `draft`."""
    answer = page.post("/compose/hint", data={"body": draft}, headers={"X-CSRF-Token": csrf_token(page)})
    assert answer.status_code == 200, answer.text
    return re.findall(r'class="chip hook-pick" data-text="([^"]*)"', answer.text)


def test_the_composer_hint_fits_the_drafts_mood_and_topic(member, live_server: str) -> None:
    page = _web(live_server, member("alice"))
    sad, photos = _hint(page, "今天考试考砸了，好难过"), _hint(page, "周末去西湖拍了日落")
    assert len(sad) == 3 and len(photos) == 3 and set(sad).isdisjoint(photos)
    assert any("难过" in line for line in sad) and any("张" in line for line in photos)  # a photo poll, say
    assert all("考砸" not in line for line in sad)  # a chip adds a line; the draft stays the member's
    assert _hint(page, AT_RISK) == []  # nobody is nudged to "invite replies" there
