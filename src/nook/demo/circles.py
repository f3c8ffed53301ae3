"""Circles and their members: interest circles, the fan club, 同城宝妈群, campus and class circles."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from random import Random

from nook.demo.content_fandom import IDOL
from nook.demo.model import DemoCircle
from nook.demo.people import Person
from nook.demo.world import CIRCLES, CLASS_CIRCLE_ROLE, HIGH_SCHOOL, HS, CircleSpec

_MIN_MEMBERS = 3


@dataclass(frozen=True, slots=True)
class Circles:
    circles: tuple[DemoCircle, ...]
    roles: dict[str, str]  # slug -> the role topics refer to


def make_circles(rng: Random, people: list[Person], now: datetime) -> Circles:
    specs = [*CIRCLES, _class_spec(people)]
    circles = tuple(_circle(rng, spec, people, now) for spec in specs)
    return Circles(circles, {spec.slug: spec.role for spec in specs})


def _class_spec(people: list[Person]) -> CircleSpec:
    """The oldest 高中 class still at school gets its own circle, e.g. 南城一中2021级3班."""
    students = [p.user for p in people if p.segment == HS]
    year = min(u.enroll_year or 9999 for u in students)
    klass = min(u.class_name or "" for u in students if u.enroll_year == year)
    return CircleSpec(
        CLASS_CIRCLE_ROLE, f"nancheng-{year}-{klass.removesuffix('班')}", f"{HIGH_SCHOOL}{year}级{klass}",
        f"{year}级{klass}的班级圈。作业、通知、毕业倒计时,还有只属于我们的回忆。", "campus", "杭州",
        "approval", None, HIGH_SCHOOL, 1.0,
    )  # fmt: skip


def _eligible(spec: CircleSpec, person: Person) -> bool:
    user = person.user
    if spec.interest and spec.interest not in user.interests:
        return False
    if spec.school and spec.school != user.school:
        return False
    if spec.role == CLASS_CIRCLE_ROLE and f"{user.enroll_year}级{user.class_name}" not in spec.name:
        return False
    return spec.kind != "city" or spec.city == user.city


def _circle(rng: Random, spec: CircleSpec, people: list[Person], now: datetime) -> DemoCircle:
    members = [p.user.username for p in people if _eligible(spec, p) and rng.random() < spec.odds]
    if len(members) < _MIN_MEMBERS:  # tiny plans: top up so every circle has some life
        others = [p.user.username for p in people if p.user.username not in members]
        members += rng.sample(others, min(_MIN_MEMBERS - len(members), len(others)))
    owner = rng.choice(members)
    rest = [m for m in members if m != owner]
    moderators = tuple(rng.sample(rest, min(len(rest) // 8 + 1, 2, len(rest))))
    return DemoCircle(
        slug=spec.slug,
        name=spec.name,
        description=spec.description,
        kind=spec.kind,
        city=spec.city,
        join_policy=spec.join_policy,
        owner=owner,
        moderators=moderators,
        members=tuple(members),
        created_at=now - timedelta(days=rng.uniform(200, 400)),
        idol=IDOL if spec.kind == "fanclub" else None,
    )
