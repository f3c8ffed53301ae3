"""Processing the outbox: each event is claimed and handled in one transaction, exactly once."""

from __future__ import annotations

import logging

from sqlalchemy import select, update

from nook.jobs.handlers import handlers_for
from nook.store.base import utcnow
from nook.store.db import affected, session_factory
from nook.store.models import Event

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5


def process_pending(limit: int = 500) -> int:
    """Handle up to `limit` unprocessed events; returns how many were handled."""
    with session_factory()() as session:
        ids = session.scalars(
            select(Event.id)
            .where(Event.processed_at.is_(None), Event.attempts < MAX_ATTEMPTS)
            .order_by(Event.id)
            .limit(limit)
        ).all()
    return sum(_process_one(event_id) for event_id in ids)


def _process_one(event_id: int) -> bool:
    session = session_factory()()
    try:
        # The conditional UPDATE is the claim: a second worker racing for it updates no row.
        claimed = affected(
            session,
            update(Event)
            .where(Event.id == event_id, Event.processed_at.is_(None))
            .values(processed_at=utcnow(), attempts=Event.attempts + 1),
        )
        if not claimed:
            session.rollback()
            return False
        event = session.get(Event, event_id)
        assert event is not None
        payload = {**event.payload, "kind": event.kind, "at": event.created_at}
        for handler in handlers_for(event.kind):
            handler(session, payload)
        session.commit()
        return True
    except Exception:
        session.rollback()
        log.exception("event %s failed; it will be retried", event_id)
        _count_attempt(event_id)
        return False
    finally:
        session.close()


def _count_attempt(event_id: int) -> None:
    with session_factory()() as session:
        session.execute(update(Event).where(Event.id == event_id).values(attempts=Event.attempts + 1))
        session.commit()
