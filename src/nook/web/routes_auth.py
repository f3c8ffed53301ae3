"""Sign up, log in, log out, first-run profile set-up and the language switch."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.responses import Response

from nook.errors import NookError
from nook.http.unit import SESSION_COOKIE, CredentialsDep, unit
from nook.social.people import accounts, profile
from nook.social.people import login as login_service
from nook.web import appearance, csrf, i18n
from nook.web.forms import FormDep, text
from nook.web.pages import redirect, remember_csrf_key, render, safe_next, secure_cookies, set_session_cookie
from nook.web.profile_form import profile_changes

router = APIRouter(include_in_schema=False)


@router.get("/signup", response_class=HTMLResponse)
def signup_page(request: Request) -> Response:
    return render(request, None, "pages/signup.html", form={}, error=None)


@router.post("/signup")
def signup(request: Request, form: FormDep, creds: CredentialsDep) -> Response:
    fields = {k: text(form, k) for k in ("username", "nickname")}
    try:
        with unit(creds, write=True, login=False) as ctx:
            user = accounts.register(
                ctx.session,
                username=fields["username"],
                password=text(form, "password"),
                nickname=fields["nickname"],
                ip=ctx.ip,
            )
            issued = accounts.issue_token(ctx.session, user, user_agent=request.headers.get("user-agent", ""))
    except NookError as exc:
        return render(request, None, "pages/signup.html", exc.status, form=fields, error=exc.phrase)
    return _signed_in(request, issued.secret, "/welcome")


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/") -> Response:
    return render(request, None, "pages/login.html", next=safe_next(next), form={}, error=None)


@router.post("/login")
def login(request: Request, form: FormDep, creds: CredentialsDep) -> Response:
    username, target = text(form, "username"), safe_next(text(form, "next"))
    try:
        with unit(creds, write=True, login=False) as ctx:
            done = login_service.log_in(
                ctx.session,
                username=username,
                password=text(form, "password"),
                ip=ctx.ip,
                user_agent=request.headers.get("user-agent", ""),
            )
            first_run = not done.user.profile_completed
    except NookError as exc:
        if exc.status == 429:
            raise
        return render(
            request, None, "pages/login.html", exc.status, next=target, form={"username": username}, error=exc.phrase
        )
    return _signed_in(request, done.secret, "/welcome" if first_run and target == "/" else target)


def _signed_in(request: Request, secret: str, target: str) -> Response:
    response = redirect(target)
    set_session_cookie(request, response, secret)
    # A new CSRF key with the new session: a token seen before login is useless after it.
    request.state.csrf_key = csrf.new_key()
    remember_csrf_key(request, response)
    return response


@router.post("/logout")
def logout(request: Request, form: FormDep, creds: CredentialsDep) -> Response:
    with unit(creds, write=True, login=False) as ctx:
        if ctx.token is not None:
            ctx.session.delete(ctx.token)
    response = redirect("/login")
    response.delete_cookie(SESSION_COOKIE, secure=secure_cookies(request), httponly=True, samesite="lax")
    return response


@router.get("/welcome", response_class=HTMLResponse)
def welcome_page(request: Request, creds: CredentialsDep) -> Response:
    with unit(creds) as ctx:
        return render(request, ctx, "pages/welcome.html", user=ctx.me, error=None)


@router.post("/welcome")
def welcome(request: Request, form: FormDep, creds: CredentialsDep) -> Response:
    try:
        with unit(creds, write=True) as ctx:
            profile.update_profile(ctx.session, ctx.me, profile_changes(form))
            ctx.me.profile_completed = True  # the member saw and confirmed the set-up, even if they skipped fields
    except NookError as exc:
        with unit(creds) as ctx:
            return render(request, ctx, "pages/welcome.html", exc.status, user=ctx.me, error=exc.phrase)
    return redirect("/")


@router.post("/appearance")
def switch_theme(request: Request, form: FormDep) -> RedirectResponse:
    theme = text(form, "theme")
    response = redirect(safe_next(text(form, "next")))
    if theme in appearance.THEMES:
        response.set_cookie(
            appearance.THEME_COOKIE,
            theme,
            max_age=365 * 86400,
            samesite="lax",
            httponly=True,
            secure=secure_cookies(request),
        )
    return response


@router.post("/lang")
def switch_language(request: Request, form: FormDep) -> RedirectResponse:
    lang = text(form, "lang")
    response = redirect(safe_next(text(form, "next")))
    if lang in i18n.LANGUAGES:
        response.set_cookie(
            i18n.LANG_COOKIE, lang, max_age=365 * 86400, samesite="lax", httponly=True, secure=secure_cookies(request)
        )
    return response
