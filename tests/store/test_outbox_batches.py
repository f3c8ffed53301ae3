"""The outbox (issue 17, a calm first start): each event handled exactly once, a failing one retried,
and the engine's analyses of a batch worked out together before its write transaction, never stale."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import Member

POST = "周末去爬了香山，红叶还没全红，山顶风很大"
EDITED = "下雨天窝在家里看完了一本小说，结局哭了"
COMMENT = "香山的红叶一般十月底最好看，你们是从东门上的吗？"


@pytest.fixture
def pending(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Events stay in the outbox after their commit (as a demo's do) until the test processes them."""
    from nook.social.assist import engine_memo
    from nook.store import outbox

    monkeypatch.setattr(outbox, "_after_commit", [])
    engine_memo.forget()
    yield
    engine_memo.forget()


@pytest.fixture
def engine_calls(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[Any]]:
    """What the engine was asked: batches (`assess_comments`) and single comments (`assess_comment`)."""
    from nook.engine import comments

    calls: dict[str, list[Any]] = {"batch": [], "single": []}
    batch, single = comments.assess_comments, comments.assess_comment

    def assess_comments(items: Any, **kwargs: Any) -> Any:
        calls["batch"].append(list(items))
        return batch(items, **kwargs)

    def assess_comment(text: str, *args: Any, **kwargs: Any) -> Any:
        calls["single"].append(text)
        return single(text, *args, **kwargs)

    monkeypatch.setattr(comments, "assess_comments", assess_comments)
    monkeypatch.setattr(comments, "assess_comment", assess_comment)
    return calls


def _verdict_score(comment_id: int) -> int | None:
    from nook.store.db import read_session
    from nook.store.models import CommentVerdict

    with read_session() as session:
        verdict = session.get(CommentVerdict, comment_id)
        return None if verdict is None else verdict.score


def _post_and_comment(member: Callable[..., Member]) -> tuple[Member, int, int]:
    """Alice's post and Bob's comment on it: the author, the post's id and the comment's."""
    alice, bob = member("alice"), member("bob")
    post_id = alice.http.post("/posts", json={"body": POST}).json()["id"]
    resp = bob.http.post(f"/posts/{post_id}/comments", json={"body": COMMENT})
    assert resp.status_code == 201, resp.text
    return alice, post_id, resp.json()["id"]


@pytest.mark.usefixtures("pending")
def test_a_batch_is_analysed_at_once_and_its_handlers_use_it(
    member: Callable[..., Member], engine_calls: dict[str, list[Any]]
) -> None:
    from nook.engine.comments import assess_comment
    from nook.jobs.outbox import process_pending

    _, _, comment_id = _post_and_comment(member)
    assert _verdict_score(comment_id) is None  # still pending
    engine_calls["single"].clear()

    assert process_pending() >= 2
    assert engine_calls["batch"] == [[(COMMENT, POST)]]  # one engine call for the batch, before the lock
    assert engine_calls["single"] == []  # the handler found it: nothing scored inside the write transaction
    assert _verdict_score(comment_id) == assess_comment(COMMENT, POST).quality.score


@pytest.mark.usefixtures("pending")
def test_a_text_changed_after_the_batch_was_analysed_is_analysed_again(
    member: Callable[..., Member], engine_calls: dict[str, list[Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from nook.engine import analyze_record
    from nook.engine.comments import assess_comment
    from nook.jobs import outbox
    from nook.jobs.outbox import process_pending
    from nook.social.assist import engine_memo
    from nook.store.db import read_session
    from nook.store.models import PostAnalysis

    alice, post_id, comment_id = _post_and_comment(member)
    prepare = engine_memo.prepare

    def edit_meanwhile(work: engine_memo.Work) -> None:
        prepare(work)
        # the author edits the post after the batch's texts were read and analysed, before its write
        # transaction: no lock is held meanwhile, so her edit goes straight through
        assert alice.http.patch(f"/posts/{post_id}", json={"body": EDITED}).status_code == 200

    monkeypatch.setattr(engine_memo, "prepare", edit_meanwhile)
    # Both events in one batch, however slow the machine: a batch cut by its time budget would leave the
    # comment to a second batch, whose own look ahead would analyse the edited post instead.
    monkeypatch.setattr(outbox, "BUDGET_S", 60.0)
    monkeypatch.setattr(outbox, "_recompute_s", 0.0)
    engine_calls["single"].clear()
    process_pending(limit=2)

    assert engine_calls["single"] == [COMMENT]  # scored again, against the post as it now reads
    assert _verdict_score(comment_id) == assess_comment(COMMENT, EDITED).quality.score
    with read_session() as session:
        analysis = session.get(PostAnalysis, post_id)
        assert analysis is not None
        assert analysis.result == analyze_record({"id": post_id, "text": EDITED, "kind": "post"})


# --- exactly once, and retried on failure -----------------------------------------------------------


@pytest.fixture
def test_kinds(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[Any]]:
    """Kinds for these tests: `counted` records each run; `flaky` fails on its first run; `stamp` writes
    and notes the site stamp (what anonymous pages' ETags are made of) as it runs."""
    from nook.jobs import handlers

    runs: dict[str, list[Any]] = {"counted": [], "flaky": [], "stamps": []}

    def counted(session: Session, payload: dict[str, Any]) -> None:
        runs["counted"].append(payload["n"])

    def flaky(session: Session, payload: dict[str, Any]) -> None:
        from nook.store.models import Event

        session.add(Event(kind="counted", payload={"n": -payload["n"]}))  # a write, undone with the failure
        runs["flaky"].append(payload["n"])
        if len(runs["flaky"]) == 1:
            raise RuntimeError("a handler failed")

    def stamp(session: Session, payload: dict[str, Any]) -> None:
        from nook.store import site_stamp
        from nook.store.models import Event

        runs["stamps"].append(site_stamp.current())
        session.get(Event, 1)  # a read, then a write: this batch's transaction changes the site
        session.add(Event(kind="counted", payload={"n": 0}))
        session.flush()

    table = {**(handlers._table or {}), "counted": (counted,), "flaky": (flaky,), "stamp": (stamp,)}
    monkeypatch.setattr(handlers, "_table", table)
    return runs


def _emit(kinds: list[str]) -> None:
    from nook.store.db import session_factory
    from nook.store.models import Event

    with session_factory()() as session:  # no after-commit dispatch: the test processes them itself
        session.add_all(Event(kind=kind, payload={"n": n}) for n, kind in enumerate(kinds, start=1))
        session.commit()


def test_each_event_is_handled_once_and_a_failed_one_is_retried(test_kinds: dict[str, list[Any]]) -> None:
    from nook.jobs.outbox import process_pending
    from nook.store.db import read_session
    from nook.store.models import Event

    _emit(["counted", "flaky", "counted"])
    assert process_pending() == 2 + 1 + 1  # the two counted, then (retried) flaky and what it emitted
    assert process_pending() == 0
    assert test_kinds["counted"] == [1, 3, -2]  # each once; the failed try's write was rolled back
    assert test_kinds["flaky"] == [2, 2]
    with read_session() as session:
        rows = session.execute(select(Event.kind, Event.attempts).order_by(Event.id)).all()
    assert [tuple(r) for r in rows] == [("counted", 1), ("flaky", 2), ("counted", 1), ("counted", 1)]


def test_the_site_stamp_changes_once_the_batch_commits_not_before(test_kinds: dict[str, list[Any]]) -> None:
    from nook.jobs.outbox import _process_batch
    from nook.store import site_stamp

    _emit(["stamp", "stamp", "stamp"])
    before = site_stamp.current()
    assert _process_batch(3) == (3, 3)
    # each event's savepoint was released before the next ran: none of that is committed, so a page
    # read meanwhile must not be kept under a new stamp (it would keep the old data)
    assert test_kinds["stamps"] == [before] * 3
    assert site_stamp.current() != before


# --- what handlers recompute, once per batch --------------------------------------------------------


@pytest.fixture
def score_runs(monkeypatch: pytest.MonkeyPatch) -> list[list[int]]:
    """The post ids of each run of `refresh_scores`; a batch is never cut short by its time budget here."""
    from nook.jobs import outbox
    from nook.social.reach import scores

    runs: list[list[int]] = []
    refresh = scores.refresh_scores

    def counted(session: Session, post_ids: list[int]) -> None:
        runs.append(list(post_ids))
        refresh(session, post_ids)

    monkeypatch.setattr(scores, "refresh_scores", counted)
    monkeypatch.setattr(outbox, "BUDGET_S", 60.0)
    return runs


def _comment(who: Member, post_id: int, body: str) -> None:
    assert who.http.post(f"/posts/{post_id}/comments", json={"body": body}).status_code == 201


def _stored_and_fresh(post_ids: list[int]) -> tuple[dict[int, Any], dict[int, Any]]:
    """The posts' stored score components and counts, and the same recomputed from their rows now."""
    from nook.social.content import counts
    from nook.social.reach import scores
    from nook.store.db import session_factory
    from nook.store.models import Post, PostScore

    def read(session: Session) -> dict[int, Any]:
        rows = session.execute(
            select(Post.id, PostScore.components, Post.comment_count, Post.folded_count, Post.like_count)
            .join(PostScore, PostScore.post_id == Post.id)
            .where(Post.id.in_(post_ids))
        )
        return {r[0]: tuple(r[1:]) for r in rows}

    with session_factory()() as session:
        stored = read(session)
        scores.refresh_scores(session, post_ids)
        counts.refresh(session, post_ids)
        fresh = read(session)
        session.rollback()
    return stored, fresh


@pytest.mark.usefixtures("pending")
def test_a_batch_recomputes_each_posts_score_once_after_all_its_events(
    member: Callable[..., Member], score_runs: list[list[int]]
) -> None:
    from nook.jobs.outbox import process_pending

    alice, bob, carol = member("alice"), member("bob"), member("carol")
    hills = alice.http.post("/posts", json={"body": POST}).json()["id"]
    novel = alice.http.post("/posts", json={"body": EDITED}).json()["id"]
    _comment(bob, hills, COMMENT)
    _comment(carol, hills, "我们从北门上的，人少一点，下山的时候看到了松鼠")
    _comment(bob, hills, "下次一起去吧，我知道一条人少的小路")
    _comment(carol, novel, "哪本小说？求推荐，最近书荒了")
    score_runs.clear()

    assert process_pending() == 6
    assert score_runs == [sorted([hills, novel])]  # once, for both posts, not once per event
    stored, fresh = _stored_and_fresh([hills, novel])
    assert stored == fresh  # the same as recomputing after every event
    assert stored[hills][0]["commenters"] == 2 and stored[hills][1] == 3


@pytest.mark.usefixtures("pending")
def test_a_failing_recomputation_fails_only_the_events_that_asked_for_it(
    member: Callable[..., Member], monkeypatch: pytest.MonkeyPatch, score_runs: list[list[int]]
) -> None:
    from nook.jobs.outbox import _process_batch, process_pending
    from nook.social.reach import scores
    from nook.store.db import read_session
    from nook.store.models import Event

    alice, bob = member("alice"), member("bob")
    hills = alice.http.post("/posts", json={"body": POST}).json()["id"]
    novel = alice.http.post("/posts", json={"body": EDITED}).json()["id"]
    _comment(bob, hills, COMMENT)
    _comment(bob, novel, "哪本小说？求推荐，最近书荒了")
    counted = scores.refresh_scores

    def broken_for_novel(session: Session, post_ids: list[int]) -> None:
        if novel in post_ids:
            raise RuntimeError("a recomputation failed")
        counted(session, post_ids)

    monkeypatch.setattr(scores, "refresh_scores", broken_for_novel)
    # the batch is rolled back and handled again event by event: the hills post's two go through
    assert _process_batch(10) == (2, 4)

    def states() -> list[tuple[int, bool, int]]:
        with read_session() as session:
            rows = session.execute(select(Event.payload, Event.processed_at, Event.attempts).order_by(Event.id))
            return [(p["post_id"], done is not None, tries) for p, done, tries in rows if "post_id" in p]

    assert states() == [(hills, True, 1), (novel, False, 1), (hills, True, 1), (novel, False, 1)]
    monkeypatch.setattr(scores, "refresh_scores", counted)
    assert process_pending() == 2  # retried, as any failed event
    assert [done for _, done, _ in states()] == [True] * 4
    stored, fresh = _stored_and_fresh([hills, novel])
    assert stored == fresh


@pytest.mark.usefixtures("pending")
@pytest.mark.parametrize("who_blocks", ["liked", "liker"])
def test_a_block_made_before_the_event_is_handled_silences_its_notice(
    member: Callable[..., Member], who_blocks: str
) -> None:
    from nook.jobs.outbox import process_pending
    from nook.store.db import read_session
    from nook.store.models import Notification

    author, fan = member("author"), member("fan")
    post_id = author.http.post("/posts", json={"body": POST, "visibility": "public"}).json()["id"]
    assert fan.http.post(f"/posts/{post_id}/like").status_code == 200
    blocker, blocked = (author, fan) if who_blocks == "liked" else (fan, author)
    assert blocker.http.post("/blocks", json={"username": blocked.username}).status_code == 201
    process_pending()
    with read_session() as session:  # none written, not merely hidden when listed
        assert session.scalars(select(Notification.kind).where(Notification.user_id == author.id)).all() == []
