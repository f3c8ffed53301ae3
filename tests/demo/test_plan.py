"""The demo plan must be loadable through the real services: consistent, believable and reproducible."""

from __future__ import annotations

import io
import re
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from PIL import Image

from nook.demo import DEMO_PASSWORD, REFERENCE_NOW, DemoImage, DemoPlan, build_plan, render_avatar, render_demo_image
from nook.demo.images import IMAGE_KINDS
from nook.demo.model import DemoPost


@pytest.fixture(scope="module")
def plan() -> DemoPlan:
    return build_plan()


def _usernames(plan: DemoPlan) -> set[str]:
    return {u.username for u in plan.users} | {plan.admin.username}


def _friends(plan: DemoPlan) -> set[frozenset[str]]:
    return {frozenset((f.a, f.b)) for f in plan.friendships}


def _can_see(plan: DemoPlan, post: DemoPost, user: str, friends: set[frozenset[str]]) -> bool:
    """The visibility rule the services enforce, written independently of the plan's code."""
    members = {c.slug: set(c.members) for c in plan.circles}
    if user == post.author or post.visibility == "public":
        return True
    if post.visibility == "friends":
        return frozenset((user, post.author)) in friends
    return post.visibility == "circle" and user in members[post.circle or ""]


def test_same_seed_gives_the_same_plan_and_another_seed_a_different_one() -> None:
    assert build_plan(seed=3, size=0.3) == build_plan(seed=3, size=0.3)
    assert build_plan(seed=3, size=0.3).posts != build_plan(seed=4, size=0.3).posts


def test_size_one_is_about_two_hundred_people_and_over_a_thousand_posts(plan: DemoPlan) -> None:
    assert 180 <= len(plan.users) <= 220
    assert len(plan.posts) >= 1000
    assert len(plan.comments) >= 2 * len(plan.posts)
    assert len(plan.likes) >= 3 * len(plan.posts)
    assert len(plan.board_messages) >= len(plan.users)
    assert len(plan.visits) >= 5 * len(plan.users)


def test_size_scales_people_and_posts_roughly_linearly(plan: DemoPlan) -> None:
    double = build_plan(size=2.0)
    assert 1.8 < len(double.users) / len(plan.users) < 2.2
    assert 1.8 < len(double.posts) / len(plan.posts) < 2.2
    assert 1.6 < len(double.likes) / len(plan.likes) < 2.4
    assert len(double.like_rings) == 2


def test_tiny_plans_still_hold_together() -> None:
    small = build_plan(size=0.05)
    assert len(small.posts) > 30
    assert all(len(c.members) >= 3 for c in small.circles)
    assert small.like_rings and small.like_rings[0].post_keys


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="size"):
        build_plan(size=0)
    with pytest.raises(ValueError, match="timezone"):
        build_plan(now=datetime(2024, 6, 1))


def test_users_have_ascii_logins_chinese_nicknames_and_the_shared_password(plan: DemoPlan) -> None:
    names = [u.username for u in (*plan.users, plan.admin)]
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[a-z][a-z0-9_]{2,30}", n) for n in names)
    assert all(re.search(r"[\u4e00-\u9fff]", u.nickname) for u in plan.users)
    assert {u.password for u in (*plan.users, plan.admin)} == {DEMO_PASSWORD}
    assert plan.admin.is_admin and not any(u.is_admin for u in plan.users)


def test_people_come_from_two_schools_several_classes_years_and_cities(plan: DemoPlan) -> None:
    schooled = [u for u in plan.users if u.school]
    assert {u.school_kind for u in schooled} == {"高中", "大学"}
    assert len({u.school for u in schooled}) == 2
    assert len({(u.school, u.enroll_year, u.class_name) for u in schooled}) >= 10
    assert len({u.enroll_year for u in schooled}) >= 6
    assert len({u.city for u in plan.users}) >= 5
    assert all(u.birthday.year < 2010 for u in plan.users)


def test_circles_cover_every_kind_with_sound_roles(plan: DemoPlan) -> None:
    assert {c.kind for c in plan.circles} == {"interest", "fanclub", "city", "campus"}
    assert {c.join_policy for c in plan.circles} == {"open", "approval"}
    names = " ".join(c.name for c in plan.circles)
    for word in ("摄影", "手账", "电竞", "宝妈", "旅行", "后援会"):
        assert word in names
    users = _usernames(plan)
    for circle in plan.circles:
        assert circle.owner in circle.members and set(circle.members) <= users
        assert circle.owner not in circle.moderators and set(circle.moderators) <= set(circle.members)
        assert len(circle.members) == len(set(circle.members))
    fan_club = next(c for c in plan.circles if c.kind == "fanclub")
    assert fan_club.idol is not None and fan_club.idol.works and fan_club.idol.keywords


def test_friendships_are_between_two_different_known_people_once(plan: DemoPlan) -> None:
    users = _usernames(plan)
    assert all(f.a != f.b and {f.a, f.b} <= users for f in plan.friendships)
    assert len(_friends(plan)) == len(plan.friendships)
    assert all(f.since <= plan.now for f in plan.friendships)


def test_posts_are_dated_in_the_window_and_circle_posts_come_from_members(plan: DemoPlan) -> None:
    users, members = _usernames(plan), {c.slug: set(c.members) for c in plan.circles}
    assert len({p.key for p in plan.posts}) == len(plan.posts)
    for post in plan.posts:
        assert post.author in users and post.text
        assert post.created_at.tzinfo == UTC
        assert plan.now - timedelta(days=61) <= post.created_at < plan.now
        assert (post.visibility == "circle") == (post.circle is not None)
        if post.circle:
            assert post.author in members[post.circle]
    assert [p.created_at for p in plan.posts] == sorted(p.created_at for p in plan.posts)


def test_every_visibility_appears(plan: DemoPlan) -> None:
    counts = Counter(p.visibility for p in plan.posts)
    assert set(counts) == {"public", "friends", "private", "circle"}
    assert counts["public"] > counts["friends"] > counts["circle"] > counts["private"] > 0


def test_hashtags_are_the_marked_topics_in_the_text(plan: DemoPlan) -> None:
    tagged = [p for p in plan.posts if p.hashtags]
    assert len(tagged) > len(plan.posts) / 2
    assert all(f"#{tag}#" in p.text for p in tagged for tag in p.hashtags)
    assert all(p.hashtags or p.title or "#" not in p.text for p in plan.posts)  # a 日志's # are headings


def test_post_texts_rarely_repeat_and_cover_the_scenes(plan: DemoPlan) -> None:
    assert len({p.text for p in plan.posts}) >= 0.95 * len(plan.posts)
    text = "\n".join(p.text for p in plan.posts)
    for word in ("考研上岸", "星空", "猜猜", "求推荐", "生日快乐", "带娃", "手账", "应援"):
        assert word in text
    assert len({p.mood for p in plan.posts}) >= 7
    assert sum(len(p.images) for p in plan.posts) > len(plan.posts) / 3
    assert max(len(p.images) for p in plan.posts) <= 9


def test_comments_point_at_real_posts_and_replies_stay_on_their_post(plan: DemoPlan) -> None:
    posts, users = {p.key: p for p in plan.posts}, _usernames(plan)
    comments = {c.key: c for c in plan.comments}
    assert len(comments) == len(plan.comments)
    for comment in plan.comments:
        post = posts[comment.post]
        assert comment.author in users and comment.text
        assert post.created_at < comment.created_at <= plan.now
        if comment.reply_to is not None:
            parent = comments[comment.reply_to]
            assert parent.post == comment.post
            assert parent.created_at < comment.created_at


def test_only_people_who_can_see_a_post_like_or_comment_on_it(plan: DemoPlan) -> None:
    posts, friends = {p.key: p for p in plan.posts}, _friends(plan)
    assert all(_can_see(plan, posts[c.post], c.author, friends) for c in plan.comments)
    assert all(_can_see(plan, posts[lk.post], lk.user, friends) for lk in plan.likes)


def test_comments_range_from_thoughtful_to_filler_with_threads(plan: DemoPlan) -> None:
    styles = Counter(c.style for c in plan.comments)
    assert {"warm", "specific", "question", "filler", "reply", "ring"} <= set(styles)
    assert styles["filler"] > 0.1 * len(plan.comments)
    fillers = {c.text for c in plan.comments if c.style == "filler"}
    assert {"沙发", "顶", "+1"} & fillers
    by_key = {c.key: c for c in plan.comments}
    assert all(by_key[c.reply_to].author != c.author for c in plan.comments if c.reply_to)
    assert styles["reply"] > 0.2 * len(plan.comments)


def test_likes_are_unique_timely_and_skewed(plan: DemoPlan) -> None:
    posts = {p.key: p for p in plan.posts}
    assert len({(lk.user, lk.post) for lk in plan.likes}) == len(plan.likes)
    assert all(posts[lk.post].created_at < lk.at <= plan.now for lk in plan.likes)
    assert all(lk.user != posts[lk.post].author for lk in plan.likes)
    per_post = Counter(lk.post for lk in plan.likes)
    counts = sorted((per_post.get(k, 0) for k in posts), reverse=True)
    assert counts[0] >= 5 * (sum(counts) / len(counts))  # a few posts draw far more than the average
    assert counts[-1] == 0


def test_the_planted_like_ring_likes_the_same_posts_within_minutes(plan: DemoPlan) -> None:
    (ring,) = plan.like_rings
    assert len(ring.members) == 8 and len(ring.post_keys) == 30
    assert set(ring.members) <= _usernames(plan)
    posts = {p.key: p for p in plan.posts}
    for key in ring.post_keys:
        assert posts[key].visibility == "public" and posts[key].author in ring.customers
        times = [lk.at for lk in plan.likes if lk.post == key and lk.user in ring.members]
        assert len(times) == 8
        assert max(times) - min(times) <= timedelta(minutes=5)
    ring_accounts = [u for u in plan.users if u.username in ring.members]
    assert all(plan.now - u.joined_at < timedelta(days=30) for u in ring_accounts)


def test_board_messages_come_from_friends_and_replies_follow(plan: DemoPlan) -> None:
    friends = _friends(plan)
    assert len({m.key for m in plan.board_messages}) == len(plan.board_messages)
    for message in plan.board_messages:
        assert frozenset((message.owner, message.author)) in friends
        assert message.at <= plan.now
        assert (message.reply is None) == (message.reply_at is None)
        if message.reply_at:
            assert message.at < message.reply_at <= plan.now
    assert any("生日快乐" in m.text for m in plan.board_messages)
    assert any(m.reply for m in plan.board_messages)


def test_visits_are_between_different_known_people(plan: DemoPlan) -> None:
    users = _usernames(plan)
    assert all(v.visitor != v.owner and {v.visitor, v.owner} <= users for v in plan.visits)
    assert all(plan.now - timedelta(days=61) <= v.at <= plan.now for v in plan.visits)


def test_now_moves_the_whole_plan() -> None:
    later = REFERENCE_NOW + timedelta(days=100)
    moved = build_plan(size=0.2, now=later)
    assert moved.now == later
    assert all(later - timedelta(days=61) <= p.created_at < later for p in moved.posts)


@pytest.mark.parametrize("kind", IMAGE_KINDS)
def test_each_image_kind_renders_a_small_decodable_jpeg(kind: str) -> None:
    data = render_demo_image(DemoImage(seed=5, kind=kind, alt="测试"))
    assert len(data) < 60_000
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG" and image.size == (800, 600)
    image.load()
    assert data == render_demo_image(DemoImage(seed=5, kind=kind, alt="另一句"))


def test_plan_images_use_known_kinds_with_chinese_alt_text(plan: DemoPlan) -> None:
    images = [i for p in plan.posts for i in p.images]
    assert {i.kind for i in images} <= set(IMAGE_KINDS)
    assert all(re.search(r"[\u4e00-\u9fff]", i.alt) for i in images)


def test_avatars_are_decodable_and_differ_between_people() -> None:
    first, second = render_avatar(1, "林小雨"), render_avatar(2, "陈子涵")
    image = Image.open(io.BytesIO(first))
    assert image.format == "PNG" and image.size == (256, 256)
    assert first == render_avatar(1, "林小雨") and first != second


def test_the_author_answers_the_question_that_was_asked(plan: DemoPlan) -> None:
    posts, by_key = {p.key: p for p in plan.posts}, {c.key: c for c in plan.comments}
    pairs = {"准备了多久呀?": "准备了大半年", "接下来有什么打算?": "先休息几天再说哈哈"}
    answered = [
        (by_key[c.reply_to].text, c.text)
        for c in plan.comments
        if c.reply_to and posts[c.post].topic == "proud" and c.author == posts[c.post].author
        if by_key[c.reply_to].text in pairs
    ]
    assert answered
    assert all(pairs[question] == answer for question, answer in answered)
