"""Comment threads under posts: warm words, specific remarks, questions, filler, and replies."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from random import Random

from nook.demo import clock
from nook.demo.audience import Audience, Pools
from nook.demo.compose import fill
from nook.demo.content_talk import CHIME_IN, FILLER, FOLLOW_UPS, SAME_QUESTION, THANKS, WARM
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
    asked: dict[str, int] = field(default_factory=dict)  # question comment key -> index in the bank

    def add(self, author: str, text: str, at: datetime, style: CommentStyle, parent: str | None) -> DemoComment:
        comment = DemoComment(f"{self.key}.c{len(self.comments) + 1}", self.key, author, text, at, parent, style)
        self.comments.append(comment)
        return comment

    def say(self, bank: tuple[str, ...]) -> str:
        """A line from the bank, avoiding one already said in this thread when the bank allows."""
        said = {c.text for c in self.comments}
        for _ in range(4):
            text = fill(self.rng.choice(bank), self.rng, self.post.slots, dict(self.post.memo))
            if text not in said:
                break
        return text


def comment_thread(
    rng: Random, post: Written, key: str, audience: Audience, popularity: float, now: datetime
) -> list[DemoComment]:
    pools = audience.pools(rng, post)
    if not any(pools):
        return []
    thread = Thread(rng, post, key, now, [])
    mean = 1.5 * post.topic.talk * math.sqrt(popularity)
    for _ in range(min(int(rng.expovariate(1 / mean)), 30)):
        _top_level(thread, audience, pools)
    return thread.comments


def _top_level(thread: Thread, audience: Audience, pools: Pools) -> None:
    rng, post = thread.rng, thread.post
    author = audience.pick(rng, pools, post.author)
    at = clock.later(rng, post.created_at, _FIRST_DELAY, thread.now)
    if author is None or at is None:
        return
    style, text, question = _opening(thread)
    comment = thread.add(author, text, at, style, None)
    if question is not None:
        thread.asked[comment.key] = question
    _replies(thread, audience, pools, comment)


def _opening(thread: Thread) -> tuple[CommentStyle, str, int | None]:
    """A top-level comment's style and text, and for a question its index in the question bank."""
    post, roll = thread.post, thread.rng.random()
    filler_odds = 0.3 if post.visibility == "public" else 0.18
    if roll < filler_odds:
        return "filler", thread.say(FILLER), None
    if roll < filler_odds + 0.17 and post.questions:
        index = thread.rng.randrange(len(post.questions))
        return "question", thread.say((post.questions[index],)), index
    if roll < filler_odds + 0.5 and post.remarks:
        return "specific", thread.say(post.remarks), None
    return "warm", thread.say(WARM[post.topic.mood]), None


def _replies(thread: Thread, audience: Audience, pools: Pools, parent: DemoComment) -> None:
    """The author answers questions and often thanks; now and then someone chimes in."""
    rng, post = thread.rng, thread.post
    odds = {"question": 0.8, "filler": 0.04}.get(parent.style, 0.35)
    if rng.random() < odds:
        answer = _reply(thread, post.author, thread.say(_answer_bank(thread, parent)), parent)
        if answer and rng.random() < 0.15:
            _reply(thread, parent.author, thread.say(FOLLOW_UPS), answer)
    if parent.style != "filler" and rng.random() < 0.08:
        other = audience.pick(rng, pools, post.author)
        if other and other != parent.author:
            bank = SAME_QUESTION if parent.style == "question" else CHIME_IN
            _reply(thread, other, rng.choice(bank), parent)


def _answer_bank(thread: Thread, parent: DemoComment) -> tuple[str, ...]:
    """Answers pair with questions by position when the banks are the same length."""
    post = thread.post
    if parent.style == "question" and post.answers:
        index = thread.asked.get(parent.key)
        paired = index is not None and len(post.answers) == len(post.questions)
        return (post.answers[index],) if paired and index is not None else post.answers
    if parent.style == "specific" and post.topic.reactions:
        return post.topic.reactions
    return THANKS[post.topic.mood]


def _reply(thread: Thread, author: str, text: str, parent: DemoComment) -> DemoComment | None:
    at = clock.later(thread.rng, parent.created_at, _REPLY_DELAY, thread.now)
    return None if at is None else thread.add(author, text, at, "reply", parent.key)
