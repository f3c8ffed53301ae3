"""The barrier (issue 5): every comment is assessed after commit, low-value and offensive ones are
folded (never deleted), copy-paste is clustered across accounts, and accounts that live on such
comments are throttled, with an audit entry and a case for the moderators.

The copy-paste index lives in this process's memory (the engine's incremental MinHash LSH). It is
built from the database on first use and caught up from the database before each check, so several
processes each hold a complete index. Memory: about 1 KB per eligible comment (24 LSH bucket entries,
the bare wording and its id; see the copy-paste section of docs/benchmarks.md), i.e. roughly 100 MB
per 100,000 comments.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from nook.config import get_settings
from nook.phrases import N_
from nook.security import rate_limits
from nook.security.ratelimit import Rule
from nook.social import authz
from nook.social.authz import Viewer
from nook.social.moderation.cases import active_restriction, audit, open_case
from nook.store.base import utcnow
from nook.store.models import Comment, CommentVerdict, CopyCluster, Message, Post, User

if TYPE_CHECKING:
    from nook.engine.comments import BarrierSettings, CopyPasteIndex

#: Matching comments kept as evidence per comment.
_MAX_COPIES = 10
_FOLD_TEXT = {
    "offensive": N_("含有攻击性或冒犯的说法"),
    "throttled": N_("作者近期低质评论过多，正在限流中，评论默认折叠"),
}


# --- the copy-paste index ---------------------------------------------------------------------


@dataclass
class _Index:
    engine: CopyPasteIndex
    high_water: int  # every comment with a lower or equal id is indexed


_lock = threading.Lock()
_index: _Index | None = None


def reset_copy_index() -> None:
    """Forget the in-memory index (tests that empty the database; it is rebuilt on next use)."""
    global _index
    with _lock:
        _index = None


def _catch_up(session: Session, before_id: int) -> _Index:
    """The index, with every stored comment older than `before_id` added (rebuilt if absent)."""
    global _index
    from nook.engine.comments import CopyPasteIndex

    if _index is None:
        _index = _Index(CopyPasteIndex(), 0)
    rows = session.execute(
        select(Comment.id, Comment.body, Comment.author_id)
        .where(Comment.id > _index.high_water, Comment.id < before_id)
        .order_by(Comment.id)
    ).all()
    if rows:
        _index.engine.add_many((str(r.id), r.body, str(r.author_id)) for r in rows)
        _index.high_water = rows[-1].id
    return _index


def _copied_comments(session: Session, comment: Comment) -> list[int]:
    """Ids of stored comments this one copies (checked on arrival, then indexed)."""
    with _lock:
        index = _catch_up(session, comment.id)
        if comment.id > index.high_water:
            matches = index.engine.add(str(comment.id), comment.body, str(comment.author_id))
            index.high_water = comment.id
        else:  # a retried event: it is indexed already
            matches = index.engine.check(comment.body)
    claimed = {int(m.comment_id): m.author for m in matches if int(m.comment_id) != comment.id}
    if not claimed:
        return []
    # the index never forgets: drop deleted comments (and, after a wipe, ids that now mean another comment)
    stored = session.execute(select(Comment.id, Comment.author_id).where(Comment.id.in_(claimed))).all()
    alive = {r.id for r in stored if claimed[r.id] == str(r.author_id)}
    return [cid for cid in claimed if cid in alive][:_MAX_COPIES]


def _join_cluster(session: Session, verdict: CommentVerdict, copies: list[int]) -> None:
    """Put the comment and what it copies into one cluster, merging clusters it bridges."""
    ids = [verdict.comment_id, *copies]
    existing = sorted(
        {c for c in session.scalars(select(CommentVerdict.cluster_id).where(CommentVerdict.comment_id.in_(ids))) if c}
    )
    clusters = [c for c in (session.get(CopyCluster, i) for i in existing) if c is not None]
    target = clusters[0] if clusters else CopyCluster(comment_ids=[], author_ids=[])
    members = set(ids)
    for other in clusters:
        members |= set(other.comment_ids)
    authors = session.scalars(select(Comment.author_id).where(Comment.id.in_(members))).all()
    target.comment_ids, target.author_ids = sorted(members), sorted(set(authors))
    target.updated_at = utcnow()
    session.add(target)
    session.flush()
    for other in clusters[1:]:
        session.delete(other)
    session.execute(update(CommentVerdict).where(CommentVerdict.comment_id.in_(members)).values(cluster_id=target.id))
    verdict.cluster_id = target.id


# --- assessing each comment after commit ------------------------------------------------------


def assess_new_comment(session: Session, payload: dict[str, Any]) -> None:
    """Score the comment against what it answers, fold it if it adds nothing, then check its author."""
    from nook.engine.comments import assess_comment

    comment = session.get(Comment, payload["comment_id"])
    if comment is None or session.get(CommentVerdict, comment.id) is not None:
        return  # deleted before we got to it, or already assessed
    post = session.get(Post, comment.post_id)
    parent = session.get(Comment, comment.parent_id) if comment.parent_id else None
    assert post is not None
    answered = parent.body if parent else post.body
    result = assess_comment(comment.body, answered, post_text=post.body if parent else None)
    copies = _copied_comments(session, comment)
    throttle = active_restriction(session, comment.author_id, "comment_throttle")
    fold = (
        "offensive"
        if result.offensive.flag
        else "low_value"
        if result.low_value.flag
        else "throttled"
        if throttle is not None and throttle.fold_by_default
        else None
    )
    verdict = CommentVerdict(
        comment_id=comment.id,
        author_id=comment.author_id,
        score=result.quality.score,
        components=dict(result.quality.components),
        reasons=list(result.quality.reasons),
        low_value=result.low_value.flag,
        low_value_code=result.low_value.code,
        low_value_reason=result.low_value.reason,
        offensive=result.offensive.flag,
        offensive_score=round(float(result.offensive.score), 4),
        copies=copies,
        folded=fold is not None,
        fold_reason=fold,
        created_at=comment.created_at,
    )
    session.add(verdict)
    session.flush()
    if copies:
        _join_cluster(session, verdict, copies)
    if throttle is None:
        _maybe_throttle(session, comment.author_id)


def barrier_settings() -> BarrierSettings:
    from nook.engine.comments import BarrierSettings

    s = get_settings()
    return BarrierSettings(
        window=timedelta(hours=s.barrier_window_hours),
        min_comments=s.barrier_min_comments,
        low_value_share=s.barrier_low_value_share,
        copy_paste_count=s.barrier_copy_paste_count,
        offensive_count=s.barrier_offensive_count,
        duration=timedelta(days=s.barrier_throttle_days),
        throttled_per_hour=s.barrier_throttled_comments_per_hour,
    )


def _maybe_throttle(session: Session, author_id: int) -> None:
    """Ask the engine's policy about the author's recent comments; throttle with evidence if it says so."""
    from nook.engine.comments import RecentComment, decide_throttle

    settings, now = barrier_settings(), utcnow()
    rows = session.scalars(
        select(CommentVerdict).where(
            CommentVerdict.author_id == author_id,
            CommentVerdict.created_at >= now - settings.window,
            CommentVerdict.cleared.is_(False),
        )
    ).all()
    verdicts = [
        RecentComment(str(r.comment_id), r.created_at, r.low_value, r.offensive, tuple(str(c) for c in r.copies))
        for r in rows
    ]
    decision = decide_throttle(verdicts, now=now, settings=settings)
    if not decision.throttle:
        return
    evidence_ids = sorted({int(i) for ids in decision.evidence.values() for i in ids})
    case = open_case(
        session,
        kind="comment_throttle",
        user_ids=[author_id],
        reasons=list(decision.reasons),
        evidence={
            "by_reason": {k: [int(i) for i in v] for k, v in decision.evidence.items()},
            "comments": _comment_evidence(session, evidence_ids),
        },
        circle_id=_common_circle(session, evidence_ids),
        until=decision.until,
        rate=decision.max_comments_per_hour or settings.throttled_per_hour,
        fold_by_default=decision.fold_by_default,
    )
    _fold_authors_comments(session, author_id, evidence_ids)
    audit(
        session,
        action="throttle",
        case_id=case.id,
        user_id=author_id,
        reason="；".join(decision.reasons),
        evidence=decision.to_json(),
    )


def _fold_authors_comments(session: Session, author_id: int, ids: list[int]) -> None:
    """Fold the author's own evidence comments that were still shown (e.g. copy-paste that reads fine)."""
    session.execute(
        update(CommentVerdict)
        .where(
            CommentVerdict.comment_id.in_(ids),
            CommentVerdict.author_id == author_id,
            CommentVerdict.folded.is_(False),
        )
        .values(folded=True, fold_reason="throttled")
    )


def _comment_evidence(session: Session, ids: list[int]) -> list[dict[str, Any]]:
    rows = session.execute(
        select(Comment, CommentVerdict)
        .outerjoin(CommentVerdict, CommentVerdict.comment_id == Comment.id)
        .where(Comment.id.in_(ids))
        .order_by(Comment.id)
    ).all()
    return [
        {
            "comment_id": c.id,
            "author_id": c.author_id,
            "post_id": c.post_id,
            "body": c.body,
            "created_at": c.created_at.isoformat(),
            "low_value": v.low_value_reason if v else None,
            "offensive": bool(v and v.offensive),
            "copies": list(v.copies) if v else [],
        }
        for c, v in rows
    ]


def _common_circle(session: Session, comment_ids: list[int]) -> int | None:
    circles = set(
        session.scalars(
            select(Post.circle_id).join(Comment, Comment.post_id == Post.id).where(Comment.id.in_(comment_ids))
        )
    )
    return circles.pop() if len(circles) == 1 else None


# --- what the write path and the readers ask --------------------------------------------------


def comment_rule(session: Session, user: User) -> Rule:
    """The site's comment rate, or the throttled one while the account is throttled."""
    restriction = active_restriction(session, user.id, "comment_throttle")
    if restriction is None:
        return rate_limits.COMMENT
    return rate_limits.COMMENT.scaled(restriction.rate / rate_limits.COMMENT.count)


@dataclass(frozen=True)
class CommentFold:
    """What one viewer sees of a comment's assessment."""

    folded: bool
    fold_reason: str | None  # None for readers other than the writer and moderators
    score: int | None
    reasons: list[str] | None


def fold_states(session: Session, viewer: Viewer, post: Post, comments: list[Comment]) -> dict[int, CommentFold]:
    ids = [c.id for c in comments]
    verdicts = {
        v.comment_id: v for v in session.scalars(select(CommentVerdict).where(CommentVerdict.comment_id.in_(ids)))
    }
    out = {}
    for c in comments:
        v = verdicts.get(c.id)
        if v is None:
            continue  # not assessed yet: shown
        insider = authz.can_see_comment_quality(viewer, c, post)
        out[c.id] = CommentFold(
            folded=v.folded,
            fold_reason=_fold_text(v) if v.folded and insider else None,
            score=v.score if insider else None,
            reasons=list(v.reasons) if insider else None,
        )
    return out


def _fold_text(v: CommentVerdict) -> str | None:
    if v.fold_reason == "low_value":
        return v.low_value_reason
    return _FOLD_TEXT.get(v.fold_reason or "")


def folded_count(session: Session, viewer: Viewer, post_id: int) -> int:
    """How many comments under the post this viewer sees folded ("N 条低质评论已折叠")."""
    stmt = (
        select(func.count())
        .select_from(Comment)
        .join(CommentVerdict, CommentVerdict.comment_id == Comment.id)
        .where(Comment.post_id == post_id, CommentVerdict.folded.is_(True), authz.visible_comments_filter(viewer))
    )
    return int(session.scalar(stmt) or 0)


# --- 私信: the same barrier for messages ----------------------------------------------------

#: The same words sent into this many other conversations within the window fold as copy-paste.
_MESSAGE_COPIES = 2
_MESSAGE_WINDOW = timedelta(hours=24)
#: The sender's recent messages compared against (a spammer's pasting shows within these).
_MESSAGE_LOOKBACK = 200
MESSAGE_FOLD_TEXT = {
    "ad": N_("像广告或引流，已折叠"),
    "copy_paste": N_("同样的话发给了很多人，已折叠"),
}


def message_rule(session: Session, user: User) -> Rule:
    """The site's message rate, slowed like comments while the account is throttled."""
    restriction = active_restriction(session, user.id, "comment_throttle")
    if restriction is None:
        return rate_limits.MESSAGE
    return rate_limits.MESSAGE.scaled(restriction.rate / rate_limits.COMMENT.count)


def message_fold(session: Session, sender_id: int, body: str, conversation_id: int, *, stranger: bool) -> str | None:
    """Why a new message reaches its recipient folded, checked before it is stored: "ad" (ads or 引流
    to someone who is not a friend, the comment engine's rule) or "copy_paste" (the same words pasted into
    other conversations, the comment engine's copy-paste check); None when it reads as a message."""
    from nook.engine.comments import CopyPasteIndex, detect_low_value
    from nook.engine.text import normalize

    if not body:
        return None
    if stranger and detect_low_value(body, normalize(body), "").code == "ad":
        return "ad"
    rows = session.execute(
        select(Message.id, Message.body, Message.conversation_id)
        .where(
            Message.sender_id == sender_id,
            Message.conversation_id != conversation_id,
            Message.created_at >= utcnow() - _MESSAGE_WINDOW,
        )
        .order_by(Message.id.desc())
        .limit(_MESSAGE_LOOKBACK)
    ).all()
    index = CopyPasteIndex()
    index.add_many((str(r.id), r.body, str(r.conversation_id)) for r in rows)  # "author": the conversation
    elsewhere = {m.author for m in index.check(body)}
    return "copy_paste" if len(elsewhere) >= _MESSAGE_COPIES else None
