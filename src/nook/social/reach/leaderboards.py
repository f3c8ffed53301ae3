"""Weekly quality boards (优质互动榜), site-wide and per circle, computed by a scheduled job.

- 最具温度留言 (warm_comment): quality × emotional fit × (1 + the people the comment got talking), among
  comments the engine calls warm with substance (`nook.engine.comments.is_warm`): friendly filler
  ("哈哈下次一起", "楼上说得好") never enters.
- 最会聊天的用户 (chatter): distinct people who replied to the member, thread depth, mean quality.
- 最受欢迎的钩子 (hook): hooked posts, by the best good comment of each distinct commenter.

Only comments that count enter (assessed, not low-value, offensive, folded or copied, quality at
least `leaderboard_min_quality`, author not restricted). Volume buys nothing: every pair of people
counts once a week however often they reply to each other (a replier's weight is 1 / the replies
between the two), and a member's k-th entry on a board counts `rank_repeat_decay`^k.
The site board sees public posts only; a circle's board sees its circle's posts.
Entries live in `leaderboard_entries` (the open week's replaced on each run, closed weeks archived);
with Redis configured each board is also a sorted set of entry ids, read first (`board_cache`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, aliased

from nook.config import get_settings
from nook.errors import Invalid, NotFound
from nook.phrases import N_
from nook.social import authz
from nook.social.authz import Viewer
from nook.social.localtime import day_start, local_day
from nook.social.reach import board_cache
from nook.social.reach.scores import counted_comment, restricted_users
from nook.store.base import utcnow
from nook.store.models import BOARDS, Circle, Comment, CommentVerdict, LeaderboardEntry, Post, PostAnalysis, User

#: Badge wording shown in a member's space for a top-3 place on a closed week's board.
#: Shown translated (`_(badge.title)`); marked so extraction finds them.
BADGE_TITLES = {
    "warm_comment": N_("本周最具温度留言"),
    "chatter": N_("本周最会聊天的用户"),
    "hook": N_("本周最受欢迎的钩子"),
}
BADGE_PLACES = 3


# --- weeks ------------------------------------------------------------------------------------


def week_start(at: datetime) -> date:
    """Monday of the week `at` falls in, in the community's time zone."""
    local = local_day(at)
    return local - timedelta(days=local.weekday())


def week_bounds(monday: date) -> tuple[datetime, datetime]:
    start = day_start(monday)
    return start, start + timedelta(days=7)


# --- the activity of a week -------------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    id: int
    author: int
    post_id: int
    post_author: int
    parent: int | None
    parent_author: int | None
    public: bool
    circle_id: int | None
    hooked: bool
    verdict: CommentVerdict | None


def _load_week(session: Session, start: datetime, end: datetime) -> list[_Row]:
    parent = aliased(Comment)
    stmt = (
        select(Comment, parent.author_id, Post.author_id, Post.visibility, Post.circle_id, PostAnalysis.has_hook)
        .join(Post, Post.id == Comment.post_id)
        .outerjoin(parent, parent.id == Comment.parent_id)
        .outerjoin(PostAnalysis, PostAnalysis.post_id == Post.id)
        .where(Comment.created_at >= start, Comment.created_at < end)
        .order_by(Comment.id)
    )
    rows = session.execute(stmt).all()
    verdicts = {
        v.comment_id: v
        for v in session.scalars(
            select(CommentVerdict).where(CommentVerdict.created_at >= start, CommentVerdict.created_at < end)
        )
    }
    return [
        _Row(c.id, c.author_id, c.post_id, pa, c.parent_id, par, vis == "public", circ, bool(hook), verdicts.get(c.id))
        for c, par, pa, vis, circ, hook in rows
    ]


@dataclass
class _Week:
    rows: list[_Row]
    restricted: set[int]
    min_quality: int
    #: replies and comments between each pair of people this week, good or not (loops cost, not pay)
    pairs: Counter[frozenset[int]] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        for r in self.rows:
            other = r.parent_author if r.parent_author is not None else r.post_author
            if other != r.author:
                self.pairs[frozenset((r.author, other))] += 1

    def good(self, r: _Row) -> bool:
        v = r.verdict
        return v is not None and counted_comment(v) and v.score >= self.min_quality and r.author not in self.restricted

    def weight(self, a: int, b: int) -> float:
        """How much one reply between a and b counts: together their replies count once."""
        return 1.0 / max(1, self.pairs[frozenset((a, b))])


@dataclass(frozen=True)
class Placing:
    subject_id: int
    user_id: int
    score: float
    components: dict[str, Any]


def _decayed(entries: Iterable[Placing], decay: float, size: int) -> list[Placing]:
    """A member's k-th entry counts decay^k: one person cannot fill a board by volume."""
    seen: Counter[int] = Counter()
    out = []
    for e in sorted(entries, key=lambda e: (-e.score, e.subject_id)):
        factor = decay ** seen[e.user_id]
        seen[e.user_id] += 1
        out.append(Placing(e.subject_id, e.user_id, round(e.score * factor, 4), {**e.components, "repeat": factor}))
    return sorted(out, key=lambda e: (-e.score, e.subject_id))[:size]


def warm_comments(week: _Week, rows: list[_Row]) -> list[Placing]:
    repliers: dict[int, dict[int, float]] = defaultdict(dict)  # comment -> replier -> weight
    for r in rows:
        if r.parent is not None and r.parent_author is not None and r.parent_author != r.author and week.good(r):
            repliers[r.parent][r.author] = week.weight(r.author, r.parent_author)
    out = []
    for r in rows:
        if not week.good(r) or not _warm(r):
            continue
        assert r.verdict is not None
        fit = float(r.verdict.components.get("emotional_fit", 0.5))
        sparked = sum(repliers[r.id].values())
        score = r.verdict.score / 100 * (0.5 + 0.5 * fit) * (1 + sparked)
        comps = {"quality": r.verdict.score, "emotional_fit": fit, "sparked": round(sparked, 3), "post_id": r.post_id}
        out.append(Placing(r.id, r.author, score, comps))
    return out


def _warm(r: _Row) -> bool:
    """Only a comment the engine itself calls warm, with substance, enters 最具温度留言."""
    from nook.engine.comments import is_warm

    return r.verdict is not None and is_warm(r.verdict.score, r.verdict.components)


def chatters(week: _Week, rows: list[_Row]) -> list[Placing]:
    by_id = {r.id: r for r in rows}
    children: dict[int, list[int]] = defaultdict(list)
    for r in rows:
        if r.parent is not None:
            children[r.parent].append(r.id)

    def depth(cid: int) -> int:  # replies below a comment, along its longest chain
        return 1 + max((depth(k) for k in children[cid]), default=0)

    people: dict[int, dict[int, float]] = defaultdict(dict)  # member -> replier -> weight
    quality: dict[int, list[int]] = defaultdict(list)
    deepest: Counter[int] = Counter()
    for r in rows:
        if not week.good(r):
            continue
        assert r.verdict is not None
        quality[r.author].append(r.verdict.score)
        parent = by_id.get(r.parent) if r.parent is not None else None
        if r.parent_author is not None and r.parent_author != r.author and (parent is None or week.good(parent)):
            people[r.parent_author][r.author] = week.weight(r.author, r.parent_author)
        if r.parent is None:
            deepest[r.author] = max(deepest[r.author], depth(r.id))
    out = []
    for uid, repliers in people.items():
        if uid in week.restricted or not quality[uid]:
            continue
        distinct = sum(repliers.values())
        mean_q = sum(quality[uid]) / len(quality[uid]) / 100
        thread = min(deepest[uid], 6)
        score = distinct * (0.5 + mean_q) * (1 + 0.1 * thread)
        comps = {"repliers": len(repliers), "weighted_repliers": round(distinct, 3), "quality": round(mean_q * 100)}
        out.append(Placing(uid, uid, score, {**comps, "thread_depth": thread}))
    return out


def hooks(week: _Week, rows: list[_Row]) -> list[Placing]:
    best: dict[int, dict[int, float]] = defaultdict(dict)  # post -> commenter -> best weighted quality
    author: dict[int, int] = {}
    for r in rows:
        if not r.hooked or r.author == r.post_author or not week.good(r):
            continue
        assert r.verdict is not None
        value = r.verdict.score / 100 * week.weight(r.author, r.post_author)
        best[r.post_id][r.author] = max(value, best[r.post_id].get(r.author, 0.0))
        author[r.post_id] = r.post_author
    return [
        Placing(pid, author[pid], sum(c.values()), {"commenters": len(c), "good_comments": round(sum(c.values()), 3)})
        for pid, c in best.items()
    ]


_BOARD_FUNCS = {"warm_comment": warm_comments, "chatter": chatters, "hook": hooks}


def compute_boards(session: Session, monday: date) -> dict[tuple[str, str], list[Placing]]:
    """Every board of the week: {(board, scope): placings}; scope "site" or "c<circle id>"."""
    s = get_settings()
    start, end = week_bounds(monday)
    rows = _load_week(session, start, end)
    week = _Week(rows, set(session.scalars(restricted_users(utcnow()))), s.leaderboard_min_quality)
    scopes: dict[str, list[_Row]] = {"site": [r for r in rows if r.public]}
    for r in rows:
        if r.circle_id is not None:
            scopes.setdefault(f"c{r.circle_id}", []).append(r)
    return {
        (board, scope): _decayed(fn(week, subset), s.rank_repeat_decay, s.leaderboard_size)
        for scope, subset in scopes.items()
        for board, fn in _BOARD_FUNCS.items()
    }


def store_week(session: Session, monday: date, *, close: bool) -> int:
    """Replace the week's open entries with fresh ones; `close` archives them for good. Returns entries."""
    session.execute(
        delete(LeaderboardEntry).where(LeaderboardEntry.week_start == monday, LeaderboardEntry.closed.is_(False))
    )
    if session.scalar(select(LeaderboardEntry.id).where(LeaderboardEntry.week_start == monday).limit(1)):
        return 0  # already closed and archived: never recomputed
    n = 0
    for (board, scope), placings in compute_boards(session, monday).items():
        circle = int(scope[1:]) if scope.startswith("c") else None
        for rank, p in enumerate(placings, 1):
            session.add(
                LeaderboardEntry(
                    week_start=monday,
                    board=board,
                    scope=scope,
                    circle_id=circle,
                    rank=rank,
                    subject_id=p.subject_id,
                    user_id=p.user_id,
                    score=p.score,
                    components=p.components,
                    closed=close,
                )
            )
            n += 1
    session.flush()
    return n


def close_week(session: Session, monday: date) -> None:
    store_week(session, monday, close=True)
    session.execute(update(LeaderboardEntry).where(LeaderboardEntry.week_start == monday).values(closed=True))


# --- reading ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BoardView:
    week_start: date
    board: str
    scope: str
    closed: bool
    entries: list[LeaderboardEntry]
    comments: dict[int, Comment]
    posts: dict[int, Post]
    users: dict[int, User]
    #: each shown entry's score components, empty for viewers other than its writer and moderators
    components: dict[int, dict[str, Any]]


def board(session: Session, viewer: Viewer, *, board: str, scope: str = "site", week: date | None = None) -> BoardView:
    """One board of one week (this week by default), with what each viewer may see of it."""
    if board not in BOARDS:
        raise Invalid(N_("没有这个榜单"))
    monday = week - timedelta(days=week.weekday()) if week else week_start(utcnow())
    circle = session.get(Circle, int(scope[1:])) if scope.startswith("c") else None
    if circle is not None and not authz.can_see_circle_activity(viewer, circle):
        raise NotFound()
    entries = board_cache.cached_entries(session, monday, board, scope)
    if entries is None:
        entries = list(
            session.scalars(
                select(LeaderboardEntry)
                .where(LeaderboardEntry.week_start == monday, LeaderboardEntry.board == board)
                .where(LeaderboardEntry.scope == scope)
                .order_by(LeaderboardEntry.rank)
            )
        )
    comment_ids = [e.subject_id for e in entries] if board == "warm_comment" else []
    comments = {c.id: c for c in session.scalars(select(Comment).where(Comment.id.in_(comment_ids)))}
    post_ids = {c.post_id for c in comments.values()} | ({e.subject_id for e in entries} if board == "hook" else set())
    posts = {p.id: p for p in session.scalars(select(Post).where(Post.id.in_(post_ids)))}
    users = {u.id: u for u in session.scalars(select(User).where(User.id.in_({e.user_id for e in entries})))}
    visible = [e for e in entries if _may_see(viewer, board, e, comments, posts, users)]
    closed = any(e.closed for e in entries)
    shown = {e.id: e.components if authz.can_see_quality_of(viewer, e.user_id, e.circle_id) else {} for e in visible}
    return BoardView(monday, board, scope, closed, visible, comments, posts, users, shown)


def _may_see(
    viewer: Viewer,
    board: str,
    e: LeaderboardEntry,
    comments: dict[int, Comment],
    posts: dict[int, Post],
    users: dict[int, User],
) -> bool:
    user = users.get(e.user_id)
    if user is None or not authz.can_see_user(viewer, user):
        return False
    if board == "chatter":
        return True
    comment = comments.get(e.subject_id) if board == "warm_comment" else None
    if board == "warm_comment" and comment is None:
        return False  # deleted since the board was computed
    post = posts.get(comment.post_id if comment else e.subject_id)
    if post is None or not authz.can_see_post(viewer, post):
        return False
    return comment is None or authz.can_see_comment(viewer, comment)


def past_weeks(session: Session, *, limit: int = 20) -> list[date]:
    """Closed weeks, newest first."""
    stmt = (
        select(LeaderboardEntry.week_start)
        .where(LeaderboardEntry.closed.is_(True))
        .distinct()
        .order_by(LeaderboardEntry.week_start.desc())
        .limit(limit)
    )
    return list(session.scalars(stmt))


@dataclass(frozen=True)
class Badge:
    title: str
    week_start: date
    board: str
    scope: str
    rank: int


def badges(session: Session, viewer: Viewer, user_id: int, *, limit: int = 20) -> list[Badge]:
    """A member's top-3 places on closed weeks' boards, newest first, for their space: a place on a
    circle's board only for viewers who may see that circle's activity."""
    rows = session.execute(
        select(LeaderboardEntry, Circle)
        .outerjoin(Circle, Circle.id == LeaderboardEntry.circle_id)
        .where(
            LeaderboardEntry.user_id == user_id,
            LeaderboardEntry.closed.is_(True),
            LeaderboardEntry.rank <= BADGE_PLACES,
        )
        .order_by(LeaderboardEntry.week_start.desc(), LeaderboardEntry.rank)
    )
    shown = [e for e, c in rows if c is None or authz.can_see_circle_activity(viewer, c)][:limit]
    return [Badge(BADGE_TITLES[e.board], e.week_start, e.board, e.scope, e.rank) for e in shown]
