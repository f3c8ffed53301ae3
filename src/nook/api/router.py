"""The API's routers: FastAPI tries every route of every included router in turn, so a router that holds
only API paths says at once that a page's path (`/p/12`, `/u/name`) is none of its routes."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.routing import Match
from starlette.types import Scope

API_PREFIX = "/api/v1"


class ApiRouter(APIRouter):
    """An APIRouter whose routes are all served under API_PREFIX (the app includes it with that prefix)."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        # `in`, not `startswith`: behind a proxy the path may begin with the app's root path.
        if API_PREFIX + "/" not in scope["path"]:
            return Match.NONE, {}
        return super().matches(scope)
