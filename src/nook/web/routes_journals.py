"""日志: writing a long post (a title and Markdown, photos appended), read on its post page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from starlette.datastructures import FormData
from starlette.responses import Response

from nook.errors import NookError
from nook.http.unit import Credentials, CredentialsDep, unit
from nook.http.uploads import prepared_uploads
from nook.phrases import N_
from nook.social.content import media, posts
from nook.web.forms import FormDep, photo_blobs, text
from nook.web.pages import redirect, render

router = APIRouter(include_in_schema=False)
JOURNAL_VISIBILITIES = ("public", "friends", "private")


@router.get("/journal/new", response_class=HTMLResponse)
def new_journal(request: Request, creds: CredentialsDep) -> Response:
    with unit(creds) as ctx:
        return render(request, ctx, "pages/journal_new.html", draft={}, error=None)


@router.post("/journal")
async def create_journal(request: Request, form: FormDep, creds: CredentialsDep) -> Response:
    blobs = await photo_blobs(form, "photos", N_("每篇日志最多 %(n)s 张图片"))
    return await run_in_threadpool(_create_journal, request, form, creds, blobs)


def _create_journal(request: Request, form: FormData, creds: Credentials, blobs: list[bytes]) -> Response:
    draft = {key: text(form, key) for key in ("title", "body", "visibility")}
    try:
        with prepared_uploads(creds, blobs) as images, unit(creds, write=True) as ctx:
            stored = [media.record_image(ctx.session, ctx.me, image) for image in images]
            # Photos picked in the form follow the text, each on its own line, as Markdown images.
            body = "\n\n".join([draft["body"], *(f"![](/media/{m.id}/full)" for m in stored)]).strip()
            visibility = draft["visibility"] if draft["visibility"] in JOURNAL_VISIBILITIES else "public"
            post = posts.create_post(
                ctx.session, ctx.viewer, ctx.me, title=draft["title"], body=body, visibility=visibility
            )
            ctx.session.flush()
            post_id = post.id
    except NookError as exc:
        if exc.status in (401, 403, 429):
            raise
        with unit(creds) as ctx:  # the draft comes back with the reason: nothing typed is lost
            return render(request, ctx, "pages/journal_new.html", exc.status, draft=draft, error=exc.phrase)
    return redirect(f"/p/{post_id}")
