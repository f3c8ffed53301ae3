"""/api/v1 theme weeks (主题周), hashtag follows, fan-club idol profiles and 应援卡."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from fastapi import Query
from fastapi.responses import Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from nook.api import schemas as S
from nook.api.errors import ERRORS
from nook.api.router import ApiRouter
from nook.api.serialize import post_out
from nook.errors import NotFound
from nook.http.params import PathId, PathName
from nook.http.unit import CredentialsDep, unit
from nook.phrases import N_
from nook.social import localtime
from nook.social.content.cards import post_cards
from nook.social.limits import HASHTAG_MAX
from nook.social.people import circles
from nook.social.people.directory import circles_by_id
from nook.social.themes import cheer_cards, fandom, weeks
from nook.store.models import IdolProfile, ThemeWeek

router = ApiRouter(tags=["themes"], responses=ERRORS)


class ThemeWeekIn(S.In):
    hashtag: str = Field(min_length=1, max_length=HASHTAG_MAX + 2, examples=["育儿心得"])
    title: str = Field(min_length=1, max_length=weeks.TITLE_MAX)
    description: str = Field(default="", max_length=weeks.DESCRIPTION_MAX)
    prompt: str = Field(default="", max_length=weeks.PROMPT_MAX)
    circle: str | None = Field(default=None, max_length=32, description="a circle's address; none: site-wide")
    starts_at: datetime
    ends_at: datetime


class ThemeWeekPatch(S.In):
    hashtag: str | None = Field(default=None, min_length=1, max_length=HASHTAG_MAX + 2)
    title: str | None = Field(default=None, min_length=1, max_length=weeks.TITLE_MAX)
    description: str | None = Field(default=None, max_length=weeks.DESCRIPTION_MAX)
    prompt: str | None = Field(default=None, max_length=weeks.PROMPT_MAX)
    starts_at: datetime | None = None
    ends_at: datetime | None = None


class ThemeWeekOut(BaseModel):
    id: int
    hashtag: str
    title: str
    description: str
    prompt: str
    circle: str | None
    starts_at: datetime
    ends_at: datetime
    source: str
    state: Literal["current", "upcoming", "archived"]
    archived_at: datetime | None


class ThemeWeekDetail(ThemeWeekOut):
    posts: list[S.PostOut]
    post_count: int
    writer_count: int


class TagFollowOut(BaseModel):
    tag: str
    following: bool


class WorkIO(BaseModel):
    title: str = Field(min_length=1, max_length=fandom.WORK_TITLE_MAX)
    date: date


class IdolIn(S.In):
    name: str = Field(min_length=1, max_length=fandom.NAME_MAX)
    birthday: date | None = None
    debut_date: date | None = None
    works: list[WorkIO] = Field(default_factory=list, max_length=fandom.WORKS_MAX)
    keywords: list[str] = Field(default_factory=list, max_length=fandom.KEYWORDS_MAX)
    color: str = Field(default="", max_length=7, pattern=r"^(#[0-9a-fA-F]{6})?$")


class IdolOut(BaseModel):
    name: str
    birthday: date | None
    debut_date: date | None
    works: list[WorkIO]
    keywords: list[str]
    color: str
    facts: list[str]


class CheerOfferOut(BaseModel):
    circle: str
    idol: str
    color: str
    facts: list[str]
    message: str
    preview_url: str


class CheerIn(S.In):
    message: str = Field(min_length=1, max_length=cheer_cards.MESSAGE_MAX)


def _slugs(session: Session, weeks: list[ThemeWeek]) -> dict[int, str]:
    return {i: c.slug for i, c in circles_by_id(session, [w.circle_id for w in weeks if w.circle_id]).items()}


def _week_out(week: ThemeWeek, slugs: dict[int, str]) -> ThemeWeekOut:
    return ThemeWeekOut(
        id=week.id,
        hashtag=week.hashtag,
        title=week.title,
        description=week.description,
        prompt=week.prompt,
        circle=slugs.get(week.circle_id) if week.circle_id else None,
        starts_at=week.starts_at,
        ends_at=week.ends_at,
        source=week.source,
        state=weeks.state_of(week),
        archived_at=week.archived_at,
    )


@router.get("/theme-weeks", response_model=list[ThemeWeekOut])
def list_weeks(
    creds: CredentialsDep,
    state: Literal["current", "upcoming", "archived"] = "current",
    circle: str | None = Query(None, max_length=32),
) -> list[ThemeWeekOut]:
    """Theme weeks this reader may see (a circle's weeks: its members)."""
    with unit(creds, login=False) as ctx:
        circle_id = circles.get_circle(ctx.session, circle).id if circle else None
        rows = weeks.list_weeks(ctx.session, ctx.viewer, state, circle_id=circle_id)
        slugs = _slugs(ctx.session, rows)
        return [_week_out(w, slugs) for w in rows]


@router.post("/theme-weeks", response_model=ThemeWeekOut, status_code=201)
def create_week(body: ThemeWeekIn, creds: CredentialsDep) -> ThemeWeekOut:
    """Operators create site-wide weeks; a circle's owner and moderators create the circle's."""
    with unit(creds, write=True) as ctx:
        circle = circles.get_circle(ctx.session, body.circle) if body.circle else None
        week = weeks.create_week(
            ctx.session,
            ctx.viewer,
            ctx.me,
            hashtag=body.hashtag,
            title=body.title,
            description=body.description,
            prompt=body.prompt,
            circle=circle,
            starts_at=body.starts_at,
            ends_at=body.ends_at,
        )
        return _week_out(week, _slugs(ctx.session, [week]))


@router.get("/theme-weeks/{week_id}", response_model=ThemeWeekDetail)
def week_detail(week_id: PathId, creds: CredentialsDep) -> ThemeWeekDetail:
    """A week with its best posts by quality (its archived highlights once it ended)."""
    with unit(creds, login=False) as ctx:
        week = weeks.get_week(ctx.session, ctx.viewer, week_id)
        best = weeks.best_posts(ctx.session, ctx.viewer, week)
        n_posts, n_writers = weeks.participation(ctx.session, week)
        base = _week_out(week, _slugs(ctx.session, [week]))
        cards = post_cards(ctx.session, ctx.viewer, best)
        return ThemeWeekDetail(
            **base.model_dump(), posts=[post_out(c) for c in cards], post_count=n_posts, writer_count=n_writers
        )


@router.patch("/theme-weeks/{week_id}", response_model=ThemeWeekOut)
def edit_week(week_id: PathId, body: ThemeWeekPatch, creds: CredentialsDep) -> ThemeWeekOut:
    """Change a week before it starts."""
    with unit(creds, write=True) as ctx:
        week = weeks.edit_week(ctx.session, ctx.viewer, ctx.me, week_id, **body.model_dump(exclude_none=True))
        return _week_out(week, _slugs(ctx.session, [week]))


@router.get("/hashtags/{name}/follow", response_model=TagFollowOut)
def follow_state(name: PathName, creds: CredentialsDep) -> TagFollowOut:
    with unit(creds) as ctx:
        return TagFollowOut(tag=name, following=weeks.is_following(ctx.session, ctx.me.id, name))


@router.put("/hashtags/{name}/follow", response_model=TagFollowOut)
def follow(name: PathName, creds: CredentialsDep) -> TagFollowOut:
    """Follow a #话题#: its posts the member may see come into their home feed."""
    with unit(creds, write=True) as ctx:
        weeks.follow(ctx.session, ctx.me, name)
        return TagFollowOut(tag=name, following=True)


@router.delete("/hashtags/{name}/follow", response_model=TagFollowOut)
def unfollow(name: PathName, creds: CredentialsDep) -> TagFollowOut:
    with unit(creds, write=True) as ctx:
        weeks.unfollow(ctx.session, ctx.me, name)
        return TagFollowOut(tag=name, following=False)


@router.get("/me/followed-tags", response_model=list[str])
def followed(creds: CredentialsDep) -> list[str]:
    with unit(creds) as ctx:
        return weeks.followed_tags(ctx.session, ctx.me.id)


def _idol_out(profile: IdolProfile) -> IdolOut:
    return IdolOut(
        name=profile.name,
        birthday=profile.birthday,
        debut_date=profile.debut_date,
        works=[WorkIO(title=w.title, date=w.released) for w in fandom.works_of(profile)],
        keywords=list(profile.keywords),
        color=profile.color,
        facts=[str(f) for f in fandom.facts(profile, localtime.local_today())],
    )


@router.get("/circles/{slug}/idol", response_model=IdolOut)
def idol(slug: PathName, creds: CredentialsDep) -> IdolOut:
    """A fan club's idol profile (404 when the circle has none)."""
    with unit(creds, login=False) as ctx:
        profile = fandom.get_profile(ctx.session, circles.get_circle(ctx.session, slug))
        if profile is None:
            raise NotFound(N_("这个圈子还没有偶像资料"))
        return _idol_out(profile)


@router.put("/circles/{slug}/idol", response_model=IdolOut)
def save_idol(slug: PathName, body: IdolIn, creds: CredentialsDep) -> IdolOut:
    """Owners and moderators of a fan club set its idol's name, dates, works, keywords and colour."""
    with unit(creds, write=True) as ctx:
        profile = fandom.save_profile(
            ctx.session,
            ctx.viewer,
            ctx.me,
            circles.get_circle(ctx.session, slug),
            name=body.name,
            birthday=body.birthday,
            debut_date=body.debut_date,
            works=[fandom.Work(w.title, w.date) for w in body.works],
            keywords=body.keywords,
            color=body.color,
        )
        return _idol_out(profile)


@router.get("/comments/{comment_id}/cheer-card", response_model=CheerOfferOut)
def cheer_offer(comment_id: PathId, creds: CredentialsDep) -> CheerOfferOut:
    """The 应援卡 a member may make from their comment on a post about a fan club's idol (404: none)."""
    with unit(creds) as ctx:
        card = cheer_cards.offer(ctx.session, ctx.viewer, ctx.me, comment_id)
        return CheerOfferOut(
            circle=card.circle.slug,
            idol=card.profile.name,
            color=card.color,
            facts=[str(f) for f in card.facts],
            message=card.message,
            preview_url=f"/api/v1/comments/{comment_id}/cheer-card.png",
        )


@router.get("/comments/{comment_id}/cheer-card.png", response_class=Response)
def cheer_preview(
    comment_id: PathId, creds: CredentialsDep, message: str | None = Query(None, max_length=cheer_cards.MESSAGE_MAX)
) -> Response:
    """The card as a PNG preview: drawn on request, stored nowhere, posted nowhere."""
    with unit(creds) as ctx:
        png = cheer_cards.preview(ctx.session, ctx.viewer, ctx.me, comment_id, message or None)
    return Response(png, media_type="image/png", headers={"Cache-Control": "private, no-store"})


@router.post("/comments/{comment_id}/cheer-card", response_model=S.PostOut, status_code=201)
def cheer_share(comment_id: PathId, body: CheerIn, creds: CredentialsDep) -> S.PostOut:
    """同步到粉丝群: post the card to the fan club as the member's own post, with the image."""
    with unit(creds, write=True) as ctx:
        post = cheer_cards.share(ctx.session, ctx.viewer, ctx.me, comment_id, body.message)
        ctx.session.flush()
        return post_out(post_cards(ctx.session, ctx.viewer, [post])[0])
