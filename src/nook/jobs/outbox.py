"""Processing the outbox: events are claimed and handled in batches, each exactly once.

A batch is claimed by one conditional UPDATE (a second worker racing for the same rows updates
none of them; on PostgreSQL it skips rows being claimed instead of waiting) and handled in the same
transaction, each event inside its own savepoint: a failing handler rolls back only its event, which
is released for a retry, and the rest still commit.
One commit per batch matters: with `synchronous=FULL` every commit is an fsync.

But a batch holds SQLite's one write lock while it runs. So the slow part, the engine's analyses
(scoring one comment alone takes ~0.1 s), is done before the lock is taken: the batch's events are
read first, the texts their handlers will ask about are analysed in one batched engine call with no
transaction open, and the handlers find the results (`nook.social.assist.engine_memo`). And a batch
still stops once it has worked for `BUDGET_S`, releases the events it did not reach, commits, and
leaves the lock free for `BREATHER_S` so members' writes waiting for it get their turn (a writer of
this process queued for its turn, `nook.store.write_turn`, cuts the batch after the event at hand,
so a member's like waits for one event, not for 0.2 s of them): the next
batch reads and analyses its texts meanwhile, and waits only for what is left of that pause. The
next batch claims about twice what the last one managed, so a backlog of slow events is not read,
claimed and released a hundred at a time.

What handlers recompute from rows (a post's score and counts) runs once per batch, after its events
(`nook.store.once_per_batch`): thirty comments on one post in a batch recompute its score once. If that
recomputation fails, the batch is rolled back and handled again with each event recomputing in its own
savepoint, so only the event that breaks it fails and is retried.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import sqlalchemy
from sqlalchemy import Row, select, update
from sqlalchemy.orm import Session

from nook.jobs.handlers import handlers_for, work_for
from nook.social.assist import engine_memo
from nook.social.assist.engine_memo import Work
from nook.store import once_per_batch, write_turn
from nook.store.base import utcnow
from nook.store.db import read_session, session_factory
from nook.store.first_writes import savepoint
from nook.store.models import Comment, Event, Post, User

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5
BATCH = 100
#: Seconds one write transaction may hold the lock for (members' writes wait for it, up to their timeout).
BUDGET_S = 0.2
#: How long the lock stays free after a batch the budget cut short: longer than SQLite's busy-handler
#: poll (100 ms), so a waiting writer sees it free.
BREATHER_S = 0.15
#: The fewest events a batch claims.
MIN_BATCH = 8
#: Events whose texts are analysed ahead, however few the batch claims: the engine is far faster on
#: a hundred texts at once than on a few at a time (the next batches find theirs in the memo).
AHEAD = 100

#: Payload keys whose rows the handlers read (the events' own rows are read with them).
_NAMED_ROWS: dict[str, type[Comment | Post | User]] = {
    "comment_id": Comment,
    "post_id": Post,
    "actor_id": User,
    "user_id": User,
    "post_author_id": User,
}

#: How long the last batch's recomputations took: a batch stops handling events in time to fit its own
#: within the budget too.
_recompute_s = 0.0
#: `time.monotonic()` until which no batch takes the write lock (shared by this process's threads).
_free_until = 0.0


def process_pending(limit: int = 500) -> int:
    """Handle up to `limit` unprocessed events; returns how many were handled."""
    done, size = 0, BATCH
    while done < limit:
        handled, claimed = _process_batch(min(size, limit - done))
        done += handled
        if claimed == 0:
            break
        size = min(BATCH, max(MIN_BATCH, 2 * claimed))
    return done


def drain() -> int:
    """Handle events until none is left (the worker's task; a backlog clears in one go)."""
    total = 0
    while handled := process_pending():
        total += handled
    return total


def _process_batch(size: int) -> tuple[int, int]:
    global _free_until
    with read_session() as session:
        pending = session.execute(
            select(Event.id, Event.kind, Event.payload)
            .where(Event.processed_at.is_(None), Event.attempts < MAX_ATTEMPTS)
            .order_by(Event.id)
            .limit(max(size, AHEAD))
        ).all()
        if not pending:
            return 0, 0
        _analyse_ahead(session, pending, size)
    time.sleep(max(0.0, _free_until - time.monotonic()))  # what is left of the last batch's pause
    ids = [e.id for e in pending[:size]]
    try:
        handled, done, claimed = _handle_batch(ids, recompute_once=True)
    except _RecomputeFailed:
        # Nothing of the batch committed: handle it again with each event's recomputations in its own
        # savepoint, so the event that breaks them fails (and is retried) alone, as any failing handler.
        log.exception("recomputing after a batch failed; handling its events one at a time")
        handled, done, claimed = _handle_batch(ids, recompute_once=False)
    if done < claimed:
        _free_until = time.monotonic() + BREATHER_S
    return handled, done


class _RecomputeFailed(Exception):
    pass


def _handle_batch(ids: list[int], *, recompute_once: bool) -> tuple[int, int, int]:
    """Claim `ids`, handle them within the budget, release the rest, commit: (handled, done, claimed)."""
    global _recompute_s
    with session_factory()() as session:
        started = time.monotonic()  # the claim takes the write lock
        # PostgreSQL: rows another worker is claiming are skipped, not waited for. Waiting, two workers
        # whose windows overlap could each hold rows the other wants (a deadlock, the batch lost).
        free = select(Event.id).where(Event.id.in_(ids), Event.processed_at.is_(None)).with_for_update(skip_locked=True)
        claim = (
            update(Event)
            .where(Event.id.in_(free), Event.processed_at.is_(None))
            .values(processed_at=utcnow(), attempts=Event.attempts + 1)
            .returning(Event.id)
        )
        claimed = sorted(session.scalars(claim).all())
        _keep_loaded_rows(session)
        _load_named_rows(session, session.scalars(select(Event).where(Event.id.in_(claimed))).all())
        if recompute_once:
            once_per_batch.start(session)
        done, handled = 0, 0
        for event_id in claimed:
            handled += _handle(session, event_id)
            done += 1
            if time.monotonic() - started + _recompute_s > BUDGET_S or write_turn.waiting():
                break
        _release(session, claimed[done:])
        recomputing = time.monotonic()
        try:
            once_per_batch.run(session)  # the posts' scores and counts, once each, after all the batch's events
        except Exception as exc:
            raise _RecomputeFailed from exc
        _recompute_s = time.monotonic() - recomputing
        session.commit()
    return handled, done, len(claimed)


def _keep_loaded_rows(session: Session) -> None:
    """Hold every row the batch loads until it ends: the session's identity map holds rows weakly, so a
    post that one event's handlers read was gone (and read again) by the next handler and event."""
    rows: list[object] = []
    sqlalchemy.event.listen(session, "loaded_as_persistent", lambda _session, row: rows.append(row))


def _load_named_rows(session: Session, events: Sequence[Event]) -> None:
    """Read the rows the events' payloads name, one query per table for the batch, not one per handler."""
    wanted: dict[type[Comment | Post | User], set[int]] = defaultdict(set)
    for event in events:
        for key, model in _NAMED_ROWS.items():
            if isinstance(value := event.payload.get(key), int):
                wanted[model].add(value)
    for model, ids in wanted.items():
        session.scalars(select(model).where(model.id.in_(ids))).all()


def _analyse_ahead(session: Session, events: Sequence[Row[tuple[int, str, dict[str, Any]]]], size: int) -> None:
    """Have the engine analyse, in one go, what the events' handlers will ask it (no write lock held).

    Only when the `size` events about to be claimed ask something not analysed yet: then the whole
    window is analysed, so the engine sees a hundred texts at a time, not the few that a window sliding
    by one short batch adds (a comment costs ten times as much in a call of four as in one of a hundred).
    """
    try:
        work = _work(session, events[:size])
        if engine_memo.known(work):
            return
        work += _work(session, events[size:])  # the rest of the window; the first events' texts are read once
        session.rollback()  # end the read: the engine runs with no transaction open
        engine_memo.prepare(work)
    except Exception:  # a handler analyses what is missing itself, one text at a time
        log.exception("analysing a batch ahead failed")


def _work(session: Session, events: Sequence[Row[tuple[int, str, dict[str, Any]]]]) -> Work:
    by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event in events:
        by_kind[event.kind].append(event.payload)
    work = Work()
    for kind, payloads in by_kind.items():
        for reader in work_for(kind):
            work += reader(session, payloads)
    return work


def _release(session: Session, event_ids: list[int]) -> None:
    """Give back events claimed but not reached: as if this transaction had never claimed them."""
    if event_ids:
        session.execute(
            update(Event).where(Event.id.in_(event_ids)).values(processed_at=None, attempts=Event.attempts - 1)
        )


def _handle(session: Session, event_id: int) -> bool:
    event = session.get(Event, event_id)
    assert event is not None
    payload = {**event.payload, "kind": event.kind, "at": event.created_at}
    try:
        with once_per_batch.collecting(session), savepoint(session):
            for handler in handlers_for(event.kind):
                handler(session, payload)
        return True
    except Exception:
        log.exception("event %s (%s) failed; it will be retried", event_id, event.kind)
        event.processed_at = None  # release the claim; `attempts` already counts this try
        return False
