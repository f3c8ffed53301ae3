"""When things happen: Beijing-time daily rhythm, stored as UTC, always before the plan's `now`."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from random import Random

BEIJING = timedelta(hours=8)
WINDOW_DAYS = 60
#: relative activity by Beijing hour 0..23: quiet before dawn, a lunch bump, a late-evening peak
_HOUR_WEIGHTS = (3, 1.5, 0.8, 0.4, 0.2, 0.3, 1, 2.5, 2.5, 2, 2, 2.5, 4, 3, 2, 2, 2.5, 3, 3.5, 4, 5, 6, 6.5, 5)
_HOURS = tuple(range(24))


def local_day(now: datetime, days_ago: int) -> date:
    return (now + BEIJING).date() - timedelta(days=days_ago)


def at_local(day: date, hour: int, rng: Random) -> datetime:
    """A moment in the given Beijing hour of `day`, as an aware UTC datetime."""
    local = datetime.combine(day, time(hour, rng.randrange(60), rng.randrange(60)), tzinfo=UTC)
    return local - BEIJING


def random_hour(rng: Random) -> int:
    return rng.choices(_HOURS, weights=_HOUR_WEIGHTS)[0]


def moment_in_window(rng: Random, now: datetime, margin: timedelta = timedelta(hours=1)) -> datetime:
    """A believable posting time in the last WINDOW_DAYS days, at least `margin` before now."""
    when = at_local(local_day(now, rng.randrange(WINDOW_DAYS)), random_hour(rng), rng)
    return when if when <= now - margin else when - timedelta(days=1)


def later(rng: Random, start: datetime, mean: timedelta, now: datetime) -> datetime | None:
    """A moment after `start` (exponential delay, whole seconds), or None if `now` leaves no room."""
    room = (now - start).total_seconds()
    if room < 10:
        return None
    delay = 1 + rng.expovariate(1 / mean.total_seconds())
    if delay >= room:
        delay = room * rng.uniform(0.1, 0.9)
    return start + timedelta(seconds=int(max(delay, 1)))
