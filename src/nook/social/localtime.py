"""The community's calendar: days and weeks are cut in the site's time zone (`settings.timezone`)."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from nook.config import get_settings
from nook.store.base import utcnow


def site_zone() -> ZoneInfo:
    return ZoneInfo(get_settings().timezone)


def local_day(at: datetime, tz: ZoneInfo | None = None) -> date:
    """The community's date at the instant `at`."""
    return at.astimezone(tz or site_zone()).date()


def local_today(now: datetime | None = None) -> date:
    return local_day(now or utcnow())


def day_start(day: date, tz: ZoneInfo | None = None) -> datetime:
    """Midnight of a local day, in the community's time zone (DST-safe: midnight local)."""
    return datetime.combine(day, time(), tzinfo=tz or site_zone())
