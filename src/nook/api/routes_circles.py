"""/api/v1/circles: discover, create, join and leave circles; members and roles; circle posts."""

from __future__ import annotations

from fastapi import Query

from nook.api import schemas as S
from nook.api.errors import ERRORS
from nook.api.router import ApiRouter
from nook.api.serialize import post_page, user_out
from nook.http.params import PathName
from nook.http.unit import CredentialsDep, unit
from nook.social.content import feed
from nook.social.people import circles
from nook.social.people.directory import visible_user
from nook.store.models import Circle, CircleMember

router = ApiRouter(tags=["circles"], responses=ERRORS)


def _circle_out(circle: Circle, count: int, mine: CircleMember | None) -> S.CircleOut:
    return S.CircleOut(
        slug=circle.slug,
        name=circle.name,
        description=circle.description,
        kind=circle.kind,
        city=circle.city,
        join_policy=circle.join_policy,
        member_count=count,
        my_role=mine.role if mine else None,
        my_status=mine.status if mine else None,
    )


@router.get("/circles", response_model=list[S.CircleOut])
def discover(
    creds: CredentialsDep,
    kind: str | None = Query(None, max_length=16),
    city: str | None = Query(None, max_length=32),
) -> list[S.CircleOut]:
    with unit(creds, login=False) as ctx:
        return [
            _circle_out(c, n, circles.membership(ctx.session, c, ctx.viewer.id))
            for c, n in circles.list_circles(ctx.session, kind=kind, city=city)
        ]


@router.post("/circles", response_model=S.CircleOut, status_code=201)
def create(body: S.CircleIn, creds: CredentialsDep) -> S.CircleOut:
    with unit(creds, write=True) as ctx:
        circle = circles.create_circle(ctx.session, ctx.me, **body.model_dump())
        ctx.session.flush()
        return _circle_out(circle, 1, circles.membership(ctx.session, circle, ctx.me.id))


@router.get("/circles/{slug}", response_model=S.CircleOut)
def detail(slug: PathName, creds: CredentialsDep) -> S.CircleOut:
    with unit(creds, login=False) as ctx:
        circle = circles.get_circle(ctx.session, slug)
        count = circles.member_count(ctx.session, circle)
        return _circle_out(circle, count, circles.membership(ctx.session, circle, ctx.viewer.id))


@router.post("/circles/{slug}/join", response_model=S.CircleOut)
def join(slug: PathName, creds: CredentialsDep) -> S.CircleOut:
    """Join an open circle at once, or ask to join one that needs approval."""
    with unit(creds, write=True) as ctx:
        circle = circles.get_circle(ctx.session, slug)
        mine = circles.join(ctx.session, ctx.me, circle)
        ctx.session.flush()
        count = circles.member_count(ctx.session, circle)
        return _circle_out(circle, count, mine)


@router.post("/circles/{slug}/leave", response_model=S.OkOut)
def leave(slug: PathName, creds: CredentialsDep) -> S.OkOut:
    with unit(creds, write=True) as ctx:
        circles.leave(ctx.session, ctx.me, circles.get_circle(ctx.session, slug))
    return S.OkOut()


@router.get("/circles/{slug}/members", response_model=list[S.MemberOut])
def members(
    slug: PathName, creds: CredentialsDep, status: str = Query("active", pattern="^(active|pending)$")
) -> list[S.MemberOut]:
    """Members (or, for moderators, pending requests with `status=pending`)."""
    with unit(creds, login=False) as ctx:
        circle = circles.get_circle(ctx.session, slug)
        rows = circles.members(ctx.session, ctx.viewer, circle, status=status)
        return [S.MemberOut(user=user_out(u), role=m.role, status=m.status, joined_at=m.joined_at) for m, u in rows]


@router.post("/circles/{slug}/members/{username}/approve", response_model=S.OkOut)
def approve(slug: PathName, username: PathName, creds: CredentialsDep) -> S.OkOut:
    with unit(creds, write=True) as ctx:
        circle = circles.get_circle(ctx.session, slug)
        circles.approve(ctx.session, ctx.viewer, circle, visible_user(ctx.session, ctx.viewer, username))
    return S.OkOut()


@router.delete("/circles/{slug}/members/{username}", response_model=S.OkOut)
def remove_member(slug: PathName, username: PathName, creds: CredentialsDep) -> S.OkOut:
    """Reject a request or remove a member (moderators)."""
    with unit(creds, write=True) as ctx:
        circle = circles.get_circle(ctx.session, slug)
        circles.reject(ctx.session, ctx.viewer, circle, visible_user(ctx.session, ctx.viewer, username))
    return S.OkOut()


@router.put("/circles/{slug}/members/{username}/role", response_model=S.OkOut)
def set_role(slug: PathName, username: PathName, body: S.RoleIn, creds: CredentialsDep) -> S.OkOut:
    """The owner makes a member moderator, or hands the circle over with `owner`."""
    with unit(creds, write=True) as ctx:
        circle = circles.get_circle(ctx.session, slug)
        circles.set_role(ctx.session, ctx.viewer, circle, visible_user(ctx.session, ctx.viewer, username), body.role)
    return S.OkOut()


@router.get("/circles/{slug}/posts", response_model=S.PostPage)
def circle_posts(
    slug: PathName,
    creds: CredentialsDep,
    cursor: str | None = Query(None, max_length=200),
    limit: int = Query(20, ge=1, le=50),
) -> S.PostPage:
    with unit(creds, login=False) as ctx:
        circle = circles.get_circle(ctx.session, slug)
        page = feed.circle_posts(ctx.session, ctx.viewer, circle, cursor=cursor, limit=limit)
        return post_page(ctx.session, ctx.viewer, page)
