"""同城: circles local to a city, and same-city circles and members recommended with their reason.

Where a member comes from: their profile city, and, only when they opt in, the cities of local circles
they joined and of #城市# hashtags on their own posts. A local circle is recommended in its own city;
to members elsewhere only when its owner made it open to other cities (`authz.can_see_local_circle`).
A member who turned city recommendations off gets none and is recommended to nobody.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from nook.errors import Forbidden, Invalid
from nook.phrases import N_, Phrase
from nook.security import rate_limits
from nook.social import authz
from nook.social.authz import Viewer
from nook.social.limits import CITY_MAX
from nook.social.people.circles import membership
from nook.social.people.friends import mutual_friends
from nook.social.scenes import classmates, prompts
from nook.social.text import clean_text
from nook.store.base import utcnow
from nook.store.first_writes import insert_or_existing
from nook.store.models import (
    Block,
    Circle,
    CircleLocality,
    CircleMember,
    FriendRequest,
    Friendship,
    Hashtag,
    Post,
    PostHashtag,
    SceneSettings,
    User,
)

# --- settings ---------------------------------------------------------------------------------


def settings_of(session: Session, user_id: int) -> SceneSettings:
    """The member's settings, or the defaults (not stored until changed)."""
    row = session.get(SceneSettings, user_id)
    return row or SceneSettings(user_id=user_id, city_recommendations=True, city_from_activity=False)


def update_settings(
    session: Session, user: User, *, city_recommendations: bool | None = None, city_from_activity: bool | None = None
) -> SceneSettings:
    rate_limits.enforce(rate_limits.SCENE_EDIT, user.id)
    row = session.get(SceneSettings, user.id)
    if row is None:  # the first save, maybe from two tabs at once
        new = SceneSettings(user_id=user.id, city_recommendations=True, city_from_activity=False)
        row, _ = insert_or_existing(session, new, lambda: session.get(SceneSettings, user.id))
    if city_recommendations is not None:
        row.city_recommendations = city_recommendations
    if city_from_activity is not None:
        row.city_from_activity = city_from_activity
    row.updated_at = utcnow()
    session.flush()
    return row


# --- circles local to a city ------------------------------------------------------------------


@dataclass(frozen=True)
class Locality:
    city: str
    open_to_other_cities: bool


def locality_of(session: Session, circle: Circle) -> Locality | None:
    """Set by the owner; a 同城 circle with a city and no setting counts as local to it, closed."""
    row = session.get(CircleLocality, circle.id)
    if row is not None:
        return Locality(row.city, row.open_to_other_cities)
    if circle.kind == "city" and circle.city:
        return Locality(circle.city, False)
    return None


def set_locality(
    session: Session, viewer: Viewer, circle: Circle, *, city: str, open_to_other_cities: bool = False
) -> Locality | None:
    """The circle's owner (or a site admin) marks it local to `city`, or not local with an empty city."""
    mine = membership(session, circle, viewer.id)
    if not viewer.is_admin and (mine is None or mine.role != "owner" or mine.status != "active"):
        raise Forbidden(N_("只有圈主可以设置同城"))
    assert viewer.id is not None
    rate_limits.enforce(rate_limits.SCENE_EDIT, viewer.id)
    name = clean_text(city, field=N_("城市"), max_len=CITY_MAX, allow_empty=True)
    row = session.get(CircleLocality, circle.id)
    if not name:
        if row is not None:
            session.delete(row)
        if circle.kind == "city":
            raise Invalid(N_("同城圈子需要填写城市"))
        return None
    if row is None:  # the first save, maybe from two tabs at once
        new = CircleLocality(circle_id=circle.id, city=name, open_to_other_cities=open_to_other_cities)
        row, _ = insert_or_existing(session, new, lambda: session.get(CircleLocality, circle.id))
    row.city, row.open_to_other_cities, row.updated_at = name, open_to_other_cities, utcnow()
    session.flush()
    return Locality(name, open_to_other_cities)


def _local_circles(session: Session) -> list[tuple[Circle, Locality]]:
    localities = {r.circle_id: r for r in session.scalars(select(CircleLocality))}
    stmt = select(Circle).where(or_(Circle.id.in_(list(localities)), (Circle.kind == "city") & (Circle.city != "")))
    out = []
    for circle in session.scalars(stmt.order_by(Circle.id)):
        row = localities.get(circle.id)
        out.append((circle, Locality(row.city, row.open_to_other_cities) if row else Locality(circle.city, False)))
    return out


# --- where the member is ------------------------------------------------------------------------


@dataclass(frozen=True)
class Cities:
    home: str  # the profile city
    activity: dict[str, Phrase]  # other city -> why ("你加入了「…」", "你发过 #成都# 的动态")


def cities_of(session: Session, user: User, settings: SceneSettings) -> Cities:
    if not settings.city_from_activity:
        return Cities(user.city, {})
    local = _local_circles(session)
    known = {loc.city for _c, loc in local}
    joined = set(
        session.scalars(
            select(CircleMember.circle_id).where(CircleMember.user_id == user.id, CircleMember.status == "active")
        )
    )
    activity: dict[str, Phrase] = {}
    for circle, loc in local:
        if circle.id in joined and loc.city != user.city:
            activity.setdefault(loc.city, Phrase(N_("你加入了「%(circle)s」"), {"circle": circle.name}))
    tags = session.scalars(
        select(Hashtag.name)
        .join(PostHashtag, PostHashtag.hashtag_id == Hashtag.id)
        .join(Post, Post.id == PostHashtag.post_id)
        .where(Post.author_id == user.id, Hashtag.name.in_(sorted(c.casefold() for c in known)))
        .distinct()
    )
    by_fold = {c.casefold(): c for c in known}
    for tag in tags:
        city = by_fold[tag]
        if city != user.city:
            activity.setdefault(city, Phrase(N_("你发过 #%(city)s# 的动态"), {"city": city}))
    return Cities(user.city, activity)


# --- recommendations ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CircleTip:
    circle: Circle
    city: str
    member_count: int
    reason: Phrase


def recommend_circles(session: Session, viewer: Viewer, me: User, *, limit: int = 6) -> list[CircleTip]:
    """Local circles of the member's city (or, opted in, of cities they are active in) they have not joined."""
    settings = settings_of(session, me.id)
    if not settings.city_recommendations:
        return []
    where = cities_of(session, me, settings)
    mine = set(session.scalars(select(CircleMember.circle_id).where(CircleMember.user_id == me.id)))
    picked: list[tuple[Circle, str, Phrase]] = []
    for circle, loc in _local_circles(session):
        if circle.id in mine:
            continue
        if loc.city == where.home and authz.can_see_local_circle(where.home, loc.city, loc.open_to_other_cities):
            picked.append((circle, loc.city, Phrase(N_("你在%(city)s，这是%(city)s本地的圈子"), {"city": loc.city})))
        elif loc.city in where.activity and authz.can_see_local_circle(where.home, loc.city, loc.open_to_other_cities):
            why = Phrase(N_("%(why)s，这是%(city)s的圈子"), {"why": where.activity[loc.city], "city": loc.city})
            picked.append((circle, loc.city, why))
    counts = _member_counts(session, [c.id for c, _city, _r in picked])
    picked.sort(key=lambda t: (t[1] != where.home, -counts.get(t[0].id, 0), t[0].id))
    tips = [CircleTip(c, city, counts.get(c.id, 0), reason) for c, city, reason in picked[:limit]]
    prompts.record_once(session, "city_circle", me.id, "circle_id", [t.circle.id for t in tips])
    return tips


def recommend_members(session: Session, viewer: Viewer, me: User, *, limit: int = 8) -> list[classmates.PersonTip]:
    """Members who show the viewer the same city, not yet friends or asked, and who did not opt out."""
    settings = settings_of(session, me.id)
    if not settings.city_recommendations or not me.city:
        return []
    opted_out = select(SceneSettings.user_id).where(SceneSettings.city_recommendations.is_(False))
    friends = select(Friendship.friend_id).where(Friendship.user_id == me.id)
    asked = select(FriendRequest.to_user_id).where(FriendRequest.from_user_id == me.id)
    asking = select(FriendRequest.from_user_id).where(FriendRequest.to_user_id == me.id)
    blocked = select(Block.blocked_id).where(Block.blocker_id == me.id)
    blockers = select(Block.blocker_id).where(Block.blocked_id == me.id)
    stmt = select(User).where(
        User.city == me.city,
        User.id != me.id,
        User.is_active.is_(True),
        *(User.id.not_in(q) for q in (opted_out, friends, asked, asking, blocked, blockers)),
    )
    people = [u for u in session.scalars(stmt.order_by(User.id).limit(300)) if _shows_city(viewer, u)]
    shared = _shared_local_circles(session, me.id, [u.id for u in people])
    mutual = mutual_friends(session, me.id, [u.id for u in people])
    people.sort(key=lambda u: (-len(shared.get(u.id, [])), -mutual.get(u.id, (0, []))[0], u.id))
    tips = []
    for user in people[:limit]:
        circles = shared.get(user.id, [])
        reason = (
            Phrase(N_("同在%(city)s · 都在「%(circle)s」"), {"city": me.city, "circle": circles[0]})
            if circles
            else Phrase(N_("同在%(city)s"), {"city": me.city})
        )
        count, names = mutual.get(user.id, (0, []))
        tips.append(classmates.PersonTip(user, reason, count, names))
    prompts.record_once(session, "city_member", me.id, "subject_user_id", [t.user.id for t in tips])
    return tips


def _shows_city(viewer: Viewer, user: User) -> bool:
    return authz.can_see_user(viewer, user) and authz.can_see_field(viewer, user, "city")


def _member_counts(session: Session, circle_ids: list[int]) -> dict[int, int]:
    if not circle_ids:
        return {}
    stmt = (
        select(CircleMember.circle_id, func.count())
        .where(CircleMember.circle_id.in_(circle_ids), CircleMember.status == "active")
        .group_by(CircleMember.circle_id)
    )
    return {cid: int(n) for cid, n in session.execute(stmt)}


def _shared_local_circles(session: Session, me_id: int, others: list[int]) -> dict[int, list[str]]:
    """Local circles both the viewer and each other member are active in (membership lists are public)."""
    if not others:
        return {}
    local = {c.id: c.name for c, _loc in _local_circles(session)}
    mine = set(
        session.scalars(
            select(CircleMember.circle_id).where(
                CircleMember.user_id == me_id, CircleMember.status == "active", CircleMember.circle_id.in_(list(local))
            )
        )
    )
    if not mine:
        return {}
    stmt = select(CircleMember.user_id, CircleMember.circle_id).where(
        CircleMember.user_id.in_(others), CircleMember.status == "active", CircleMember.circle_id.in_(sorted(mine))
    )
    out: dict[int, list[str]] = {}
    for uid, cid in session.execute(stmt.order_by(CircleMember.circle_id)):
        out.setdefault(uid, []).append(local[cid])
    return out
