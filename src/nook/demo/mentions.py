"""@提及 in the demo: friends calling each other into a conversation, loaded after the plan through the services.

For the newest public posts (one per author, a handful in all), a friend of the author comments and
@-mentions another friend of the author who is not yet in the thread, the way people do on QQ空间
("@小林 你上次说想去的就是这家吧"). Deterministic for a plan; the comment goes through the same barrier
and notifications as any other, so the mentioned member sees 提到了你.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from nook.demo.model import DemoPlan, DemoPost
from nook.social.authz import load_viewer
from nook.social.content import interactions
from nook.store.base import frozen_time
from nook.store.models import User

Step = Callable[[Session, Any], None]  # (session, nook.demo.load.Ids)
MENTIONS = 6
LINES = (
    "@{name} 快来看，这不就是你上次说的那个嘛",
    "@{name} 下次我们也一起去吧！",
    "@{name} 你肯定喜欢这个",
    "@{name} 想起你了哈哈",
)


def mention_steps(plan: DemoPlan) -> list[Step]:
    friends: dict[str, set[str]] = {}
    for f in plan.friendships:
        friends.setdefault(f.a, set()).add(f.b)
        friends.setdefault(f.b, set()).add(f.a)
    nicknames = {u.username: u.nickname for u in plan.users}
    steps: list[Step] = []
    authors: set[str] = set()
    for post in sorted(plan.posts, key=lambda p: p.created_at, reverse=True):
        around = sorted(friends.get(post.author, set()) & set(nicknames))
        if post.visibility != "public" or post.circle or post.author in authors or len(around) < 2:
            continue
        writer, named = around[len(steps) % len(around)], around[(len(steps) + 1) % len(around)]
        at = min(post.created_at + timedelta(minutes=30), plan.now)
        steps.append(_comment_step(post, writer, at, LINES[len(steps) % len(LINES)].format(name=named)))
        authors.add(post.author)
        if len(steps) == MENTIONS:
            break
    return steps


def _comment_step(post: DemoPost, writer: str, at: datetime, text: str) -> Step:
    def step(session: Session, ids: Any) -> None:
        author = session.get(User, ids.users[writer])
        assert author is not None
        with frozen_time(at):
            interactions.comment(session, load_viewer(session, author), author, ids.posts[post.key], body=text)
            session.flush()

    return step
