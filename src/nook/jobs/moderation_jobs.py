"""Scheduled moderation jobs: the incremental ring scan, and restrictions that run out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from nook.config import get_settings
from nook.social.moderation.cases import audit
from nook.social.moderation.rings import scan_rings
from nook.store.models import JobRun, Restriction


def ring_interval() -> timedelta | None:
    minutes = get_settings().rings_scan_minutes
    return timedelta(minutes=minutes) if minutes > 0 else None


def ring_scan(session: Session, run: JobRun, now: datetime) -> None:
    """Look for rings active since the last scan (with the lookback days of context behind them)."""
    lookback = timedelta(days=get_settings().rings_lookback_days)
    start = max(datetime.fromtimestamp(run.cursor, UTC), now - lookback)
    scan_rings(session, start=start, end=now, lookback=lookback)
    run.cursor = int(now.timestamp())


def expire_restrictions(session: Session, run: JobRun, now: datetime) -> None:
    """A throttle that ran out stops applying anyway; this records it in the audit trail."""
    done = session.scalars(
        select(Restriction).where(
            Restriction.active.is_(True), Restriction.until.is_not(None), Restriction.until <= now
        )
    ).all()
    for r in done:
        r.active = False
        audit(session, action="expire", case_id=r.case_id, user_id=r.user_id, reason="限流期满，自动解除", evidence={})
