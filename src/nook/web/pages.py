"""Rendering a page: the shared context (who is here, badge, CSRF token, language) and cookies."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.requests import Request
from starlette.responses import Response

from nook.config import get_settings
from nook.http import etags
from nook.http.unit import SESSION_COOKIE, Ctx
from nook.social.people import notifications
from nook.web import appearance, csrf, i18n, page_cache
from nook.web.templating import render_template


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def base_context(request: Request, ctx: Ctx | None, *, session_secret: str | None = None) -> dict[str, Any]:
    lang = i18n.pick_language(request)
    i18n.set_language(lang)
    me = ctx.user if ctx else None
    return {
        "request": request,
        "lang": lang,
        "html_lang": "zh-Hans" if lang == "zh" else "en",
        "theme": appearance.pick_theme(request),
        "me": me,
        "viewer": ctx.viewer if ctx else None,
        "unread": notifications.unread_count(ctx.session, me) if ctx and me else 0,
        "csrf_token": csrf.request_token(request, session_secret),
        "csp_nonce": request.scope.get("state", {}).get("csp_nonce", ""),
        "path": request.url.path,
        "htmx": is_htmx(request),
    }


def render(
    request: Request,
    ctx: Ctx | None,
    template: str,
    status: int = 200,
    headers: dict[str, str] | None = None,
    **data: Any,
) -> HTMLResponse:
    context = base_context(request, ctx) | data
    html = render_template(template, context)
    anonymous = ctx is None or ctx.user is None
    if (page_key := page_cache.wanted(request)) is not None:
        if status == 200 and anonymous:
            page_cache.put(page_key, html, context["csrf_token"])
        else:
            page_cache.release(page_key)
    return _answer(request, html, status, headers, anonymous=anonymous)


def kept_page(request: Request) -> Response | None:
    """For an anonymous GET of a page anyone may see: 304 when the browser's copy is current, else the
    page this process kept for this version of the site; None when the route must render it (`render`
    then keeps it). Called before the route reads anything."""
    if (unchanged := etags.not_modified(request)) is not None:
        return unchanged
    page_key = page_cache.key(request)
    if page_key is None:
        return None
    html = page_cache.get_or_claim(page_key, csrf.request_token(request))
    if html is None:
        page_cache.remember(request, page_key)
        return None
    return _answer(request, html, 200, None, anonymous=True)


def _answer(
    request: Request, html: str, status: int, headers: dict[str, str] | None, *, anonymous: bool
) -> HTMLResponse:
    response = HTMLResponse(html, status_code=status, headers=headers)
    response.headers["Cache-Control"] = "no-store"  # pages carry private data and a CSRF token
    response.headers["Vary"] = "Cookie, Accept-Language, HX-Request"
    if status == 200 and anonymous:
        etags.label(request, response.headers)  # routes that asked `kept_page`: private, no-cache
    remember_csrf_key(request, response)
    return response


def remember_csrf_key(request: Request, response: Response) -> None:
    if request.cookies.get(csrf.CSRF_COOKIE) != csrf.browser_key(request):
        response.set_cookie(
            csrf.CSRF_COOKIE,
            csrf.browser_key(request),
            httponly=True,
            samesite="lax",
            secure=secure_cookies(request),
            max_age=365 * 86400,
        )


def secure_cookies(request: Request) -> bool:
    """Cookies are Secure when the page came over HTTPS (directly, or as X-Forwarded-Proto from a proxy in
    NOOK_TRUSTED_PROXIES, which uvicorn turns into the scheme), or always with NOOK_COOKIE_SECURE=true."""
    return get_settings().cookie_secure or request.url.scheme == "https"


def set_session_cookie(request: Request, response: Response, secret: str) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        secret,
        httponly=True,
        samesite="lax",
        secure=secure_cookies(request),
        max_age=get_settings().session_days * 86400,
    )


def safe_next(target: str | None, default: str = "/") -> str:
    """Only local paths: `next=` must never send a member to another site."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target


def back(request: Request, default: str) -> RedirectResponse:
    """After a no-JS form post: return to the page the form was on (same site only)."""
    referer = request.headers.get("referer", "")
    parts = urlsplit(referer)
    target = default
    if parts.netloc == request.headers.get("host", "") and parts.path.startswith("/"):
        target = parts.path + (f"?{parts.query}" if parts.query else "")
    return RedirectResponse(target, status_code=303)


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)
