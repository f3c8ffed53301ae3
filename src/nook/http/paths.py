"""The path a request is routed on. Behind a proxy that serves the site under a root path (`uvicorn
--root-path /nook`), the server puts the root path at the front of `scope["path"]`; what decides API or page,
body limits and caching is the path without it, as the router sees it."""

from __future__ import annotations

from starlette.types import Scope


def route_path(scope: Scope) -> str:
    path: str = scope["path"]
    root: str = scope.get("root_path", "")
    if root and path.startswith(root) and path[len(root) : len(root) + 1] in ("", "/"):
        return path[len(root) :] or "/"
    return path
