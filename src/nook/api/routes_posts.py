"""/api/v1/posts, comments, likes and media uploads."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import File, Query, Request, Response, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from nook.api import schemas as S
from nook.api.errors import ERRORS
from nook.api.idempotency import IdempotencyKeyHeader, replay
from nook.api.router import ApiRouter
from nook.api.serialize import comment_out, media_url, poll_out, post_out, user_out
from nook.config import get_settings
from nook.errors import Invalid
from nook.http import kept_answers
from nook.http.params import MAX_ID, PathId
from nook.http.unit import Credentials, CredentialsDep, Ctx, then_read, unit
from nook.http.uploads import prepared_uploads
from nook.phrases import N_
from nook.social.assist import care, suggestions
from nook.social.content import comment_cards, idempotency, interactions, media, polls, posts
from nook.social.content.cards import post_cards
from nook.social.content.posts import AudienceIn, ImageRef
from nook.social.people import circles
from nook.store.models import Post

router = ApiRouter(tags=["posts"], responses=ERRORS)


@router.post("/media", response_model=S.MediaOut, status_code=201)
async def upload(creds: CredentialsDep, file: UploadFile = File(...)) -> S.MediaOut:  # noqa: B008
    """Upload one image (JPEG, PNG, GIF or WebP); attach it to a post by its id."""
    limit = get_settings().max_image_bytes
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise Invalid(N_("图片不能超过 %(mb)s MB"), mb=limit // (1024 * 1024))
    return await run_in_threadpool(_upload, creds, data)  # decoding takes seconds: not on the event loop


def _upload(creds: Credentials, data: bytes) -> S.MediaOut:
    with prepared_uploads(creds, [data]) as images, unit(creds, write=True) as ctx:
        row = media.record_image(ctx.session, ctx.me, images[0])
        return S.MediaOut(
            id=row.id,
            width=row.width,
            height=row.height,
            url=media_url(row.id),
            thumb_url=media_url(row.id, "thumb"),
        )


@router.post("/posts", response_model=S.PostOut, status_code=201)
def create(
    body: S.PostIn, creds: CredentialsDep, idempotency_key: IdempotencyKeyHeader = None
) -> S.PostOut | JSONResponse:
    """Post a 说说: text with #话题# tags, up to 9 images, visible to everyone, friends, only you, one circle,
    some friends (selected: the groups and friends in audience_*) or all friends but some (except)."""

    def write(ctx: Ctx, circle_id: int | None) -> Post:
        return posts.create_post(
            ctx.session,
            ctx.viewer,
            ctx.me,
            body=body.body,
            visibility=body.visibility,
            circle_id=circle_id,
            images=[ImageRef(i.media_id, i.alt) for i in body.images],
            audience=AudienceIn(tuple(body.audience_groups), tuple(body.audience_members)),
            poll=polls.PollIn(tuple(body.poll.options), body.poll.multiple, body.poll.closes_at) if body.poll else None,
        )

    return _posted(creds, idempotency_key, "POST /posts", body, body.circle, write)


@router.post("/journals", response_model=S.PostOut, status_code=201)
def create_journal(
    body: S.JournalIn, creds: CredentialsDep, idempotency_key: IdempotencyKeyHeader = None
) -> S.PostOut | JSONResponse:
    """Post a 日志: a title and a Markdown body (headings, lists, quotes, links, your own uploads as
    `![描述](/media/ID/full)`), commented and liked like a 说说."""

    def write(ctx: Ctx, circle_id: int | None) -> Post:
        return posts.create_post(
            ctx.session,
            ctx.viewer,
            ctx.me,
            title=body.title,
            body=body.body,
            visibility=body.visibility,
            circle_id=circle_id,
        )

    return _posted(creds, idempotency_key, "POST /journals", body, body.circle, write)


def _posted(
    creds: Credentials,
    idempotency_key: str | None,
    route: str,
    body: BaseModel,
    circle: str | None,
    write: Callable[[Ctx, int | None], Post],
) -> S.PostOut | JSONResponse:
    """Write a post once per idempotency key (a repeat gets the first answer) and answer it as a card."""
    with unit(creds, write=True) as ctx:
        claim = idempotency.begin(ctx.session, ctx.me, idempotency_key, route, body.model_dump(mode="json"))
        if isinstance(claim, idempotency.Replay):
            return replay(claim)
        post = write(ctx, circles.get_circle(ctx.session, circle).id if circle else None)
        ctx.session.flush()
        out = post_out(post_cards(ctx.session, ctx.viewer, [post])[0])
        idempotency.finish(claim, 201, out.model_dump(mode="json"))
        return out


@router.get("/posts/{post_id}", response_model=S.PostOut)
def detail(request: Request, post_id: PathId, creds: CredentialsDep) -> Response:
    with unit(creds, login=False) as ctx:

        def build() -> S.PostOut:
            post = posts.get_visible_post(ctx.session, ctx.viewer, post_id)
            out = post_out(post_cards(ctx.session, ctx.viewer, [post])[0])
            card = care.care_card(ctx.viewer, post)  # the author's alone, when the post signals a crisis
            if card is not None:
                out.care = S.CareOut(lines=[S.HelpLineOut(name=str(h.name), number=h.number) for h in card.lines])
            return out

        return kept_answers.answer(ctx, request, build)


@router.patch("/posts/{post_id}", response_model=S.PostOut)
def edit(post_id: PathId, body: S.PostEditIn, creds: CredentialsDep) -> S.PostOut:
    with unit(creds, write=True) as ctx:
        audience = None
        if body.audience_groups is not None or body.audience_members is not None:
            audience = AudienceIn(tuple(body.audience_groups or ()), tuple(body.audience_members or ()))
        post = posts.edit_post(
            ctx.session, ctx.viewer, post_id, body=body.body, visibility=body.visibility, audience=audience
        )
        ctx.session.flush()
        return post_out(post_cards(ctx.session, ctx.viewer, [post])[0])


@router.post("/posts/{post_id}/vote", response_model=S.PollOut)
def vote(post_id: PathId, body: S.VoteIn, creds: CredentialsDep) -> S.PollOut:
    """Vote in the post's poll: one option, or several in a multiple-choice poll. A ballot is final: a
    second one answers 409. The answer carries the results, now shown to you."""
    with unit(creds, write=True) as ctx:
        polls.vote(ctx.session, ctx.viewer, ctx.me, post_id, body.options)
        ctx.session.flush()
        post = posts.get_visible_post(ctx.session, ctx.viewer, post_id)
        return poll_out(polls.poll_cards(ctx.session, ctx.viewer, [post])[post_id])


@router.delete("/posts/{post_id}", response_model=S.OkOut)
def delete(post_id: PathId, creds: CredentialsDep) -> S.OkOut:
    with unit(creds, write=True) as ctx:
        posts.delete_post(ctx.session, ctx.viewer, post_id)
    return S.OkOut()


@router.post("/posts/{post_id}/like", response_model=S.LikeOut)
def like(post_id: PathId, creds: CredentialsDep) -> S.LikeOut:
    """Like a post. Liking again changes nothing."""
    with unit(creds, write=True) as ctx:
        interactions.like(ctx.session, ctx.viewer, ctx.me, post_id)
    return _like_state(ctx, post_id)


@router.delete("/posts/{post_id}/like", response_model=S.LikeOut)
def unlike(post_id: PathId, creds: CredentialsDep) -> S.LikeOut:
    with unit(creds, write=True) as ctx:
        interactions.unlike(ctx.session, ctx.viewer, ctx.me, post_id)
    return _like_state(ctx, post_id)


def _like_state(wrote: Ctx, post_id: PathId) -> S.LikeOut:
    """The post's like state as committed (read after the write's unit: `then_read`)."""
    with then_read(wrote) as ctx:
        card = post_cards(ctx.session, ctx.viewer, [posts.get_visible_post(ctx.session, ctx.viewer, post_id)])[0]
    return S.LikeOut(liked=card.liked_by_me, like_count=card.like_count)


@router.get("/posts/{post_id}/likes", response_model=list[S.UserOut])
def likers(post_id: PathId, creds: CredentialsDep) -> list[S.UserOut]:
    """Who liked the post (most recent first)."""
    with unit(creds, login=False) as ctx:
        return [user_out(u) for u in interactions.likers(ctx.session, ctx.viewer, post_id)]


@router.get("/posts/{post_id}/comments", response_model=S.CommentPage)
def comments(
    request: Request,
    post_id: PathId,
    creds: CredentialsDep,
    after: int | None = Query(None, ge=0, le=MAX_ID),
    limit: int = Query(200, ge=1, le=500),
) -> Response:
    """Comments oldest first; replies carry `parent_id` and `reply_to`."""
    with unit(creds, login=False) as ctx:

        def build() -> S.CommentPage:
            page = comment_cards.comment_page(ctx.session, ctx.viewer, post_id, after_id=after, limit=limit)
            items = [comment_out(c) for c in page.items]
            return S.CommentPage(items=items, next_cursor=page.next_cursor, folded_count=page.folded_count)

        return kept_answers.answer(ctx, request, build)


@router.post("/posts/{post_id}/comments", response_model=S.CommentOut, status_code=201)
def add_comment(
    post_id: PathId, body: S.CommentIn, creds: CredentialsDep, idempotency_key: IdempotencyKeyHeader = None
) -> S.CommentOut | JSONResponse:
    """Comment on a post, or reply to a comment with `parent_id` (回复 @someone)."""
    request, payload = f"POST /posts/{post_id}/comments", body.model_dump(mode="json")
    with unit(creds, write=True) as ctx:
        # Reads first, the writes after: on SQLite the first write takes the one write lock.
        if (earlier := idempotency.replayed(ctx.session, ctx.me, idempotency_key, request, payload)) is not None:
            return replay(earlier)
        draft = interactions.draft_comment(
            ctx.session, ctx.viewer, ctx.me, post_id, body=body.body, parent_id=body.parent_id
        )
        claim = idempotency.begin(ctx.session, ctx.me, idempotency_key, request, payload)
        if isinstance(claim, idempotency.Replay):  # a request with the same key committed meanwhile
            return replay(claim)
        row = interactions.write_comment(ctx.session, ctx.me, draft)
        if body.suggestion_id is not None:
            suggestions.record_use(ctx.session, ctx.me, body.suggestion_id, row)
        if claim is not None:  # the key keeps the answer, committed with the write
            out = comment_out(comment_cards.comment_card(ctx.session, ctx.viewer, row))
            idempotency.finish(claim, 201, out.model_dump(mode="json"))
            return out
    with then_read(ctx) as read:  # no key: the answer is read after the commit
        return comment_out(comment_cards.comment_card(read.session, read.viewer, read.session.merge(row, load=False)))


@router.get("/posts/{post_id}/suggestions", response_model=list[S.SuggestionOut])
def suggest_comments(post_id: PathId, creds: CredentialsDep) -> list[S.SuggestionOut]:
    """Three comments you might want to write here; pick, edit or ignore them. Nothing is posted for you.
    Under your own post: none (an empty list); answer the comments there instead."""
    with unit(creds) as ctx:
        plan = suggestions.plan_offer(ctx.session, ctx.viewer, ctx.me, post_id)
    rows = suggestions.make_offer(plan)  # no connection held while the engine (or an LLM) thinks
    return [S.SuggestionOut(id=r.id, text=r.text, intent=r.intent, source=r.source) for r in rows]


@router.delete("/comments/{comment_id}", response_model=S.OkOut)
def delete_comment(comment_id: PathId, creds: CredentialsDep) -> S.OkOut:
    """Delete your comment, or any comment under your own post."""
    with unit(creds, write=True) as ctx:
        interactions.delete_comment(ctx.session, ctx.viewer, comment_id)
    return S.OkOut()
