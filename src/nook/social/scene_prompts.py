"""The scene prompts a member was shown (classmate prompt, same-city and classmate recommendations),
recorded once each, and marked acted on when the member then comments, asks to be friends or joins.

Operators' analytics read `scene_prompts` for "prompts shown → conversations started".
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from nook.jobs.handlers import on
from nook.store.base import utcnow
from nook.store.models import PROMPT_KINDS, ScenePrompt


def already_shown(
    session: Session,
    kind: str,
    viewer_id: int,
    *,
    post_id: int | None = None,
    subject_user_id: int | None = None,
    circle_id: int | None = None,
) -> bool:
    stmt = select(ScenePrompt.id).where(ScenePrompt.kind == kind, ScenePrompt.viewer_id == viewer_id)
    for column, value in (
        (ScenePrompt.post_id, post_id),
        (ScenePrompt.subject_user_id, subject_user_id),
        (ScenePrompt.circle_id, circle_id),
    ):
        if value is not None:
            stmt = stmt.where(column == value)
    return session.scalar(stmt.limit(1)) is not None


def record(
    session: Session,
    kind: str,
    viewer_id: int,
    *,
    post_id: int | None = None,
    subject_user_id: int | None = None,
    circle_id: int | None = None,
) -> ScenePrompt:
    assert kind in PROMPT_KINDS
    row = ScenePrompt(
        kind=kind, viewer_id=viewer_id, post_id=post_id, subject_user_id=subject_user_id, circle_id=circle_id
    )
    session.add(row)
    session.flush()
    return row


def record_once(
    session: Session, kind: str, viewer_id: int, *, subject_user_id: int | None = None, circle_id: int | None = None
) -> None:
    """A recommendation seen again on another visit is the same prompt: log it the first time only."""
    if not already_shown(session, kind, viewer_id, subject_user_id=subject_user_id, circle_id=circle_id):
        record(session, kind, viewer_id, subject_user_id=subject_user_id, circle_id=circle_id)


def _act(session: Session, p: dict[str, Any], *conds: Any) -> None:
    stmt = update(ScenePrompt).where(ScenePrompt.acted_at.is_(None), *conds)
    session.execute(stmt.values(acted_at=p.get("at") or utcnow()))


@on("comment")
def _on_comment(session: Session, p: dict[str, Any]) -> None:
    _act(
        session,
        p,
        ScenePrompt.kind == "campus",
        ScenePrompt.viewer_id == p["actor_id"],
        ScenePrompt.post_id == p["post_id"],
    )
    from nook.social import campus  # late: campus records its prompts through this module

    campus.notify_classmates(session, p)


@on("friend_request")
@on("friend_accept")
def _on_friend(session: Session, p: dict[str, Any]) -> None:
    _act(
        session,
        p,
        ScenePrompt.kind.in_(("classmate_friend", "city_member")),
        ScenePrompt.viewer_id == p["actor_id"],
        ScenePrompt.subject_user_id == p["user_id"],
    )


@on("circle_join")
@on("circle_request")
def _on_join(session: Session, p: dict[str, Any]) -> None:
    _act(
        session,
        p,
        ScenePrompt.kind == "city_circle",
        ScenePrompt.viewer_id == p["actor_id"],
        ScenePrompt.circle_id == p["circle_id"],
    )
