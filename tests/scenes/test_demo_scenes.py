"""The demo's campus and same-city scenes: planned consistently, and loaded through the services."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from nook.demo import DemoPlan, build_plan
from nook.demo.scenes import plan_scenes
from nook.social.authz import load_viewer
from nook.social.scenes import campus, classmates, nearby
from nook.store.db import transaction
from nook.store.models import CircleLocality, Notification, Post, ScenePrompt, User, UserSchool


def test_scenes_are_reproducible_and_hang_together() -> None:
    plan = build_plan(size=0.3)
    scenes = plan_scenes(plan)
    assert scenes == plan_scenes(build_plan(size=0.3))
    people = {u.username: u for u in plan.users}
    for s in scenes.schools:  # a second school three years before or after the profile's one
        first = people[s.username]
        assert s.name != first.school and abs(s.enroll_year - (first.enroll_year or 0)) == 3
    classes = {(u.username, u.enroll_year, u.class_name) for u in plan.users if u.school == "南城一中"}
    classes |= {(s.username, s.enroll_year, s.class_name) for s in scenes.schools if s.name == "南城一中"}
    for r in scenes.reunions[:-1]:  # the last one is the cross-school story
        year_class = {(y, k) for n, y, k in classes if n == r.author}
        for c in r.comments:
            assert year_class & {(y, k) for n, y, k in classes if n == c.author}, "a reunion comment by a non-classmate"
    assert {loc.city for loc in scenes.localities} == {"杭州", "成都", "武汉"}


@pytest.mark.slow
def test_loaded_demo_shows_campus_and_same_city_scenes(demo_loaded: DemoPlan) -> None:
    plan = demo_loaded
    scenes = plan_scenes(plan)
    with transaction() as s:
        assert s.scalar(select(func.count(UserSchool.id))) == len(plan.users) + 1 - _no_school(plan) + len(
            scenes.schools
        )
        assert s.scalar(select(func.count()).select_from(CircleLocality)) == len(scenes.localities)
        reunion = scenes.reunions[0]
        post = s.scalar(select(Post).where(Post.body == reunion.text))
        assert post is not None
        reader = s.scalar(select(User).where(User.username == reunion.comments[-2].author))
        viewer = load_viewer(s, reader)
        assert (
            post.id in {p.id for p in campus.classmates_feed(s, viewer, limit=50).items} or reader.id == post.author_id
        )
        # a classmate of the class talked there: the reader hears of it once, as a notification or inline
        prompt = classmates.classmate_prompt(s, viewer, reader, post.id)
        notified = select(Notification.id).where(Notification.user_id == reader.id, Notification.post_id == post.id)
        assert (prompt is not None and "也在这条动态下留言了" in prompt.text) or s.scalar(
            notified.where(Notification.kind == "classmate")
        )
        assert s.scalar(select(func.count(ScenePrompt.id)).where(ScenePrompt.viewer_id == reader.id)) >= 1
        wuhan = s.scalar(select(User).where(User.city == "武汉", User.id.not_in(_members_of(s, "wuhan-zaoguo"))))
        if wuhan is not None:
            tips = nearby.recommend_circles(s, load_viewer(s, wuhan), wuhan)
            assert "wuhan-zaoguo" in {t.circle.slug for t in tips}


def _no_school(plan) -> int:
    return sum(1 for u in (plan.admin, *plan.users) if not u.school)


def _members_of(s, slug: str):
    from nook.store.models import Circle, CircleMember

    circle = s.scalar(select(Circle).where(Circle.slug == slug))
    return select(CircleMember.user_id).where(CircleMember.circle_id == circle.id)
