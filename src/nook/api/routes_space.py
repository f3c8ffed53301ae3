"""/api/v1/users/{username}: a member's profile, posts, 留言板 and 访客记录."""

from __future__ import annotations

from fastapi import File, Form, Query, Request, Response, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from nook.api import schemas as S
from nook.api.errors import ERRORS
from nook.api.idempotency import IdempotencyKeyHeader, replay
from nook.api.router import ApiRouter
from nook.api.serialize import post_out, post_page, profile_out, user_out
from nook.http import kept_answers
from nook.http.params import PathId, PathName
from nook.http.unit import Credentials, CredentialsDep, unit
from nook.social import limits as L
from nook.social.content import feed, idempotency, memories, pins
from nook.social.content.audio import checked_song
from nook.social.content.cards import post_cards, profile_card
from nook.social.people import music, skins, space
from nook.social.people.directory import users_by_id, visible_user
from nook.store.models import BoardMessage, SpaceTrack, User

router = ApiRouter(tags=["spaces"], responses=ERRORS)


@router.get("/space-styles", response_model=S.SpaceStylesOut)
def space_styles() -> S.SpaceStylesOut:
    """The skins and accent colours a member may give their space (PATCH /me: space_skin, space_accent)."""
    return S.SpaceStylesOut(
        skins=[S.SpaceStyleChoiceOut(key=k, label=str(v.label)) for k, v in skins.offered_skins().items()],
        accents=[S.SpaceStyleChoiceOut(key=k, label=str(v.label)) for k, v in skins.offered_accents().items()],
    )


@router.get("/users/{username}", response_model=S.ProfileOut)
def profile(username: PathName, creds: CredentialsDep) -> S.ProfileOut:
    """A member's profile; visiting it while signed in is recorded in their visitor log."""
    with unit(creds, write=True, login=False) as ctx:
        owner = visible_user(ctx.session, ctx.viewer, username)
        space.record_visit(ctx.session, ctx.user, owner)
        return profile_out(profile_card(ctx.viewer, owner))


@router.get("/users/{username}/music", response_model=list[S.TrackOut])
def space_music(username: PathName, creds: CredentialsDep) -> list[S.TrackOut]:
    """The songs on a member's space (背景音乐); a player fetches `url` only when the visitor presses play."""
    with unit(creds, login=False) as ctx:
        owner = visible_user(ctx.session, ctx.viewer, username)
        return [_track_out(t) for t in music.tracks(ctx.session, ctx.viewer, owner)]


@router.post("/me/music", response_model=S.TrackOut, status_code=201)
async def add_music(
    creds: CredentialsDep,
    file: UploadFile = File(...),  # noqa: B008
    title: str = Form(..., max_length=L.TRACK_TITLE_MAX),
    artist: str = Form("", max_length=L.TRACK_TITLE_MAX),
) -> S.TrackOut:
    """Add an MP3 you own (at most 15 MB and 10 minutes); its tags and cover art are stripped."""
    data = await file.read(L.TRACK_BYTES_MAX + 1)
    return await run_in_threadpool(_add_music, creds, data, title, artist)


def _add_music(creds: Credentials, data: bytes, title: str, artist: str) -> S.TrackOut:
    song = checked_song(data)  # before the write transaction: parsing takes no lock
    with unit(creds, write=True) as ctx:
        return _track_out(music.add_track(ctx.session, ctx.me, song, title=title, artist=artist))


@router.delete("/me/music/{track_id}", response_model=S.OkOut)
def remove_music(track_id: PathId, creds: CredentialsDep) -> S.OkOut:
    with unit(creds, write=True) as ctx:
        path = music.delete_track(ctx.session, ctx.me, track_id)
    path.unlink(missing_ok=True)  # after the commit
    return S.OkOut()


def _track_out(track: SpaceTrack) -> S.TrackOut:
    return S.TrackOut(
        id=track.id, title=track.title, artist=track.artist, seconds=track.seconds, url=f"/audio/{track.id}"
    )


@router.get("/users/{username}/posts", response_model=S.PostPage)
def user_posts(
    request: Request,
    username: PathName,
    creds: CredentialsDep,
    cursor: str | None = Query(None, max_length=200),
    limit: int = Query(20, ge=1, le=50),
) -> Response:
    with unit(creds, login=False) as ctx:

        def build() -> S.PostPage:
            owner = visible_user(ctx.session, ctx.viewer, username)
            page = feed.user_posts(ctx.session, ctx.viewer, owner, cursor=cursor, limit=limit)
            return post_page(ctx.session, ctx.viewer, page)

        return kept_answers.answer(ctx, request, build)


@router.get("/users/{username}/board", response_model=S.BoardPage)
def board(
    username: PathName,
    creds: CredentialsDep,
    cursor: str | None = Query(None, max_length=200),
    limit: int = Query(20, ge=1, le=50),
) -> S.BoardPage:
    with unit(creds, login=False) as ctx:
        owner = visible_user(ctx.session, ctx.viewer, username)
        page = space.board(ctx.session, ctx.viewer, owner, cursor=cursor, limit=limit)
        replies = space.replies_for(ctx.session, page.items)
        users = users_by_id(
            ctx.session,
            [m.author_id for m in page.items] + [r.author_id for rs in replies.values() for r in rs],
        )
        items = [
            _message_out(m, users, [r for r in replies[m.id] if not ctx.viewer.is_blocked(r.author_id)])
            for m in page.items
        ]
        return S.BoardPage(items=items, next_cursor=page.next_cursor)


@router.post("/users/{username}/board", response_model=S.BoardMessageOut, status_code=201)
def leave_message(
    username: PathName, body: S.BoardIn, creds: CredentialsDep, idempotency_key: IdempotencyKeyHeader = None
) -> S.BoardMessageOut | JSONResponse:
    """Leave a message on a friend's board (or your own)."""
    with unit(creds, write=True) as ctx:
        claim = idempotency.begin(
            ctx.session, ctx.me, idempotency_key, f"POST /users/{username}/board", body.model_dump(mode="json")
        )
        if isinstance(claim, idempotency.Replay):
            return replay(claim)
        owner = visible_user(ctx.session, ctx.viewer, username)
        message = space.leave_message(ctx.session, ctx.viewer, ctx.me, owner, body.body)
        out = _message_out(message, {ctx.me.id: ctx.me}, [])
        idempotency.finish(claim, 201, out.model_dump(mode="json"))
        return out


@router.post("/board/{message_id}/reply", response_model=S.BoardMessageOut, status_code=201)
def reply(message_id: PathId, body: S.BoardIn, creds: CredentialsDep) -> S.BoardMessageOut:
    """The board's owner replies to a message."""
    with unit(creds, write=True) as ctx:
        message = space.reply_message(ctx.session, ctx.viewer, ctx.me, message_id, body.body)
        return _message_out(message, {ctx.me.id: ctx.me}, [])


@router.delete("/board/{message_id}", response_model=S.OkOut)
def delete_message(message_id: PathId, creds: CredentialsDep) -> S.OkOut:
    with unit(creds, write=True) as ctx:
        space.delete_message(ctx.session, ctx.viewer, message_id)
    return S.OkOut()


@router.get("/users/{username}/pinned", response_model=S.PostOut | None)
def pinned(username: PathName, creds: CredentialsDep) -> S.PostOut | None:
    """置顶: the post the member pinned to their space, or null (also when you may not see it)."""
    with unit(creds, login=False) as ctx:
        owner = visible_user(ctx.session, ctx.viewer, username)
        post = pins.pinned_post(ctx.session, ctx.viewer, owner)
        return post_out(post_cards(ctx.session, ctx.viewer, [post])[0]) if post else None


@router.post("/posts/{post_id}/pin", response_model=S.OkOut)
def pin(post_id: PathId, creds: CredentialsDep) -> S.OkOut:
    """Pin one of your posts to the top of your space (replacing the one pinned before)."""
    with unit(creds, write=True) as ctx:
        pins.pin(ctx.session, ctx.viewer, ctx.me, post_id)
    return S.OkOut()


@router.delete("/me/pin", response_model=S.OkOut)
def unpin(creds: CredentialsDep) -> S.OkOut:
    with unit(creds, write=True) as ctx:
        pins.unpin(ctx.session, ctx.me)
    return S.OkOut()


@router.get("/me/on-this-day", response_model=list[S.PostOut])
def on_this_day(creds: CredentialsDep) -> list[S.PostOut]:
    """那年今日: your own posts from this day in earlier years, oldest first (only ever your own)."""
    with unit(creds) as ctx:
        return [post_out(c) for c in post_cards(ctx.session, ctx.viewer, memories.on_this_day(ctx.session, ctx.me))]


@router.get("/me/visitors", response_model=list[S.VisitOut])
def visitors(creds: CredentialsDep, limit: int = Query(50, ge=1, le=200)) -> list[S.VisitOut]:
    """Who visited your space, latest first (one row per visitor per day)."""
    with unit(creds) as ctx:
        rows = space.visitors(ctx.session, ctx.viewer, ctx.me, limit=limit)
        return [S.VisitOut(visitor=user_out(u), visited_at=v.visited_at, count=v.count) for v, u in rows]


def _message_out(m: BoardMessage, users: dict[int, User], replies: list[BoardMessage]) -> S.BoardMessageOut:
    return S.BoardMessageOut(
        id=m.id,
        author=user_out(users[m.author_id]),
        body=m.body,
        created_at=m.created_at,
        replies=[_message_out(r, users, []) for r in replies],
    )
