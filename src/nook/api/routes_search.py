"""/api/v1/search: posts, people, circles and #话题#; /api/v1/trending: 热门话题."""

from __future__ import annotations

from fastapi import APIRouter, Query

from nook.api import schemas_search as S
from nook.api.errors import ERRORS
from nook.api.serialize import post_out, user_out
from nook.http.unit import CredentialsDep, unit
from nook.social.search import query

router = APIRouter(tags=["search"], responses=ERRORS)


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
