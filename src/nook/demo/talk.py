"""Comment threads under posts: warm words, specific remarks, questions, filler, and replies."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from random import Random

from nook.demo import clock
from nook.demo.audience import Audience, Pools
from nook.demo.compose import fill
from nook.demo.content_talk import CHIME_IN, FILLER, THANKS, WARM
from nook.demo.model import CommentStyle, DemoComment
from nook.demo.posts import Written

_FIRST_DELAY = timedelta(hours=2)
_REPLY_DELAY = timedelta(minutes=50)


@dataclass(slots=True)
class Thread:
    """Builds one post's comments in order, numbering them under the post's key."""

    rng: Random
    post: Written
    key: str
    now: datetime
    comments: list[DemoComment]

    def add(self, author: str, text: str, at: datetime, style: CommentStyle, parent: str | None) -> DemoComment:
        comment = DemoComment(f"{self.key}.c{len(self.comments) + 1}", self.key, author, text, at, parent, style)
        self.comments.append(comment)
        return comment

    def say(self, bank: tuple[str, ...]) -> str:
        return fill(self.rng.choice(bank), self.rng, self.post.slots, dict(self.post.memo))


def comment_thread(
    rng: Random, post: Written, key: str, audience: Audience, popularity: float, now: datetime
) -> list[DemoComment]:
    pools = audience.pools(rng, post)
    if not any(pools):
        return []
    thread = Thread(rng, post, key, now, [])
    mean = 1.5 * post.theme.talk * math.sqrt(popularity)
    for _ in range(min(int(rng.expovariate(1 / mean)), 30)):
        _top_level(thread, audience, pools)
    return thread.comments


def _top_level(thread: Thread, audience: Audience, pools: Pools) -> None:
    rng, post = thread.rng, thread.post
    author = audience.pick(rng, pools, post.author)
    at = clock.later(rng, post.created_at, _FIRST_DELAY, thread.now)
    if author is None or at is None:
        return
    style, text = _opening(thread)
    comment = thread.add(author, text, at, style, None)
    _replies(thread, audience, pools, comment)


def _opening(thread: Thread) -> tuple[CommentStyle, str]:
    theme, roll = thread.post.theme, thread.rng.random()
    filler_odds = 0.3 if thread.post.visibility == "public" else 0.18
    if roll < filler_odds:
        return "filler", thread.rng.choice(FILLER)
    if roll < filler_odds + 0.17 and theme.questions:
        return "question", thread.say(theme.questions)
    if roll < filler_odds + 0.5 and theme.comments:
        return "specific", thread.say(theme.comments)
    return "warm", thread.say(WARM[theme.mood])


def _replies(thread: Thread, audience: Audience, pools: Pools, parent: DemoComment) -> None:
    """The author answers questions and often thanks; now and then someone chimes in."""
    rng, post = thread.rng, thread.post
    odds = {"question": 0.8, "filler": 0.04}.get(parent.style, 0.35)
    if rng.random() < odds:
        bank = post.theme.answers if parent.style == "question" and post.theme.answers else THANKS[post.theme.mood]
        answer = _reply(thread, post.author, thread.say(bank), parent)
        if answer and rng.random() < 0.15:
            _reply(thread, parent.author, thread.say(THANKS["neutral"]), answer)
    if parent.style != "filler" and rng.random() < 0.08:
        other = audience.pick(rng, pools, post.author)
        if other and other != parent.author:
            _reply(thread, other, rng.choice(CHIME_IN), parent)


def _reply(thread: Thread, author: str, text: str, parent: DemoComment) -> DemoComment | None:
    at = clock.later(thread.rng, parent.created_at, _REPLY_DELAY, thread.now)
    return None if at is None else thread.add(author, text, at, "reply", parent.key)
