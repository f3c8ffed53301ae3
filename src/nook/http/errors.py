"""Error answers for every route: a JSON body by default, or a page where an adapter asks for one.

`install(app, pages=...)` is called once by `nook.app`: each prefix-less path (the web UI) gets its
errors from the renderer given for it; /api paths keep the JSON shape with the Chinese message.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from nook.errors import NookError, RateLimited
from nook.phrases import N_, Listing, Phrase

#: Renders an error as a page, `message` in the page's language.
PageErrors = Callable[[Request, int, Phrase, dict[str, str] | None], Response]


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


class _Dispatcher:
    def __init__(self, json_prefix: str, pages: PageErrors | None) -> None:
        self.json_prefix, self.pages = json_prefix, pages

    def answer(
        self, request: Request, status: int, code: str, message: Phrase, headers: dict[str, str] | None
    ) -> Response:
        if self.pages is not None and not request.url.path.startswith(self.json_prefix):
            return self.pages(request, status, message, headers)
        return error_response(status, code, str(message), headers)

    async def nook_error(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, NookError)
        headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, RateLimited) else None
        return self.answer(request, exc.status, exc.code, exc.phrase, headers)

    async def validation_error(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return self.answer(request, 422, "invalid", validation_message(exc), None)

    async def http_error(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        # Starlette's details are fixed English ("Not Found"); shown as they are in either language.
        detail = Phrase("%(detail)s", {"detail": str(exc.detail)})
        return self.answer(request, exc.status_code, "http_error", detail, getattr(exc, "headers", None))


def validation_message(exc: RequestValidationError) -> Phrase:
    parts: list[Phrase] = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path"))
        what = Phrase(N_("格式不正确")) if "msg" not in err else Phrase("%(msg)s", {"msg": str(err["msg"])})
        parts.append(Phrase("%(where)s: %(what)s", {"where": where or Phrase(N_("请求")), "what": what}))
    return Phrase("%(parts)s", {"parts": Listing(parts, sep=N_("；"))}) if parts else Phrase(N_("请求格式不正确"))


def install(app: FastAPI, *, json_prefix: str, pages: PageErrors | None = None) -> None:
    """Answer errors as JSON under `json_prefix`, and with `pages` (when given) everywhere else."""
    dispatcher = _Dispatcher(json_prefix, pages)
    app.add_exception_handler(NookError, dispatcher.nook_error)
    app.add_exception_handler(RequestValidationError, dispatcher.validation_error)
    app.add_exception_handler(StarletteHTTPException, dispatcher.http_error)
