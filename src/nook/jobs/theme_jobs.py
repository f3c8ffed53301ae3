"""Scheduled theme-week jobs: archive weeks that ended, and create fan clubs' birthday and anniversary weeks."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from nook.social.themes.fandom import create_auto_weeks
from nook.social.themes.weeks import archive_ended
from nook.store.models import JobRun


def archive_weeks(session: Session, run: JobRun, now: datetime) -> None:
    """Each ended week keeps its best posts as highlights; its page then reads as an archive."""
    archive_ended(session, now)


def fandom_weeks(session: Session, run: JobRun, now: datetime) -> None:
    """Birthday and anniversary weeks two weeks ahead; running again creates nothing twice."""
    create_auto_weeks(session, now)
