"""The ranked feed's own circle of people: the best `n` posts of the window, by rank key, that the viewer
may see among their own, their friends', their circles' and their followed tags' posts.

Read per source from the (author, key) and (circle, key) indexes of `post_scores`, so a page reads about
`n` rows per friend and circle rather than every post their network wrote in the window (a member with a
prolific friend paid for tens of thousands of rows). The best `n` of the union of each source's best `n`
is the best `n` of all of them: the answer is the one a scan of every post would give.

A key is at least its creation time's term (engagement ≥ 0: the weights are never negative), so keys
below `floor` (the window's start as a key, with the same half-life as the stored keys) are older than the
window and each index range stops there.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Float, Integer, ScalarSelect, Select, and_, bindparam, case, func, select, true
from sqlalchemy import union as union_
from sqlalchemy.engine import Connection
from sqlalchemy.orm import InstrumentedAttribute

from nook.config import Settings
from nook.social import authz
from nook.social.authz import Viewer
from nook.social.reach.scores import rank_key
from nook.social.themes.weeks import followed_tag_posts
from nook.store.models import Circle, Post, PostScore, User

#: A candidate's columns, in `ranking._Candidate`'s order.
POOL_COLUMNS = (Post.id, Post.author_id, Post.circle_id, Post.created_at, PostScore.rank_key, PostScore.topics)
Pool = Select[int, int, int | None, datetime, float, list[str]]

_Source = type[User] | type[Circle]
_Best = Select[int, float]  # post id and rank key


def near_query(conn: Connection, viewer: Viewer, s: Settings, since: datetime) -> tuple[Pool, dict[str, Any]]:
    """The statement for this database and its parameters for this signed-in viewer and window start."""
    assert viewer.id is not None  # signed in: nobody's feed has no near posts
    params = {
        "viewer_id": viewer.id,
        "since": since,
        "authors": sorted(viewer.friend_ids | {viewer.id}),
        "circles": sorted(viewer.circle_ids),
        "floor": rank_key(0.0, since, s.rank_half_life_hours),
    }
    return _statement(s.rank_pool // 3, conn.dialect.name == "postgresql"), params


@cache
def _statement(n: int, lateral: bool) -> Pool:
    """The best `n`, best first. `lateral` (PostgreSQL) reads each source with a LATERAL subquery; SQLite,
    which has none, finds each source's n-th best key first and reads from there up."""
    each = _best_of_each_lateral if lateral else _best_of_each
    best = union_(
        each(PostScore.author_id, User, "authors", n), each(PostScore.circle_id, Circle, "circles", n), _tagged(n)
    ).subquery()
    order = (best.c.rank_key.desc(), best.c.post_id.desc())
    top = select(best.c.post_id, best.c.rank_key).order_by(*order).limit(n).subquery()
    return (  # the columns of these n only, by primary key
        select(*POOL_COLUMNS)
        .select_from(top)
        .join(Post, Post.id == top.c.post_id)
        .join(PostScore, PostScore.post_id == top.c.post_id)
        .order_by(top.c.rank_key.desc(), top.c.post_id.desc())
    )


def _best_of_each(source: InstrumentedAttribute[Any], table: _Source, ids: str, n: int) -> _Best:
    """At least the best `n` of each source named in the list `ids`: per source, the n-th best key of its
    visible posts (a correlated subquery, best first from the index), then its posts from that key up. A
    source with fewer than `n` posts of the window (most) is told by the index alone, and read once."""
    floor = bindparam("floor", type_=Float)
    few = _nth_key(select(PostScore.rank_key), source == table.id, n).correlate(table).is_(None)
    visible = select(PostScore.rank_key).join(Post, Post.id == PostScore.post_id).where(*_shown())
    nth = _nth_key(visible, source == table.id, n).correlate(table)
    keys = select(table.id.label("source"), case((few, floor), else_=func.coalesce(nth, floor)).label("nth"))
    each = keys.where(table.id.in_(bindparam(ids, expanding=True))).subquery()
    return (
        select(PostScore.post_id, PostScore.rank_key)
        .join(each, and_(source == each.c.source, PostScore.rank_key >= each.c.nth))
        .join(Post, Post.id == PostScore.post_id)
        .where(*_shown())
    )


def _nth_key(keys: Select[float], of_source: ColumnElement[bool], n: int) -> ScalarSelect[float]:
    """The `n`-th best of these keys of one source from the window's `floor` up (NULL if fewer)."""
    best_first = keys.where(of_source, _from_floor()).order_by(PostScore.rank_key.desc())
    return best_first.offset(n - 1).limit(1).scalar_subquery()


def _best_of_each_lateral(source: InstrumentedAttribute[Any], table: _Source, ids: str, n: int) -> _Best:
    """The best `n` of each source named in the list `ids`, by a LATERAL subquery per source. Whether the
    viewer may see a post is asked per row (OFFSET 0 keeps PostgreSQL from making the test a join, which it
    would plan as a hash of every visible post of the window), so the index scan stops after `n`."""
    shown = select(Post.id).where(Post.id == PostScore.post_id, *_shown()).offset(0).exists()
    best = (
        select(PostScore.post_id, PostScore.rank_key)
        .where(source == table.id, _from_floor(), shown)
        .order_by(PostScore.rank_key.desc())
        .limit(n)
        .correlate(table)
        .lateral()
    )
    named = table.id.in_(bindparam(ids, expanding=True))
    return select(best.c.post_id, best.c.rank_key).select_from(table).join(best, true()).where(named)


def _tagged(n: int) -> _Best:
    """The best `n` posts carrying a tag the viewer follows."""
    tagged = Post.id.in_(followed_tag_posts(bindparam("viewer_id", type_=Integer)))
    best = (
        select(PostScore.post_id, PostScore.rank_key)
        .join(Post, Post.id == PostScore.post_id)
        .where(tagged, _from_floor(), *_shown())
        .order_by(PostScore.rank_key.desc())
        .limit(n)
    ).subquery()
    return select(best.c.post_id, best.c.rank_key)


def _from_floor() -> ColumnElement[bool]:
    return PostScore.rank_key >= bindparam("floor", type_=Float)


def _shown() -> tuple[ColumnElement[bool], ...]:
    """A post of the ranking window that the viewer may see."""
    return Post.created_at >= bindparam("since"), authz.visible_posts_param()
