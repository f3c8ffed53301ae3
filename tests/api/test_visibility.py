"""Visibility property test: no read endpoint ever shows a viewer something they may not see.

Random members, friendships, blocks, circles (open and approval) and posts of every visibility,
comments and board messages, each carrying a unique canary string. For every viewer and every
read endpoint, the canaries in the responses must be exactly allowed by an oracle written from
the product rules (independently of `nook.social.authz`); hidden posts answer 404.

Reasons that name a relation (为你推荐's "同班同学" in /posts/{id}/why, classmate notifications) and
badges follow the same rules.

Reposts (转发) are attempted at random: the service must allow exactly the reposts the oracle allows (never
beyond the original's audience), and a repost shows what it quotes only to those who may see it. Random
私信 are sent too: only the two members ever read them.
Friend groups: each member has one group of friends; posts, albums and 留言板 "selected" (部分好友可见) and
"except" (不给谁看) name the group and/or friends one by one; afterwards some members leave a group and some
friendships end (blocks): the oracle reads names and friendships as they are at the end. Comments on album
photos follow their album; writing on a board or under a photo is allowed exactly where the oracle says.

Scenes: every member went to the same school and lives in the same city, each with a random privacy
level for both; the campus page, the 老同学 feed, the classmate prompt, classmate suggestions and
same-city recommendations must never name a member whose school (or city) the viewer may not see,
who blocked the viewer (or was blocked), or who turned city recommendations off.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import timedelta

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from nook.errors import Conflict, Forbidden, NotFound
from nook.social.authz import load_viewer
from nook.social.content import albums, interactions, media, photo_interactions, posts, reposts
from nook.social.messages import conversations
from nook.social.people import accounts, circles, friends, groups, space
from nook.social.scenes import nearby, schools
from nook.social.themes import weeks
from nook.store.base import utcnow
from nook.store.db import transaction
from tests.conftest import wipe

CANARY = re.compile(r"CANARY\d+X")
CRISIS = "，真的不想活了"  # every third post: its author alone gets the help card
N_USERS = 5


@dataclass
class World:
    friends: set[frozenset[int]] = field(default_factory=set)
    blocks: set[tuple[int, int]] = field(default_factory=set)
    members: dict[int, set[int]] = field(default_factory=dict)  # circle index -> active member indexes
    posts: list[dict] = field(default_factory=list)
    comments: list[dict] = field(default_factory=list)
    board: list[dict] = field(default_factory=list)
    board_policy: dict[int, dict] = field(default_factory=dict)  # owner -> policy, named, group (not "everyone")
    school_level: dict[int, str] = field(default_factory=dict)
    city_level: dict[int, str] = field(default_factory=dict)
    city_off: set[int] = field(default_factory=set)
    weeks: dict[str, int] = field(default_factory=dict)  # theme weeks: site-wide #话题0#, closed circle's #话题1#
    albums: list[dict] = field(default_factory=list)  # 相册: owner, visibility, unlocked (members), canaries
    photo_comments: list[dict] = field(default_factory=list)
    messages: list[dict] = field(default_factory=list)
    reposts: list[dict] = field(default_factory=list)  # like posts, with "root": the original's index
    groups: dict[int, set[int]] = field(default_factory=dict)  # each member's one friend group

    def blocked(self, a: int | None, b: int) -> bool:
        return a is not None and ((a, b) in self.blocks or (b, a) in self.blocks)

    def friend(self, a: int | None, b: int) -> bool:
        return a is not None and frozenset((a, b)) in self.friends

    def named(self, v: int | None, owner: int, thing: dict) -> bool:
        """Whether a "selected" or "except" post, album or board names v (one by one, or by the owner's group)."""
        return v in thing["named"] or (thing["group"] and v in self.groups[owner])

    def sees_post(self, v: int | None, p: dict) -> bool:
        if v == p["author"]:
            return True
        if self.blocked(v, p["author"]):
            return False
        vis = p["visibility"]
        if vis == "public":
            return True
        if vis == "friends":
            return self.friend(v, p["author"])
        if vis == "circle":
            return v in self.members.get(p["circle"], set())
        if vis in ("selected", "except"):
            return self.friend(v, p["author"]) and self.named(v, p["author"], p) == (vis == "selected")
        return False

    def sees_comment(self, v: int | None, c: dict) -> bool:
        return self.sees_post(v, self.posts[c["post"]]) and (v == c["author"] or not self.blocked(v, c["author"]))

    def sees_school(self, v: int | None, u: int) -> bool:
        """Whether v may learn that u went to the school (the year shares the school's level here)."""
        if v == u:
            return True
        if v is None or self.blocked(v, u):
            return False
        level = self.school_level[u]
        return level == "public" or (level == "friends" and self.friend(v, u))

    def recommended_by_city(self, v: int, u: int) -> bool:
        """A same-city recommendation of u to v: city shown to v, no block, not friends, nobody opted out."""
        if v == u or self.blocked(v, u) or self.friend(v, u) or {u, v} & self.city_off:
            return False
        return self.city_level[u] == "public"

    def lists_album(self, v: int | None, a: dict) -> bool:
        """The album's title shows in its owner's 相册 (a question album's to anyone not blocked)."""
        if v == a["owner"]:
            return True
        if self.blocked(v, a["owner"]):
            return False
        if a["visibility"] in ("selected", "except"):
            named = self.named(v, a["owner"], a) == (a["visibility"] == "selected")
            return self.friend(v, a["owner"]) and named
        return a["visibility"] in ("public", "question") or (
            a["visibility"] == "friends" and self.friend(v, a["owner"])
        )

    def sees_album_photos(self, v: int | None, a: dict) -> bool:
        if not self.lists_album(v, a):
            return False
        return a["visibility"] != "question" or v == a["owner"] or v in a["unlocked"]

    def may_repost(self, r: int, p: dict, vis: str, circle: int | None) -> bool:
        """Reposting never widens the audience: written from the product rules, not from authz."""
        if not self.sees_post(r, p) or (p["visibility"] == "private" and r != p["author"]):
            return False
        if vis == "circle" and (circle is None or r not in self.members[circle]):
            return False
        if vis == "private" or p["visibility"] == "public":
            return True
        if p["visibility"] == "circle":
            return vis == "circle" and circle == p["circle"]
        if p["visibility"] == "friends":
            return vis == "friends" and r == p["author"]
        return False

    def sees_message(self, v: int | None, m: dict) -> bool:
        return v in (m["from"], m["to"]) and not self.blocked(m["from"], m["to"])

    def reads_board(self, v: int | None, owner: int) -> bool:
        if self.blocked(v, owner):
            return False
        policy = self.board_policy.get(owner)
        if policy is None or v == owner:
            return True
        if not self.friend(v, owner):
            return False
        return policy["policy"] == "friends" or self.named(v, owner, policy) == (policy["policy"] == "selected")

    def sees_board(self, v: int | None, m: dict) -> bool:
        if self.blocked(v, m["author"]) and v != m["author"]:
            return False
        return self.reads_board(v, m["owner"])

    def sees_photo_comment(self, v: int | None, c: dict) -> bool:
        if self.blocked(v, c["author"]) and v != c["author"]:
            return False
        return self.sees_album_photos(v, self.albums[c["album"]])


pairs = st.tuples(st.integers(0, N_USERS - 1), st.integers(0, N_USERS - 1)).filter(lambda p: p[0] != p[1])
post_spec = st.tuples(
    st.integers(0, N_USERS - 1),
    st.sampled_from(["public", "friends", "private", "circle", "selected", "except"]),
    st.integers(0, 1),
)
LEVELS = st.sampled_from(["public", "friends", "private"])
world_spec = st.fixed_dictionaries(
    {
        "friends": st.lists(pairs, max_size=6),
        "blocks": st.lists(pairs, max_size=2),
        "joins": st.lists(st.tuples(st.integers(0, N_USERS - 1), st.integers(0, 1), st.booleans()), max_size=6),
        "posts": st.lists(post_spec, min_size=1, max_size=7),
        "comments": st.lists(st.tuples(st.integers(0, 6), st.integers(0, N_USERS - 1)), max_size=5),
        "board": st.lists(pairs, max_size=4),
        "board_policies": st.lists(
            st.tuples(st.integers(0, N_USERS - 1), st.sampled_from(["friends", "selected", "except"])), max_size=2
        ),
        "school_levels": st.lists(LEVELS, min_size=N_USERS, max_size=N_USERS),
        "city_levels": st.lists(LEVELS, min_size=N_USERS, max_size=N_USERS),
        "city_off": st.lists(st.integers(0, N_USERS - 1), max_size=2),
        "albums": st.lists(
            st.tuples(
                st.integers(0, N_USERS - 1),
                st.sampled_from(["public", "friends", "private", "question", "selected", "except"]),
            ),
            max_size=4,
        ),
        "photo_comments": st.lists(st.tuples(st.integers(0, 3), st.integers(0, N_USERS - 1)), max_size=3),
        "unlocks": st.lists(st.tuples(st.integers(0, 3), st.integers(0, N_USERS - 1)), max_size=3),
        "reposts": st.lists(
            st.tuples(
                st.integers(0, 8),
                st.integers(0, N_USERS - 1),
                st.sampled_from(["public", "friends", "private", "circle"]),
            ),
            max_size=4,
        ),
        "messages": st.lists(pairs, max_size=4),
        "groups": st.lists(st.sets(st.integers(0, N_USERS - 1)), min_size=N_USERS, max_size=N_USERS),
        "audiences": st.lists(st.tuples(st.booleans(), st.sets(st.integers(0, N_USERS - 1))), min_size=7, max_size=7),
        "group_leaves": st.lists(pairs, max_size=2),
    }
)


def build(spec: dict) -> tuple[World, list[str]]:
    """Create the world through the real services; returns the oracle and each member's token."""
    w = World()
    canary = iter(range(10_000))
    with transaction() as s:
        users = [accounts.register(s, username=f"user{i}", password="password123") for i in range(N_USERS)]
        tokens = [accounts.issue_token(s, u).secret for u in users]
        cs = [
            circles.create_circle(s, users[0], slug="open-circle", name="开放圈"),
            circles.create_circle(s, users[1], slug="closed-circle", name="审核圈", join_policy="approval"),
        ]
        w.members = {0: {0}, 1: {1}}
        for i, user in enumerate(users):
            w.school_level[i], w.city_level[i] = spec["school_levels"][i], spec["city_levels"][i]
            accounts.update_profile(s, user, {"city": "杭州", "privacy": {"city": w.city_level[i]}})
            level = w.school_level[i]
            school = {"kind": "高中", "name": "南城一中", "enroll_year": 2012, "class_name": "3班"}
            schools.add_school(s, user, school | {"school_privacy": level, "year_privacy": level})
        for i in set(spec["city_off"]):
            nearby.update_settings(s, users[i], city_recommendations=False)
            w.city_off.add(i)
        nearby.set_locality(s, load_viewer(s, users[0]), cs[0], city="杭州")
        for a, b in spec["friends"]:
            if frozenset((a, b)) not in w.friends:
                friends.send_request(s, load_viewer(s, users[a]), users[a], users[b])
                friends.accept_request(s, users[b], friends.incoming_requests(s, users[b])[0])
                w.friends.add(frozenset((a, b)))
        for i, wanted in enumerate(spec["groups"]):
            w.groups[i] = {u for u in wanted if w.friend(i, u)}
            groups.create_group(s, users[i], "分组", [f"user{u}" for u in sorted(w.groups[i])])
        for who, ci, approved in spec["joins"]:
            circles.join(s, users[who], cs[ci])
            if ci == 0:
                w.members[0].add(who)
            elif approved and who not in w.members[1]:
                circles.approve(s, load_viewer(s, users[1]), cs[1], users[who])
                w.members[1].add(who)
        for owner, policy in spec["board_policies"]:  # the audience: the same draw as the owner's post audience
            use_group, named, group_ids = _audience(s, w, users, owner, policy, spec["audiences"][owner])
            chosen = {"group_ids": list(group_ids), "usernames": [f"user{u}" for u in sorted(named)]}
            accounts.update_profile(s, users[owner], {"board_policy": policy, "board_audience": chosen})
            w.board_policy[owner] = {"policy": policy, "named": named, "group": use_group}
        for author, vis, ci in spec["posts"]:
            circle = ci if vis == "circle" else None
            viewer = load_viewer(s, users[author])
            if circle is not None and author not in w.members[circle]:
                vis, circle = "friends", None
            body = f"说说 CANARY{next(canary)}X #话题{len(w.posts) % 2}#" + (CRISIS if len(w.posts) % 3 == 0 else "")
            body += f" @user{(author + 1) % N_USERS}"  # told only if they may see it
            use_group, named, group_ids = _audience(s, w, users, author, vis, spec["audiences"][len(w.posts)])
            p = posts.create_post(
                s,
                viewer,
                users[author],
                body=body,
                visibility=vis,
                circle_id=cs[circle].id if circle is not None else None,
                audience=posts.AudienceIn(group_ids, tuple(f"user{u}" for u in sorted(named))),
            )
            w.posts.append(
                {"id": p.id, "author": author, "visibility": vis, "circle": circle, "body": body}
                | {"named": named, "group": use_group}
            )
        for pi, author in spec["comments"]:
            if pi < len(w.posts) and w.sees_post(author, w.posts[pi]):
                body = f"评论 CANARY{next(canary)}X"
                interactions.comment(s, load_viewer(s, users[author]), users[author], w.posts[pi]["id"], body=body)
                w.comments.append({"post": pi, "author": author, "body": body})
        for author, owner in spec["board"]:
            may_write = w.reads_board(author, owner) and w.friend(author, owner)
            body = f"留言 CANARY{next(canary)}X"
            try:
                space.leave_message(s, load_viewer(s, users[author]), users[author], users[owner], body)
            except (Forbidden, NotFound):
                assert not may_write, f"user{author} could not write on user{owner}'s board"
                continue
            assert may_write, f"user{author} wrote on user{owner}'s board {w.board_policy.get(owner)}"
            w.board.append({"owner": owner, "author": author, "body": body})
        for pi, r, vis in spec["reposts"]:
            if pi < len(w.posts) + len(w.reposts):
                _repost(s, w, users, cs, pi, r, vis, f"转发 CANARY{next(canary)}X")
        for a, b in spec["messages"]:
            body = f"私信 CANARY{next(canary)}X"
            try:
                conversations.send(s, load_viewer(s, users[a]), users[a], users[b], body=body)
            except Conflict:  # a stranger's second message before an answer
                continue
            w.messages.append({"from": a, "to": b, "body": body})
        span = {"starts_at": utcnow() - timedelta(hours=1), "ends_at": utcnow() + timedelta(days=6)}
        for key, tag, owner, circle in (("site", "话题0", 0, None), ("circle", "话题1", 1, cs[1])):
            viewer = load_viewer(s, users[owner])  # user0 registered first: the operator
            week = weeks.create_week(s, viewer, users[owner], hashtag=tag, title=tag, circle=circle, **span)
            w.weeks[key] = week.id
        weeks.follow(s, users[2], "话题0")  # followed tags bring posts into the feed: still only visible ones
        weeks.follow(s, users[2], "话题1")
        for owner, vis in spec["albums"]:  # the audience: the same draw as a post's
            use_group, named, group_ids = _audience(s, w, users, owner, vis, spec["audiences"][len(w.albums)])
            audience = (group_ids, tuple(f"user{u}" for u in sorted(named)))
            fields = albums.AlbumFields(f"相册 CANARY{next(canary)}X", "", vis, "暗号？", "芝麻", *audience)
            album = albums.create_album(s, users[owner], fields)
            image = media.prepare_image(users[owner].id, _png())
            photo = albums.add_photos(s, users[owner], album.id, [image], f"照片 CANARY{next(canary)}X")[0]
            w.albums.append(
                {"id": album.id, "owner": owner, "visibility": vis, "unlocked": set(), "media": photo.media_id}
                | {"title": fields.title, "caption": photo.caption, "photo": photo.id, "named": named}
                | {"group": use_group}
            )
        for ai, who in spec["unlocks"]:
            a = w.albums[ai] if ai < len(w.albums) else None
            if a is not None and a["visibility"] == "question" and who != a["owner"] and w.lists_album(who, a):
                albums.answer_question(s, load_viewer(s, users[who]), users[who], a["id"], "芝麻")
                a["unlocked"].add(who)
        for ai, who in spec["photo_comments"]:
            if ai < len(w.albums):
                _comment_photo(s, w, users, ai, who, f"照片评论 CANARY{next(canary)}X")
        for owner, leaver in spec["group_leaves"]:  # taken out of a group after the posts: at once
            w.groups[owner].discard(leaver)
            (group,) = groups.list_groups(s, users[owner])
            stay = [u.username for u in group.members if u.username != f"user{leaver}"]
            groups.edit_group(s, users[owner], group.id, usernames=stay)
        for a, b in spec["blocks"]:
            friends.block(s, users[a], users[b])
            w.blocks.add((a, b))
            w.friends.discard(frozenset((a, b)))
    return w, tokens


def _audience(s, w: World, users: list, owner: int, vis: str, draw: tuple) -> tuple[bool, set[int], tuple[int, ...]]:  # type: ignore[no-untyped-def]
    """Whom a "selected" or "except" post, album or board names: some friends and/or the owner's group."""
    use_group, wanted = draw
    named = {u for u in wanted if w.friend(owner, u)} if vis in ("selected", "except") else set()
    use_group = vis in ("selected", "except") and (use_group or not named)
    group_ids = tuple(g.id for g in groups.list_groups(s, users[owner])) if use_group else ()
    return use_group, named, group_ids


def _comment_photo(s, w: World, users: list, ai: int, who: int, body: str) -> None:  # type: ignore[no-untyped-def]
    """Comment on an album's photo: allowed exactly to those who may see the album's photos."""
    a = w.albums[ai]
    ok = w.sees_album_photos(who, a)
    try:
        photo_interactions.comment_photo(s, load_viewer(s, users[who]), users[who], a["photo"], body)
    except NotFound:
        assert not ok, f"user{who} could not comment on album {ai}'s photo"
        return
    assert ok, f"user{who} commented on album {ai}'s photo ({a['visibility']}) without seeing it"
    w.photo_comments.append({"album": ai, "author": who, "body": body})


def _repost(s, w: World, users: list, cs: list, pi: int, r: int, vis: str, body: str) -> None:  # type: ignore[no-untyped-def]
    """Attempt a repost (of a post or of a repost); the service must agree with the oracle on whether it is
    allowed. Reposts are checked apart from posts (their pages, and the canary check), to keep the run short."""
    src = (w.posts + w.reposts)[pi]
    root = w.posts[src.get("root", pi)]
    circle = (src["circle"] if src["circle"] is not None else 0) if vis == "circle" else None
    ok = w.may_repost(r, src, vis, circle) and w.may_repost(r, root, vis, circle)
    try:
        made = reposts.repost(
            s,
            load_viewer(s, users[r]),
            users[r],
            src["id"],
            body=body,
            visibility=vis,
            circle_id=cs[circle].id if circle is not None else None,
        )
    except (Forbidden, NotFound):
        assert not ok, f"user{r} could not repost post {pi} ({src['visibility']}) as {vis}"
        return
    assert ok, f"user{r} reposted post {pi} ({src['visibility']}) as {vis}: beyond its audience"
    w.reposts.append(
        {"id": made.id, "author": r, "visibility": vis, "circle": circle, "body": body, "root": src.get("root", pi)}
    )


def allowed(w: World, v: int | None) -> set[str]:
    seen = {CANARY.search(p["body"]).group() for p in w.posts + w.reposts if w.sees_post(v, p)}
    seen |= {CANARY.search(c["body"]).group() for c in w.comments if w.sees_comment(v, c)}
    seen |= {CANARY.search(m["body"]).group() for m in w.board if w.sees_board(v, m)}
    seen |= {CANARY.search(a["title"]).group() for a in w.albums if w.lists_album(v, a)}
    seen |= {CANARY.search(a["caption"]).group() for a in w.albums if w.sees_album_photos(v, a)}
    seen |= {CANARY.search(m["body"]).group() for m in w.messages if w.sees_message(v, m)}
    seen |= {CANARY.search(c["body"]).group() for c in w.photo_comments if w.sees_photo_comment(v, c)}
    return seen


def read_everything(client: httpx.Client, w: World, signed_in: bool) -> str:
    paths = [
        "/explore",
        "/hashtags/话题0",
        "/hashtags/话题1",
        "/circles/open-circle/posts",
        "/circles/closed-circle/posts",
    ]
    paths += [f"/users/user{i}/posts" for i in range(N_USERS)] + [f"/users/user{i}/board" for i in range(N_USERS)]
    paths += [f"/posts/{p['id']}" for p in w.posts] + [f"/posts/{p['id']}/comments" for p in w.posts]
    paths += [f"/users/user{i}/albums" for i in range(N_USERS)] + [f"/albums/{a['id']}" for a in w.albums]
    paths += [f"/album-photos/{a['photo']}" for a in w.albums]
    paths += [f"/posts/{p['id']}" for p in w.reposts]
    if signed_in:
        paths += ["/feed", "/notifications", "/friends", "/me/visitors", "/feed/special"]
        paths += ["/messages", "/messages?box=requests"] + [f"/messages/user{i}" for i in range(N_USERS)]
    texts = [client.get(path).text for path in paths]
    if signed_in:
        texts.append(client.get("/me/export").content.decode("latin-1"))
    return "\n".join(texts)


def check_albums(client: httpx.Client, w: World, v: int | None, live_server: str) -> None:
    """An album answers 404 unless listed; its photo's file is served exactly to who may see its photos."""
    for a in w.albums:
        assert client.get(f"/albums/{a['id']}").status_code == (200 if w.lists_album(v, a) else 404)
        shown = client.get(f"/album-photos/{a['photo']}").status_code
        assert shown == (200 if w.sees_album_photos(v, a) else 404), f"viewer {v}, photo of album {a}"
        served = client.get(f"{live_server}/media/{a['media']}/thumb").status_code
        assert served == (200 if w.sees_album_photos(v, a) else 404), f"viewer {v}, album {a}"


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buf, "PNG")
    return buf.getvalue()


def check_theme_weeks(client: httpx.Client, w: World, v: int | None) -> str:
    """A circle's week only for its members; the best posts on a week's page go through the canary check."""
    site = client.get(f"/theme-weeks/{w.weeks['site']}")
    circle = client.get(f"/theme-weeks/{w.weeks['circle']}")
    assert site.status_code == 200
    assert circle.status_code == (200 if v is not None and v in w.members[1] else 404), "circle week shown"
    listed = {row["id"] for row in client.get("/theme-weeks").json()}
    assert (w.weeks["circle"] in listed) == (v is not None and v in w.members[1])
    return site.text + circle.text


def check_relation_reasons(client: httpx.Client, w: World, v: int | None) -> str:
    """Reasons that name a relation (为你推荐's "同班同学", classmate notifications) and badges follow the
    campus rules: the class is for friends here (the default), on top of the school's own level."""
    texts = []
    for p in w.posts:
        why = client.get(f"/posts/{p['id']}/why")
        assert why.status_code == (200 if w.sees_post(v, p) else 404)
        if why.status_code == 200:
            texts.append(why.text)
            named = any("同班同学" in r for r in why.json()["reasons"])
            u = p["author"]
            assert not named or (u != v and w.sees_school(v, u) and w.friend(v, u)), "why names a hidden class"
    for i in range(N_USERS):
        badges = client.get(f"/users/user{i}/badges")
        assert badges.status_code == (404 if w.blocked(v, i) else 200)
        texts.append(badges.text)
    if v is not None:
        for n in client.get("/notifications").json()["items"]:
            if n["kind"] == "classmate":
                u = int(n["actor"]["username"].removeprefix("user"))
                assert w.sees_school(v, u) and not w.blocked(v, u), "notification names a hidden classmate"
    return "\n".join(texts)


def check_scenes(client: httpx.Client, w: World, v: int) -> str:
    """The scene paths name only members the oracle allows; returns their text for the canary check."""
    names = lambda rows: {int(r["user"]["username"].removeprefix("user")) for r in rows}  # noqa: E731
    texts = []
    for scope in ("school", "year", "class"):
        members = client.get(f"/campus/南城一中/2012/members?scope={scope}")
        assert members.status_code == 200
        assert all(w.sees_school(v, u) for u in names(members.json())), f"campus {scope} shows a hidden member"
        page = client.get(f"/campus/南城一中/2012/posts?scope={scope}")
        texts.append(page.text)
        authors = {int(p["author"]["username"].removeprefix("user")) for p in page.json()["items"]}
        assert all(w.sees_school(v, u) for u in authors), f"campus {scope} posts by a hidden member"
    feed = client.get("/feed/classmates")
    texts.append(feed.text)
    assert all(w.sees_school(v, int(p["author"]["username"].removeprefix("user"))) for p in feed.json()["items"])
    suggested = names(client.get("/suggestions/classmates").json())
    assert all(w.sees_school(v, u) and not w.friend(v, u) for u in suggested)
    for p in w.posts:
        prompt = client.post(f"/posts/{p['id']}/classmate-prompt")
        if not w.sees_post(v, p):
            assert prompt.status_code == 404
            continue
        if prompt.json() is not None:
            u = int(prompt.json()["classmate"]["username"].removeprefix("user"))
            commented = any(c["author"] == u for c in w.comments if w.posts[c["post"]] is p)
            assert commented and w.sees_school(v, u) and not w.blocked(v, u), "prompt names a hidden classmate"
    people = names(client.get("/nearby/people").json())
    assert all(w.recommended_by_city(v, u) for u in people), "same-city recommendation of a hidden member"
    circles_shown = client.get("/nearby/circles").json()
    assert v not in w.city_off or circles_shown == []
    return "\n".join(texts)


def check_search_and_mentions(client: httpx.Client, w: World, v: int | None) -> str:
    """Search finds exactly the posts and topics the viewer may see; 热门话题 names only public ones; @ tells
    and suggests only members who may see the post. Returns the answers' text for the canary check."""
    found = client.get("/search", params={"q": "说说", "type": "posts", "limit": 50})
    assert found.status_code == 200
    ids = {hit["post"]["id"] for hit in found.json()["posts"]}
    assert ids == {p["id"] for p in w.posts if w.sees_post(v, p)}, f"search shows viewer {v} a hidden post"
    topics = {t["name"] for t in client.get("/search", params={"q": "话题", "type": "topics"}).json()["topics"]}
    tagged = lambda p: f"话题{w.posts.index(p) % 2}"  # noqa: E731
    assert topics == {tagged(p) for p in w.posts if w.sees_post(v, p)}, "search names a hidden topic"
    trends = {t["name"] for t in client.get("/trending").json()["topics"]}
    public = {tagged(p) for p in w.posts if p["visibility"] == "public" and w.sees_post(v, p)}
    assert trends <= public, "trending names a topic of hidden posts"
    texts = [found.text]
    if v is None:
        return "\n".join(texts)
    by_id = {p["id"]: p for p in w.posts}
    for n in client.get("/notifications").json()["items"]:
        if n["kind"] == "mention":
            actor = int(n["actor"]["username"].removeprefix("user"))
            assert w.sees_post(v, by_id[n["post_id"]]) and not w.blocked(v, actor), "told of a post it may not see"
    for p in w.posts[:3]:  # three posts of each example keep the test's time in bounds
        offered = client.get("/mentions/suggest", params={"q": "user", "post_id": p["id"]})
        assert offered.status_code == (200 if w.sees_post(v, p) else 404)
        for u in offered.json() if offered.status_code == 200 else []:
            i = int(u["username"].removeprefix("user"))
            assert w.sees_post(i, p) and not w.blocked(v, i), f"suggested user{i} who may not see post {p['id']}"
    return "\n".join(texts)


@pytest.mark.slow
@pytest.mark.timeout(900)  # twenty worlds, six viewers, every read path: minutes on a loaded machine
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=world_spec)
def test_no_endpoint_leaks_what_a_viewer_may_not_see(spec: dict, live_server: str) -> None:
    wipe()
    w, tokens = build(spec)
    base = f"{live_server}/api/v1"
    viewers: list[tuple[int | None, dict[str, str]]] = [(None, {})]
    viewers += [(i, {"Authorization": f"Bearer {t}"}) for i, t in enumerate(tokens)]
    for v, headers in viewers:
        with httpx.Client(base_url=base, headers=headers, timeout=30) as client:
            text = read_everything(client, w, v is not None) + check_theme_weeks(client, w, v)
            text += check_relation_reasons(client, w, v)
            check_albums(client, w, v, live_server)
            text += check_search_and_mentions(client, w, v)
            if v is not None:
                text += check_scenes(client, w, v)
            may_see = allowed(w, v)
            # the export zip is compressed: check the canaries it may hold through its JSON instead
            shown = set(CANARY.findall(text))
            assert shown <= may_see, f"viewer {v} saw {sorted(shown - may_see)}"
            for p in w.posts:
                answer = client.get(f"/posts/{p['id']}")
                assert answer.status_code == (200 if w.sees_post(v, p) else 404)
                if answer.status_code == 200:  # the help card (issue 18): its author's alone
                    own_crisis = v == p["author"] and CRISIS in p["body"]
                    assert (answer.json()["care"] is not None) == own_crisis, f"viewer {v} got post {p['id']}'s card"
            for r in w.reposts:  # the quoted original shows exactly to those who may see it
                answer = client.get(f"/posts/{r['id']}")
                assert answer.status_code == (200 if w.sees_post(v, r) else 404)
                if answer.status_code == 200:
                    quoted = answer.json()["repost"]["original"] is not None
                    assert quoted == w.sees_post(v, w.posts[r["root"]]), f"viewer {v}: repost {r['id']}'s quote"
