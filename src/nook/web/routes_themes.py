"""主题周 pages, the composer's 本周主题 chips, hashtag follows, a fan club's idol form and 应援卡."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from starlette.datastructures import FormData
from starlette.responses import Response

from nook.errors import Invalid, NookError, NotFound
from nook.http.params import PathId, PathName
from nook.http.unit import CredentialsDep, Ctx, unit
from nook.phrases import N_, Phrase
from nook.social import authz, localtime
from nook.social.content.comment_cards import post_views
from nook.social.people import circles
from nook.social.people.directory import circle_by_id, circles_by_id
from nook.social.themes import cheer_cards, fandom, weeks
from nook.store.models import Circle, ThemeWeek
from nook.web.forms import FormDep, text
from nook.web.pages import back, redirect, render

router = APIRouter(include_in_schema=False)
STATE_LABELS = {"current": "进行中", "upcoming": "即将开始", "archived": "往期回顾"}


def _day(form: FormData, name: str, label: str) -> date:
    try:
        return date.fromisoformat(text(form, name).strip()[:10])
    except ValueError as exc:
        raise Invalid(N_("请填写%(field)s（年-月-日）"), field=Phrase(label)) from exc


def _span(form: FormData) -> dict[str, Any]:
    """Whole local days: from the start day's midnight to the midnight after the end day."""
    start, end = _day(form, "starts_on", N_("开始日期")), _day(form, "ends_on", N_("结束日期"))
    return {"starts_at": localtime.day_start(start), "ends_at": localtime.day_start(end + timedelta(days=1))}


def _week_form(form: FormData) -> dict[str, str]:
    return {k: text(form, k) for k in ("hashtag", "title", "description", "prompt", "circle", "starts_on", "ends_on")}


def _creatable_circles(ctx: Ctx) -> list[Circle]:
    found = circles_by_id(ctx.session, ctx.viewer.moderated_circle_ids)
    return [found[i] for i in sorted(found)]


def _circle_names(ctx: Ctx, weeks: list[ThemeWeek]) -> dict[int, Circle]:
    return circles_by_id(ctx.session, [w.circle_id for w in weeks if w.circle_id is not None])


def _themes_page(request: Request, ctx: Ctx, status: int = 200, **extra: Any) -> Response:
    lists = {s: weeks.list_weeks(ctx.session, ctx.viewer, s, limit=30) for s in weeks.STATES}
    everyone = [w for ws in lists.values() for w in ws]
    return render(
        request,
        ctx,
        "pages/themes.html",
        status,
        lists=lists,
        labels=STATE_LABELS,
        circle_of=_circle_names(ctx, everyone),
        may_create_site=authz.can_create_theme_week(ctx.viewer, None),
        my_circles=_creatable_circles(ctx) if ctx.user else [],
        today=localtime.local_today().isoformat(),
        **({"error": None, "form": {}} | extra),
    )


@router.get("/themes", response_class=HTMLResponse)
def list_page(request: Request, creds: CredentialsDep) -> Response:
    with unit(creds, login=False) as ctx:
        return _themes_page(request, ctx)


@router.post("/themes")
def create(request: Request, form: FormDep, creds: CredentialsDep) -> Response:
    fields = _week_form(form)
    try:
        with unit(creds, write=True) as ctx:
            circle = circles.get_circle(ctx.session, fields["circle"]) if fields["circle"] else None
            week = weeks.create_week(
                ctx.session,
                ctx.viewer,
                ctx.me,
                hashtag=fields["hashtag"],
                title=fields["title"],
                description=fields["description"],
                prompt=fields["prompt"],
                circle=circle,
                **_span(form),
            )
            week_id = week.id
    except NookError as exc:
        if exc.status in (401, 429):
            raise
        with unit(creds, login=False) as ctx:
            return _themes_page(request, ctx, exc.status, error=exc.phrase, form=fields)
    return redirect(f"/themes/{week_id}")


def _week_page(request: Request, ctx: Ctx, week: ThemeWeek, status: int = 200, **extra: Any) -> Response:
    best = weeks.best_posts(ctx.session, ctx.viewer, week)
    n_posts, n_writers = weeks.participation(ctx.session, week)
    state = weeks.state_of(week)
    local = localtime.site_zone()
    return render(
        request,
        ctx,
        "pages/theme_week.html",
        status,
        week=week,
        state=state,
        labels=STATE_LABELS,
        circle=circle_by_id(ctx.session, week.circle_id),
        posts=post_views(ctx.session, ctx.viewer, best),
        next_cursor=None,
        n_posts=n_posts,
        n_writers=n_writers,
        starts_on=week.starts_at.astimezone(local).date(),
        ends_on=(week.ends_at.astimezone(local) - timedelta(seconds=1)).date(),
        editable=state == "upcoming" and authz.can_edit_theme_week(ctx.viewer, week),
        prompts=[p for p in week.prompt.splitlines() if p.strip()],
        **({"error": None} | extra),
    )


@router.get("/themes/{week_id}", response_class=HTMLResponse)
def week_page(request: Request, week_id: PathId, creds: CredentialsDep) -> Response:
    with unit(creds, login=False) as ctx:
        return _week_page(request, ctx, weeks.get_week(ctx.session, ctx.viewer, week_id))


@router.post("/themes/{week_id}")
def edit(request: Request, week_id: PathId, form: FormDep, creds: CredentialsDep) -> Response:
    fields = _week_form(form)
    try:
        with unit(creds, write=True) as ctx:
            weeks.edit_week(
                ctx.session,
                ctx.viewer,
                ctx.me,
                week_id,
                hashtag=fields["hashtag"],
                title=fields["title"],
                description=fields["description"],
                prompt=fields["prompt"],
                **_span(form),
            )
    except NookError as exc:
        if exc.status in (401, 404, 429):
            raise
        with unit(creds, login=False) as ctx:
            week = weeks.get_week(ctx.session, ctx.viewer, week_id)
            return _week_page(request, ctx, week, exc.status, error=exc.phrase)
    return redirect(f"/themes/{week_id}")


@router.get("/compose/themes", response_class=HTMLResponse)
def composer_themes(
    request: Request, creds: CredentialsDep, circle: str | None = Query(None, max_length=32)
) -> Response:
    """本周主题 chips for a composer (fetched after the page); clicking one inserts its #话题#."""
    with unit(creds) as ctx:
        found = None
        if circle:
            try:
                found = circles.get_circle(ctx.session, circle)
            except NotFound:
                found = None
        offered = weeks.composer_weeks(ctx.session, ctx.viewer, found)
        return render(request, ctx, "partials/theme_promo.html", weeks=offered)


@router.post("/tags/{name}/follow")
def follow(request: Request, name: PathName, form: FormDep, creds: CredentialsDep) -> Response:
    with unit(creds, write=True) as ctx:
        if text(form, "action") == "unfollow":
            weeks.unfollow(ctx.session, ctx.me, name)
        else:
            weeks.follow(ctx.session, ctx.me, name)
    return back(request, f"/tags/{name}")


@router.get("/c/{slug}/themes-side", response_class=HTMLResponse)
def circle_side(request: Request, slug: PathName, creds: CredentialsDep) -> Response:
    """A circle page's side card: its current and upcoming weeks, and the idol for a fan club."""
    with unit(creds, login=False) as ctx:
        circle = circles.get_circle(ctx.session, slug)
        side_weeks = [
            w
            for s in ("current", "upcoming")
            for w in weeks.list_weeks(ctx.session, ctx.viewer, s, circle_id=circle.id, limit=3)
        ]
        profile = fandom.get_profile(ctx.session, circle)
        return render(
            request,
            ctx,
            "partials/circle_themes.html",
            circle=circle,
            weeks=side_weeks,
            profile=profile,
            facts=fandom.facts(profile, localtime.local_today()) if profile else [],
            may_edit=authz.can_edit_idol_profile(ctx.viewer, circle),
            may_create=authz.can_create_theme_week(ctx.viewer, circle),
        )


def _idol_page(request: Request, ctx: Ctx, circle: Circle, status: int = 200, **extra: Any) -> Response:
    profile = fandom.get_profile(ctx.session, circle)
    form = extra.pop("form", None) or {
        "name": profile.name if profile else "",
        "birthday": profile.birthday.isoformat() if profile and profile.birthday else "",
        "debut_date": profile.debut_date.isoformat() if profile and profile.debut_date else "",
        "works": "\n".join(f"{w.released.isoformat()} {w.title}" for w in fandom.works_of(profile)) if profile else "",
        "keywords": list(profile.keywords) if profile else "",  # the page joins them in its language
        "color": profile.color if profile else "",
    }
    return render(
        request,
        ctx,
        "pages/idol.html",
        status,
        circle=circle,
        profile=profile,
        form=form,
        color=fandom.circle_color(circle, profile),
        may_edit=authz.can_edit_idol_profile(ctx.viewer, circle),
        limits={"works": fandom.WORKS_MAX, "keywords": fandom.KEYWORDS_MAX},
        **({"error": None, "saved": False} | extra),
    )


@router.get("/c/{slug}/idol", response_class=HTMLResponse)
def idol_page(request: Request, slug: PathName, creds: CredentialsDep) -> Response:
    with unit(creds, login=False) as ctx:
        circle = circles.get_circle(ctx.session, slug)
        if circle.kind != "fanclub":
            raise NotFound(N_("只有粉丝团圈子才有偶像资料"))
        return _idol_page(request, ctx, circle, saved=request.query_params.get("saved") == "1")


def _optional_day(form: FormData, name: str, label: str) -> date | None:
    return _day(form, name, label) if text(form, name).strip() else None


@router.post("/c/{slug}/idol")
def save_idol(request: Request, slug: PathName, form: FormDep, creds: CredentialsDep) -> Response:
    fields = {k: text(form, k) for k in ("name", "birthday", "debut_date", "works", "keywords", "color")}
    try:
        if len(fields["works"]) > 3000 or len(fields["keywords"]) > 300:
            raise Invalid(N_("作品或关键词太长了"))
        with unit(creds, write=True) as ctx:
            fandom.save_profile(
                ctx.session,
                ctx.viewer,
                ctx.me,
                circles.get_circle(ctx.session, slug),
                name=fields["name"],
                birthday=_optional_day(form, "birthday", N_("生日")),
                debut_date=_optional_day(form, "debut_date", N_("出道日")),
                works=fandom.parse_works(fields["works"]),
                keywords=[k for k in fields["keywords"].replace("，", "、").replace(",", "、").split("、")],
                color=fields["color"],
            )
    except NookError as exc:
        if exc.status in (401, 404, 429):
            raise
        with unit(creds, login=False) as ctx:
            circle = circles.get_circle(ctx.session, slug)
            return _idol_page(request, ctx, circle, exc.status, error=exc.phrase, form=fields)
    return redirect(f"/c/{slug}/idol?saved=1")


@router.get("/cheer/{comment_id}/offer", response_class=HTMLResponse)
def cheer_offer(request: Request, comment_id: PathId, creds: CredentialsDep) -> Response:
    """Under a fresh comment on a post about an idol: the offer to make an 应援卡 (empty otherwise)."""
    try:
        with unit(creds) as ctx:
            card = cheer_cards.offer(ctx.session, ctx.viewer, ctx.me, comment_id)
            return render(request, ctx, "partials/cheer_offer.html", card=card)
    except NookError:
        return Response("", status_code=200)  # an offer is optional: none to make, nothing shown


def _cheer_page(request: Request, ctx: Ctx, comment_id: int, message: str | None, **extra: Any) -> Response:
    card = cheer_cards.offer(ctx.session, ctx.viewer, ctx.me, comment_id, message)
    return render(
        request,
        ctx,
        "pages/cheer.html",
        card=card,
        message=card.message,
        max_len=cheer_cards.MESSAGE_MAX,
        **({"error": None} | extra),
    )


@router.get("/cheer/{comment_id}", response_class=HTMLResponse)
def cheer_page(
    request: Request,
    comment_id: PathId,
    creds: CredentialsDep,
    message: str | None = Query(None, max_length=cheer_cards.MESSAGE_MAX),
) -> Response:
    """The card's preview and its message; nothing is posted until 同步到粉丝群."""
    with unit(creds) as ctx:
        return _cheer_page(request, ctx, comment_id, message or None)


@router.get("/cheer/{comment_id}/card.png")
def cheer_image(
    comment_id: PathId,
    creds: CredentialsDep,
    message: str | None = Query(None, max_length=cheer_cards.MESSAGE_MAX),
) -> Response:
    with unit(creds) as ctx:
        png = cheer_cards.preview(ctx.session, ctx.viewer, ctx.me, comment_id, message or None)
    return Response(png, media_type="image/png", headers={"Cache-Control": "private, no-store"})


@router.post("/cheer/{comment_id}")
def cheer_share(request: Request, comment_id: PathId, form: FormDep, creds: CredentialsDep) -> Response:
    message = text(form, "message")
    try:
        with unit(creds, write=True) as ctx:
            post = cheer_cards.share(ctx.session, ctx.viewer, ctx.me, comment_id, message)
            slug = card_circle.slug if (card_circle := circle_by_id(ctx.session, post.circle_id)) else ""
    except Invalid as exc:
        with unit(creds) as ctx:
            return _cheer_page(request, ctx, comment_id, None, error=exc.phrase)
    return redirect(f"/c/{slug}")
