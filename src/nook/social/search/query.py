"""搜索: what a viewer may find for a query, each kind filtered through `authz`.

Posts match when their segmented words hold every word of the query (see `index`), newest first;
people, circles and #话题# match on their names. A topic shows only when a post the viewer may see
carries it, so a tag used only in friends-only or private posts never leaks its name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from nook.engine.segment import search_terms
from nook.errors import Invalid
from nook.phrases import N_
from nook.social import authz
from nook.social.authz import Viewer
from nook.social.content.cards import PostCard, post_cards
from nook.social.content.user_cards import UserCard, user_card
from nook.social.limits import PAGE_MAX
from nook.social.search.highlight import snippet
from nook.social.search.index import matching_posts
from nook.store.models import Circle, CircleMember, Hashtag, Post, PostHashtag, User

QUERY_MAX = 50
KINDS = ("all", "posts", "people", "circles", "topics")
#: How many of each kind the 全部 tab shows.
ALL_TAB_EACH = 5


@dataclass(frozen=True)
class PostHit:
    card: PostCard
    #: Safe HTML: the body around the first hit, escaped, hits in <mark>.
    snippet: str


@dataclass(frozen=True)
class CircleHit:
    slug: str
    name: str
    description: str
    member_count: int


@dataclass(frozen=True)
class TopicHit:
    name: str
    post_count: int


@dataclass
class Results:
    q: str
    kind: str
    terms: list[str]
    posts: list[PostHit] = field(default_factory=list)
    people: list[UserCard] = field(default_factory=list)
    circles: list[CircleHit] = field(default_factory=list)
    topics: list[TopicHit] = field(default_factory=list)
    next_cursor: str | None = None


def clean_query(q: str) -> str:
    """The query trimmed, with a clear refusal when it is empty or too long."""
    text = " ".join(q.split())
    if not text:
        raise Invalid(N_("请输入要搜索的内容"))
    if len(text) > QUERY_MAX:
        raise Invalid(N_("搜索内容最多 %(max)s 个字"), max=QUERY_MAX)
    return text


def search(
    session: Session, viewer: Viewer, q: str, *, kind: str = "all", cursor: str | None = None, limit: int = 20
) -> Results:
    if kind not in KINDS:
        raise Invalid(N_("搜索类别需为 all、posts、people、circles 或 topics"))
    text = clean_query(q)
    name = text.lstrip("#@").rstrip("#").strip() or text
    terms = search_terms(text, for_index=False)
    limit = max(1, min(limit, PAGE_MAX))
    each = ALL_TAB_EACH if kind == "all" else limit
    out = Results(q=text, kind=kind, terms=terms)
    if kind in ("all", "posts"):
        if not terms and kind == "posts":
            raise Invalid(N_("搜索内容里没有可搜索的字词（标点和符号不算）"))
        out.posts, out.next_cursor = _posts(session, viewer, terms, cursor if kind == "posts" else None, each)
    if kind in ("all", "people"):
        out.people = _people(session, viewer, name, each)
    if kind in ("all", "circles"):
        out.circles = _circles(session, name, each)
    if kind in ("all", "topics"):
        out.topics = _topics(session, viewer, name, each)
    return out


def _posts(
    session: Session, viewer: Viewer, terms: list[str], cursor: str | None, limit: int
) -> tuple[list[PostHit], str | None]:
    if not terms:
        return [], None
    stmt, post_id = matching_posts(session, terms)
    stmt = stmt.where(authz.visible_posts_filter(viewer))
    if cursor:
        stmt = stmt.where(post_id < _cursor_id(cursor))
    rows = list(session.scalars(stmt.order_by(post_id.desc()).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    hits = [PostHit(card, snippet(card.body, terms)) for card in post_cards(session, viewer, rows)]
    return hits, (str(rows[-1].id) if more else None)


def _cursor_id(cursor: str) -> int:
    if not cursor.isdigit() or len(cursor) > 18:
        raise Invalid(N_("分页游标无效"))
    return int(cursor)


def _contains(column: InstrumentedAttribute[str], text: str) -> ColumnElement[bool]:
    return func.lower(column).contains(text.casefold(), autoescape=True)


def _people(session: Session, viewer: Viewer, name: str, limit: int) -> list[UserCard]:
    stmt = (
        select(User)
        .where(User.is_active.is_(True), or_(_contains(User.username, name), _contains(User.nickname, name)))
        .order_by(func.length(User.nickname), User.id)
        .limit(limit + len(viewer.blocked_ids))
    )
    users = [u for u in session.scalars(stmt) if authz.can_see_user(viewer, u)]
    return [user_card(u) for u in users[:limit]]


def _circles(session: Session, name: str, limit: int) -> list[CircleHit]:
    """Circles are listed for everyone on /circles: their names and descriptions are public."""
    members = (
        select(func.count())
        .where(CircleMember.circle_id == Circle.id, CircleMember.status == "active")
        .scalar_subquery()
    )
    stmt = (
        select(Circle, members)
        .where(or_(_contains(Circle.name, name), _contains(Circle.slug, name), _contains(Circle.description, name)))
        .order_by(members.desc(), Circle.id)
        .limit(limit)
    )
    return [CircleHit(c.slug, c.name, c.description, int(n)) for c, n in session.execute(stmt)]


def _topics(session: Session, viewer: Viewer, name: str, limit: int) -> list[TopicHit]:
    """Tags containing `name`, counting only posts this viewer may see (a tag no visible post carries is absent)."""
    n = func.count(PostHashtag.post_id)
    stmt = (
        select(Hashtag.name, n)
        .join(PostHashtag, PostHashtag.hashtag_id == Hashtag.id)
        .join(Post, Post.id == PostHashtag.post_id)
        .where(Hashtag.name.contains(name.casefold(), autoescape=True), authz.visible_posts_filter(viewer))
        .group_by(Hashtag.name)
        .order_by(n.desc(), Hashtag.name)
        .limit(limit)
    )
    return [TopicHit(tag, int(count)) for tag, count in session.execute(stmt)]
