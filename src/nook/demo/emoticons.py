"""表情 in the demo: friends answer a few posts and 留言板 with Nook's own emoticons, as people do.

A hug alone under a sad post, applause for good news, a flower left on a friend's board: the warm,
short answers the barrier lets stand, so a newcomer sees the codes drawn as pictures.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from nook.demo.model import DemoPlan, DemoPost
from nook.social.authz import load_viewer
from nook.social.content import interactions
from nook.social.people import space
from nook.store.base import frozen_time
from nook.store.models import User

Step = Callable[[Session, Any], None]  # (session, nook.demo.load.Ids)

#: A post's mood -> what a friend answers under it.
_ANSWERS = {
    "sad": "[抱抱]",
    "tired": "早点睡吧[月亮][抱抱]",
    "anxious": "[加油] 你已经准备得很充分了",
    "proud": "[鼓掌][鼓掌] 太为你高兴了[干杯]",
    "happy": "看着就开心[太阳]",
}
_SEEN = ("public", "friends")  # posts every friend may answer
_BOARD_NOTES = ("路过你的空间，留一朵花[花]", "周末一起去撸猫吗[猫咪]", "想你啦，下次见面带礼物给你[礼物]")


def emoticon_steps(plan: DemoPlan) -> list[Step]:
    friends = _friends(plan)
    steps: list[Step] = []
    for mood, text in _ANSWERS.items():
        post = next((p for p in plan.posts if p.mood == mood and p.visibility in _SEEN and friends.get(p.author)), None)
        if post is not None:
            steps.append(_comment_step(post, friends[post.author][0], text, plan))
    for f, text in zip(plan.friendships[-len(_BOARD_NOTES) :], _BOARD_NOTES, strict=False):
        steps.append(_board_step(f.a, f.b, text, plan.now - timedelta(hours=6)))
    return steps


def _friends(plan: DemoPlan) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for f in plan.friendships:
        found.setdefault(f.a, []).append(f.b)
        found.setdefault(f.b, []).append(f.a)
    return {name: sorted(names) for name, names in found.items()}


def _user(session: Session, ids: Any, username: str) -> User:
    user = session.get(User, ids.users[username])
    assert user is not None
    return user


def _comment_step(post: DemoPost, friend: str, text: str, plan: DemoPlan) -> Step:
    at = min(post.created_at + timedelta(hours=1), plan.now - timedelta(minutes=5))

    def step(session: Session, ids: Any) -> None:
        author = _user(session, ids, friend)
        with frozen_time(at):
            interactions.comment(session, load_viewer(session, author), author, ids.posts[post.key], body=text)
            session.flush()

    return step


def _board_step(owner: str, author: str, text: str, at: datetime) -> Step:
    def step(session: Session, ids: Any) -> None:
        writer, space_owner = _user(session, ids, author), _user(session, ids, owner)
        with frozen_time(at):
            space.leave_message(session, load_viewer(session, writer), writer, space_owner, text)
            session.flush()

    return step
