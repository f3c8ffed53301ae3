"""Notification settings, and the live stream of unread counts (Server-Sent Events)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from nook.api import schemas as S
from nook.api.errors import ERRORS
from nook.api.router import ApiRouter
from nook.errors import Unauthorized
from nook.http.unit import Credentials, CredentialsDep, unit
from nook.social.people import notice_settings, notifications
from nook.store import live

router = ApiRouter(tags=["notifications"], responses=ERRORS)
#: Seconds between heartbeats on an idle stream: under the usual 60 s proxy timeout, and the only
#: work an idle connection causes.
HEARTBEAT_S = 25.0
#: Milliseconds a browser waits before reconnecting a dropped stream.
RETRY_MS = 5000


def _settings_out(choices: dict[str, bool]) -> S.NoticeSettingsOut:
    labels = {s.name: s.label for s in notice_settings.SETTINGS}
    items = [S.NoticeSettingOut(name=name, label=labels[name], on=on) for name, on in choices.items()]
    return S.NoticeSettingsOut(settings=items)


@router.get("/notifications/settings", response_model=S.NoticeSettingsOut)
def read_notice_settings(creds: CredentialsDep) -> S.NoticeSettingsOut:
    """Which kinds of notification you get (off: still listed, never pushed nor counted as unread)."""
    with unit(creds) as ctx:
        return _settings_out(notice_settings.choices(ctx.session, ctx.me))


@router.patch("/notifications/settings", response_model=S.NoticeSettingsOut)
def change_notice_settings(body: S.NoticeSettingsIn, creds: CredentialsDep) -> S.NoticeSettingsOut:
    with unit(creds, write=True) as ctx:
        return _settings_out(notice_settings.update(ctx.session, ctx.me, body.settings))


def _member_id(creds: Credentials) -> int:
    with unit(creds) as ctx:
        return ctx.me.id


def _unread(creds: Credentials) -> int:
    with unit(creds) as ctx:
        return notifications.unread_count(ctx.session, ctx.me)


@router.get("/notifications/stream", include_in_schema=False)
async def stream(creds: CredentialsDep) -> StreamingResponse:
    """`event: unread` with `{"unread": n}` now and after each new notification; `: ping` every 25 s.

    Kept out of the OpenAPI document: an event stream never ends, so it is no request/response operation.
    """
    user_id = await run_in_threadpool(_member_id, creds)  # 401 before the stream starts
    headers = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
    return StreamingResponse(_events(creds, user_id), media_type="text/event-stream", headers=headers)


async def _events(creds: Credentials, user_id: int) -> AsyncIterator[bytes]:
    async with live.listen(user_id) as news:  # listening before the first read: no news slips between
        yield f"retry: {RETRY_MS}\n\n".encode()
        fresh = True
        while True:
            if fresh:
                news.clear()  # before reading: news that lands while we read wakes us again
                try:
                    count = await run_in_threadpool(_unread, creds)
                except Unauthorized:  # signed out or the token ended: the stream ends with it
                    return
                yield f"event: unread\ndata: {json.dumps({'unread': count})}\n\n".encode()
            else:
                yield b": ping\n\n"
            fresh = await _news_or_heartbeat(news)


async def _news_or_heartbeat(news: asyncio.Event) -> bool:
    """Wait (without polling) for news, at most HEARTBEAT_S; whether news came."""
    try:
        await asyncio.wait_for(news.wait(), HEARTBEAT_S)
    except TimeoutError:
        return False
    return True
