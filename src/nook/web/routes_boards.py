"""Weekly leaderboards (/boards): three boards, site-wide or per circle, this week or an archived one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session
from starlette.responses import Response

from nook.http.unit import CredentialsDep, unit
from nook.phrases import N_
from nook.social.authz import Viewer
from nook.social.people import circles
from nook.social.reach import leaderboards
from nook.store.models import Comment, Post, User
from nook.web.pages import render

router = APIRouter(include_in_schema=False)

#: Tab order and labels; the keys are the service's board names.
BOARD_TABS = {"warm_comment": N_("最具温度留言"), "chatter": N_("最会聊天的用户"), "hook": N_("最受欢迎的钩子")}


@dataclass(frozen=True)
class EntryView:
    rank: int
    score: float
    user: User
    comment: Comment | None
    post: Post | None


def entry_views(view: leaderboards.BoardView) -> list[EntryView]:
    """Each place with its member and, for comment and hook boards, the comment and post it is about."""
    out = []
    for e in view.entries:
        comment = view.comments.get(e.subject_id) if view.board == "warm_comment" else None
        post_id = comment.post_id if comment else e.subject_id if view.board == "hook" else None
        post = view.posts.get(post_id) if post_id else None
        out.append(EntryView(e.rank, e.score, view.users[e.user_id], comment, post))
    return out


def top_three(session: Session, viewer: Viewer) -> list[EntryView]:
    """The feed sidebar's teaser: this week's warmest comments on the site board."""
    return entry_views(leaderboards.board(session, viewer, board="warm_comment"))[:3]


@router.get("/boards", response_class=HTMLResponse)
def boards(
    request: Request,
    creds: CredentialsDep,
    board: str = "warm_comment",
    circle: str | None = None,
    week: date | None = None,
) -> Response:
    with unit(creds, login=False) as ctx:
        found = circles.get_circle(ctx.session, circle) if circle else None
        scope = f"c{found.id}" if found else "site"
        view = leaderboards.board(ctx.session, ctx.viewer, board=board, scope=scope, week=week)
        return render(
            request,
            ctx,
            "pages/boards.html",
            view=view,
            entries=entry_views(view),
            tabs=BOARD_TABS,
            circle=found,
            week=week,
            past=leaderboards.past_weeks(ctx.session),
        )
