"""The barrier (issue 5): every comment is assessed after commit, low-value and offensive ones are
folded (never deleted), copy-paste is clustered across accounts, ads and chain letters go to the
moderators as a case, and an account whose comments are a pattern is warned first, kindly, on the
comment itself; only a pattern that goes on after the warning throttles it, for a day, announced in
its notifications with the way to appeal. Rituals (沙发, 顶) are folded and never punished.

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
from sqlalchemy.orm import Session, aliased

from nook.config import get_settings
from nook.phrases import N_
from nook.security import rate_limits
from nook.security.ratelimit import Rule
from nook.social import authz
from nook.social.assist import engine_memo
from nook.social.assist.engine_memo import CommentInputs, Work
from nook.social.authz import Viewer
from nook.social.content import counts
from nook.social.moderation.cases import active_restriction, audit, open_case
from nook.store.base import utcnow
from nook.store.models import (
    Album,
    AlbumPhoto,
    AuditEntry,
    Comment,
    CommentVerdict,
    CopyCluster,
    Message,
    ModerationCase,
    Notification,
    PhotoComment,
    Post,
    PostFields,
    User,
)

if TYPE_CHECKING:
    from nook.engine.comments import BarrierSettings, CommentAssessment, CopyPasteIndex

#: Matching comments kept as evidence per comment.
_MAX_COPIES = 10
_FOLD_TEXT = {
    "offensive": N_("含有攻击性或冒犯的说法"),
    "throttled": N_("作者近期低质评论过多，正在限流中，评论默认折叠"),
    "copy_paste": N_("和别处的评论几乎一字不差（复制粘贴）"),
}
#: The kind word shown on the comment that set off a warning (its writer and moderators only).
WARNING = N_(
    "最近几条评论都是套话或灌水，已被折叠。说说你读到这条说说的真实想法吧，大家会更愿意回你；"
    "一直这样的话，评论会被暂时限速。"
)
#: The case kind for comments that look like ads or chain letters.
SPAM_CASE = "spam_comment"


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
    if before_id <= _index.high_water + 1:  # no id lies between: the next of a run of new comments
        return _index
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


def _inputs(body: str, post_body: str, parent_body: str | None) -> CommentInputs:
    """A comment is scored against the reply it answers (and then its post too), else against its post."""
    if parent_body is None:
        return CommentInputs(body, post_body)
    return CommentInputs(body, parent_body, post_body)


def comment_work(session: Session, payloads: list[dict[str, Any]]) -> Work:
    """What `assess_new_comment` will ask the engine for these events' comments (read in one query)."""
    ids = [p["comment_id"] for p in payloads]
    parent, assessed = aliased(Comment), CommentVerdict.comment_id.in_(ids)
    rows = session.execute(
        select(Comment.body, Post.body, parent.body)
        .join(Post, Post.id == Comment.post_id)
        .outerjoin(parent, parent.id == Comment.parent_id)
        .where(Comment.id.in_(ids), Comment.id.not_in(select(CommentVerdict.comment_id).where(assessed)))
    ).all()
    return Work(comments=[_inputs(*row) for row in rows])


def assess_new_comment(session: Session, payload: dict[str, Any]) -> None:
    """Score the comment against what it answers, fold it if it adds nothing, then check its author."""
    comment = session.get(Comment, payload["comment_id"])
    if comment is None or session.get(CommentVerdict, comment.id) is not None:
        return  # deleted before we got to it, or already assessed
    post = session.get(Post, comment.post_id)
    parent = session.get(Comment, comment.parent_id) if comment.parent_id else None
    assert post is not None
    result = engine_memo.assess_comment(*_inputs(comment.body, post.body, parent.body if parent else None))
    copies = _copied_comments(session, comment)
    throttle = active_restriction(session, comment.author_id, "comment_throttle")
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
        created_at=comment.created_at,
    )
    verdict.fold_reason = _fold_reason(result, throttle is not None and throttle.fold_by_default, copies)
    verdict.folded = verdict.fold_reason is not None
    session.add(verdict)
    session.flush()
    if copies:
        _join_cluster(session, verdict, copies)
    if result.low_value.moderate:
        _report_spam(session, comment, result)
    if throttle is None:
        _check_pattern(session, comment)


def assess_photo_comment(session: Session, payload: dict[str, Any]) -> None:
    """A photo's comment, scored against the photo's caption (or its album's title): folded when
    offensive or low-value, or while its writer is throttled with comments folded by default. (The
    copy-paste index and the pattern checks read post comments only.)"""
    from nook.engine.comments import assess_comment

    comment = session.get(PhotoComment, payload["photo_comment_id"])
    if comment is None or comment.assessed:
        return  # deleted before we got to it, or already assessed
    photo = session.get(AlbumPhoto, comment.photo_id)
    album = session.get(Album, photo.album_id) if photo is not None else None
    answered = (photo.caption if photo else "") or (album.title if album else "")
    result = assess_comment(comment.body, answered)
    throttle = active_restriction(session, comment.author_id, "comment_throttle")
    comment.fold_reason = _fold_reason(result, throttle is not None and throttle.fold_by_default, [])
    comment.folded = comment.fold_reason is not None
    comment.low_value_reason = result.low_value.reason if result.low_value.flag else None
    comment.assessed = True


def photo_fold_text(comment: PhotoComment) -> str | None:
    """Why a photo's comment is folded, for its writer and moderators (None while shown)."""
    return _fold_text(comment.fold_reason, comment.low_value_reason) if comment.folded else None


def _fold_reason(result: CommentAssessment, throttled: bool, copies: list[int]) -> str | None:
    """The one reason a comment is folded, the one that decided (None: shown)."""
    if result.offensive.flag:
        return "offensive"
    if result.low_value.flag:
        return "low_value"
    if throttled:
        return "copy_paste" if copies else "throttled"
    return None


def _report_spam(session: Session, comment: Comment, result: CommentAssessment) -> None:
    """An ad or a chain letter goes to the moderators: the author's open case grows, or a new one opens."""
    evidence = _comment_evidence(session, [comment.id])
    restriction = active_restriction(session, comment.author_id, SPAM_CASE)
    pending = session.get(ModerationCase, restriction.case_id) if restriction else None
    if pending is not None and pending.status == "open":
        pending.evidence = {**pending.evidence, "comments": [*pending.evidence.get("comments", []), *evidence]}
        return
    case = open_case(
        session,
        kind=SPAM_CASE,
        user_ids=[comment.author_id],
        reasons=[str(result.low_value.reason)],
        evidence={"by_reason": {str(result.low_value.code): [comment.id]}, "comments": evidence},
        circle_id=_common_circle(session, [comment.id]),
        until=utcnow() + barrier_settings().duration,
        rate=rate_limits.COMMENT.count,
    )
    audit(session, action="report", case_id=case.id, user_id=comment.author_id, reason=case.reasons[0], evidence={})
    _announce(session, comment.author_id, "spam_review", comment.id)


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


def _check_pattern(session: Session, comment: Comment) -> None:
    """Ask the engine's policy about the author's recent comments: warn on the comment, or throttle
    with evidence, a case and a notification that says how to appeal."""
    from nook.engine.comments import RecentComment, decide_throttle

    author_id = comment.author_id
    settings, now = barrier_settings(), utcnow()
    rows = session.scalars(
        select(CommentVerdict).where(
            CommentVerdict.author_id == author_id,
            CommentVerdict.created_at >= now - settings.window,
            CommentVerdict.cleared.is_(False),
        )
    ).all()
    verdicts = [
        RecentComment(
            str(r.comment_id),
            r.created_at,
            r.low_value,
            r.offensive,
            tuple(str(c) for c in r.copies),
            r.low_value_code,
        )
        for r in rows
    ]
    warned_at = session.scalar(
        select(func.max(AuditEntry.at)).where(AuditEntry.user_id == author_id, AuditEntry.action == "warn")
    )
    decision = decide_throttle(verdicts, now=now, settings=settings, warned_at=warned_at)
    if decision.warn:
        evidence = {"comment_id": comment.id, **decision.to_json()}
        audit(session, action="warn", user_id=author_id, reason="；".join(decision.reasons), evidence=evidence)
        return
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
    _announce(session, author_id, "throttle", comment.id)


def _announce(session: Session, user_id: int, kind: str, comment_id: int) -> None:
    """Tell the member in their notifications; the page links to 设置, where they may appeal."""
    session.add(Notification(user_id=user_id, actor_id=user_id, kind=kind, comment_id=comment_id, created_at=utcnow()))


def _fold_authors_comments(session: Session, author_id: int, ids: list[int]) -> None:
    """Fold the author's own copy-paste evidence that was still shown: it reads fine, but it is a copy."""
    shown = session.scalars(
        select(CommentVerdict).where(
            CommentVerdict.comment_id.in_(ids),
            CommentVerdict.author_id == author_id,
            CommentVerdict.folded.is_(False),
        )
    )
    for v in shown:
        if v.copies:
            v.folded, v.fold_reason = True, "copy_paste"
    counts.refresh(session, session.scalars(select(Comment.post_id).where(Comment.id.in_(ids))))


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
    warning: str | None = None  # the kind word on the comment that set off a warning (insiders only)
    warm: bool = False  # the engine calls it warm, with substance (走心)


def fold_states(
    session: Session, viewer: Viewer, posts: dict[int, PostFields], comments: list[Comment]
) -> dict[int, CommentFold]:
    """What this viewer sees of each comment's verdict, in one query (`posts`: each comment's post by id)."""
    from nook.engine.comments import is_warm

    ids = [c.id for c in comments]
    if not ids:
        return {}
    v = CommentVerdict
    stmt = select(v.comment_id, v.folded, v.fold_reason, v.low_value_reason, v.score, v.reasons, v.components)
    verdicts = {row.comment_id: row for row in session.execute(stmt.where(v.comment_id.in_(ids)))}
    insiders = {c.id for c in comments if authz.can_see_comment_quality(viewer, c, posts[c.post_id])}
    warned = _warned_comments(session, [c for c in comments if c.id in insiders])
    out = {}
    for c in comments:
        row = verdicts.get(c.id)
        if row is None:
            continue  # not assessed yet: shown
        insider = c.id in insiders
        out[c.id] = CommentFold(
            folded=row.folded,
            fold_reason=_fold_text(row.fold_reason, row.low_value_reason) if row.folded and insider else None,
            score=row.score if insider else None,
            reasons=list(row.reasons) if insider else None,
            warning=WARNING if c.id in warned else None,
            warm=insider and not row.folded and is_warm(row.score, row.components),
        )
    return out


def _warned_comments(session: Session, comments: list[Comment]) -> set[int]:
    """Which of these comments set off a warning to their writer."""
    authors = {c.author_id for c in comments}
    if not authors:
        return set()
    entries = session.scalars(
        select(AuditEntry.evidence).where(AuditEntry.action == "warn", AuditEntry.user_id.in_(authors))
    )
    ids = {c.id for c in comments}
    return {e["comment_id"] for e in entries if e.get("comment_id") in ids}


def _fold_text(fold_reason: str | None, low_value_reason: str | None) -> str | None:
    if fold_reason == "low_value":
        return low_value_reason
    return _FOLD_TEXT.get(fold_reason or "")


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
