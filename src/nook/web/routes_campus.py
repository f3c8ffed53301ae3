"""Scenes in the web UI: 校园 (my schools, campus pages, 老同学 feed, classmate prompt) and 同城."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.datastructures import FormData
from starlette.responses import Response

from nook.errors import NookError, NotFound
from nook.http.params import EnrollYear, PathId, PathName
from nook.http.unit import Credentials, CredentialsDep, Ctx, unit
from nook.phrases import N_, Phrase
from nook.social import authz
from nook.social.content.comment_cards import post_views
from nook.social.people import circles
from nook.social.people.directory import visible_user
from nook.social.scenes import campus, classmates, nearby, schools
from nook.store.models import User, UserSchool
from nook.web.forms import FormDep, flag, text
from nook.web.pages import is_htmx, redirect, render

router = APIRouter(include_in_schema=False)
SCOPE_LABELS = {"year": N_("同级"), "school": N_("同校"), "class": N_("同班")}


# --- 校园 ---------------------------------------------------------------------------------------


@router.get("/campus", response_class=HTMLResponse)
def campus_home(request: Request, creds: CredentialsDep) -> Response:
    """My schools, each linking to its campus page, and classmates I may know."""
    with unit(creds, write=True) as ctx:  # suggestions shown are logged (scene_prompts)
        return render(
            request,
            ctx,
            "pages/campus_home.html",
            schools=schools.schools_of(ctx.session, ctx.me.id),
            suggestions=classmates.classmate_suggestions(ctx.session, ctx.viewer, ctx.me),
        )


@router.get("/campus/{school}", response_class=HTMLResponse)
def campus_school(request: Request, creds: CredentialsDep, school: PathName) -> Response:
    """A school across all years (同校), e.g. from a profile that hides the year."""
    return _campus(request, creds, school, None, "school", request.query_params.get("cursor"))


@router.get("/campus/{school}/{year}", response_class=HTMLResponse)
def campus_page(
    request: Request,
    creds: CredentialsDep,
    school: PathName,
    year: EnrollYear,
    scope: str = "year",
    cursor: str | None = None,
) -> Response:
    return _campus(request, creds, school, year, scope if scope in SCOPE_LABELS else "year", cursor)


def _campus(
    request: Request, creds: Credentials, school: str, year: int | None, scope: str, cursor: str | None
) -> Response:
    with unit(creds) as ctx:
        name = schools.normalize_school(school)
        my_class = campus.my_class(ctx.session, ctx.me, name, year) if year else ""
        if scope == "class" and not my_class:
            raise NotFound(N_("你没有填写这所学校这一级的班级"))
        page = campus.campus_posts(ctx.session, ctx.viewer, name, year, scope=scope, class_name=my_class, cursor=cursor)
        views = post_views(ctx.session, ctx.viewer, page.items)
        data: dict[str, Any] = {"posts": views, "next_cursor": page.next_cursor, "more_extra": f"scope={scope}&"}
        if cursor and is_htmx(request):
            return render(request, ctx, "partials/post_list.html", **data)
        members = campus.campus_members(ctx.session, ctx.viewer, name, year, scope=scope, class_name=my_class)
        return render(
            request,
            ctx,
            "pages/campus.html",
            school=name,
            year=year,
            scope=scope,
            scopes=SCOPE_LABELS,
            my_class=my_class,
            members=members,
            **data,
        )


@router.get("/classmates", response_class=HTMLResponse)
def classmates_feed(request: Request, creds: CredentialsDep, cursor: str | None = None) -> Response:
    """The 老同学 tab of the feed."""
    with unit(creds) as ctx:
        page = campus.classmates_feed(ctx.session, ctx.viewer, cursor=cursor)
        views = post_views(ctx.session, ctx.viewer, page.items)
        template = "partials/post_list.html" if cursor and is_htmx(request) else "pages/classmates.html"
        has_school = bool(schools.schools_of(ctx.session, ctx.me.id))
        return render(request, ctx, template, posts=views, next_cursor=page.next_cursor, has_school=has_school)


@router.post("/p/{post_id}/classmate-prompt", response_class=HTMLResponse)
def classmate_prompt(request: Request, post_id: PathId, form: FormDep, creds: CredentialsDep) -> Response:
    """Fetched by the post page after it loads: the prompt once, or nothing."""
    try:
        with unit(creds, write=True) as ctx:
            found = classmates.classmate_prompt(ctx.session, ctx.viewer, ctx.me, post_id)
            if found is None:
                return Response("", status_code=200)
            return render(request, ctx, "partials/classmate_prompt.html", prompt=found, post_id=post_id)
    except NookError:
        return Response("", status_code=200)  # optional, like the suggestion chips


@router.get("/u/{username}/schools", response_class=HTMLResponse)
def profile_schools(request: Request, username: PathName, creds: CredentialsDep) -> Response:
    """The schools line of a profile (loaded into the space page), each linking to its campus page."""
    with unit(creds, login=False) as ctx:
        owner = visible_user(ctx.session, ctx.viewer, username)
        rows = schools.visible_schools_of(ctx.session, ctx.viewer, owner) if ctx.user else []
        shown = [(s, _shown(ctx, owner, s, "year"), _shown(ctx, owner, s, "class")) for s in rows]
        return render(request, ctx, "partials/profile_schools.html", owner=owner, schools=shown)


def _shown(ctx: Ctx, owner: User, row: UserSchool, part: str) -> bool:
    return authz.can_see_school(ctx.viewer, owner, row, part)


# --- my schools (settings) ----------------------------------------------------------------------


@router.get("/settings/schools", response_class=HTMLResponse)
def schools_settings(request: Request, creds: CredentialsDep) -> Response:
    return _schools_page(request, creds)


def _schools_page(request: Request, creds: Credentials, status: int = 200, error: Phrase | None = None) -> Response:
    with unit(creds) as ctx:
        return render(
            request,
            ctx,
            "pages/settings_schools.html",
            status,
            schools=schools.schools_of(ctx.session, ctx.me.id),
            kinds=schools.SCHOOL_KINDS,
            max_schools=schools.SCHOOLS_MAX,
            error=error,
            saved=request.query_params.get("saved"),
        )


def _school_fields(form: FormData) -> dict[str, Any]:
    fields: dict[str, Any] = {k: text(form, k) for k in ("kind", "name", "class_name")}
    fields["enroll_year"] = text(form, "enroll_year").strip()
    for key in ("school_privacy", "year_privacy", "class_privacy"):
        fields[key] = text(form, key, "public")
    return fields


@router.post("/settings/schools")
def add_school(request: Request, form: FormDep, creds: CredentialsDep) -> Response:
    try:
        with unit(creds, write=True) as ctx:
            schools.add_school(ctx.session, ctx.me, _school_fields(form))
    except NookError as exc:
        if exc.status in (401, 403, 429):
            raise
        return _schools_page(request, creds, exc.status, exc.phrase)
    return redirect("/settings/schools?saved=1")


@router.post("/settings/schools/{school_id}")
def edit_school(request: Request, school_id: PathId, form: FormDep, creds: CredentialsDep) -> Response:
    try:
        with unit(creds, write=True) as ctx:
            if text(form, "action") == "delete":
                schools.delete_school(ctx.session, ctx.me, school_id)
            else:
                schools.update_school(ctx.session, ctx.me, school_id, _school_fields(form))
    except NookError as exc:
        if exc.status in (401, 403, 404, 429):
            raise
        return _schools_page(request, creds, exc.status, exc.phrase)
    return redirect("/settings/schools?saved=1")


# --- 同城 ---------------------------------------------------------------------------------------


@router.get("/nearby", response_class=HTMLResponse)
def nearby_page(request: Request, creds: CredentialsDep) -> Response:
    """Same-city circles and members with their reasons, my settings, and the circles I own."""
    with unit(creds, write=True) as ctx:  # recommendations shown are logged (scene_prompts)
        owned = [
            (c, nearby.locality_of(ctx.session, c))
            for c, _n in circles.list_circles(ctx.session)
            if c.id in ctx.viewer.moderated_circle_ids and _owns(ctx, c)
        ]
        return render(
            request,
            ctx,
            "pages/nearby.html",
            settings=nearby.settings_of(ctx.session, ctx.me.id),
            circle_tips=nearby.recommend_circles(ctx.session, ctx.viewer, ctx.me),
            member_tips=nearby.recommend_members(ctx.session, ctx.viewer, ctx.me),
            owned=owned,
            saved=request.query_params.get("saved"),
        )


def _owns(ctx: Ctx, circle: Any) -> bool:
    row = circles.membership(ctx.session, circle, ctx.viewer.id)
    return row is not None and row.role == "owner"


@router.get("/nearby/side", response_class=HTMLResponse)
def nearby_side(request: Request, creds: CredentialsDep) -> Response:
    """The feed sidebar's 同城 card (loaded after the page)."""
    with unit(creds, write=True) as ctx:
        tips = nearby.recommend_circles(ctx.session, ctx.viewer, ctx.me, limit=3)
        return render(request, ctx, "partials/nearby_side.html", circle_tips=tips)


@router.post("/nearby/settings")
def nearby_settings(request: Request, form: FormDep, creds: CredentialsDep) -> Response:
    with unit(creds, write=True) as ctx:
        nearby.update_settings(
            ctx.session,
            ctx.me,
            city_recommendations=flag(form, "city_recommendations"),
            city_from_activity=flag(form, "city_from_activity"),
        )
    return redirect("/nearby?saved=1")


@router.post("/c/{slug}/locality")
def circle_locality(request: Request, slug: PathName, form: FormDep, creds: CredentialsDep) -> Response:
    with unit(creds, write=True) as ctx:
        circle = circles.get_circle(ctx.session, slug)
        nearby.set_locality(
            ctx.session,
            ctx.viewer,
            circle,
            city=text(form, "city"),
            open_to_other_cities=flag(form, "open_to_other_cities"),
        )
    return redirect("/nearby?saved=1#owned")
