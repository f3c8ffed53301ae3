"""投票: a post that asks its readers to choose.

Rules: 2–10 options of up to 40 characters; single or multiple choice; an optional closing time.
Whoever may see the post may vote once, while it is open; a ballot is final (no changing or taking
it back, as QQ空间's polls did), and the database's key makes a second one impossible even when two
submits race. Results (counts per option) are shown to those who voted and, once it has closed,
to every reader (`authz.can_see_poll_results`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from nook.errors import Conflict, Invalid, NotFound
from nook.phrases import N_
from nook.security import rate_limits
from nook.social import authz
from nook.social.authz import Viewer
from nook.social.limits import POLL_OPTION_MAX, POLL_OPTIONS_MAX, POLL_OPTIONS_MIN
from nook.social.localtime import site_zone
from nook.social.text import clean_text
from nook.store.base import utcnow
from nook.store.first_writes import insert_or_existing
from nook.store.models import Poll, PollBallot, PollChoice, PollOption, Post, PostFields, User


@dataclass(frozen=True)
class PollIn:
    options: tuple[str, ...]
    multiple: bool = False
    closes_at: datetime | None = None


@dataclass(frozen=True)
class OptionCard:
    id: int
    text: str
    #: None while the reader may not see results yet.
    votes: int | None
    #: Share of ballots, 0–100 in steps of 5 (for the bar's CSS class); None with `votes`.
    percent: int | None
    chosen: bool


@dataclass(frozen=True)
class PollCard:
    multiple: bool
    closes_at: datetime | None
    #: The closing time in the site's time zone, "MM-DD HH:MM", for pages.
    closes_local: str | None
    closed: bool
    voted: bool
    can_vote: bool
    results_shown: bool
    #: Members who voted; None while results are hidden.
    ballots: int | None
    options: list[OptionCard]


def add_poll(session: Session, post: Post, poll: PollIn) -> None:
    texts = [clean_text(o, field=N_("投票选项"), max_len=POLL_OPTION_MAX) for o in poll.options]
    if not POLL_OPTIONS_MIN <= len(texts) <= POLL_OPTIONS_MAX:
        raise Invalid(N_("投票需要 %(min)s–%(max)s 个选项"), min=POLL_OPTIONS_MIN, max=POLL_OPTIONS_MAX)
    if len(set(texts)) != len(texts):
        raise Invalid(N_("投票选项不能重复"))
    if poll.closes_at is not None:
        if poll.closes_at.tzinfo is None:
            raise Invalid(N_("截止时间需要带时区"))
        if poll.closes_at <= utcnow():
            raise Invalid(N_("截止时间需要晚于现在"))
    session.add(Poll(post_id=post.id, multiple=poll.multiple, closes_at=poll.closes_at))
    session.flush()
    session.add_all(PollOption(post_id=post.id, position=i, text=t) for i, t in enumerate(texts))


def vote(session: Session, viewer: Viewer, user: User, post_id: int, option_ids: list[int]) -> None:
    """Cast the member's one ballot; a second one (or a double click) answers 409 and changes nothing."""
    rate_limits.enforce(rate_limits.VOTE, user.id)
    post = session.get(Post, post_id)
    poll = session.get(Poll, post_id)
    if post is None or poll is None or not authz.can_interact(viewer, post):
        raise NotFound(N_("找不到这个投票"))
    if _closed(poll):
        raise Invalid(N_("投票已经截止"))
    chosen = set(option_ids)
    if not chosen or (not poll.multiple and len(chosen) != 1):
        raise Invalid(N_("请选择一个选项") if not poll.multiple else N_("请至少选择一个选项"))
    valid = set(session.scalars(select(PollOption.id).where(PollOption.post_id == post_id)))
    if not chosen <= valid:
        raise Invalid(N_("没有这个选项"))
    key = (post_id, user.id)
    _, new = insert_or_existing(
        session, PollBallot(post_id=post_id, user_id=user.id), lambda: session.get(PollBallot, key)
    )
    if not new:
        raise Conflict(N_("你已经投过票了，投票后不能更改"))
    session.flush()
    session.add_all(PollChoice(post_id=post_id, user_id=user.id, option_id=o) for o in sorted(chosen))


def poll_cards(session: Session, viewer: Viewer, posts: Sequence[PostFields]) -> dict[int, PollCard]:
    """The polls among `posts` (which the viewer may see) as the viewer sees them, in a few queries."""
    ids = [p.id for p in posts]
    polls = {p.post_id: p for p in session.scalars(_POLLS, {"ids": ids})} if ids else {}
    if not polls:
        return {}
    options = list(
        session.scalars(
            select(PollOption).where(PollOption.post_id.in_(polls)).order_by(PollOption.post_id, PollOption.position)
        )
    )
    counts: Counter[int] = Counter(
        dict(
            session.execute(
                select(PollChoice.option_id, func.count())
                .where(PollChoice.post_id.in_(polls))
                .group_by(PollChoice.option_id)
            ).all()
        )
    )
    ballots = Counter(
        dict(
            session.execute(
                select(PollBallot.post_id, func.count())
                .where(PollBallot.post_id.in_(polls))
                .group_by(PollBallot.post_id)
            ).all()
        )
    )
    mine: set[int] = set()
    voted: set[int] = set()
    if viewer.id is not None:
        mine = set(
            session.scalars(
                select(PollChoice.option_id).where(PollChoice.post_id.in_(polls), PollChoice.user_id == viewer.id)
            )
        )
        voted = set(
            session.scalars(
                select(PollBallot.post_id).where(PollBallot.post_id.in_(polls), PollBallot.user_id == viewer.id)
            )
        )
    cards = {}
    for post_id, poll in polls.items():
        closed = _closed(poll)
        shown = authz.can_see_poll_results(viewer, voted=post_id in voted, closed=closed)
        total = ballots[post_id]
        cards[post_id] = PollCard(
            multiple=poll.multiple,
            closes_at=poll.closes_at,
            closes_local=poll.closes_at.astimezone(site_zone()).strftime("%m-%d %H:%M") if poll.closes_at else None,
            closed=closed,
            voted=post_id in voted,
            can_vote=viewer.id is not None and not closed and post_id not in voted,
            results_shown=shown,
            ballots=total if shown else None,
            options=[
                OptionCard(
                    o.id,
                    o.text,
                    counts[o.id] if shown else None,
                    _percent(counts[o.id], total) if shown else None,
                    o.id in mine,
                )
                for o in options
                if o.post_id == post_id
            ],
        )
    return cards


def _percent(votes: int, ballots: int) -> int:
    """Rounded to 5 so a bar's width is one of 21 CSS classes (no inline styles under the CSP)."""
    return 0 if ballots == 0 else round(votes * 20 / ballots) * 5


def _closed(poll: Poll) -> bool:
    return poll.closes_at is not None and poll.closes_at <= utcnow()


#: Built once: every page of cards asks it, and most pages have no poll.
_POLLS = select(Poll).where(Poll.post_id.in_(bindparam("ids", expanding=True)))
