"""投票 through the HTTP API: options and limits, one final ballot per member (also when two race),
results only after voting or the close, visibility of the post first, and a poll counts as a hook."""

from __future__ import annotations

import io
import json
import threading
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import select
from typer.testing import CliRunner

from nook.cli.main import app
from nook.store.db import read_session, transaction
from nook.store.models import Poll, PostAnalysis
from tests.conftest import MemberFactory, wipe


def _poll(author, **poll) -> dict:
    made = author.http.post("/posts", json={"body": "周末去哪儿？", "poll": poll})
    assert made.status_code == 201, made.text
    return made.json()


def test_single_choice_poll_vote_once_then_results(member: MemberFactory, api: httpx.Client) -> None:
    author, reader, other = member("author"), member("reader"), member("other")
    post = _poll(author, options=["爬山", "看电影", "宅家"])
    options = post["poll"]["options"]
    assert [o["text"] for o in options] == ["爬山", "看电影", "宅家"]
    assert all(o["votes"] is None for o in options) and post["poll"]["ballots"] is None  # not even for its author

    seen = reader.http.get(f"/posts/{post['id']}").json()["poll"]
    assert seen["can_vote"] and seen["ballots"] is None
    two = reader.http.post(f"/posts/{post['id']}/vote", json={"options": [options[0]["id"], options[1]["id"]]})
    assert two.status_code == 422  # single choice
    voted = reader.http.post(f"/posts/{post['id']}/vote", json={"options": [options[1]["id"]]})
    assert voted.status_code == 200, voted.text
    result = voted.json()
    assert result["voted"] and not result["can_vote"] and result["ballots"] == 1
    assert [(o["votes"], o["chosen"]) for o in result["options"]] == [(0, False), (1, True), (0, False)]
    again = reader.http.post(f"/posts/{post['id']}/vote", json={"options": [options[0]["id"]]})
    assert again.status_code == 409 and again.json()["error"]["message"]
    # someone who has not voted still sees no tally; an anonymous reader cannot vote
    assert other.http.get(f"/posts/{post['id']}").json()["poll"]["ballots"] is None
    assert api.post(f"/posts/{post['id']}/vote", json={"options": [options[0]["id"]]}).status_code == 401
    foreign = other.http.post(f"/posts/{post['id']}/vote", json={"options": [999999]})
    assert foreign.status_code == 422


def test_multiple_choice_and_limits(member: MemberFactory) -> None:
    author, reader = member("author"), member("reader")
    post = _poll(author, options=["A", "B", "C"], multiple=True)
    ids = [o["id"] for o in post["poll"]["options"]]
    voted = reader.http.post(f"/posts/{post['id']}/vote", json={"options": ids[:2]})
    assert [o["votes"] for o in voted.json()["options"]] == [1, 1, 0]
    for bad in (
        {"options": ["只有一个"]},
        {"options": [str(i) for i in range(11)]},
        {"options": ["同", "同"]},
        {"options": ["长" * 41, "短"]},
        {"options": ["A", "B"], "closes_at": (datetime.now(UTC) - timedelta(hours=1)).isoformat()},
    ):
        answer = author.http.post("/posts", json={"body": "坏投票", "poll": bad})
        assert answer.status_code == 422, (bad, answer.text)


def test_closed_poll_shows_results_to_everyone_and_takes_no_ballots(member: MemberFactory) -> None:
    author, reader = member("author"), member("reader")
    post = _poll(author, options=["是", "否"], closes_at=(datetime.now(UTC) + timedelta(hours=1)).isoformat())
    assert post["poll"]["closes_at"] is not None and not post["poll"]["closed"]
    with transaction() as session:  # the hour has passed (the server's clock is not the test's to freeze)
        session.get(Poll, post["id"]).closes_at = datetime.now(UTC) - timedelta(minutes=1)
    shown = reader.http.get(f"/posts/{post['id']}").json()["poll"]
    assert shown["closed"] and shown["ballots"] == 0 and not shown["can_vote"]
    late = reader.http.post(f"/posts/{post['id']}/vote", json={"options": [shown["options"][0]["id"]]})
    assert late.status_code == 422


def test_a_hidden_posts_poll_takes_no_ballot(member: MemberFactory) -> None:
    author, stranger = member("author"), member("stranger")
    made = author.http.post(
        "/posts", json={"body": "私密投票", "visibility": "private", "poll": {"options": ["1", "2"]}}
    )
    option = made.json()["poll"]["options"][0]["id"]
    assert stranger.http.post(f"/posts/{made.json()['id']}/vote", json={"options": [option]}).status_code == 404


def test_two_ballots_racing_make_one(member: MemberFactory) -> None:
    author, reader = member("author"), member("reader")
    post = _poll(author, options=["A", "B"])
    ids = [o["id"] for o in post["poll"]["options"]]
    barrier, answers = threading.Barrier(4), []

    def submit(option: int) -> None:
        with httpx.Client(base_url=str(reader.http.base_url), headers=dict(reader.http.headers), timeout=30) as c:
            barrier.wait()
            answers.append(c.post(f"/posts/{post['id']}/vote", json={"options": [option]}).status_code)

    threads = [threading.Thread(target=submit, args=(ids[i % 2],)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(answers) == [200, 409, 409, 409]
    assert author.http.get(f"/posts/{post['id']}").json()["poll"]["ballots"] is None
    tally = reader.http.get(f"/posts/{post['id']}").json()["poll"]
    assert tally["ballots"] == 1 and sum(o["votes"] for o in tally["options"]) == 1


def test_a_poll_is_recorded_as_a_hook(member: MemberFactory) -> None:
    author = member("author")
    post = _poll(author, options=["猫", "狗"])
    with read_session() as session:
        row = session.scalar(select(PostAnalysis).where(PostAnalysis.post_id == post["id"]))
        assert row is not None and row.has_hook and row.hook_type == "poll"


def test_archives_hold_polls_and_ballots(member: MemberFactory, tmp_path: Path) -> None:
    author, reader = member("author"), member("reader")
    post = _poll(author, options=["春", "秋"])
    option = post["poll"]["options"][1]["id"]
    assert reader.http.post(f"/posts/{post['id']}/vote", json={"options": [option]}).status_code == 200
    with zipfile.ZipFile(io.BytesIO(author.http.get("/me/export").content)) as zf:
        assert [o["text"] for o in json.loads(zf.read("poll_options.json"))] == ["春", "秋"]
        assert json.loads(zf.read("my_votes.json")) == []
    with zipfile.ZipFile(io.BytesIO(reader.http.get("/me/export").content)) as zf:
        assert json.loads(zf.read("my_votes.json")) == [{"post_id": post["id"], "option": "秋"}]
        assert json.loads(zf.read("polls.json")) == []
    # the site archive brings back the poll and the ballot (still final)
    target = tmp_path / "site.zip"
    assert CliRunner().invoke(app, ["export", str(target)]).exit_code == 0
    wipe()
    restored = CliRunner().invoke(app, ["restore", str(target)])
    assert restored.exit_code == 0, restored.output
    tally = reader.http.get(f"/posts/{post['id']}").json()["poll"]
    assert tally["voted"] and [o["votes"] for o in tally["options"]] == [0, 1]
    assert reader.http.post(f"/posts/{post['id']}/vote", json={"options": [option]}).status_code == 409
