"""Campus (校园回忆) and same-city (同城) scenes of the demo, planned from the demo plan and loaded after it.

`plan_scenes` is pure and deterministic for a plan: second schools (江北大学 students who went to
南城一中, alumni who went on to 江北大学), a few members who keep their school to friends, circles
marked local to their city (one open to other cities), a new 武汉 circle, members who let their
activity count for 同城, and reunion posts where classmates of one class talk to each other. `scene_steps`
turns them into loader steps that go through the services, each at its planned time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from random import Random
from typing import Any

from sqlalchemy.orm import Session

from nook.demo.model import DemoPlan, DemoUser
from nook.demo.world import HIGH_SCHOOL, MAJORS, UNIVERSITY
from nook.social.authz import load_viewer
from nook.social.content import interactions, posts
from nook.social.people import circles
from nook.social.scenes import nearby, schools
from nook.store.base import frozen_time
from nook.store.models import User

Step = Callable[[Session, Any], None]  # (session, nook.demo.load.Ids)


@dataclass(frozen=True, slots=True)
class SceneSchool:
    username: str
    kind: str
    name: str
    enroll_year: int
    class_name: str
    school_privacy: str = "public"


@dataclass(frozen=True, slots=True)
class SceneLocality:
    slug: str
    city: str
    open_to_other_cities: bool


@dataclass(frozen=True, slots=True)
class SceneComment:
    author: str
    text: str
    at: datetime
    reply_to: int | None = None  # index into the reunion's comments


@dataclass(frozen=True, slots=True)
class Reunion:
    """A 说说 about school days, and classmates of the same class (and school) joining in."""

    author: str
    text: str
    at: datetime
    comments: tuple[SceneComment, ...]


@dataclass(frozen=True, slots=True)
class DemoScenes:
    schools: tuple[SceneSchool, ...]
    hidden_school: tuple[str, ...]  # members who show their first school to friends only
    localities: tuple[SceneLocality, ...]
    local_circle_owner: str  # owner of the new 武汉 circle
    local_circle_members: tuple[str, ...]
    city_from_activity: tuple[str, ...]
    city_off: tuple[str, ...]
    reunions: tuple[Reunion, ...]
    created_at: datetime


WUHAN_CIRCLE = ("wuhan-zaoguo", "武汉过早群", "热干面、豆皮、面窝:武汉的早餐江湖,开学季带新同学一起过早。")

_REUNION_POSTS = (
    "翻到高中毕业照,{school}{year}级{klass}的大家,现在都还好吗?",
    "路过{school}门口,校门刷了新漆,{klass}的教室窗户还是那扇。想大家了。",
    "今天整理旧物翻出了{klass}的同学录,每一页都是当年的字迹。",
    "{school}{year}级{klass}同学聚会定在暑假,有人要一起吗?",
)
_REUNION_COMMENTS = (
    "天哪这张照片!第二排最右边是我",
    "还记得晚自习停电那次吗,全班一起唱歌",
    "班主任今年退休了,要不要一起回去看看她",
    "同学录我也还留着,你写的那句话我现在还记得",
    "聚会算我一个!",
    "食堂的糖醋排骨,现在想起来都流口水",
)
_REUNION_REPLIES = ("哈哈你居然还记得", "一起一起,拉个群吧", "必须回去,我来订蛋糕")
_CROSS_POST = "在{uni}遇到了{school}的老同学,高中三年没说过几句话,现在成了饭搭子。"
_CROSS_COMMENTS = ("世界好小!", "你们是几班的呀?我也是{school}的", "缘分哈哈,下次过早叫上我")


def plan_scenes(plan: DemoPlan) -> DemoScenes:
    rng = Random(f"{plan.seed}:scenes")  # noqa: S311 - demo data must be reproducible
    users = sorted(plan.users, key=lambda u: u.username)
    schools = _second_schools(rng, users)
    groups = _classes(users, schools)
    reunions = _reunions(rng, groups, plan.now) + _cross_school(rng, users, schools, plan.now)
    hs = [u for u in users if u.school == HIGH_SCHOOL and u.school_kind == "高中"]
    wuhan = [u.username for u in users if u.city == "武汉" and u.school == UNIVERSITY]
    parents = [u.username for u in users if "育儿" in u.interests]
    return DemoScenes(
        schools=tuple(schools),
        hidden_school=tuple(sorted(u.username for u in rng.sample(hs, min(len(hs), max(1, len(hs) // 12))))),
        localities=(
            SceneLocality("hangzhou-baoma", "杭州", False),
            SceneLocality("chengdu-baoma", "成都", False),
            SceneLocality("chengdu-chihuo", "成都", True),
            SceneLocality("nancheng-yizhong", "杭州", True),
            SceneLocality(WUHAN_CIRCLE[0], "武汉", True),
        ),
        local_circle_owner=wuhan[0] if wuhan else users[0].username,
        local_circle_members=tuple(wuhan[1 : 1 + max(2, len(wuhan) // 4)]),
        city_from_activity=tuple(parents[::3]),
        city_off=tuple(parents[1:2]),
        reunions=tuple(reunions),
        created_at=plan.now - timedelta(days=20),
    )


def _second_schools(rng: Random, users: list[DemoUser]) -> list[SceneSchool]:
    """江北大学 students who went to 南城一中 three years before, and alumni who went on to 江北大学."""
    alumni_classes: dict[int, list[str]] = defaultdict(list)
    for u in users:
        if u.school == HIGH_SCHOOL and u.enroll_year and u.class_name:
            alumni_classes[u.enroll_year].append(u.class_name)
    out = []
    for u in users:
        if u.school == UNIVERSITY and u.enroll_year and rng.random() < 0.4:
            year = u.enroll_year - 3
            klass = rng.choice(sorted(set(alumni_classes.get(year, []))) or ["3班"])
            out.append(SceneSchool(u.username, "高中", HIGH_SCHOOL, year, klass))
        elif u.school == HIGH_SCHOOL and u.enroll_year and u.enroll_year <= 2019 and rng.random() < 0.35:
            year = u.enroll_year + 3
            out.append(SceneSchool(u.username, "大学", UNIVERSITY, year, f"{rng.choice(MAJORS)}{year % 100:02d}01班"))
    return out


def _classes(users: list[DemoUser], extra: list[SceneSchool]) -> dict[tuple[int, str], list[str]]:
    """Who was in each 南城一中 (year, class), from profiles and second schools alike."""
    groups: dict[tuple[int, str], list[str]] = defaultdict(list)
    for u in users:
        if u.school == HIGH_SCHOOL and u.enroll_year and u.class_name:
            groups[(u.enroll_year, u.class_name)].append(u.username)
    for s in extra:
        if s.name == HIGH_SCHOOL:
            groups[(s.enroll_year, s.class_name)].append(s.username)
    return groups


def _reunions(rng: Random, groups: dict[tuple[int, str], list[str]], now: datetime) -> list[Reunion]:
    """Up to four classes of former students (not current ones) reminisce together."""
    old = sorted(((y, k), names) for (y, k), names in groups.items() if y <= 2020 and len(names) >= 3)
    out = []
    for (year, klass), names in rng.sample(old, min(4, len(old))):
        author, *mates = rng.sample(names, min(len(names), 5))
        at = now - timedelta(days=rng.randint(2, 18), hours=rng.randint(0, 10))
        text = rng.choice(_REUNION_POSTS).format(school=HIGH_SCHOOL, year=year, klass=klass)
        comments = [
            SceneComment(m, rng.choice(_REUNION_COMMENTS), at + timedelta(minutes=20 + 35 * i))
            for i, m in enumerate(mates)
        ]
        comments.append(SceneComment(author, rng.choice(_REUNION_REPLIES), at + timedelta(hours=4), reply_to=0))
        out.append(Reunion(author, text, at, tuple(comments)))
    return out


def _cross_school(rng: Random, users: list[DemoUser], extra: list[SceneSchool], now: datetime) -> list[Reunion]:
    """A 江北大学 student who went to 南城一中 meets an old classmate; students of both schools comment."""
    both = [s.username for s in extra if s.name == HIGH_SCHOOL]
    uni = [u.username for u in users if u.school == UNIVERSITY]
    hs = [u.username for u in users if u.school == HIGH_SCHOOL]
    if len(both) < 2 or not uni or not hs:
        return []
    author, friend = rng.sample(both, 2)
    at = now - timedelta(days=rng.randint(1, 6))
    commenters = [friend, rng.choice([u for u in uni if u not in (author, friend)] or uni), rng.choice(hs)]
    comments = tuple(
        SceneComment(who, text.format(school=HIGH_SCHOOL), at + timedelta(minutes=30 * (i + 1)))
        for i, (who, text) in enumerate(zip(commenters, _CROSS_COMMENTS, strict=True))
    )
    return [Reunion(author, _CROSS_POST.format(uni=UNIVERSITY, school=HIGH_SCHOOL), at, comments)]


# --- loading --------------------------------------------------------------------------------------


def scene_steps(scenes: DemoScenes) -> list[Step]:
    steps: list[Step] = [_school_step(s) for s in scenes.schools]
    steps += [_hide_step(name) for name in scenes.hidden_school]
    steps.append(_circle_step(scenes))
    steps += [_locality_step(loc, scenes.created_at) for loc in scenes.localities]
    steps += [_settings_step(name, True, True) for name in scenes.city_from_activity]
    steps += [_settings_step(name, False, False) for name in scenes.city_off]
    steps += [_reunion_step(r) for r in scenes.reunions]
    return steps


def _user(session: Session, ids: Any, username: str) -> User:
    user = session.get(User, ids.users[username])
    assert user is not None
    return user


def _school_step(s: SceneSchool) -> Step:
    def step(session: Session, ids: Any) -> None:
        fields = {"kind": s.kind, "name": s.name, "enroll_year": s.enroll_year, "class_name": s.class_name}
        schools.add_school(session, _user(session, ids, s.username), fields | {"school_privacy": s.school_privacy})

    return step


def _hide_step(username: str) -> Step:
    def step(session: Session, ids: Any) -> None:
        user = _user(session, ids, username)
        for row in schools.schools_of(session, user.id)[:1]:
            schools.update_school(session, user, row.id, {"school_privacy": "friends", "year_privacy": "friends"})

    return step


def _circle_step(scenes: DemoScenes) -> Step:
    slug, name, description = WUHAN_CIRCLE

    def step(session: Session, ids: Any) -> None:
        owner = _user(session, ids, scenes.local_circle_owner)
        with frozen_time(scenes.created_at):
            circle = circles.create_circle(
                session, owner, slug=slug, name=name, description=description, kind="city", city="武汉"
            )
            for member in scenes.local_circle_members:
                circles.join(session, _user(session, ids, member), circle)
            session.flush()
        ids.circles[slug] = circle.id

    return step


def _locality_step(loc: SceneLocality, at: datetime) -> Step:
    def step(session: Session, ids: Any) -> None:
        circle = circles.get_circle(session, loc.slug)
        owner = session.get(User, circle.created_by)
        with frozen_time(at):
            viewer = load_viewer(session, owner)
            nearby.set_locality(session, viewer, circle, city=loc.city, open_to_other_cities=loc.open_to_other_cities)

    return step


def _settings_step(username: str, recommendations: bool, activity: bool) -> Step:
    def step(session: Session, ids: Any) -> None:
        nearby.update_settings(
            session, _user(session, ids, username), city_recommendations=recommendations, city_from_activity=activity
        )

    return step


def _reunion_step(r: Reunion) -> Step:
    def step(session: Session, ids: Any) -> None:
        author = _user(session, ids, r.author)
        with frozen_time(r.at):
            post = posts.create_post(session, load_viewer(session, author), author, body=r.text, visibility="public")
            session.flush()
        made: list[int] = []
        for c in r.comments:
            who = _user(session, ids, c.author)
            parent = made[c.reply_to] if c.reply_to is not None else None
            with frozen_time(c.at):
                viewer = load_viewer(session, who)
                row = interactions.comment(session, viewer, who, post.id, body=c.text, parent_id=parent)
                session.flush()
            made.append(row.id)

    return step


__all__ = ["DemoScenes", "plan_scenes", "scene_steps"]
