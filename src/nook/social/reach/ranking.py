"""The ranked feed (为你推荐 / 热门), read from the stored post scores (see `scores`).

A member's page reads the best `rank_pool` visible posts by their rank key (through
`authz.visible_posts_filter`), multiplies by (1 + friend + same circle + same class + interest boosts),
spreads authors and circles out (diversity decay per repeat) and says why each post is there.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from nook.config import Settings, get_settings
from nook.errors import Invalid
from nook.phrases import N_, Listing, Phrase
from nook.social import authz
from nook.social.assist.understanding import member_profile
from nook.social.authz import Viewer
from nook.social.content.posts import get_visible_post
from nook.social.limits import PAGE_MAX
from nook.social.people import following
from nook.social.reach.near import POOL_COLUMNS, Pool, near_query
from nook.social.reach.scores import refresh_scores
from nook.social.scenes.campus import visible_classmates
from nook.store.base import utcnow
from nook.store.models import (
    POST_ROW,
    Circle,
    Post,
    PostRow,
    PostScore,
    User,
)

#: 特别关心 multiplies a post's score by (1 + this): enough to lift a friend's quiet new post above the
#: site's hottest ones for a few days (ln 31 ≈ five half-lives of the freshness decay).
_SPECIAL_BOOST = 30.0


@dataclass(frozen=True)
class Ranked:
    post: PostRow
    score: float
    #: "why am I seeing this", in plain words, for members.
    reasons: list[Phrase]
    #: every number behind the score, for operators.
    components: dict[str, Any]


@dataclass(frozen=True)
class RankedPage:
    items: list[Ranked]
    next_cursor: str | None


@dataclass(frozen=True)
class _Candidate:
    id: int
    author_id: int
    circle_id: int | None
    created_at: datetime
    rank_key: float
    topics: list[str]


@dataclass(frozen=True)
class _Fit:
    """How the post relates to this viewer."""

    friend: bool
    in_circle: bool
    classmate: bool
    topics: list[str]
    interest: float
    boost: float
    special: bool = False  # 特别关心


@dataclass(frozen=True)
class _Context:
    viewer: Viewer
    settings: Settings
    topics: dict[str, float]
    #: (school, enroll year, class) of authors the viewer may see as classmates
    classmates: frozenset[int]
    #: friends the viewer marked 特别关心: their posts come first
    special: frozenset[int] = frozenset()

    def fit(self, c: _Candidate) -> _Fit:
        s = self.settings
        friend = self.viewer.is_friend(c.author_id)
        in_circle = c.circle_id is not None and c.circle_id in self.viewer.circle_ids
        classmate = c.author_id in self.classmates
        matched = [t for t in c.topics if t in self.topics]
        interest = min(1.0, sum(self.topics[t] for t in matched) / 2)
        special = c.author_id in self.special
        boost = (
            1
            + _SPECIAL_BOOST * special
            + s.rank_friend_boost * friend
            + s.rank_circle_boost * in_circle
            + s.rank_class_boost * classmate
            + s.rank_interest_boost * interest
        )
        return _Fit(friend, in_circle, classmate, matched, interest, boost, special)


def ranked_feed(
    session: Session, viewer: Viewer, me: User | None, *, cursor: str | None = None, limit: int = 20
) -> RankedPage:
    """The viewer's 为你推荐 page: the best visible recent posts, personalised and spread out."""
    s, now = get_settings(), utcnow()
    limit, offset = max(1, min(limit, PAGE_MAX)), _offset(cursor)
    candidates = _candidates(session, viewer, s, now)
    ctx = _context(session, viewer, me, {c.author_id for c in candidates})
    fits = {c.id: ctx.fit(c) for c in candidates}
    ordered = _spread(s, candidates, {c.id: c.rank_key + math.log(fits[c.id].boost) for c in candidates})
    chosen = ordered[offset : offset + limit]
    more = offset + limit < len(ordered)
    return RankedPage(_explained(session, ctx, chosen, fits, now), str(offset + limit) if more else None)


def _candidates(session: Session, viewer: Viewer, s: Settings, now: datetime) -> list[_Candidate]:
    """The site's hottest posts and the hottest of the viewer's own circle of people, that they may see.

    Index-friendly reads instead of one scan of the window: the site-wide top `rank_candidates` keys
    (an index scan, in a subquery), then those posts through visibility by primary key; and the best
    `rank_pool / 3` of the viewer's own, friends', circles' and followed tags' posts (`near`), so a
    friend's quiet post can still be lifted by the friend boost. Both statements are built once per
    settings; their rows are read as plain rows (a few hundred per page: the ORM's row handling cost more
    than the query)."""
    conn = session.connection()
    since = now - timedelta(days=s.rank_window_days)
    hottest = _hottest_statement(viewer.id is None, s.rank_candidates, s.rank_pool)
    rows = list(conn.execute(hottest, {"viewer_id": viewer.id, "since": since}))
    if viewer.id is not None:
        rows += conn.execute(*near_query(conn, viewer, s, since))
    unique = {r[0]: _Candidate(*r) for r in rows}
    return list(unique.values())


@cache
def _hottest_statement(anonymous: bool, candidates: int, pool: int) -> Pool:
    visible = authz.visible_posts_filter(authz.ANONYMOUS) if anonymous else authz.visible_posts_param()
    top = select(PostScore.post_id).order_by(PostScore.rank_key.desc()).limit(candidates)
    return (
        select(*POOL_COLUMNS)
        .join(PostScore, PostScore.post_id == Post.id)
        .where(Post.created_at >= bindparam("since"), visible, Post.id.in_(top.scalar_subquery()))
        .order_by(PostScore.rank_key.desc())
        .limit(pool)
    )


def explain_post(session: Session, viewer: Viewer, me: User | None, post_id: int) -> Ranked:
    """Why this post is (or would be) in the viewer's ranked feed; NotFound if they may not see it."""
    post = get_visible_post(session, viewer, post_id)
    row = session.get(PostScore, post.id)
    if row is None:
        refresh_scores(session, [post.id])
        row = session.get(PostScore, post.id)
    assert row is not None
    c = _Candidate(post.id, post.author_id, post.circle_id, post.created_at, row.rank_key, row.topics)
    ctx = _context(session, viewer, me, {post.author_id})
    fit = ctx.fit(c)
    placed = [(c, c.rank_key + math.log(fit.boost), 0.0)]
    return _explained(session, ctx, placed, {c.id: fit}, utcnow())[0]


def _offset(cursor: str | None) -> int:
    if not cursor:
        return 0
    if not cursor.isdigit() or int(cursor) > 10_000:
        raise Invalid(N_("分页游标无效"))
    return int(cursor)


def _context(session: Session, viewer: Viewer, me: User | None, author_ids: set[int]) -> _Context:
    # "同班同学" follows each school's own class privacy, as the campus pages do
    classmates = visible_classmates(session, viewer, author_ids)
    special = following.special_care_ids(session, viewer.id) & viewer.friend_ids if viewer.id else set()
    return _Context(viewer, get_settings(), _viewer_topics(session, me), classmates, frozenset(special))


def _viewer_topics(session: Session, me: User | None) -> dict[str, float]:
    """The viewer's interests: what they listed on their profile, and what they engage with."""
    if me is None:
        return {}
    profile = member_profile(session, me.id)
    topics = {name: 1.0 for name in (me.interests or [])}
    for name, _ in profile.top_scenes(5) + profile.top_keywords(10):
        topics.setdefault(name, 0.5)
    return topics


_Placed = tuple[_Candidate, float, float]  # candidate, final score, diversity term


def _spread(s: Settings, candidates: list[_Candidate], score: dict[int, float]) -> list[_Placed]:
    """Diversity: a post that is its author's k-th (or its circle's k-th) best on the list is
    multiplied by diversity_decay^k. Returns (candidate, final score, diversity term), best first."""
    penalty = -math.log(max(1e-6, s.rank_diversity_decay))
    by_author: Counter[int] = Counter()
    by_circle: Counter[int] = Counter()
    out = []
    for c in sorted(candidates, key=lambda c: (-score[c.id], -c.id)):
        repeats = by_author[c.author_id] + (by_circle[c.circle_id] if c.circle_id else 0)
        by_author[c.author_id] += 1
        if c.circle_id:
            by_circle[c.circle_id] += 1
        out.append((c, score[c.id] - penalty * repeats, -penalty * repeats))
    return sorted(out, key=lambda t: (-t[1], -t[0].id))


def _explained(
    session: Session,
    ctx: _Context,
    chosen: list[_Placed],
    fits: dict[int, _Fit],
    now: datetime,
) -> list[Ranked]:
    """Load the page's posts and say why each is there (only the page: the pool stays columns)."""
    ids = [c.id for c, _, _ in chosen]
    posts: dict[int, PostRow] = {}
    stored: dict[int, _Stored] = {}
    authors: dict[int, str] = {}
    for found in session.execute(_EXPLAINED, {"ids": ids}):  # one query: the posts, their scores, authors' names
        post = PostRow._make(found[: len(POST_ROW)])
        posts[post.id], authors[post.author_id] = post, found.nickname
        stored[post.id] = _Stored(found.components, found.rank_key, found.engagement)
    circles = dict(
        session.execute(
            select(Circle.id, Circle.name).where(Circle.id.in_({c.circle_id for c, _, _ in chosen if c.circle_id}))
        ).all()
    )
    out = []
    for c, score, diversity in chosen:
        fit, row = fits[c.id], stored[c.id]
        age_h = max(0.0, (now - c.created_at).total_seconds() / 3600)
        freshness = 0.5 ** (age_h / ctx.settings.rank_half_life_hours)
        comps = {
            **row.components,
            "rank_key": round(row.rank_key, 4),
            "age_hours": round(age_h, 2),
            "freshness": round(freshness, 4),
            "boost": round(fit.boost, 4),
            "friend": fit.friend,
            "same_circle": fit.in_circle,
            "same_class": fit.classmate,
            "interest": round(fit.interest, 3),
            "interest_topics": fit.topics,
            "diversity": round(diversity, 4),
            "score_now": round((1 + row.engagement) * freshness * fit.boost * math.exp(diversity), 4),
        }
        circle = circles.get(c.circle_id) if fit.in_circle and c.circle_id else None
        reasons = _reasons(row.components, authors.get(c.author_id, ""), fit, circle, age_h)
        out.append(Ranked(posts[c.id], score, reasons, comps))
    return out


class _Stored(NamedTuple):
    """A post's stored score, as `_explained` reads it."""

    components: dict[str, Any]
    rank_key: float
    engagement: float


_EXPLAINED = (
    select(*POST_ROW, PostScore.components, PostScore.rank_key, PostScore.engagement, User.nickname)
    .join(PostScore, PostScore.post_id == Post.id)
    .join(User, User.id == Post.author_id)
    .where(Post.id.in_(bindparam("ids", expanding=True)))
)


def _reasons(c: dict[str, Any], nick: str, fit: _Fit, circle: str | None, age_h: float) -> list[Phrase]:
    out = []
    if fit.special:
        out.append(Phrase(N_("你特别关心的 %(name)s 发的"), {"name": nick}))
    elif fit.friend:
        out.append(Phrase(N_("你的好友 %(name)s 发的"), {"name": nick}))
    if fit.classmate:
        out.append(Phrase(N_("%(name)s 是你的同班同学"), {"name": nick}))
    if circle:
        out.append(Phrase(N_("来自你加入的圈子「%(circle)s」"), {"circle": circle}))
    if fit.topics:
        topics = Listing(fit.topics[:3], wrap=N_("「%(item)s」"))
        out.append(Phrase(N_("和你感兴趣的%(topics)s有关"), {"topics": topics}))
    if c.get("has_hook") and c.get("commenters", 0) >= 1:
        out.append(Phrase(N_("这条说说抛出的话题引来了 %(n)s 人接话"), {"n": c["commenters"]}))
    elif c.get("commenters", 0) >= 2:
        out.append(Phrase(N_("%(n)s 人在评论区认真聊了起来"), {"n": c["commenters"]}))
    if c.get("conversations", 0) >= 1:
        out.append(Phrase(N_("评论区有 %(n)s 段有来有回的对话"), {"n": c["conversations"]}))
    if c.get("reposts_with_words", 0) >= 1:
        out.append(Phrase(N_("%(n)s 人转发并说了自己的看法"), {"n": c["reposts_with_words"]}))
    if c.get("honest_likes", 0) >= 3:
        out.append(Phrase(N_("收到 %(n)s 个真实的赞"), {"n": c["honest_likes"]}))
    if age_h < 3:
        out.append(Phrase(N_("刚刚发布")))
    return out or [Phrase(N_("近期大家能看到的说说"))]
