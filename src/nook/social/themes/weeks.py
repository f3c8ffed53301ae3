"""主题周 theme weeks and hashtag follows.

Operators create site-wide weeks, circle owners and moderators their circle's (rules in `authz`).
A week is upcoming, current (starts_at <= now < ends_at), then ended; the `theme_weeks_archive`
job stores its best posts by quality (the ranked feed's engagement: honest likes plus the engine's
comment quality) as highlights, and the page stays readable as an archive.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, delete, func, or_, select
from sqlalchemy.orm import Session

from nook.errors import Forbidden, Invalid, NotFound
from nook.phrases import N_
from nook.security import rate_limits
from nook.security.ratelimit import Rule
from nook.social import authz
from nook.social.authz import Viewer
from nook.social.content import posts
from nook.social.text import clean_text, normalize_hashtag
from nook.store.base import utcnow
from nook.store.first_writes import insert_or_existing
from nook.store.models import Circle, Hashtag, HashtagFollow, Post, PostHashtag, PostScore, ThemeWeek, User

TITLE_MAX = 60
DESCRIPTION_MAX = 500
PROMPT_MAX = 500
WEEK_MAX_DAYS = 31
HIGHLIGHTS = 6
STATES = ("current", "upcoming", "archived")
#: New weeks and edits, per member; follows and unfollows.
THEME_WRITE = Rule("theme_week", 30, 3600)
TAG_FOLLOW = Rule("hashtag_follow", 120, 3600)


# --- theme weeks ------------------------------------------------------------------------------


def create_week(
    session: Session,
    viewer: Viewer,
    me: User,
    *,
    hashtag: str,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    description: str = "",
    prompt: str = "",
    circle: Circle | None = None,
) -> ThemeWeek:
    if not authz.can_create_theme_week(viewer, circle):
        raise Forbidden(N_("只有管理员能发起全站主题周，圈主和版主能发起本圈的主题周"))
    rate_limits.enforce(THEME_WRITE, me.id)
    week = ThemeWeek(created_by_id=me.id, circle_id=circle.id if circle else None, source="manual", highlights=[])
    _fill(week, hashtag=hashtag, title=title, description=description, prompt=prompt)
    _set_span(week, starts_at, ends_at, now=utcnow())
    session.add(week)
    session.flush()
    return week


def edit_week(
    session: Session,
    viewer: Viewer,
    me: User,
    week_id: int,
    *,
    hashtag: str | None = None,
    title: str | None = None,
    description: str | None = None,
    prompt: str | None = None,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
) -> ThemeWeek:
    """Change a week before it starts; once members are writing for it, it stays as announced."""
    week = get_week(session, viewer, week_id)
    if not authz.can_edit_theme_week(viewer, week):
        raise Forbidden(N_("没有权限修改这个主题周"))
    now = utcnow()
    if week.starts_at <= now:
        raise Invalid(N_("主题周开始后就不能再修改了"))
    rate_limits.enforce(THEME_WRITE, me.id)
    _fill(
        week,
        hashtag=week.hashtag if hashtag is None else hashtag,
        title=week.title if title is None else title,
        description=week.description if description is None else description,
        prompt=week.prompt if prompt is None else prompt,
    )
    _set_span(week, starts_at or week.starts_at, ends_at or week.ends_at, now=now)
    return week


def _fill(week: ThemeWeek, *, hashtag: str, title: str, description: str, prompt: str) -> None:
    week.hashtag = normalize_hashtag(clean_text(hashtag, field=N_("话题"), max_len=40))
    week.title = clean_text(title, field=N_("标题"), max_len=TITLE_MAX)
    week.description = clean_text(description, field=N_("介绍"), max_len=DESCRIPTION_MAX, allow_empty=True)
    week.prompt = clean_text(prompt, field=N_("写作提示"), max_len=PROMPT_MAX, allow_empty=True)


def _set_span(week: ThemeWeek, starts_at: datetime, ends_at: datetime, *, now: datetime) -> None:
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise Invalid(N_("开始和结束时间需要带时区"))
    if ends_at <= starts_at:
        raise Invalid(N_("结束时间需要晚于开始时间"))
    if ends_at - starts_at > timedelta(days=WEEK_MAX_DAYS):
        raise Invalid(N_("主题周最长 %(days)s 天"), days=WEEK_MAX_DAYS)
    if ends_at <= now:
        raise Invalid(N_("结束时间已经过去了"))
    week.starts_at, week.ends_at = starts_at, ends_at


def get_week(session: Session, viewer: Viewer, week_id: int) -> ThemeWeek:
    week = session.get(ThemeWeek, week_id)
    if week is None or not authz.can_see_theme_week(viewer, week):
        raise NotFound(N_("找不到这个主题周"))
    return week


def state_of(week: ThemeWeek, now: datetime | None = None) -> str:
    now = now or utcnow()
    if week.archived_at is not None or week.ends_at <= now:
        return "archived"
    return "current" if week.starts_at <= now else "upcoming"


def list_weeks(
    session: Session, viewer: Viewer, state: str, *, circle_id: int | None = None, limit: int = 50
) -> list[ThemeWeek]:
    """Weeks this viewer may see: current (ending soonest first), upcoming (soonest), or archived (latest)."""
    if state not in STATES:
        raise Invalid(N_("状态需为 current、upcoming 或 archived"))
    now = utcnow()
    stmt = select(ThemeWeek).where(authz.visible_theme_weeks_filter(viewer))
    if circle_id is not None:
        stmt = stmt.where(ThemeWeek.circle_id == circle_id)
    if state == "current":
        stmt = stmt.where(ThemeWeek.starts_at <= now, ThemeWeek.ends_at > now, ThemeWeek.archived_at.is_(None))
        stmt = stmt.order_by(ThemeWeek.ends_at, ThemeWeek.id)
    elif state == "upcoming":
        stmt = stmt.where(ThemeWeek.starts_at > now, ThemeWeek.archived_at.is_(None)).order_by(
            ThemeWeek.starts_at, ThemeWeek.id
        )
    else:
        ended = (ThemeWeek.ends_at <= now) | ThemeWeek.archived_at.is_not(None)
        stmt = stmt.where(ended).order_by(ThemeWeek.ends_at.desc(), ThemeWeek.id.desc())
    return list(session.scalars(stmt.limit(max(1, min(limit, 100)))))


def composer_weeks(session: Session, viewer: Viewer, circle: Circle | None) -> list[ThemeWeek]:
    """本周主题 for a composer: the site's current weeks, and in a circle's composer that circle's too."""
    now = utcnow()
    scope: ColumnElement[bool] = ThemeWeek.circle_id.is_(None)
    if circle is not None and circle.id in viewer.circle_ids:
        scope = or_(scope, ThemeWeek.circle_id == circle.id)
    stmt = (
        select(ThemeWeek)
        .where(scope, ThemeWeek.starts_at <= now, ThemeWeek.ends_at > now, ThemeWeek.archived_at.is_(None))
        .order_by(ThemeWeek.circle_id.is_(None), ThemeWeek.ends_at)
        .limit(3)
    )
    return list(session.scalars(stmt))


def weeks_for_tag(session: Session, viewer: Viewer, name: str) -> list[ThemeWeek]:
    """Current and past weeks of one hashtag (shown on its page), newest first."""
    try:
        tag = normalize_hashtag(name)
    except Invalid:
        return []
    stmt = (
        select(ThemeWeek)
        .where(ThemeWeek.hashtag == tag, ThemeWeek.starts_at <= utcnow(), authz.visible_theme_weeks_filter(viewer))
        .order_by(ThemeWeek.starts_at.desc())
        .limit(5)
    )
    return list(session.scalars(stmt))


def _week_posts(week: ThemeWeek) -> ColumnElement[bool]:
    """Posts of the week: tagged with its hashtag, written during it, in its circle for a circle week."""
    tagged = select(PostHashtag.post_id).join(Hashtag, Hashtag.id == PostHashtag.hashtag_id)
    cond = and_(
        Post.id.in_(tagged.where(Hashtag.name == week.hashtag)),
        Post.created_at >= week.starts_at,
        Post.created_at < week.ends_at,
    )
    if week.circle_id is not None:
        cond = and_(cond, Post.circle_id == week.circle_id)
    return cond


def _by_quality(cond: ColumnElement[bool]) -> Select[Post, float]:
    quality = func.coalesce(PostScore.engagement, 0.0)
    return (
        select(Post, quality.label("q"))
        .outerjoin(PostScore, PostScore.post_id == Post.id)
        .where(cond)
        .order_by(quality.desc(), Post.id.desc())
    )


def best_posts(session: Session, viewer: Viewer, week: ThemeWeek, limit: int = 12) -> list[Post]:
    """The week's best posts this viewer may see: live while it runs, its stored highlights once archived."""
    if week.archived_at is not None:
        ids = [int(h["post_id"]) for h in week.highlights]
        if not ids:
            return []
        found = {
            p.id: p for p in session.scalars(select(Post).where(Post.id.in_(ids), authz.visible_posts_filter(viewer)))
        }
        return [found[i] for i in ids if i in found]
    stmt = _by_quality(and_(_week_posts(week), authz.visible_posts_filter(viewer))).limit(max(1, min(limit, 50)))
    return [post for post, _q in session.execute(stmt)]


def participation(session: Session, week: ThemeWeek) -> tuple[int, int]:
    """(posts, distinct writers) of the week, whatever their visibility: counts, never content."""
    row = session.execute(
        select(func.count(Post.id), func.count(func.distinct(Post.author_id))).where(_week_posts(week))
    ).one()
    return int(row[0]), int(row[1])


def archive_ended(session: Session, now: datetime) -> int:
    """Archive every week that ended: keep its best posts (not private ones) as highlights."""
    due = list(
        session.scalars(
            select(ThemeWeek).where(ThemeWeek.ends_at <= now, ThemeWeek.archived_at.is_(None)).with_for_update()
        )
    )
    for week in due:
        rows = session.execute(_by_quality(and_(_week_posts(week), Post.visibility != "private")).limit(HIGHLIGHTS))
        week.highlights = [
            {"post_id": post.id, "author_id": post.author_id, "score": round(float(q), 4)} for post, q in rows
        ]
        week.archived_at = now
    return len(due)


def week_out(week: ThemeWeek) -> dict[str, Any]:
    return {"id": week.id, "hashtag": week.hashtag, "title": week.title, "state": state_of(week)}


# --- hashtag follows --------------------------------------------------------------------------


def _tag(session: Session, name: str) -> Hashtag | None:
    return session.scalar(select(Hashtag).where(Hashtag.name == normalize_hashtag(name)))


def follow(session: Session, me: User, name: str) -> None:
    rate_limits.enforce(TAG_FOLLOW, me.id)
    tag = posts.hashtag_row(session, normalize_hashtag(name))
    if session.get(HashtagFollow, (me.id, tag.id)) is None:  # following twice (a double click) is harmless
        row = HashtagFollow(user_id=me.id, hashtag_id=tag.id)
        insert_or_existing(session, row, lambda: session.get(HashtagFollow, (me.id, tag.id)))


def unfollow(session: Session, me: User, name: str) -> None:
    rate_limits.enforce(TAG_FOLLOW, me.id)
    tag = _tag(session, name)
    if tag is not None:
        session.execute(delete(HashtagFollow).where(HashtagFollow.user_id == me.id, HashtagFollow.hashtag_id == tag.id))


def is_following(session: Session, user_id: int | None, name: str) -> bool:
    if user_id is None:
        return False
    try:
        tag = _tag(session, name)
    except Invalid:
        return False
    return tag is not None and session.get(HashtagFollow, (user_id, tag.id)) is not None


def followed_tags(session: Session, user_id: int) -> list[str]:
    stmt = (
        select(Hashtag.name)
        .join(HashtagFollow, HashtagFollow.hashtag_id == Hashtag.id)
        .where(HashtagFollow.user_id == user_id)
        .order_by(HashtagFollow.created_at.desc(), Hashtag.name)
    )
    return list(session.scalars(stmt))


def followed_tag_posts(user_id: int | ColumnElement[int]) -> Select[int]:
    """Ids of posts carrying a tag the member follows; feeds still filter them through `authz`."""
    return (
        select(PostHashtag.post_id)
        .join(HashtagFollow, HashtagFollow.hashtag_id == PostHashtag.hashtag_id)
        .where(HashtagFollow.user_id == user_id)
    )
