"""/api/v1/feed/ranked, /posts/{id}/why, /leaderboards and badges (issue 8)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import Query, Request, Response
from pydantic import BaseModel, Field

from nook.api import schemas as S
from nook.api.errors import ERRORS
from nook.api.router import ApiRouter
from nook.api.serialize import post_out, user_out
from nook.http import kept_answers
from nook.http.params import PathId, PathName
from nook.http.unit import CredentialsDep, unit
from nook.social.authz import Viewer
from nook.social.content.cards import post_cards
from nook.social.people import circles
from nook.social.people.directory import visible_user
from nook.social.reach import leaderboards, ranking

router = ApiRouter(tags=["ranking"], responses=ERRORS)


class RankedPostOut(BaseModel):
    post: S.PostOut
    reasons: list[str] = Field(description="Why you are seeing this post, in plain words")
    components: dict[str, Any] | None = Field(description="Every number behind the score (site admins only)")


class RankedPage(BaseModel):
    items: list[RankedPostOut]
    next_cursor: str | None


class WhyOut(BaseModel):
    post_id: int
    reasons: list[str]
    components: dict[str, Any] | None


class EntryOut(BaseModel):
    rank: int
    score: float
    user: S.UserOut
    comment_id: int | None = None
    comment_body: str | None = None
    post_id: int | None = None
    post_body: str | None = None
    components: dict[str, Any]


class BoardOut(BaseModel):
    week_start: date
    board: str
    scope: str
    closed: bool = Field(description="Archived: the week is over and its places are final")
    entries: list[EntryOut]


class BadgeOut(BaseModel):
    title: str
    week_start: date
    board: str
    scope: str
    rank: int


def _components(viewer: Viewer, comps: dict[str, Any]) -> dict[str, Any] | None:
    return comps if viewer.is_admin else None


@router.get("/feed/ranked", response_model=RankedPage)
def ranked(
    request: Request,
    creds: CredentialsDep,
    cursor: str | None = Query(None, max_length=20),
    limit: int = Query(20, ge=1, le=50),
) -> Response:
    """为你推荐: recent posts you may see, by real interaction, your friends, circles and interests."""
    with unit(creds, login=False) as ctx:

        def build() -> RankedPage:
            page = ranking.ranked_feed(ctx.session, ctx.viewer, ctx.user, cursor=cursor, limit=limit)
            cards = post_cards(ctx.session, ctx.viewer, [r.post for r in page.items])
            items = [
                RankedPostOut(
                    post=post_out(c),
                    reasons=[str(w) for w in r.reasons],
                    components=_components(ctx.viewer, r.components),
                )
                for c, r in zip(cards, page.items, strict=True)
            ]
            return RankedPage(items=items, next_cursor=page.next_cursor)

        return kept_answers.answer(ctx, request, build)


@router.get("/posts/{post_id}/why", response_model=WhyOut)
def why(post_id: PathId, creds: CredentialsDep) -> WhyOut:
    """Why am I seeing this post: the reasons, and for site admins the score's components."""
    with unit(creds, write=True, login=False) as ctx:
        r = ranking.explain_post(ctx.session, ctx.viewer, ctx.user, post_id)
        return WhyOut(
            post_id=r.post.id, reasons=[str(w) for w in r.reasons], components=_components(ctx.viewer, r.components)
        )


@router.get("/leaderboards/weeks", response_model=list[date])
def weeks(creds: CredentialsDep) -> list[date]:
    """Closed (archived) weeks, newest first."""
    with unit(creds, login=False) as ctx:
        return leaderboards.past_weeks(ctx.session)


@router.get("/leaderboards/{board}", response_model=BoardOut)
def board(
    board: PathName,
    creds: CredentialsDep,
    circle: str | None = Query(None, max_length=32, description="A circle's slug; the site board if absent"),
    week: Annotated[date | None, Query(description="Any day of the week; this week if absent")] = None,
) -> BoardOut:
    """A weekly board: warm_comment (最具温度留言), chatter (最会聊天的用户) or hook (最受欢迎的钩子)."""
    with unit(creds, login=False) as ctx:
        scope = f"c{circles.get_circle(ctx.session, circle).id}" if circle else "site"
        view = leaderboards.board(ctx.session, ctx.viewer, board=board, scope=scope, week=week)
        return BoardOut(
            week_start=view.week_start,
            board=view.board,
            scope=view.scope,
            closed=view.closed,
            entries=[_entry(view, e) for e in view.entries],
        )


def _entry(view: leaderboards.BoardView, e: Any) -> EntryOut:
    comment = view.comments.get(e.subject_id) if view.board == "warm_comment" else None
    post_id = comment.post_id if comment else e.subject_id if view.board == "hook" else None
    post = view.posts.get(post_id) if post_id else None
    return EntryOut(
        rank=e.rank,
        score=e.score,
        user=user_out(view.users[e.user_id]),
        comment_id=comment.id if comment else None,
        comment_body=comment.body if comment else None,
        post_id=post_id,
        post_body=post.body if post else None,
        components=view.components[e.id],
    )


@router.get("/users/{username}/badges", response_model=list[BadgeOut])
def user_badges(username: PathName, creds: CredentialsDep) -> list[BadgeOut]:
    """A member's top-3 places on closed weeks' boards ("本周最具温度留言"), for their space."""
    with unit(creds, login=False) as ctx:
        owner = visible_user(ctx.session, ctx.viewer, username)
        return [BadgeOut(**vars(b)) for b in leaderboards.badges(ctx.session, ctx.viewer, owner.id)]
