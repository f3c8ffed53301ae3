"""分组: a member's friend groups, made and edited on one page (/friends/groups)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.datastructures import FormData
from starlette.responses import Response

from nook.http.params import PathId
from nook.http.unit import CredentialsDep, unit
from nook.social.people import friends, groups
from nook.web.forms import FormDep, text
from nook.web.pages import back, render

router = APIRouter(include_in_schema=False)


def members(form: FormData) -> list[str]:
    """The friends ticked in a group's or the composer's checklist (usernames)."""
    return [v for v in form.getlist("member") if isinstance(v, str)]


@router.get("/friends/groups", response_class=HTMLResponse)
def groups_page(request: Request, creds: CredentialsDep) -> Response:
    with unit(creds) as ctx:
        return render(
            request,
            ctx,
            "pages/groups.html",
            groups=groups.list_groups(ctx.session, ctx.me),
            friends=friends.friends_of(ctx.session, ctx.me),
        )


@router.post("/friends/groups")
def create_group(request: Request, form: FormDep, creds: CredentialsDep) -> Response:
    with unit(creds, write=True) as ctx:
        groups.create_group(ctx.session, ctx.me, text(form, "name"), members(form))
    return back(request, "/friends/groups")


@router.post("/friends/groups/{group_id}")
def edit_group(request: Request, group_id: PathId, form: FormDep, creds: CredentialsDep) -> Response:
    with unit(creds, write=True) as ctx:
        groups.edit_group(ctx.session, ctx.me, group_id, name=text(form, "name"), usernames=members(form))
    return back(request, "/friends/groups")


@router.post("/friends/groups/{group_id}/delete")
def delete_group(request: Request, group_id: PathId, creds: CredentialsDep) -> Response:
    with unit(creds, write=True) as ctx:
        groups.delete_group(ctx.session, ctx.me, group_id)
    return back(request, "/friends/groups")
