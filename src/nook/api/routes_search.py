"""/api/v1/search (posts, people, circles, #话题#), /api/v1/trending (热门话题), /api/v1/mentions/suggest (@)."""

from __future__ import annotations

from fastapi import Query

from nook.api import schemas_search as S
from nook.api.errors import ERRORS
from nook.api.router import ApiRouter
from nook.api.schemas import UserOut
from nook.api.serialize import post_out, user_out
from nook.http.unit import CredentialsDep, unit
from nook.social.content import mentions
from nook.social.limits import CIRCLE_SLUG_MAX, USERNAME_MAX
from nook.social.people import circles
from nook.social.people.directory import visible_user
from nook.social.search import query, trending

router = ApiRouter(tags=["search"], responses=ERRORS)


@router.get("/search", response_model=S.SearchOut)
def search(
    creds: CredentialsDep,
    q: str = Query(max_length=200, description="Up to 50 characters once spaces are collapsed"),
    type: str = Query("all", max_length=10, description="all, posts, people, circles or topics"),
    cursor: str | None = Query(None, max_length=20),
    limit: int = Query(20, ge=1, le=50),
) -> S.SearchOut:
    """Search what you may see: posts by their words (newest first), members, circles and tags by name."""
    with unit(creds, login=False) as ctx:
        found = query.search(ctx.session, ctx.viewer, q, kind=type, cursor=cursor, limit=limit)
        return S.SearchOut(
            q=found.q,
            type=found.kind,
            terms=found.terms,
            posts=[S.PostHitOut(post=post_out(h.card), snippet_html=h.snippet) for h in found.posts],
            people=[user_out(u) for u in found.people],
            circles=[S.CircleHitOut(**vars(c)) for c in found.circles],
            topics=[S.TopicOut(name=t.name, post_count=t.post_count) for t in found.topics],
            next_cursor=found.next_cursor,
        )


@router.get("/trending", response_model=S.TrendingOut)
def trending_topics(creds: CredentialsDep) -> S.TrendingOut:
    """热门话题: tags by how many distinct real people took part this week (public posts only)."""
    with unit(creds, login=False) as ctx:
        found = trending.trending(ctx.session, ctx.viewer)
        topics = [S.TrendingTopicOut(name=t.name, participants=t.participants) for t in found]
        return S.TrendingOut(days=trending.TRENDING_DAYS, topics=topics)


@router.get("/mentions/suggest", response_model=list[UserOut])
def suggest_mentions(
    creds: CredentialsDep,
    q: str = Query("", max_length=32, description="What follows the @ so far"),
    post_id: int | None = Query(None, ge=1, le=2**62, description="Writing a comment under this post"),
    visibility: str | None = Query(None, max_length=8, description="Writing a new post with this visibility"),
    circle: str | None = Query(None, max_length=CIRCLE_SLUG_MAX, description="... in this circle (its slug)"),
    board: str | None = Query(None, max_length=USERNAME_MAX, description="Writing on this member's 留言板"),
) -> list[UserOut]:
    """Whom to @: friends and recent conversation partners who could see what you are writing."""
    with unit(creds) as ctx:
        circle_id = circles.get_circle(ctx.session, circle).id if circle else None
        owner = visible_user(ctx.session, ctx.viewer, board) if board else None
        found = mentions.suggest(
            ctx.session,
            ctx.viewer,
            q,
            post_id=post_id,
            visibility=visibility,
            circle_id=circle_id,
            board_owner=owner,
        )
        return [user_out(u) for u in found]
