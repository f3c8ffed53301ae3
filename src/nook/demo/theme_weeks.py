"""Theme weeks (主题周) and the fan club's 应援 in the demo, loaded after the plan through the services.

A site-wide week running now and one archived three weeks ago (its hashtag the one most used in its
days, so it has real posts), the fan club's own current week, the idol profile of the invented
许栀言, a few fans who turned their comment into an 应援卡 (同步到粉丝群), and the birthday and
anniversary weeks the scheduled job would create. Deterministic for a plan.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from nook.demo.clock import local_day
from nook.demo.model import DemoCircle, DemoPlan
from nook.social import localtime
from nook.social.authz import load_viewer
from nook.social.reach import scores
from nook.social.themes import cheer_cards, fandom, weeks
from nook.store.base import frozen_time
from nook.store.models import Circle, Post, User

log = logging.getLogger(__name__)
Step = Callable[[Session, Any], None]  # (session, nook.demo.load.Ids)
#: 薄荷绿, the fan club's colour in the demo world.
MINT = "#3eb489"
CARDS = 4


def _user(session: Session, ids: Any, username: str) -> User:
    user = session.get(User, ids.users[username])
    assert user is not None
    return user


#: Everyday tags that make a good week's theme, in order of preference when equally used.
THEME_TAGS = ("小确幸", "生活碎片", "探店", "好物分享", "干饭人", "铲屎官日常", "日常", "睡前聊聊")


def _top_tag(plan: DemoPlan, start: datetime, end: datetime, avoid: str = "") -> str:
    """The everyday tag most used on public posts outside circles in these days."""
    public = [p for p in plan.posts if start <= p.created_at < end and p.visibility == "public" and p.circle is None]
    counts = Counter(t for p in public for t in p.hashtags if t in THEME_TAGS and t != avoid)
    if not counts:
        return next(t for t in THEME_TAGS if t != avoid)
    return max(counts, key=lambda t: (counts[t], -THEME_TAGS.index(t)))


def theme_steps(plan: DemoPlan) -> list[Step]:
    fanclub = next((c for c in plan.circles if c.kind == "fanclub" and c.idol is not None), None)
    steps: list[Step] = [_archived_week(plan), _current_week(plan)]
    if fanclub is not None:
        steps += [_idol(plan, fanclub), _circle_week(plan, fanclub), _cheer_cards(plan, fanclub)]
    steps.append(_auto_weeks(plan))
    return steps


def _span(plan: DemoPlan, days_ago: int, length: int) -> tuple[datetime, datetime]:
    start = localtime.day_start(local_day(plan.now, days_ago))
    return start, start + timedelta(days=length)


def _archived_week(plan: DemoPlan) -> Step:
    start, end = _span(plan, 24, 7)
    tag = _top_tag(plan, start, end)

    def step(session: Session, ids: Any) -> None:
        admin = _user(session, ids, plan.admin.username)
        with frozen_time(start - timedelta(days=2)):
            week = weeks.create_week(
                session,
                load_viewer(session, admin),
                admin,
                hashtag=tag,
                title=f"{tag} 主题周",
                description=f"用 #{tag}# 记录这一周，结束后精选会留在往期回顾里。",
                prompt="这一周最想分享的一个瞬间\n一张照片配一句话",
                starts_at=start,
                ends_at=end,
            )
        # score the week's posts now (likes are loaded) so the archive keeps the best, not the newest
        session.flush()
        week_posts = select(Post.id).where(Post.created_at >= start, Post.created_at < end)
        scores.refresh_scores(session, list(session.scalars(week_posts)))
        with frozen_time(end + timedelta(minutes=5)):
            weeks.archive_ended(session, end + timedelta(minutes=5))
        assert week.archived_at is not None

    return step


def _current_week(plan: DemoPlan) -> Step:
    start, end = _span(plan, 2, 7)
    old_start, old_end = _span(plan, 24, 7)
    tag = _top_tag(plan, start, plan.now, avoid=_top_tag(plan, old_start, old_end))

    def step(session: Session, ids: Any) -> None:
        admin = _user(session, ids, plan.admin.username)
        with frozen_time(start - timedelta(days=1)):
            weeks.create_week(
                session,
                load_viewer(session, admin),
                admin,
                hashtag=tag,
                title=f"本周主题：{tag}",
                description=f"这一周大家都在聊 #{tag}#，你也来说说。",
                prompt="你的故事\n给新朋友的一个建议",
                starts_at=start,
                ends_at=end,
            )

    return step


def _idol(plan: DemoPlan, circle: DemoCircle) -> Step:
    idol = circle.idol
    assert idol is not None

    def step(session: Session, ids: Any) -> None:
        owner = _user(session, ids, circle.owner)
        row = session.get(Circle, ids.circles[circle.slug])
        assert row is not None
        with frozen_time(circle.created_at + timedelta(hours=2)):
            fandom.save_profile(
                session,
                load_viewer(session, owner),
                owner,
                row,
                name=idol.name,
                birthday=idol.birthday,
                debut_date=idol.debut,
                works=[fandom.Work(w.title, w.released) for w in idol.works],
                keywords=list(idol.keywords),
                color=MINT,
            )

    return step


def _circle_week(plan: DemoPlan, circle: DemoCircle) -> Step:
    start, end = _span(plan, 3, 7)

    def step(session: Session, ids: Any) -> None:
        owner = _user(session, ids, circle.owner)
        row = session.get(Circle, ids.circles[circle.slug])
        assert row is not None and circle.idol is not None
        with frozen_time(start - timedelta(days=1)):
            weeks.create_week(
                session,
                load_viewer(session, owner),
                owner,
                hashtag="应援",
                title="应援打卡周",
                description=f"每天给 {circle.idol.name} 打一次卡，评论里还能做应援卡。",
                prompt="今天循环的是哪一首？\n第一次听到他的歌是在哪里",
                circle=row,
                starts_at=start,
                ends_at=end,
            )

    return step


def _cheer_cards(plan: DemoPlan, circle: DemoCircle) -> Step:
    """The latest few fans' comments on fan-club posts, each turned into a card by its writer."""
    club_posts = {p.key: p for p in plan.posts if p.circle == circle.slug}
    members = set(circle.members)
    picked = [
        c
        for c in reversed(plan.comments)
        if c.post in club_posts
        and c.author in members
        and c.author != club_posts[c.post].author
        and c.created_at + timedelta(minutes=10) <= plan.now
        and len(c.text) >= 6  # a card carries words, not a "沙发"
    ]
    seen: set[str] = set()
    chosen = []
    for c in picked:
        if c.author not in seen and c.text not in seen:
            seen |= {c.author, c.text}
            chosen.append(c)
        if len(chosen) == CARDS:
            break

    def step(session: Session, ids: Any) -> None:
        try:
            cheer_cards.find_font()
        except cheer_cards.FontMissing:
            log.warning("no CJK font: the demo's 应援卡 posts are left out (apt-get install fonts-noto-cjk)")
            return
        for c in chosen:
            fan = _user(session, ids, c.author)
            with frozen_time(c.created_at + timedelta(minutes=10)):
                cheer_cards.share(session, load_viewer(session, fan), fan, ids.comments[c.key], c.text[:60])

    return step


def _auto_weeks(plan: DemoPlan) -> Step:
    def step(session: Session, ids: Any) -> None:
        fandom.create_auto_weeks(session, plan.now)

    return step


__all__ = ["theme_steps"]
