"""/api/v1/feed, hashtag pages and notifications."""

from __future__ import annotations

from fastapi import Query, Request, Response

from nook.api import schemas as S
from nook.api.errors import ERRORS
from nook.api.router import ApiRouter
from nook.api.serialize import post_page, user_out
from nook.http import etags, kept_answers
from nook.http.params import PathName
from nook.http.unit import CredentialsDep, unit
from nook.social.content import feed
from nook.social.people import notifications

router = ApiRouter(tags=["feed"], responses=ERRORS)
Cursor = Query(None, max_length=200)
Limit = Query(20, ge=1, le=50)


@router.get("/feed", response_model=S.PostPage)
def home(request: Request, creds: CredentialsDep, cursor: str | None = Cursor, limit: int = Limit) -> Response:
    """Your posts, your friends' posts and your circles' posts, newest first."""
    with unit(creds) as ctx:

        def build() -> S.PostPage:
            page = feed.home_feed(ctx.session, ctx.viewer, cursor=cursor, limit=limit)
            return post_page(ctx.session, ctx.viewer, page)

        return kept_answers.answer(ctx, request, build)


@router.get("/explore", response_model=S.PostPage, responses={304: {"description": "Not Modified"}})
def explore(request: Request, creds: CredentialsDep, cursor: str | None = Cursor, limit: int = Limit) -> Response:
    """Every post you may see on this site, newest first (广场). Asked without credentials, the answer
    carries an ETag, and `If-None-Match` with it answers 304 while nothing on the site has changed."""
    if (unchanged := etags.not_modified(request)) is not None:
        return unchanged
    with unit(creds, login=False, read_at=etags.site_version(request)) as ctx:

        def build() -> S.PostPage:
            page = feed.public_posts(ctx.session, ctx.viewer, cursor=cursor, limit=limit)
            return post_page(ctx.session, ctx.viewer, page)

        answer = kept_answers.answer(ctx, request, build)
        etags.label(request, answer.headers)
        return answer


@router.get("/hashtags/{name}", response_model=S.PostPage)
def hashtag(name: PathName, creds: CredentialsDep, cursor: str | None = Cursor, limit: int = Limit) -> S.PostPage:
    """Posts tagged #name#."""
    with unit(creds, login=False) as ctx:
        page = feed.hashtag_posts(ctx.session, ctx.viewer, name, cursor=cursor, limit=limit)
        return post_page(ctx.session, ctx.viewer, page)


@router.get("/notifications", response_model=S.NotificationPage)
def list_notifications(
    creds: CredentialsDep, cursor: str | None = Cursor, limit: int = Limit, unread: bool = False
) -> S.NotificationPage:
    with unit(creds) as ctx:
        page = notifications.notification_cards(
            ctx.session, ctx.viewer, ctx.me, cursor=cursor, limit=limit, unread_only=unread
        )
        items = [
            S.NotificationOut(
                id=n.id,
                kind=n.kind,
                actor=user_out(n.actor),
                actors=[user_out(a) for a in n.actors],
                actor_count=n.actor_count,
                unread_count=n.unread_count,
                post_id=n.post_id,
                comment_id=n.comment_id,
                board_message_id=n.board_message_id,
                photo_id=n.photo_id,
                circle=n.circle_slug,
                created_at=n.created_at,
                read=n.read,
            )
            for n in page.items
        ]
        return S.NotificationPage(
            items=items, next_cursor=page.next_cursor, unread=notifications.unread_count(ctx.session, ctx.me)
        )


@router.get("/notifications/unread", response_model=S.CountOut)
def unread(creds: CredentialsDep) -> S.CountOut:
    with unit(creds) as ctx:
        return S.CountOut(count=notifications.unread_count(ctx.session, ctx.me))


@router.post("/notifications/read", response_model=S.CountOut)
def mark_read(body: S.MarkReadIn, creds: CredentialsDep) -> S.CountOut:
    """Mark the given notifications (a group's id: the whole group), or all, as read; returns how many changed."""
    with unit(creds, write=True) as ctx:
        return S.CountOut(count=notifications.mark_read(ctx.session, ctx.me, body.ids))
