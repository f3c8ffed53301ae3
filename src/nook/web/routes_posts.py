"""The feed, the composer, a post's page, likes and comments, hashtag pages."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from starlette.datastructures import FormData
from starlette.responses import Response

from nook.errors import Invalid, NookError
from nook.http.params import MAX_ID, PathId, PathName
from nook.http.unit import Credentials, CredentialsDep, Ctx, then_read, unit
from nook.http.uploads import prepared_uploads
from nook.phrases import N_
from nook.social.assist import care, suggestions
from nook.social.content import browse, composer, feed, interactions, media, polls, posts
from nook.social.content.comment_cards import post_thread, post_views
from nook.social.content.posts import AudienceIn, ImageRef
from nook.social.localtime import local_today
from nook.social.pagination import Page
from nook.social.people import birthdays, circles, friends, groups
from nook.social.reach import ranking
from nook.social.themes import weeks
from nook.store.base import utcnow
from nook.store.models import PostRow
from nook.web import routes_boards
from nook.web.forms import FormDep, audience, flag, optional_int, photo_blobs, text
from nook.web.pages import back, is_htmx, kept_page, redirect, render

router = APIRouter(include_in_schema=False)


def post_list(request: Request, ctx: Ctx, template: str, page: Page[PostRow], **data: Any) -> Response:
    """A page of posts; for HTMX "load more" only the next cards and the next link."""
    views = post_views(ctx.session, ctx.viewer, page.items)
    if is_htmx(request) and request.query_params.get("cursor"):
        template = "partials/post_list.html"
    return render(request, ctx, template, posts=views, next_cursor=page.next_cursor, **data)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, creds: CredentialsDep, cursor: str | None = None, order: str = "latest") -> Response:
    if (kept := kept_page(request)) is not None:
        return kept
    with unit(creds, login=False) as ctx:
        if ctx.user is None:
            page = feed.public_posts(ctx.session, ctx.viewer, cursor=cursor)
            return post_list(request, ctx, "pages/landing.html", page)
        side: dict[str, Any] = {}
        if not (is_htmx(request) and cursor):  # "load more" returns only cards: no sidebar to fill
            side["my_circles"] = browse.my_circles(ctx.session, ctx.viewer)
            side["my_groups"] = groups.list_groups(ctx.session, ctx.me)
            side["my_friends"] = friends.friends_of(ctx.session, ctx.me)
            side["leaderboard"] = routes_boards.top_three(ctx.session, ctx.viewer)
            side["birthdays"] = birthdays.birthdays_today(ctx.session, ctx.viewer, local_today())
        if order == "ranked":
            return _ranked_home(request, ctx, cursor, side)
        page = feed.home_feed(ctx.session, ctx.viewer, cursor=cursor)
        return post_list(request, ctx, "pages/feed.html", page, order="latest", **side)


def _ranked_home(request: Request, ctx: Ctx, cursor: str | None, side: dict[str, Any]) -> Response:
    """为你推荐: the ranked page's cards, each with its plain-words reasons ("为什么看到这条")."""
    ranked = ranking.ranked_feed(ctx.session, ctx.viewer, ctx.user, cursor=cursor)
    page = Page([r.post for r in ranked.items], ranked.next_cursor)
    reasons = {r.post.id: r.reasons for r in ranked.items}
    return post_list(
        request, ctx, "pages/feed.html", page, order="ranked", reasons=reasons, more_extra="order=ranked&", **side
    )


@router.get("/explore", response_class=HTMLResponse)
def explore(request: Request, creds: CredentialsDep, cursor: str | None = None) -> Response:
    if (kept := kept_page(request)) is not None:
        return kept
    with unit(creds, login=False) as ctx:
        page = feed.public_posts(ctx.session, ctx.viewer, cursor=cursor)
        return post_list(request, ctx, "pages/explore.html", page)


@router.get("/tags/{name}", response_class=HTMLResponse)
def hashtag(request: Request, name: PathName, creds: CredentialsDep, cursor: str | None = None) -> Response:
    with unit(creds, login=False) as ctx:
        page = feed.hashtag_posts(ctx.session, ctx.viewer, name, cursor=cursor)
        following = weeks.is_following(ctx.session, ctx.viewer.id, name)
        tag_weeks = weeks.weeks_for_tag(ctx.session, ctx.viewer, name)
        return post_list(request, ctx, "pages/tag.html", page, tag=name, following=following, tag_weeks=tag_weeks)


@router.get("/compose/tags", response_class=HTMLResponse)
def tag_suggestions(request: Request, creds: CredentialsDep, body: str = "") -> Response:
    """#话题# completion: the tag being typed is the text after the last unclosed '#'."""
    with unit(creds) as ctx:
        typed = body.rsplit("#", 1)[-1] if body.count("#") % 2 == 1 else None
        tags = [] if typed is None else browse.suggest_hashtags(ctx.session, ctx.viewer, typed)
        return render(request, ctx, "partials/tag_suggestions.html", tags=tags, typed=typed or "")


@router.post("/compose/hint", response_class=HTMLResponse)
def composer_hint(request: Request, form: FormDep, creds: CredentialsDep) -> Response:
    with unit(creds) as ctx:
        return render(request, ctx, "slots/composer_hook.html", hint=composer.hint_for(text(form, "body")))


@router.post("/posts")
async def create_post(request: Request, form: FormDep, creds: CredentialsDep) -> Response:
    blobs = await photo_blobs(form, "photos", N_("每条说说最多 %(n)s 张图片"))
    return await run_in_threadpool(_create_post, request, form, creds, blobs)


def _create_post(request: Request, form: FormData, creds: Credentials, blobs: list[bytes]) -> Response:
    with prepared_uploads(creds, blobs) as images, unit(creds, write=True) as ctx:
        stored = [media.record_image(ctx.session, ctx.me, image) for image in images]
        refs = [ImageRef(m.id, text(form, f"alt_{i}")) for i, m in enumerate(stored)]
        visibility, circle_slug = _visibility(text(form, "visibility", "public"))
        circle_id = circles.get_circle(ctx.session, circle_slug).id if circle_slug else None
        post = posts.create_post(
            ctx.session,
            ctx.viewer,
            ctx.me,
            body=text(form, "body"),
            visibility=visibility,
            circle_id=circle_id,
            images=refs,
            audience=_audience(form, visibility),
            poll=_poll(form),
        )
        ctx.session.flush()
        if is_htmx(request):
            views = post_views(ctx.session, ctx.viewer, [post])
            return render(request, ctx, "partials/post_card.html", post=views[0], fresh=True)
    return back(request, "/")


def _audience(form: FormData, visibility: str) -> AudienceIn:
    """The groups and friends ticked in the composer."""
    return AudienceIn(*audience(form, visibility))


def _poll(form: FormData) -> polls.PollIn | None:
    """The composer's poll: its filled option fields (none filled: no poll), multiple choice, days open."""
    options = [v for v in form.getlist("poll_option") if isinstance(v, str) and v.strip()]
    if not options:
        return None
    days = text(form, "poll_days")
    if days not in POLL_DAYS:
        raise Invalid(N_("截止时间无效"))
    closes_at = utcnow() + timedelta(days=int(days)) if days else None
    return polls.PollIn(tuple(options), flag(form, "poll_multiple"), closes_at)


#: The composer's closing choices: none, or so many days from now.
POLL_DAYS = ("", "1", "3", "7")


@router.post("/p/{post_id}/vote")
def vote(request: Request, post_id: PathId, form: FormDep, creds: CredentialsDep) -> Response:
    chosen = _option_ids(form)
    with unit(creds, write=True) as ctx:
        polls.vote(ctx.session, ctx.viewer, ctx.me, post_id, chosen)
        ctx.session.flush()
        if is_htmx(request):
            post = posts.get_visible_post(ctx.session, ctx.viewer, post_id)
            view = post_views(ctx.session, ctx.viewer, [post], previews=0)[0]
            return render(request, ctx, "partials/poll.html", c=view.card)
    return back(request, f"/p/{post_id}")


def _option_ids(form: FormData) -> list[int]:
    values = [v for v in form.getlist("option") if isinstance(v, str)]
    if not all(v.isascii() and v.isdigit() and int(v) <= MAX_ID for v in values):
        raise Invalid(N_("没有这个选项"))
    return [int(v) for v in values]


def _visibility(value: str) -> tuple[str, str | None]:
    """The picker's value: public / friends / private, or "circle:<slug>" (circle members only)."""
    if value.startswith("circle:"):
        return "circle", value.removeprefix("circle:")
    if value.startswith("circle-public:"):
        return "public", value.removeprefix("circle-public:")
    return value, None


@router.get("/p/{post_id}", response_class=HTMLResponse)
def post_page(request: Request, post_id: PathId, creds: CredentialsDep) -> Response:
    if (kept := kept_page(request)) is not None:
        return kept
    with unit(creds, login=False) as ctx:
        post = posts.get_visible_post(ctx.session, ctx.viewer, post_id)
        view = post_thread(
            ctx.session, ctx.viewer, post, interactions.comments_on(ctx.session, ctx.viewer, post_id).items
        )
        likers = interactions.likers(ctx.session, ctx.viewer, post_id, limit=30)
        return render(
            request,
            ctx,
            "pages/post.html",
            post=view,
            likers=likers,
            comments=view.comments,
            reply_to=optional_int(request.query_params, "reply"),  # type: ignore[arg-type]
            care=care.care_card(ctx.viewer, post),  # the author's alone, when the post signals a crisis
        )


@router.post("/p/{post_id}/like")
def like(request: Request, post_id: PathId, form: FormDep, creds: CredentialsDep) -> Response:
    with unit(creds, write=True) as ctx:
        if text(form, "action") == "unlike":
            interactions.unlike(ctx.session, ctx.viewer, ctx.me, post_id)
        else:
            interactions.like(ctx.session, ctx.viewer, ctx.me, post_id)
    if not is_htmx(request):
        return back(request, f"/p/{post_id}")
    with then_read(ctx) as read:  # the button as committed, read once the write's transaction ended
        post = posts.get_visible_post(read.session, read.viewer, post_id)
        view = post_views(read.session, read.viewer, [post], previews=0)[0]
        return render(request, read, "partials/like_button.html", post=view)


@router.post("/p/{post_id}/comments")
def add_comment(request: Request, post_id: PathId, form: FormDep, creds: CredentialsDep) -> Response:
    with unit(creds, write=True) as ctx:
        row = interactions.comment(
            ctx.session, ctx.viewer, ctx.me, post_id, body=text(form, "body"), parent_id=optional_int(form, "parent_id")
        )
        suggestion_id = optional_int(form, "suggestion_id")
        if suggestion_id is not None:  # written from a chip: logged "used" or "edited", same unit of work
            suggestions.record_use(ctx.session, ctx.me, suggestion_id, row)
    if not is_htmx(request):
        return redirect(f"/p/{post_id}#comments")
    with then_read(ctx) as read:  # the comments as committed, read once the write's transaction ended
        return _comments_partial(request, read, post_id, full=text(form, "full") == "1", fresh_comment=row.id)


@router.get("/p/{post_id}/suggestions", response_class=HTMLResponse)
def comment_suggestions(request: Request, post_id: PathId, creds: CredentialsDep) -> Response:
    """Chips under a comment box, fetched after the page: three logged suggestions, plus the circle's topics.
    Under the member's own post: the comments they have not answered yet, and (`card=1`, on feed cards;
    the post page has its own) the help card when the post signals a crisis."""
    try:
        with unit(creds) as ctx:
            plan = suggestions.plan_offer(ctx.session, ctx.viewer, ctx.me, post_id)
            if plan.own:
                mine = suggestions.author_help(ctx.session, ctx.viewer, post_id)
                card = mine.care if request.query_params.get("card") == "1" else None
                return render(request, ctx, "slots/author_help.html", help=mine, care=card, post_id=post_id)
            post = posts.get_visible_post(ctx.session, ctx.viewer, post_id)
            topics = composer.circle_topics(ctx.session, post.circle_id)
        rows = suggestions.make_offer(plan)  # no connection held while the engine (or an LLM) thinks
    except NookError:
        return Response("", status_code=200)  # chips are optional: a reader who cannot get them sees none
    chips = [(r.id, r.text) for r in rows]
    return render(request, None, "slots/suggestion_chips.html", suggestions=chips, topics=topics)


def _comments_partial(
    request: Request, ctx: Ctx, post_id: int, *, full: bool, fresh_comment: int | None = None
) -> Response:
    """The comment box; after the member's own comment, `fresh_comment` asks for an 应援卡 offer."""
    post = posts.get_visible_post(ctx.session, ctx.viewer, post_id)
    if full:
        rows = interactions.comments_on(ctx.session, ctx.viewer, post_id).items
    else:
        rows = browse.latest_comments(ctx.session, ctx.viewer, [post_id]).get(post_id, [])
    view = post_thread(ctx.session, ctx.viewer, post, rows)
    data: dict[str, Any] = {"post": view, "comments": view.comments, "full": full, "fresh_comment": fresh_comment}
    return render(request, ctx, "partials/comments.html", **data)


@router.post("/comments/{comment_id}/delete")
def delete_comment(request: Request, comment_id: PathId, form: FormDep, creds: CredentialsDep) -> Response:
    with unit(creds, write=True) as ctx:
        interactions.delete_comment(ctx.session, ctx.viewer, comment_id)
    if is_htmx(request):
        return Response("", status_code=200)
    return back(request, "/")


@router.post("/p/{post_id}/delete")
def delete_post(request: Request, post_id: PathId, form: FormDep, creds: CredentialsDep) -> Response:
    with unit(creds, write=True) as ctx:
        posts.delete_post(ctx.session, ctx.viewer, post_id)
        me = ctx.me.username
    if is_htmx(request):
        return Response("", status_code=200)
    return redirect(f"/u/{me}")
