"""Demo users: students of 南城一中 and 江北大学, alumni, parents, and the like-ring's accounts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from random import Random

from nook.demo import names
from nook.demo.model import DemoUser, SchoolKind
from nook.demo.world import (
    ALUMNI,
    CITIES,
    DEMO_PASSWORD,
    HIGH_SCHOOL,
    HS,
    MAJORS,
    PARENT,
    SEGMENTS,
    UNIVERSITY,
    Segment,
)


@dataclass(frozen=True, slots=True)
class Person:
    """A demo user plus the hidden traits that drive their activity."""

    user: DemoUser
    segment: str
    popularity: float  # how much attention their posts get
    activity: float  # how often they post

    @property
    def tags(self) -> frozenset[str]:
        return frozenset((*self.user.interests, self.segment))


@dataclass(frozen=True, slots=True)
class _School:
    name: str
    kind: SchoolKind
    year: int
    class_name: str
    age_at_entry: int


def make_people(rng: Random, count: int, now: datetime) -> list[Person]:
    """`count` ordinary users, split across the segments in `world.SEGMENTS`."""
    taken: set[str] = set()
    nicknames: set[str] = set()
    people: list[Person] = []
    for segment in SEGMENTS:
        share = max(2, round(count * segment.share))
        classes = _class_names(rng, segment, share)
        for _ in range(share):
            school = _school(rng, segment, classes)
            user = _user(rng, segment, school, now, taken, nicknames)
            people.append(Person(user, segment.name, rng.lognormvariate(0, 0.6), _activity(rng)))
    return people[:count] if len(people) > count else people


def _activity(rng: Random) -> float:
    # heavy tail: most people post now and then, a few post every day
    return min(rng.paretovariate(1.4), 15.0)


def _class_names(rng: Random, segment: Segment, share: int) -> list[str]:
    per_year = share / len(segment.years)
    if segment.name in (HS, ALUMNI):
        n = max(2, round(per_year / 13))
        return [f"{k}班" for k in sorted(rng.sample(range(1, 16), min(n, 15)))]
    majors = MAJORS[: min(len(MAJORS), max(2, round(per_year / 5)))]
    return [f"{m}{{yy}}0{k}班" for m in majors for k in (1, 2)]


def _school(rng: Random, segment: Segment, classes: list[str]) -> _School | None:
    year = rng.choice(segment.years)
    klass = rng.choice(classes).replace("{yy}", f"{year % 100:02d}")
    if segment.name in (HS, ALUMNI):
        return _School(HIGH_SCHOOL, "高中", year, klass, 15)
    if segment.name == PARENT and rng.random() < 0.4:
        return None
    return _School(UNIVERSITY, "大学", year, klass, 18)


def _user(
    rng: Random, segment: Segment, school: _School | None, now: datetime, taken: set[str], nicks: set[str]
) -> DemoUser:
    (sur, sur_py), (given, given_py) = rng.choice(names.SURNAMES), rng.choice(names.GIVEN_NAMES)
    birthday = _birthday(rng, school)
    interests = _interests(rng, segment)
    return DemoUser(
        username=_unique(f"{sur_py}_{given_py}", taken, rng),
        nickname=_nickname(rng, sur, given, nicks),
        password=DEMO_PASSWORD,
        bio=_bio(rng, interests),
        school=school.name if school else None,
        school_kind=school.kind if school else None,
        enroll_year=school.year if school else None,
        class_name=school.class_name if school else None,
        city=_weighted(rng, segment.cities),
        interests=interests,
        birthday=birthday,
        avatar_seed=rng.randrange(1 << 30),
        joined_at=_joined(now - timedelta(days=rng.uniform(90, 900)), school),
    )


def _joined(at: datetime, school: _School | None) -> datetime:
    """Nobody signs up before the year before they enrolled (the profile refuses such a 入学年份)."""
    return max(at, datetime(school.year - 1, 1, 1, tzinfo=at.tzinfo)) if school else at


def _birthday(rng: Random, school: _School | None) -> date:
    year = school.year - school.age_at_entry if school else rng.randint(1986, 1993)
    return date(year, rng.randint(1, 12), rng.randint(1, 28))


def _interests(rng: Random, segment: Segment) -> tuple[str, ...]:
    chosen = list(segment.fixed_interests)
    want = len(chosen) + rng.randint(2, 3)
    while len(chosen) < want:
        tag = _weighted(rng, segment.interests)
        if tag not in chosen:
            chosen.append(tag)
    return tuple(chosen)


def _weighted(rng: Random, options: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


def _unique(base: str, taken: set[str], rng: Random) -> str:
    name = base
    while name in taken:
        name = f"{base}{rng.randint(1, 999)}"
    taken.add(name)
    return name


def _nickname(rng: Random, sur: str, given: str, nicks: set[str]) -> str:
    for _ in range(6):
        nick = rng.choice(names.NICKNAME_STYLES).format(s=sur, g=given, g1=given[-1])
        if nick not in nicks:
            break
    else:
        nick = f"{nick}{rng.randint(2, 99)}"
    nicks.add(nick)
    return nick


def _bio(rng: Random, interests: tuple[str, ...]) -> str:
    own = [b for tag in interests for b in names.BIOS_BY_INTEREST.get(tag, ())]
    return rng.choice(own) if own and rng.random() < 0.6 else rng.choice(names.GENERIC_BIOS)


def make_ring_accounts(rng: Random, count: int, now: datetime, taken: set[str]) -> list[DemoUser]:
    """Bulk-registered-looking accounts: recent, empty profile, digits in the name."""
    accounts = []
    for _ in range(count):
        digits = rng.randint(10000, 99999)
        accounts.append(
            DemoUser(
                username=_unique(f"u{digits}", taken, rng),
                nickname=f"{rng.choice(names.RING_NICKNAMES)}{digits % 10000}",
                password=DEMO_PASSWORD,
                bio="",
                school=None,
                school_kind=None,
                enroll_year=None,
                class_name=None,
                city=rng.choice(CITIES),
                interests=(),
                birthday=date(rng.randint(1995, 2004), rng.randint(1, 12), rng.randint(1, 28)),
                avatar_seed=rng.randrange(1 << 30),
                joined_at=now - timedelta(days=rng.uniform(3, 20)),
            )
        )
    return accounts


def make_admin(now: datetime) -> DemoUser:
    return DemoUser(
        username="admin",
        nickname="心角管理员",
        password=DEMO_PASSWORD,
        bio="心角的管理员。有问题在留言板找我。",
        school=None,
        school_kind=None,
        enroll_year=None,
        class_name=None,
        city="杭州",
        interests=(),
        birthday=date(1990, 1, 1),
        avatar_seed=1,
        joined_at=now - timedelta(days=400),
        is_admin=True,
    )
