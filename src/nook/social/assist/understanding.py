"""The engine's understanding of posts and people, kept up to date after each commit.

Every new or edited post is analysed (emotion, scenes, keywords, hook); each member's interest
profile folds in what they post, comment on and like. Both run as outbox handlers, so a slow or
failing analysis never delays or breaks the member's own action.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from nook.engine import InterestProfile
from nook.social.assist import engine_memo
from nook.social.assist.engine_memo import Work
from nook.store.first_writes import insert_or_existing
from nook.store.models import Comment, MemberProfile, Poll, Post, PostAnalysis


def post_work(session: Session, payloads: list[dict[str, Any]]) -> Work:
    """The texts `on_post` will have the engine analyse for these events (read in one query)."""
    return Work(texts=list(session.scalars(select(Post.body).where(Post.id.in_([p["post_id"] for p in payloads])))))


def comment_work(session: Session, payloads: list[dict[str, Any]]) -> Work:
    """The comments' own words, which `on_comment` has the engine analyse (read in one query)."""
    ids = [p["comment_id"] for p in payloads]
    return Work(texts=list(session.scalars(select(Comment.body).where(Comment.id.in_(ids)))))


def analyse_post(session: Session, post: Post) -> PostAnalysis:
    result = engine_memo.analyse_text(post.body, post.id)
    if session.get(Poll, post.id) is not None:  # a poll asks every reader to answer: the hook it is
        result["hook"] = {**result["hook"], "present": True, "type": "poll"}
    row = session.get(PostAnalysis, post.id)
    if row is None:  # the after-commit job and a request for it may analyse a new post at once
        new = _fill(PostAnalysis(post_id=post.id), result)
        row, created = insert_or_existing(session, new, lambda: session.get(PostAnalysis, post.id))
        if created:
            return row
    return _fill(row, result)


def _fill(row: PostAnalysis, result: dict[str, Any]) -> PostAnalysis:
    emotion, hook = result["emotion"], result["hook"]
    row.emotion, row.state, row.intensity = emotion["label"], emotion["state"], float(emotion["intensity"])
    row.has_hook, row.hook_type = bool(hook["present"]), hook.get("type")
    row.result = result
    return row


def post_analysis(session: Session, post: Post) -> PostAnalysis:
    """The stored analysis, computed now if the job has not run yet."""
    return session.get(PostAnalysis, post.id) or analyse_post(session, post)


def _observe(
    session: Session, user_id: int, kind: str, about: dict[str, Any], at: float, own: dict[str, Any] | None = None
) -> None:
    """Fold one event into the member's profile: `about` is the post the event concerns."""
    row = session.get(MemberProfile, user_id)
    profile = InterestProfile.from_json(row.data) if row else InterestProfile()
    profile.observe(kind, about, at, own_words=own)
    if row is None:
        session.add(MemberProfile(user_id=user_id, data=profile.to_json()))
    else:
        row.data = profile.to_json()


def member_profile(session: Session, user_id: int) -> InterestProfile:
    row = session.get(MemberProfile, user_id)
    return InterestProfile.from_json(row.data) if row else InterestProfile()


def on_post(session: Session, p: dict[str, Any]) -> None:
    post = session.get(Post, p["post_id"])
    if post is None:  # deleted before the job ran
        return
    analysis = analyse_post(session, post)
    if p["kind"] == "post_created":
        _observe(session, post.author_id, "post", analysis.result, p["at"].timestamp())


def on_like(session: Session, p: dict[str, Any]) -> None:
    post = session.get(Post, p["post_id"])
    if post is not None:
        _observe(session, p["actor_id"], "like", post_analysis(session, post).result, p["at"].timestamp())


def on_comment(session: Session, p: dict[str, Any]) -> None:
    comment = session.get(Comment, p["comment_id"])
    post = session.get(Post, p["post_id"])
    if comment is not None and post is not None:
        # The comment's own feeling sets the commenter's mood; the post says what they are interested in.
        own = engine_memo.analyse_text(comment.body, comment.id)
        _observe(session, comment.author_id, "comment", post_analysis(session, post).result, p["at"].timestamp(), own)
