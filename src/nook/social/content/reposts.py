"""转发: reposting a visible post with one's own words, the chain readers see, and honest repost counts.

A repost is a post of its own (the reposter's words, their visibility) plus a `reposts` row naming what it
reposts and the original at the start of the chain. `authz` decides who may repost and to whom: a repost
never reaches anyone who may not see what it reposts. Readers see the quoted original only while they
may see it; once it is deleted the quoted part is gone and the reposter's words stay.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import BindParameter, bindparam, func, or_, select
from sqlalchemy.orm import Session

from nook.errors import Forbidden, NotFound
from nook.phrases import N_
from nook.security import rate_limits
from nook.social import authz
from nook.social.authz import Viewer
from nook.social.content import posts
from nook.store.base import utcnow
from nook.store.models import Post, Repost, Restriction, User
from nook.store.outbox import Kind, emit

#: Hops of "//@B: …" a reader sees under a repost of a repost (the chain beyond is cut, the original stays).
CHAIN_SHOWN = 5


def repost(
    session: Session,
    viewer: Viewer,
    actor: User,
    post_id: int,
    *,
    body: str = "",
    visibility: str = "public",
    circle_id: int | None = None,
) -> Post:
    """Repost a visible post (or a repost) with optional words, to one's space or a circle."""
    source = posts.get_visible_post(session, viewer, post_id)
    link = session.get(Repost, source.id)
    root = session.get(Post, link.root_id) if link is not None and link.root_id is not None else source
    if link is not None and link.root_id is None:
        raise NotFound(N_("原说说已删除，不能再转发"))
    assert root is not None
    for reposted in {source.id: source, root.id: root}.values():
        if not authz.can_repost(viewer, reposted):
            raise NotFound(N_("找不到这条说说"))
        if not authz.repost_within_audience(viewer, reposted, visibility, circle_id):
            raise Forbidden(N_("转发不能超出原说说的可见范围"))
    rate_limits.enforce(rate_limits.REPOST, actor.id)
    post = posts.create_post(
        session, viewer, actor, body=body, visibility=visibility, circle_id=circle_id, words_optional=True
    )
    depth = link.depth + 1 if link is not None else 1
    session.add(Repost(post_id=post.id, source_id=source.id, root_id=root.id, depth=depth, with_words=bool(post.body)))
    session.flush()
    emit(
        session,
        Kind.REPOST,
        user_id=root.author_id,
        actor_id=actor.id,
        post_id=post.id,
        source_id=source.id,
        root_id=root.id,
    )
    return post


@dataclass(frozen=True)
class Hop:
    """One earlier repost in the chain: "//@author: words"."""

    post_id: int
    author_id: int
    body: str


@dataclass(frozen=True)
class Chain:
    """What a reader sees of what a post reposts: earlier hops (nearest first) and the original, or None
    when it is deleted or this reader may not see it."""

    hops: list[Hop]
    root: Post | None
    depth: int


class _Link(NamedTuple):
    """A `reposts` row's columns."""

    post_id: int
    source_id: int | None
    root_id: int | None
    depth: int


def chains(session: Session, viewer: Viewer, post_ids: list[int]) -> dict[int, Chain]:
    """The chains of those of `post_ids` that are reposts, in a few queries per page."""
    links = _links(session, post_ids)
    if not links:
        return {}
    wanted = {r.root_id for r in links.values() if r.root_id is not None}
    wanted |= {r.source_id for r in links.values() if r.source_id is not None}
    known: dict[int, Post] = {}
    parents: dict[int, _Link] = dict(links)
    for _ in range(CHAIN_SHOWN + 1):  # walk up the sources, one query per level
        missing = wanted - set(known)
        if not missing:
            break
        known |= {p.id: p for p in session.scalars(select(Post).where(Post.id.in_(missing)))}
        more = _links(session, sorted(missing))
        parents |= more
        wanted = {r.source_id for r in more.values() if r.source_id is not None} - set(known)
    return {pid: _chain(viewer, link, known, parents) for pid, link in links.items()}


def _links(session: Session, post_ids: list[int]) -> dict[int, _Link]:
    return {row[0]: _Link(*row) for row in session.execute(_LINKS, {"ids": post_ids})}


def _chain(viewer: Viewer, link: _Link, known: dict[int, Post], parents: dict[int, _Link]) -> Chain:
    root = known.get(link.root_id) if link.root_id is not None else None
    hops: list[Hop] = []
    current = link.source_id
    while current is not None and current != link.root_id and len(hops) < CHAIN_SHOWN:
        hop = known.get(current)
        if hop is None or not authz.can_see_post(viewer, hop):
            break  # a deleted or hidden hop ends what this reader sees of the chain
        hops.append(Hop(hop.id, hop.author_id, hop.body))
        up = parents.get(current)
        current = up.source_id if up is not None else None
    shown = root if root is not None and authz.can_see_post(viewer, root) else None
    return Chain(hops, shown, link.depth)


def repost_counts(session: Session, post_ids: list[int]) -> dict[int, int]:
    """Honest repost counts: reposts of the post, and for an original every repost down its chains, except
    those by accounts in a detected like ring (while flagged)."""
    if not post_ids:
        return {}
    rows = session.execute(_COUNTS, {"ids": post_ids, "now": utcnow()})
    wanted = set(post_ids)
    counts: dict[int, int] = {}
    for source, root, n in rows:
        if source in wanted:
            counts[source] = counts.get(source, 0) + int(n)
        if root in wanted and root != source:
            counts[root] = counts.get(root, 0) + int(n)
    return counts


# Built once, run with the page's ids: a page's cards ask both (building them cost more than running them).
_IDS: BindParameter[list[int]] = bindparam("ids", expanding=True)
_LINKS = select(Repost.post_id, Repost.source_id, Repost.root_id, Repost.depth).where(Repost.post_id.in_(_IDS))
_RING = select(Restriction.user_id).where(
    Restriction.kind == "like_ring",
    Restriction.active.is_(True),
    or_(Restriction.until.is_(None), Restriction.until > bindparam("now")),
)
# one statement for both ways a repost counts: for what it reposts (`source_id`) and, a repost of a
# repost, for the original at the chain's start too (`root_id`; a direct one names it twice)
_COUNTS = (
    select(Repost.source_id, Repost.root_id, func.count())
    .join(Post, Post.id == Repost.post_id)
    .where(or_(Repost.source_id.in_(_IDS), Repost.root_id.in_(_IDS)), Post.author_id.not_in(_RING))
    .group_by(Repost.source_id, Repost.root_id)
)
