"""Error answers for every route: a JSON body by default, or a page where an adapter asks for one.

`install(app, pages=...)` is called once by `nook.app`: each prefix-less path (the web UI) gets its
errors from the renderer given for it; /api paths keep the JSON shape with the Chinese message.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from nook.errors import Busy, NookError, RateLimited
from nook.http.paths import route_path
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
        if self.pages is not None and not route_path(request.scope).startswith(self.json_prefix):
            return self.pages(request, status, message, headers)
        return error_response(status, code, str(message), headers)

    def error(self, request: Request, exc: NookError) -> Response:
        """The answer to a domain error; also used by the request guard before any route runs."""
        headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, RateLimited | Busy) else None
        return self.answer(request, exc.status, exc.code, exc.phrase, headers)

    async def nook_error(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, NookError)
        return self.error(request, exc)

    async def database_error(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, OperationalError)
        if not is_busy(exc):
            raise exc  # a real fault: the server error page, and the traceback in the log
        return self.error(request, Busy())

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


#: SQLite's SQLITE_BUSY and SQLITE_LOCKED (extended codes such as BUSY_SNAPSHOT share the low byte).
_SQLITE_BUSY_CODES = {5, 6}
#: PostgreSQL: serialization failure, deadlock, lock_timeout, statement/lock wait cancelled.
_PG_BUSY_STATES = {"40001", "40P01", "55P03", "57014"}


def is_busy(exc: OperationalError) -> bool:
    """The database was locked or too busy to answer in time (as opposed to being broken)."""
    orig = exc.orig
    code = getattr(orig, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in _SQLITE_BUSY_CODES:
        return True
    if getattr(orig, "sqlstate", None) in _PG_BUSY_STATES:
        return True
    return "database is locked" in str(orig)


#: Answers a domain error raised outside any route (the request guard).
ErrorAnswer = Callable[[Request, NookError], Response]


def install(app: FastAPI, *, json_prefix: str, pages: PageErrors | None = None) -> ErrorAnswer:
    """Answer errors as JSON under `json_prefix`, and with `pages` (when given) everywhere else."""
    dispatcher = _Dispatcher(json_prefix, pages)
    app.add_exception_handler(NookError, dispatcher.nook_error)
    app.add_exception_handler(OperationalError, dispatcher.database_error)
    app.add_exception_handler(RequestValidationError, dispatcher.validation_error)
    app.add_exception_handler(StarletteHTTPException, dispatcher.http_error)
    return dispatcher.error
