"""Writing events into the transactional outbox."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from nook.store.models import Event


def emit(session: Session, kind: str, **payload: Any) -> None:
    """Record that something happened; its side effects run after the transaction commits."""
    session.add(Event(kind=kind, payload=payload))
    session.info["has_events"] = True
