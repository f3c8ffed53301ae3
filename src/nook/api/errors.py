"""The API's error shape, documented in the OpenAPI document (the answers come from `nook.http.errors`)."""

from __future__ import annotations

from typing import Any

from nook.api.schemas import ErrorOut

ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "Not signed in"},
    403: {"model": ErrorOut, "description": "Not allowed, or a cross-site request"},
    404: {"model": ErrorOut, "description": "Missing, or not visible to you"},
    409: {"model": ErrorOut, "description": "Conflicts with the current state"},
    422: {"model": ErrorOut, "description": "Invalid input"},
    429: {"model": ErrorOut, "description": "Too many requests; see Retry-After"},
}
