"""The scene prompts a member was shown (classmate prompt, same-city and classmate recommendations),
recorded once each, and marked acted on when the member then comments, asks to be friends or joins.

Operators' analytics read `scene_prompts` for "prompts shown → conversations started".
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any, Literal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from nook.store.base import utcnow
from nook.store.first_writes import insert_or_existing
from nook.store.models import PROMPT_KINDS, ScenePrompt


def already_shown(session: Session, kind: str, viewer_id: int, post_id: int) -> bool:
    """Whether the viewer was already given this kind of prompt under the post."""
    stmt = select(ScenePrompt.id).where(
        ScenePrompt.kind == kind, ScenePrompt.viewer_id == viewer_id, ScenePrompt.post_id == post_id
    )
    return session.scalar(stmt.limit(1)) is not None


def record(
    session: Session, kind: str, viewer_id: int, *, post_id: int | None = None, subject_user_id: int | None = None
) -> tuple[ScenePrompt, bool]:
    """Log a prompt under a post: the row, and whether this call logged it (False when a request that
    logged it a moment earlier won, so the caller does not show or send it a second time)."""
    assert kind in PROMPT_KINDS
    row = ScenePrompt(kind=kind, viewer_id=viewer_id, post_id=post_id, subject_user_id=subject_user_id)
    same = select(ScenePrompt).where(
        ScenePrompt.kind == kind, ScenePrompt.viewer_id == viewer_id, ScenePrompt.post_id == post_id
    )
    return insert_or_existing(session, row, partial(session.scalar, same))


def record_once(
    session: Session, kind: str, viewer_id: int, field: Literal["subject_user_id", "circle_id"], ids: Sequence[int]
) -> None:
    """Recommendations seen again on another visit are the same prompts: log each the first time only
    (one query for the whole list, since the feed's side card shows them on every visit)."""
    assert kind in PROMPT_KINDS
    if not ids:
        return
    column = getattr(ScenePrompt, field)
    seen = set(
        session.scalars(
            select(column).where(ScenePrompt.kind == kind, ScenePrompt.viewer_id == viewer_id, column.in_(ids))
        )
    )
    # In id order: two visits logging overlapping lists wait for each other's rows in one order, never crosswise.
    for i in sorted(set(ids) - seen):
        same = select(ScenePrompt).where(ScenePrompt.kind == kind, ScenePrompt.viewer_id == viewer_id, column == i)
        insert_or_existing(
            session, ScenePrompt(kind=kind, viewer_id=viewer_id, **{field: i}), partial(session.scalar, same)
        )


def _act(session: Session, p: dict[str, Any], *conds: Any) -> None:
    stmt = update(ScenePrompt).where(ScenePrompt.acted_at.is_(None), *conds)
    session.execute(stmt.values(acted_at=p.get("at") or utcnow()))


def on_comment(session: Session, p: dict[str, Any]) -> None:
    _act(
        session,
        p,
        ScenePrompt.kind == "campus",
        ScenePrompt.viewer_id == p["actor_id"],
        ScenePrompt.post_id == p["post_id"],
    )


def on_friend(session: Session, p: dict[str, Any]) -> None:
    _act(
        session,
        p,
        ScenePrompt.kind.in_(("classmate_friend", "city_member")),
        ScenePrompt.viewer_id == p["actor_id"],
        ScenePrompt.subject_user_id == p["user_id"],
    )


def on_join(session: Session, p: dict[str, Any]) -> None:
    _act(
        session,
        p,
        ScenePrompt.kind == "city_circle",
        ScenePrompt.viewer_id == p["actor_id"],
        ScenePrompt.circle_id == p["circle_id"],
    )
