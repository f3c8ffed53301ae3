"""The API's routers: FastAPI tries every route of every included router in turn, so a router that holds
only API paths says at once that a page's path (`/p/12`, `/u/name`) is none of its routes."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.routing import Match
from starlette.types import Scope

from nook.http.paths import route_path

API_PREFIX = "/api/v1"


class ApiRouter(APIRouter):
    """An APIRouter whose routes are all served under API_PREFIX (the app includes it with that prefix)."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if not route_path(scope).startswith(API_PREFIX + "/"):
            return Match.NONE, {}
        return super().matches(scope)
