"""/api/v1/groups: a member's friend groups (分组), visible to their owner only."""

from __future__ import annotations

from nook.api import schemas as S
from nook.api.errors import ERRORS
from nook.api.router import ApiRouter
from nook.api.serialize import user_out
from nook.http.params import PathId
from nook.http.unit import CredentialsDep, unit
from nook.social.people import groups
from nook.social.people.groups import GroupView

router = ApiRouter(tags=["groups"], responses=ERRORS)


def _out(view: GroupView) -> S.GroupOut:
    return S.GroupOut(id=view.id, name=view.name, members=[user_out(u) for u in view.members])


@router.get("/groups", response_model=list[S.GroupOut])
def list_groups(creds: CredentialsDep) -> list[S.GroupOut]:
    """Your friend groups with the friends in each."""
    with unit(creds) as ctx:
        return [_out(v) for v in groups.list_groups(ctx.session, ctx.me)]


@router.post("/groups", response_model=S.GroupOut, status_code=201)
def create_group(body: S.GroupIn, creds: CredentialsDep) -> S.GroupOut:
    """Make a group of your friends (up to 20 groups of 200 friends each)."""
    with unit(creds, write=True) as ctx:
        group = groups.create_group(ctx.session, ctx.me, body.name, body.members)
        return _out(groups.group_view(ctx.session, ctx.me, group.id))


@router.patch("/groups/{group_id}", response_model=S.GroupOut)
def edit_group(group_id: PathId, body: S.GroupEditIn, creds: CredentialsDep) -> S.GroupOut:
    """Rename a group or replace its members; a friend taken out stops seeing its posts at once."""
    with unit(creds, write=True) as ctx:
        groups.edit_group(ctx.session, ctx.me, group_id, name=body.name, usernames=body.members)
        return _out(groups.group_view(ctx.session, ctx.me, group_id))


@router.delete("/groups/{group_id}", response_model=S.OkOut)
def delete_group(group_id: PathId, creds: CredentialsDep) -> S.OkOut:
    """Delete a group; posts that named it keep their readers (its friends are named on them instead)."""
    with unit(creds, write=True) as ctx:
        groups.delete_group(ctx.session, ctx.me, group_id)
    return S.OkOut()
