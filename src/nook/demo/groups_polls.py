"""Friend groups (分组), posts for some friends only, and polls (投票) in the demo, through the services.

The three members with the most friends each sort a few friends into groups and post once to a group
(部分好友可见) and once hiding from one (不给谁看); one of them asks a poll that a handful of friends
answer. Everything happens in the last days before the plan's "now". Deterministic for a plan.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import timedelta
from functools import partial
from typing import Any

from sqlalchemy.orm import Session

from nook.demo.model import DemoPlan
from nook.social.authz import load_viewer
from nook.social.content import polls, posts
from nook.social.people import groups
from nook.store.base import frozen_time
from nook.store.models import User

Step = Callable[[Session, Any], None]  # (session, nook.demo.load.Ids)
#: Group names and what their owner posts to them (or hides from them).
GROUPS = ("同学", "家人", "同事")
TO_GROUP = "周末聚会的照片只发给{group}，不许外传哈哈"
HIDDEN = "准备给{group}一个惊喜，先别让他们看到"
POLL = ("下周的聚餐大家想吃什么？", ("火锅", "烤肉", "日料", "粤菜"))


def _user(session: Session, ids: Any, username: str) -> User:
    user = session.get(User, ids.users[username])
    assert user is not None
    return user


def _friends(plan: DemoPlan) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for f in plan.friendships:
        found[f.a].append(f.b)
        found[f.b].append(f.a)
    return {name: sorted(others) for name, others in found.items()}


def group_owners(plan: DemoPlan) -> list[tuple[str, list[str]]]:
    """The three members with the most friends (they make groups), each with their friends."""
    friends = _friends(plan)
    owners = sorted(friends, key=lambda name: (-len(friends[name]), name))[:3]
    return [(owner, friends[owner]) for owner in owners]


def group_steps(plan: DemoPlan) -> list[Step]:
    owners = group_owners(plan)
    steps: list[Step] = [
        partial(_groups_and_posts, plan, owner, friends, i) for i, (owner, friends) in enumerate(owners)
    ]
    if owners:
        steps.append(partial(_poll, plan, *owners[0]))
    return steps


def _groups_and_posts(plan: DemoPlan, owner: str, friends: list[str], n: int, session: Session, ids: Any) -> None:
    if len(friends) < 4:
        return
    user = _user(session, ids, owner)
    with frozen_time(plan.now - timedelta(days=3 - n, hours=5)):
        made = []
        for i, name in enumerate(GROUPS[:2]):
            members = friends[i::3][:6]  # a few friends each; some in no group
            made.append(groups.create_group(session, user, name, members))
        session.flush()
        viewer = load_viewer(session, user)
        to_group = posts.AudienceIn((made[0].id,))
        posts.create_post(
            session, viewer, user, body=TO_GROUP.format(group=made[0].name), visibility="selected", audience=to_group
        )
    with frozen_time(plan.now - timedelta(days=2 - n, hours=3)):
        hidden = posts.AudienceIn((made[1].id,))
        posts.create_post(
            session, viewer, user, body=HIDDEN.format(group=made[1].name), visibility="except", audience=hidden
        )


def _poll(plan: DemoPlan, owner: str, friends: list[str], session: Session, ids: Any) -> None:
    user = _user(session, ids, owner)
    body, options = POLL
    with frozen_time(plan.now - timedelta(days=1)):
        post = posts.create_post(
            session,
            load_viewer(session, user),
            user,
            body=body,
            visibility="friends",
            poll=polls.PollIn(options, closes_at=plan.now + timedelta(days=3)),
        )
        session.flush()
        option_ids = [o.id for o in polls.poll_cards(session, load_viewer(session, user), [post])[post.id].options]
    for i, name in enumerate(friends[:7]):
        voter = _user(session, ids, name)
        with frozen_time(plan.now - timedelta(hours=20 - 2 * i)):
            polls.vote(session, load_viewer(session, voter), voter, post.id, [option_ids[(i * 3) % len(option_ids)]])


__all__ = ["group_owners", "group_steps"]
