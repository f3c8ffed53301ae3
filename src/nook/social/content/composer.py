"""What the composer offers while a member writes: the hook hint (nook.engine.hooks) and a circle's topic chips."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from nook.engine.hooks import detect_hook
from nook.engine.suggest import hook_rewrites, topic_chips
from nook.social.labels import HOOK_LABELS
from nook.store.models import Circle

#: The engine reads at most this much of a draft for its hook (a hint, not an analysis).
HINT_CHARS = 2000


@dataclass(frozen=True)
class Hint:
    present: bool
    label: str
    span: str
    suggestions: list[tuple[str, str]]  # (label, line the rewrite adds to the draft) for up to three rewrites


def hint_for(body: str) -> Hint | None:
    """None for an empty draft; otherwise whether it invites replies, and if not, lines that would
    (the engine's mood- and topic-aware `hook_rewrites`; none for a draft that signals a crisis)."""
    if not body.strip():
        return None
    draft = body[:HINT_CHARS]
    hook = detect_hook(draft, suggest=False)
    rewrites = [] if hook.present else hook_rewrites(draft)
    kept = len(draft.rstrip())  # a rewrite keeps the draft and adds one line: the chip inserts just that line
    suggestions = [(HOOK_LABELS.get(s.type, s.type), s.text[kept:]) for s in rewrites[:3]]
    return Hint(hook.present, HOOK_LABELS.get(hook.type or "", ""), hook.span_text, suggestions)


def circle_topics(session: Session, circle_id: int | None) -> list[str]:
    """The circle's topic-pack prompts, rotated daily so they change; none outside a circle."""
    circle = session.get(Circle, circle_id) if circle_id else None
    return topic_chips(circle.name, offset=date.today().toordinal()) if circle else []
