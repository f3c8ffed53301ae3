"""Generated activity against the weekly boards: loops between a pair or a small group, one account
writing many comments, and filler never climb above members who really get people talking."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import count
from typing import Any

from nook.social.reach.leaderboards import Placing, _decayed, _Row, _Week, chatters, hooks, warm_comments

_ids = count(1)


@dataclass
class Verdict:
    score: int
    #: a warm comment with substance, as the engine scores one (nook.engine.comments.is_warm)
    components: dict[str, Any] = field(
        default_factory=lambda: {"emotional_fit": 0.8, "specificity": 0.8, "topic_continuity": 0.7}
    )
    cleared: bool = False
    low_value: bool = False
    offensive: bool = False
    folded: bool = False
    copies: list[int] = field(default_factory=list)


@dataclass
class Activity:
    rows: list[_Row] = field(default_factory=list)
    post_author: dict[int, int] = field(default_factory=dict)
    hooked: set[int] = field(default_factory=set)

    def post(self, author: int, *, hook: bool = False) -> int:
        pid = next(_ids)
        self.post_author[pid] = author
        if hook:
            self.hooked.add(pid)
        return pid

    def say(self, author: int, post: int, quality: int, parent: _Row | None = None, **flags: Any) -> _Row:
        row = _Row(
            id=next(_ids),
            author=author,
            post_id=post,
            post_author=self.post_author[post],
            parent=parent.id if parent else None,
            parent_author=parent.author if parent else None,
            public=True,
            circle_id=None,
            hooked=post in self.hooked,
            verdict=Verdict(quality, **flags),
        )
        self.rows.append(row)
        return row


HONEST, PAIR, GROUP, VOLUME = 1, [2, 3], [4, 5, 6, 7], 8
STRANGERS = list(range(100, 120))


def _site() -> Activity:
    act = Activity()
    # an honest member: three decent comments, each answered by two or three different people
    for i in range(3):
        post = act.post(STRANGERS[i])
        mine = act.say(HONEST, post, 70)
        for j in range(2 + i % 2):
            act.say(STRANGERS[5 + 3 * i + j], post, 65, parent=mine)
    # a pair replying to each other forty times, every comment better than the honest member's
    post = act.post(PAIR[0])
    last = act.say(PAIR[1], post, 85)
    for k in range(40):
        last = act.say(PAIR[k % 2], post, 85, parent=last)
    # a small group in a loop: everyone answers everyone, sixty comments
    post = act.post(GROUP[0])
    last = act.say(GROUP[0], post, 85)
    for k in range(60):
        last = act.say(GROUP[(k + 1) % 4], post, 85, parent=last)
    # one account writing fifty good comments on fifty posts
    for k in range(50):
        act.say(VOLUME, act.post(STRANGERS[k % 20]), 90)
    # filler, offence and copy-paste with many replies: never counts
    for flags in ({"low_value": True}, {"offensive": True}, {"copies": [1]}, {"folded": True}):
        post = act.post(STRANGERS[0])
        bad = act.say(30, post, 95, **flags)
        for j in range(5):
            act.say(STRANGERS[10 + j], post, 60, parent=bad)
    return act


def _board(fn, act: Activity) -> list[Placing]:
    week = _Week(act.rows, restricted=set(), min_quality=40)
    return _decayed(fn(week, act.rows), 0.5, 20)


def test_warm_comments_rise_on_replies_from_different_people_not_on_volume_or_loops() -> None:
    act = _site()
    board = _board(warm_comments, act)
    honest = [e for e in board if e.user_id == HONEST]
    gaming = [e for e in board if e.user_id in (*PAIR, *GROUP, VOLUME)]
    assert board[0].user_id == HONEST and len(honest) == 3
    assert honest[0].score > 2 * max(e.score for e in gaming)
    assert 30 not in {e.user_id for e in board}  # low-value, offensive, copied, folded: never
    # fifty comments are worth less than two of the same account's best
    volume = sorted(
        (
            e.score
            for e in _decayed(warm_comments(_Week(act.rows, set(), 40), act.rows), 0.5, 100)
            if e.user_id == VOLUME
        ),
        reverse=True,
    )
    assert len(volume) >= 10 and sum(volume) < 2 * volume[0]


def test_a_pair_or_group_in_a_loop_does_not_out_chat_a_member_with_real_repliers() -> None:
    board = _board(chatters, _site())
    by_user = {e.user_id: e for e in board}
    assert board[0].user_id == HONEST
    assert by_user[HONEST].components["repliers"] == 7
    for uid in (*PAIR, *GROUP):
        assert uid not in by_user or by_user[uid].score < by_user[HONEST].score / 2
    assert VOLUME not in by_user  # many comments, nobody answered


def test_a_group_commenting_on_each_others_hooks_does_not_beat_a_hook_strangers_answered() -> None:
    act = Activity()
    honest = act.post(HONEST, hook=True)
    for s in STRANGERS[:4]:
        act.say(s, honest, 60)
    group_posts = [act.post(g, hook=True) for g in GROUP]
    for k in range(80):
        target = group_posts[k % 4]
        commenter = GROUP[(k + 1 + k // 4) % 4]
        if commenter != act.post_author[target]:
            act.say(commenter, target, 90)
    for _ in range(10):  # one stranger saying a lot counts once
        act.say(STRANGERS[10], group_posts[0], 95)
    board = _board(hooks, act)
    assert board[0].subject_id == honest and board[0].components["commenters"] == 4
    assert all(e.score < board[0].score / 2 for e in board[1:])


def test_restricted_accounts_do_not_count() -> None:
    act = _site()
    week = _Week(act.rows, restricted={HONEST, *STRANGERS}, min_quality=40)
    assert HONEST not in {e.user_id for e in chatters(week, act.rows)}
    assert HONEST not in {e.user_id for e in warm_comments(week, act.rows)}


def test_friendly_filler_never_enters_the_warm_board_however_many_replies_it_draws() -> None:
    act = Activity()
    post = act.post(STRANGERS[0])
    # "哈哈下次一起": friendly, scored fair, but nothing of its own and not about the post
    filler = {"emotional_fit": 1.0, "specificity": 0.13, "topic_continuity": 0.05}
    chatty = act.say(31, post, 75, components=filler)
    for j in range(5):
        act.say(STRANGERS[10 + j], post, 60, parent=chatty)
    act.say(HONEST, post, 70)
    users = {e.user_id for e in _board(warm_comments, act)}
    assert HONEST in users and 31 not in users
