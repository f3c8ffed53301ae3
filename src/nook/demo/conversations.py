"""转发, 私信, 特别关心 and 关注 in the demo, loaded after the plan through the services.

Friends repost each other's best-liked public posts (most with a few words, one a repost of a repost,
one bare), a few pairs of friends chat in 私信 over the last days, members mark a friend or two
特别关心, and the busiest public spaces get followers. Deterministic for a plan.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from nook.demo.model import DemoFriendship, DemoPlan, DemoPost
from nook.social.authz import load_viewer
from nook.social.content import reposts
from nook.social.messages import conversations
from nook.social.people import following
from nook.store.base import frozen_time
from nook.store.models import User

Step = Callable[[Session, Any], None]  # (session, nook.demo.load.Ids)

REPOST_WORDS = (
    "太有同感了，转给大家看看",
    "这个一定要转，下次一起去！",
    "说得太好了，收藏了",
    "",  # a bare repost: passed on, nothing said
    "哈哈哈哈我也是这样",
    "转给还没看到的朋友们",
)
CHAIN_WORDS = "转一下，这条真的值得看"
#: Conversations: who writes first alternates line by line.
CHATS = (
    ("明天的数学作业你写完了吗？", "还差最后一道大题😭", "我发你思路，九点后有空", "救命恩人！请你喝奶茶"),
    ("周末去看展吗？", "好呀，几点？", "十点美术馆门口见", "好，带上相机📷"),
    ("你上次推荐的那本书我读完了", "怎么样，结局是不是很意外", "完全没想到！还有类似的推荐吗", "下次带给你"),
)


def _user(session: Session, ids: Any, username: str) -> User:
    user = session.get(User, ids.users[username])
    assert user is not None
    return user


def _friends(plan: DemoPlan) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for f in plan.friendships:
        out.setdefault(f.a, set()).add(f.b)
        out.setdefault(f.b, set()).add(f.a)
    return out


def conversation_steps(plan: DemoPlan) -> list[Step]:
    return [_reposts(plan), _chats(plan), _special_care(plan), _follows(plan)]


def _reposts(plan: DemoPlan) -> Step:
    friends = _friends(plan)
    likes = Counter(x.post for x in plan.likes)
    public = [p for p in plan.posts if p.visibility == "public" and p.circle is None and friends.get(p.author)]
    liked = sorted(public, key=lambda p: (-likes[p.key], p.key))[: len(REPOST_WORDS)]
    picks: list[tuple[DemoPost, str, str]] = []
    for i, post in enumerate(liked):
        reposter = sorted(friends[post.author])[i % len(friends[post.author])]
        picks.append((post, reposter, REPOST_WORDS[i]))

    def step(session: Session, ids: Any) -> None:
        first: tuple[int, str, DemoPost] | None = None
        for post, username, words in picks:
            user = _user(session, ids, username)
            at = min(post.created_at + timedelta(hours=3), plan.now)
            with frozen_time(at):
                made = reposts.repost(session, load_viewer(session, user), user, ids.posts[post.key], body=words)
                session.flush()
            if first is None and words:
                first = (made.id, username, post)
        if first is None:
            return
        made_id, reposter, post = first  # a friend of the reposter passes the repost on: a chain
        others = sorted(_friends(plan).get(reposter, set()) - {post.author})
        if others:
            user = _user(session, ids, others[0])
            with frozen_time(min(post.created_at + timedelta(hours=5), plan.now)):
                reposts.repost(session, load_viewer(session, user), user, made_id, body=CHAIN_WORDS)

    return step


def _recent_pairs(plan: DemoPlan, n: int) -> list[DemoFriendship]:
    return sorted(plan.friendships, key=lambda f: (f.since, f.a, f.b))[-n:]


def _chats(plan: DemoPlan) -> Step:
    pairs = _recent_pairs(plan, len(CHATS))

    def step(session: Session, ids: Any) -> None:
        for k, (pair, lines) in enumerate(zip(pairs, CHATS, strict=False)):
            a, b = _user(session, ids, pair.a), _user(session, ids, pair.b)
            start = plan.now - timedelta(days=k + 1, hours=3)
            for i, line in enumerate(lines):
                me, other = (a, b) if i % 2 == 0 else (b, a)
                with frozen_time(start + timedelta(minutes=7 * i)):
                    conversations.send(session, load_viewer(session, me), me, other, body=line)
                    session.flush()

    return step


def _special_care(plan: DemoPlan) -> Step:
    friends = _friends(plan)
    marks = [
        (u.username, sorted(friends[u.username])[:2]) for u in (plan.admin, *plan.users[:12]) if u.username in friends
    ]

    def step(session: Session, ids: Any) -> None:
        for username, chosen in marks:
            user = _user(session, ids, username)
            viewer = load_viewer(session, user)
            for name in chosen:
                following.mark_special(session, viewer, user, _user(session, ids, name))

    return step


def _follows(plan: DemoPlan) -> Step:
    busiest = Counter(p.author for p in plan.posts if p.visibility == "public")
    stars = [name for name, _ in sorted(busiest.items(), key=lambda kv: (-kv[1], kv[0]))[:3]]
    fans = [u.username for u in plan.users[-20:]]

    def step(session: Session, ids: Any) -> None:
        for star in stars:
            target = _user(session, ids, star)
            for fan in fans:
                if fan != star:
                    user = _user(session, ids, fan)
                    following.follow(session, load_viewer(session, user), user, target)

    return step


__all__ = ["conversation_steps"]
