"""The web UI's router and static files, mounted by `nook.app.create_app`."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from nook.web import (
    routes_admin,
    routes_albums,
    routes_analytics,
    routes_auth,
    routes_boards,
    routes_campus,
    routes_circles,
    routes_conversations,
    routes_groups,
    routes_journals,
    routes_moderation,
    routes_people,
    routes_posts,
    routes_search,
    routes_settings,
    routes_space,
    routes_themes,
)

STATIC = Path(__file__).parent / "static"


class CachedStatic(StaticFiles):
    """Static files are versioned by a ?v= query in the templates, so browsers may keep them a day."""

    def file_response(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        response = super().file_response(*args, **kwargs)
        response.headers["Cache-Control"] = "public, max-age=86400"
        return response


def install(app: FastAPI) -> None:
    # Straight into the app, not through a router of routers: each level of nesting is matched again
    # on every request.
    for module in (
        routes_auth,
        routes_posts,
        routes_journals,
        routes_space,
        routes_people,
        routes_circles,
        routes_settings,
        routes_admin,
        routes_analytics,
        routes_moderation,
        routes_boards,
        routes_campus,
        routes_themes,
        routes_albums,
        routes_search,
        routes_conversations,
        routes_groups,
    ):
        app.include_router(module.router, include_in_schema=False)
    app.mount("/static", CachedStatic(directory=STATIC), name="static")
