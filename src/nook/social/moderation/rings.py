"""Like-farming rings in the live site (issue 6): scan stored likes, discount a ring's likes,
slow its accounts down, and hand each ring to the moderators with its evidence.

Flagged likes stay in the database (`flagged_likes` marks them); while a flag is active the like
does not count in visible like counts. Lifting the case clears the flags, and a cleared like is
never flagged again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from nook.phrases import Phrase, Value
from nook.security import rate_limits
from nook.security.ratelimit import Rule
from nook.social.content import counts
from nook.social.moderation.cases import active_restriction, audit, open_case
from nook.social.moderation.reasons import RING
from nook.store.models import FlaggedLike, Like, ModerationCase, Post, User

if TYPE_CHECKING:
    from nook.engine.rings import LikeTable, RingGroup

#: Likes listed in a case's evidence (the counts cover all of them).
_EVIDENCE_LIKES = 500


# --- what readers and the write path ask ------------------------------------------------------


def like_rule(session: Session, user: User) -> Rule:
    """The like rate for this account: by trust level, or the engine's reduced rate while flagged."""
    restriction = active_restriction(session, user.id, "like_ring")
    if restriction is None:
        return rate_limits.like_rule(user.trust_level)
    return Rule(rate_limits.LIKE.name, restriction.rate, rate_limits.LIKE.period_s)


def flagged_rate(trust_level: int) -> int:
    from nook.engine.rings import like_limit_for_trust

    return like_limit_for_trust(max(0, trust_level), rate_limits.LIKE.count, flagged=True)[0]


# --- the scan ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Loaded:
    table: LikeTable
    like_ids: np.ndarray  # like id of each row of the table


def _epoch(at: datetime) -> int:
    return int(at.timestamp())


def _load(session: Session, since: datetime, until: datetime) -> _Loaded:
    """Likes in [since, until) as numpy arrays, leaving out likes a moderator cleared."""
    from nook.engine.rings import LikeTable

    cleared = select(FlaggedLike.like_id).where(FlaggedLike.active.is_(False))
    rows = session.execute(
        select(Like.id, Like.user_id, Like.post_id, Like.created_at)
        .where(Like.created_at >= since, Like.created_at < until, Like.id.not_in(cleared))
        .order_by(Like.id)
    ).all()
    ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    user = np.fromiter((r[1] for r in rows), dtype=np.int64, count=len(rows))
    post = np.fromiter((r[2] for r in rows), dtype=np.int64, count=len(rows))
    ts = np.fromiter((_epoch(r[3]) for r in rows), dtype=np.int64, count=len(rows))
    # (user, post) is unique in the table, so from_arrays keeps every row in order
    return _Loaded(LikeTable.from_arrays(user, post, ts), ids)


def scan_rings(session: Session, *, start: datetime, end: datetime, lookback: timedelta) -> list[ModerationCase]:
    """Find rings active in [start, end), looking back `lookback` for context; open a case for each new one."""
    from nook.engine.rings import detect_rings_window

    loaded = _load(session, start - lookback, end)
    if loaded.table.n_likes == 0:
        return []
    report = detect_rings_window(
        loaded.table, start=_epoch(start), end=_epoch(end), lookback_s=int(lookback.total_seconds())
    )
    cases = [_record(session, loaded, group) for group in report.groups]
    return [c for c in cases if c is not None]


def _group_rows(loaded: _Loaded, group: RingGroup) -> np.ndarray:
    """Rows of every like by a member on one of the group's posts (any time in view)."""
    t = loaded.table
    users = np.isin(t.user_labels[t.user], np.asarray(group.users, dtype=np.int64))
    posts = np.isin(t.post_labels[t.post], np.asarray(group.posts, dtype=np.int64))
    return np.flatnonzero(users & posts)


def _record(session: Session, loaded: _Loaded, group: RingGroup) -> ModerationCase | None:
    rows = _group_rows(loaded, group)
    like_ids = [int(i) for i in loaded.like_ids[rows]]
    seen = set(session.scalars(select(FlaggedLike.like_id).where(FlaggedLike.like_id.in_(like_ids))))
    fresh = [i for i in like_ids if i not in seen]
    if not fresh:
        return None  # this ring is already in the queue
    users = [int(u) for u in group.users]
    trust = dict(session.execute(select(User.id, User.trust_level).where(User.id.in_(users))).all())
    case = open_case(
        session,
        kind="like_ring",
        user_ids=users,
        reasons=[_reason(group)],
        evidence=_evidence(loaded, group, rows),
        circle_id=_common_circle(session, [int(p) for p in group.posts]),
        until=None,
        rate={u: flagged_rate(trust.get(u, 0)) for u in users},
    )
    t = loaded.table
    post_of = dict(zip(like_ids, (int(p) for p in t.post_labels[t.post[rows]]), strict=True))
    user_of = dict(zip(like_ids, (int(u) for u in t.user_labels[t.user[rows]]), strict=True))
    session.add_all(FlaggedLike(like_id=i, case_id=case.id, post_id=post_of[i]) for i in fresh)
    session.flush()
    counts.refresh(session, post_of.values())  # the ring's likes stop counting now
    for uid in users:
        audit(
            session,
            action="flag_ring",
            case_id=case.id,
            user_id=uid,
            reason=case.reasons[0],
            evidence={"like_ids": [i for i in fresh if user_of[i] == uid][:50], "score": round(group.score, 2)},
        )
    session.flush()
    return case


def _reason(group: RingGroup) -> str:
    ev = group.evidence
    values: dict[str, Value] = {
        "users": len(group.users),
        "posts": len(group.posts),
        "density": f"{ev.density:.0%}",
        "expected": f"{ev.null_density:.2%}",
        "lift": f"{ev.lift:.0f}",
    }
    return str(Phrase(RING, values))  # stored in Chinese; pages translate it (moderation.reasons)


def _evidence(loaded: _Loaded, group: RingGroup, rows: np.ndarray) -> dict[str, Any]:
    t = loaded.table
    order = rows[np.argsort(t.ts[rows], kind="stable")]
    likes = [
        {
            "like_id": int(loaded.like_ids[i]),
            "user_id": int(t.user_labels[t.user[i]]),
            "post_id": int(t.post_labels[t.post[i]]),
            "at": datetime.fromtimestamp(int(t.ts[i]), UTC).isoformat(),
        }
        for i in order[:_EVIDENCE_LIKES]
    ]
    return {
        **group.to_json(evidence=True),
        "window": [datetime.fromtimestamp(w, UTC).isoformat() for w in group.window],
        "likes_total": int(rows.size),
        "likes": likes,
    }


def _common_circle(session: Session, post_ids: list[int]) -> int | None:
    circles = set(session.scalars(select(Post.circle_id).where(Post.id.in_(post_ids))))
    return circles.pop() if len(circles) == 1 else None
