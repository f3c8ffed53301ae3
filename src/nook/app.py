"""The ASGI application: the REST API under /api/v1, media, and the web UI."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse, Response

from nook.api import (
    routes_accounts,
    routes_albums,
    routes_analytics,
    routes_circles,
    routes_conversations,
    routes_engine,
    routes_feed,
    routes_friends,
    routes_groups,
    routes_moderation,
    routes_notices,
    routes_posts,
    routes_ranking,
    routes_scenes,
    routes_search,
    routes_space,
    routes_themes,
)
from nook.api.router import API_PREFIX
from nook.config import get_settings
from nook.http import collector, errors
from nook.http.guard import API_PREFIX as API_PATHS
from nook.http.guard import RequestGuard
from nook.http.params import PathId
from nook.http.unit import CredentialsDep, unit
from nook.jobs.table import install as install_side_effects
from nook.security.headers import SecurityHeaders
from nook.social.content.media import VARIANTS, get_visible_media, media_path
from nook.social.people import music
from nook.web import routes as web_routes
from nook.web.errors import html_error


def create_app() -> FastAPI:
    install_side_effects()
    app = FastAPI(
        title="Nook API",
        version="1",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
        description="Nook (心角): a self-hosted, Chinese-first social space.",
        lifespan=_lifespan,
    )
    routers = (
        routes_accounts,
        routes_space,
        routes_friends,
        routes_posts,
        routes_circles,
        routes_feed,
        routes_engine,
        routes_moderation,
        routes_ranking,
        routes_themes,
        routes_scenes,
        routes_analytics,
        routes_albums,
        routes_search,
        routes_conversations,
        routes_notices,
        routes_groups,
    )
    # Each router straight into the app: a router included in a router is matched again at every level
    # of nesting, on every request (FastAPI's routing), for the same answer.
    for module in routers:
        app.include_router(module.router, prefix=API_PREFIX)
    app.include_router(_media_router())
    answer = errors.install(app, json_prefix=API_PATHS, pages=html_error)
    web_routes.install(app)
    # Added last runs first: headers (and the CSP nonce error pages need) around the guard.
    app.add_middleware(RequestGuard, answer=answer)
    app.add_middleware(SecurityHeaders)
    return app


@asynccontextmanager
async def _lifespan(_app: FastAPI) -> AsyncIterator[None]:
    # The limiter belongs to the server's event loop, so it is set from inside it.
    settings = get_settings()
    anyio.to_thread.current_default_thread_limiter().total_tokens = settings.request_threads
    collector.settle(settings)
    yield


def _media_router() -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/media/{media_id}/{variant}")
    def media_file(media_id: PathId, variant: str, creds: CredentialsDep) -> Response:
        """Photos are served only to those who may see a post (or avatar) they belong to."""
        with unit(creds, login=False) as ctx:
            media = get_visible_media(ctx.session, ctx.viewer, media_id)
        path = media_path(media, variant if variant in VARIANTS else "full")
        if variant not in VARIANTS or not path.exists():
            return Response(status_code=404)
        # private: a shared cache must not hand one member's private photo to another.
        return FileResponse(path, media_type="image/jpeg", headers={"Cache-Control": "private, max-age=86400"})

    @router.get("/audio/{track_id}")
    def audio_file(track_id: PathId, creds: CredentialsDep) -> Response:
        """A space's song, for whoever may see the space; the player asks for it only when pressed."""
        with unit(creds, login=False) as ctx:
            _, path = music.visible_track(ctx.session, ctx.viewer, track_id)
        if not path.exists():
            return Response(status_code=404)
        return FileResponse(path, media_type="audio/mpeg", headers={"Cache-Control": "private, max-age=86400"})

    return router
