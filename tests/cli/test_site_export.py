"""The operator's CLI: whole-site export and restore, user management."""

from __future__ import annotations

import io
import json
import re
import shutil
import threading
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, inspect, select
from typer.testing import CliRunner

from nook.cli.main import app
from nook.config import get_settings
from nook.store.base import Base
from nook.store.db import get_engine, read_session
from nook.store.models import Comment, Like, Media, Post, User
from nook.store.models.search import described_by_models
from tests.conftest import Member, wipe
from tests.statements import watching_statements

runner = CliRunner()


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), "orange").save(buf, "PNG")
    return buf.getvalue()


def _manifest(archive: Path) -> dict[str, object]:
    with zipfile.ZipFile(archive) as zf:
        loaded: dict[str, object] = json.loads(zf.read("manifest.json"))
        return loaded


def _counts() -> dict[str, int]:
    with read_session() as session:
        return {
            t.name: int(session.scalar(select(func.count()).select_from(t)) or 0) for t in Base.metadata.sorted_tables
        }


MP3 = (b"\xff\xfb\x90\x64" + bytes(413)) * 40  # 40 MPEG frames, no tags: kept as uploaded


def test_export_then_restore_brings_back_everything(member, tmp_path: Path) -> None:
    alice, bob = member("alice"), member("bob")
    media = alice.http.post("/media", files={"file": ("a.png", _png(), "image/png")}).json()
    post = alice.http.post("/posts", json={"body": "导出测试 #备份#", "images": [{"media_id": media["id"]}]}).json()
    bob.http.post(f"/posts/{post['id']}/comments", json={"body": "备份好了吗？"})
    song = alice.http.post("/me/music", files={"file": ("s.mp3", MP3, "audio/mpeg")}, data={"title": "晴天"}).json()
    repost = bob.http.post(f"/posts/{post['id']}/repost", json={"body": "转发备份"}).json()
    assert bob.http.post("/messages/alice", json={"body": "备份里也有私信"}).status_code == 201
    bob.http.put("/users/alice/follow")
    target = tmp_path / "site.zip"

    result = runner.invoke(app, ["export", str(target)])
    assert result.exit_code == 0, result.output
    wipe()
    shutil.rmtree(get_settings().media_dir)  # the photos must come back from the archive
    with read_session() as session:
        assert session.scalar(select(func.count(User.id))) == 0

    result = runner.invoke(app, ["restore", str(target)])
    assert result.exit_code == 0, result.output
    assert alice.http.get(f"/posts/{post['id']}").json()["body"] == "导出测试 #备份#"  # her session came back too
    root = str(alice.http.base_url).removesuffix("/").removesuffix("/api/v1")
    photo = alice.http.get(root + media["url"])
    assert photo.status_code == 200 and photo.content[:2] == b"\xff\xd8"
    assert alice.http.get(root + song["url"]).content == MP3, "the space's songs come back too"
    with read_session() as session:
        assert session.scalar(select(Comment.body)) == "备份好了吗？"
        assert session.scalar(select(func.count(Post.id))) == 2
    # 转发, 私信 and 关注 come back with the site
    assert bob.http.get(f"/posts/{repost['id']}").json()["repost"]["original"]["id"] == post["id"]
    assert [m["body"] for m in alice.http.get("/messages/bob").json()["messages"]] == ["备份里也有私信"]
    assert alice.http.get("/users/alice/follow").json()["followers"] == 1
    # new rows still get fresh ids after the restore (sequences moved past the restored ids)
    assert alice.http.post("/posts", json={"body": "恢复后的新说说"}).status_code == 201
    # a second restore into a site that has data is refused without --force
    again = runner.invoke(app, ["restore", str(target)])
    assert again.exit_code == 1 and "--force" in again.output


def test_the_archive_holds_every_table_of_the_schema(member, tmp_path: Path) -> None:
    """A table added to the models (or only to a migration) cannot be left out of backups."""
    member("alice")
    target = tmp_path / "site.zip"
    assert runner.invoke(app, ["export", str(target)]).exit_code == 0
    in_models = {t.name for t in Base.metadata.sorted_tables}
    # SQLite's FTS5 tables are an index rebuilt from post_search (in the archive) by triggers on restore
    in_database = {n for n in inspect(get_engine()).get_table_names() if described_by_models(n)} - {"alembic_version"}
    tables = _manifest(target)["tables"]
    assert isinstance(tables, dict)
    assert set(tables) == in_models == in_database
    with zipfile.ZipFile(target) as zf:
        assert {n.removeprefix("tables/").removesuffix(".jsonl") for n in zf.namelist() if n.startswith("tables/")} == (
            in_models
        )
    restored = runner.invoke(app, ["restore", "--force", str(target)])
    assert restored.exit_code == 0, restored.output
    assert f"in {len(in_models)} tables" in restored.output


# --- one snapshot while members keep writing (issue 16, item 2) ---------------------------------------------------


@pytest.fixture
def no_rate_limits(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("NOOK_RATE_LIMITS_ENABLED", "false")
    get_settings.cache_clear()
    yield
    monkeypatch.undo()
    get_settings.cache_clear()


def _post_with_answers(writer: Member, other: Member, n: int, photo: bool) -> str | None:
    """A new post, then at once a comment and a like on it from someone else (children of a new parent)."""
    body: dict[str, object] = {"body": f"{writer.username} 的第 {n} 条"}
    if photo:
        media = writer.http.post("/media", files={"file": ("p.png", _png(), "image/png")})
        if media.status_code != 201:
            return media.text
        body["images"] = [{"media_id": media.json()["id"]}]
    made = writer.http.post("/posts", json=body)
    if made.status_code != 201:
        return made.text
    post = made.json()["id"]
    for answer in (
        other.http.post(f"/posts/{post}/comments", json={"body": f"来了，第 {n} 条评论有内容"}),
        other.http.post(f"/posts/{post}/like"),
    ):
        if answer.status_code not in (200, 201):
            return answer.text
    return None


def _write_until(stop: threading.Event, writer: Member, others: list[Member], errors: list[str], photo: bool) -> None:
    n = 0
    while not stop.is_set() and not errors:
        n += 1
        if failed := _post_with_answers(writer, others[n % len(others)], n, photo):
            errors.append(failed)


def _wait_for_writes(likes: int, errors: list[str]) -> None:
    """Each writer likes after it comments: so many likes, at least as many comments; and the photo writer's
    first photo (it is the slowest writer, and every archive must hold a photo with its files)."""
    deadline = time.monotonic() + 120  # a liveness guard, not a speed test: CI runs two suites side by side
    while time.monotonic() < deadline and not errors:
        with read_session() as session:
            liked = session.scalar(select(func.count(Like.id))) or 0
            photos = session.scalar(select(func.count(Media.id))) or 0
        if liked >= likes and photos >= 1:
            return
        time.sleep(0.05)
    raise AssertionError(f"the writers wrote too little: {errors[:3]}")


@contextmanager
def _writes_between_tables(writer: Member, other: Member) -> Iterator[None]:
    """Just before this thread reads the comments table, a photo post with a comment and a like lands.

    The writer threads race the export by chance; this makes sure that at least once per export a post
    is committed after the posts table was read and its children before they are.
    """
    me, n = threading.get_ident(), iter(range(1000, 2000))

    def before(statement: str) -> None:
        if threading.get_ident() == me and re.match(r"\s*SELECT\b.*\bFROM comments\b", statement, re.S):
            assert _post_with_answers(writer, other, next(n), photo=True) is None

    with watching_statements(before):
        yield


def test_export_under_concurrent_writes_restores_completely(member, no_rate_limits, tmp_path: Path) -> None:
    writers = [member(f"writer{i}") for i in range(3)]
    readers = [member(f"reader{i}") for i in range(2)]
    stop, errors = threading.Event(), []
    threads = [
        threading.Thread(target=_write_until, args=(stop, w, readers, errors, i == 0), daemon=True)
        for i, w in enumerate(writers)
    ]
    for t in threads:
        t.start()
    archives = []
    try:
        _wait_for_writes(likes=3, errors=errors)
        with _writes_between_tables(writers[1], readers[0]):
            for i in range(3):
                target = tmp_path / f"live-{i}.zip"
                result = runner.invoke(app, ["export", str(target)])
                assert result.exit_code == 0, result.output
                archives.append(target)
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=30)
    assert not errors, errors[:3]
    after = _counts()
    for archive in archives:
        wipe()
        shutil.rmtree(get_settings().media_dir, ignore_errors=True)
        result = runner.invoke(app, ["restore", str(archive)])
        assert result.exit_code == 0, (result.output, result.exception)
        tables = _manifest(archive)["tables"]
        assert isinstance(tables, dict)
        expected = {name: entry["rows"] for name, entry in tables.items()}
        assert _counts() == expected
        assert expected["comments"] > 0 and expected["likes"] > 0
        # every photo row came back with its files (full size and thumbnail)
        assert len(list(get_settings().media_dir.rglob("*.jpg"))) == 2 * expected["media"] > 0
    assert after["posts"] > expected["posts"], "members wrote after the last export read its snapshot"


def test_user_create_and_reset_password(api) -> None:
    made = runner.invoke(app, ["user", "create", "carol", "--password", "first password"])
    assert made.exit_code == 0, made.output
    assert api.post("/auth/login", json={"username": "carol", "password": "first password"}).status_code == 200
    reset = runner.invoke(app, ["user", "reset-password", "carol", "--password", "second password"])
    assert reset.exit_code == 0
    assert api.post("/auth/login", json={"username": "carol", "password": "second password"}).status_code == 200
    dup = runner.invoke(app, ["user", "create", "carol", "--password", "whatever123"])
    assert dup.exit_code == 1 and "占用" in dup.output
