"""Reading a posted form after both CSRF checks."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request

from nook.config import get_settings
from nook.errors import Invalid
from nook.http.params import MAX_ID
from nook.phrases import N_
from nook.social.limits import IMAGES_MAX
from nook.vocabulary import AUDIENCE_VISIBILITIES
from nook.web import csrf


async def checked_form(request: Request) -> AsyncIterator[FormData]:
    """The form, once the CSRF token checks out; its uploaded files are closed when the request is done."""
    form = await request.form(max_files=9, max_fields=200)
    try:
        sent = form.get(csrf.CSRF_FIELD)
        token = sent if isinstance(sent, str) else request.headers.get(csrf.CSRF_HEADER)
        csrf.verify(request, token)
        yield form
    finally:
        await form.close()


FormDep = Annotated[FormData, Depends(checked_form)]


#: Control characters no posted text may hold (tab and newlines are text); NUL among them, which
#: PostgreSQL refuses to store or compare, so both backends answer 422 the same.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def text(form: FormData, name: str, default: str = "") -> str:
    value = form.get(name)
    if not isinstance(value, str):
        return default
    if _CONTROL.search(value):
        raise Invalid(N_("%(field)s 不能包含控制字符"), field=name)
    return value


def flag(form: FormData, name: str) -> bool:
    return text(form, name) in ("on", "1", "true", "yes")


def optional_int(form: FormData, name: str) -> int | None:
    """A posted id, or None; ids beyond 32 bits are refused (PostgreSQL ids are INTEGER)."""
    value = text(form, name).strip()
    if not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    if number > MAX_ID:
        raise Invalid(N_("编号无效"))
    return number


def uploads(form: FormData, name: str) -> list[UploadFile]:
    return [f for f in form.getlist(name) if isinstance(f, UploadFile) and f.filename]


async def photo_blobs(form: FormData, name: str, too_many: str) -> list[bytes]:
    """The photos picked in a form, each read up to one byte past the size limit (so "too big" is seen),
    refused with `too_many` when there are more than a post may carry."""
    files = uploads(form, name)
    if len(files) > IMAGES_MAX:
        raise Invalid(too_many, n=IMAGES_MAX)
    limit = get_settings().max_image_bytes
    return [await f.read(limit + 1) for f in files]


def audience(form: FormData, visibility: str) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """The groups ("audience_group") and friends ("member") ticked in an audience checklist; they count only
    for the two visibilities that name readers (a member may tick some, then choose "好友可见" after all)."""
    if visibility not in AUDIENCE_VISIBILITIES:
        return (), ()
    group_ids = [int(v) for v in form.getlist("audience_group") if isinstance(v, str) and v.isascii() and v.isdigit()]
    if any(g > MAX_ID for g in group_ids):
        raise Invalid(N_("编号无效"))
    return tuple(group_ids), tuple(v for v in form.getlist("member") if isinstance(v, str))
