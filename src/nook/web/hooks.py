"""The composer's hook hint (nook.engine.hooks) and a circle's topic chips (nook.engine.suggest)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from nook.engine.hooks import detect_hook
from nook.engine.suggest import topic_chips
from nook.social.labels import HOOK_LABELS
from nook.store.models import Circle


@dataclass(frozen=True)
class Hint:
    present: bool
    label: str
    span: str
    suggestions: list[tuple[str, str]]


def hint_for(body: str) -> Hint | None:
    """None for an empty draft; otherwise whether it invites replies, and rewrites if it does not."""
    if not body.strip():
        return None
    hook = detect_hook(body[:2000])
    suggestions = [(HOOK_LABELS.get(s.type, s.type), s.text) for s in hook.suggestions[:3]]
    return Hint(hook.present, HOOK_LABELS.get(hook.type or "", ""), hook.span_text, suggestions)


def circle_topics(session: Session, circle_id: int | None) -> list[str]:
    """The circle's topic-pack prompts, rotated daily so they change; none outside a circle."""
    circle = session.get(Circle, circle_id) if circle_id else None
    return topic_chips(circle.name, offset=date.today().toordinal()) if circle else []
