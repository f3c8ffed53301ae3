"""Each user's space: 留言板 messages from friends (birthday wishes on the day) and the visitor log."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from random import Random

from nook.demo import clock
from nook.demo.audience import Audience
from nook.demo.compose import author_slots, fill
from nook.demo.content_talk import BIRTHDAY_MESSAGES, BIRTHDAY_REPLIES, BOARD_MESSAGES, BOARD_REPLIES
from nook.demo.model import DemoBoardMessage, DemoVisit
from nook.demo.people import Person

_REPLY_DELAY = timedelta(hours=6)
_Draft = tuple[str, str, str, datetime, str | None, datetime | None]  # owner, author, text, at, reply, reply_at


def board_messages(rng: Random, people: list[Person], audience: Audience, now: datetime) -> list[DemoBoardMessage]:
    hosts = [p for p in people if audience.friends.get(p.user.username)]
    if not hosts:
        return []
    drafts = [_ordinary(rng, p, audience, now) for p in _owners(rng, hosts, round(1.2 * len(people)))]
    for person in hosts:
        drafts += _birthday_wishes(rng, person, audience, now)
    drafts.sort(key=lambda d: (d[3], d[0], d[1]))
    return [DemoBoardMessage(f"b{i:06d}", *d) for i, d in enumerate(drafts, start=1)]


def _owners(rng: Random, people: list[Person], count: int) -> list[Person]:
    return rng.choices(people, weights=[p.popularity for p in people], k=count)


def _ordinary(rng: Random, owner: Person, audience: Audience, now: datetime) -> _Draft:
    author = rng.choice(audience.friends[owner.user.username])
    text = fill(rng.choice(BOARD_MESSAGES), rng, author_slots(owner.user, owner.segment), {})
    at = clock.moment_in_window(rng, now, margin=timedelta(0))
    return _with_reply(rng, owner.user.username, author, text, at, BOARD_REPLIES, 0.5, now)


def _birthday_wishes(rng: Random, owner: Person, audience: Audience, now: datetime) -> list[_Draft]:
    today = clock.local_day(now, 0)
    day = _last_occurrence(owner.user.birthday, today)
    if (today - day).days >= clock.WINDOW_DAYS:
        return []
    friends = audience.friends[owner.user.username]
    wishers = rng.sample(friends, min(len(friends), rng.randint(1, 4)))
    name = owner.user.username
    return [
        _with_reply(rng, name, w, rng.choice(BIRTHDAY_MESSAGES), _on(rng, day, now), BIRTHDAY_REPLIES, 0.7, now)
        for w in wishers
    ]


def _on(rng: Random, day: date, now: datetime) -> datetime:
    return min(clock.at_local(day, clock.random_hour(rng), rng), now - timedelta(minutes=30))


def _last_occurrence(birthday: date, today: date) -> date:
    this_year = birthday.replace(year=today.year)
    return this_year if this_year <= today else birthday.replace(year=today.year - 1)


def _with_reply(
    rng: Random,
    owner: str,
    author: str,
    text: str,
    at: datetime,
    bank: tuple[str, ...],
    odds: float,
    now: datetime,
) -> _Draft:
    reply_at = clock.later(rng, at, _REPLY_DELAY, now) if rng.random() < odds else None
    return owner, author, text, at, (rng.choice(bank) if reply_at else None), reply_at


def visits(
    rng: Random, people: list[Person], audience: Audience, messages: list[DemoBoardMessage], now: datetime
) -> list[DemoVisit]:
    """A visit before each board message, plus browsing: friends mostly, circle-mates, a few strangers."""
    found = [DemoVisit(m.author, m.owner, m.at - timedelta(seconds=rng.randint(30, 600))) for m in messages]
    for owner in _owners(rng, people, 6 * len(people)):
        name = owner.user.username
        pools = (audience.friends.get(name, ()), audience.mates(rng, name), audience.everyone)
        visitor = audience.pick(rng, pools, name)
        if visitor:
            found.append(DemoVisit(visitor, name, clock.moment_in_window(rng, now, margin=timedelta(0))))
    return sorted(found, key=lambda v: (v.at, v.owner, v.visitor))
