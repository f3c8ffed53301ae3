"""Error answers: one JSON shape for every 4xx, documented in the OpenAPI document."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from nook.api.schemas import ErrorOut
from nook.errors import NookError, RateLimited
from nook.social.phrases import N_, Listing, Phrase

log = logging.getLogger(__name__)

ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "Not signed in"},
    403: {"model": ErrorOut, "description": "Not allowed, or a cross-site request"},
    404: {"model": ErrorOut, "description": "Missing, or not visible to you"},
    409: {"model": ErrorOut, "description": "Conflicts with the current state"},
    422: {"model": ErrorOut, "description": "Invalid input"},
    429: {"model": ErrorOut, "description": "Too many requests; see Retry-After"},
}


#: Set by the web UI: renders errors on its pages as HTML, the message translated into the page's
#: language. /api/v1 always keeps JSON with the Chinese message.
HtmlErrors = Callable[[Request, int, Phrase, dict[str, str] | None], Response]
_html_errors: HtmlErrors | None = None


def use_html_errors(render: HtmlErrors) -> None:
    global _html_errors
    _html_errors = render


def _answer(request: Request, status: int, code: str, message: Phrase, headers: dict[str, str] | None) -> Response:
    if _html_errors is not None and not request.url.path.startswith("/api/"):
        return _html_errors(request, status, message, headers)
    return error_response(status, code, str(message), headers)


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


async def _nook_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, NookError)
    headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, RateLimited) else None
    return _answer(request, exc.status, exc.code, exc.phrase, headers)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    parts: list[Phrase] = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path"))
        what = Phrase(N_("格式不正确")) if "msg" not in err else Phrase("%(msg)s", {"msg": str(err["msg"])})
        parts.append(Phrase("%(where)s: %(what)s", {"where": where or Phrase(N_("请求")), "what": what}))
    message = Phrase("%(parts)s", {"parts": Listing(parts, sep=N_("；"))}) if parts else Phrase(N_("请求格式不正确"))
    return _answer(request, 422, "invalid", message, None)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    # Starlette's details are fixed English ("Not Found"); shown as they are in either language.
    detail = Phrase("%(detail)s", {"detail": str(exc.detail)})
    return _answer(request, exc.status_code, "http_error", detail, getattr(exc, "headers", None))


def install(app: FastAPI) -> None:
    app.add_exception_handler(NookError, _nook_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
