"""/search: one box for posts, people, circles and #话题#, with 热门话题 beside it."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup
from starlette.responses import Response

from nook.errors import Invalid
from nook.http.unit import CredentialsDep, unit
from nook.phrases import N_
from nook.social.search import query, trending
from nook.web.pages import render

router = APIRouter(include_in_schema=False)

#: Tab order and labels; the keys are the service's kinds.
TABS = {"all": N_("全部"), "posts": N_("说说"), "people": N_("用户"), "circles": N_("圈子"), "topics": N_("话题")}


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request, creds: CredentialsDep, q: str = "", type: str = "all", cursor: str | None = None
) -> Response:
    with unit(creds, login=False) as ctx:
        trends = trending.trending(ctx.session, ctx.viewer)
        kind = type if type in TABS else "all"
        data: dict[str, Any] = {
            "q": q[:200],
            "kind": kind,
            "tabs": TABS,
            "trends": trends,
            "results": None,
            "snippets": {},
        }
        if not q.strip():
            return render(request, ctx, "pages/search.html", **data)
        try:
            found = query.search(ctx.session, ctx.viewer, q, kind=kind, cursor=cursor)
        except Invalid as exc:
            return render(request, ctx, "pages/search.html", status=422, error=exc.phrase, **data)
        # The service built each snippet escaped, then marked, then sanitised to <mark> alone.
        snippets = {hit.card.id: Markup(hit.snippet) for hit in found.posts}  # noqa: S704
        return render(request, ctx, "pages/search.html", **(data | {"results": found, "snippets": snippets}))
