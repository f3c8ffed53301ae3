"""The operator's CLI: whole-site export and restore, user management."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from PIL import Image
from sqlalchemy import func, select
from typer.testing import CliRunner

from nook.cli.main import app
from nook.config import get_settings
from nook.store.db import read_session
from nook.store.models import Comment, Post, User
from tests.conftest import wipe

runner = CliRunner()


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), "orange").save(buf, "PNG")
    return buf.getvalue()


def test_export_then_restore_brings_back_everything(member, tmp_path: Path) -> None:
    alice, bob = member("alice"), member("bob")
    media = alice.http.post("/media", files={"file": ("a.png", _png(), "image/png")}).json()
    post = alice.http.post("/posts", json={"body": "导出测试 #备份#", "images": [{"media_id": media["id"]}]}).json()
    bob.http.post(f"/posts/{post['id']}/comments", json={"body": "备份好了吗？"})
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
    with read_session() as session:
        assert session.scalar(select(Comment.body)) == "备份好了吗？"
        assert session.scalar(select(func.count(Post.id))) == 1
    # new rows still get fresh ids after the restore (sequences moved past the restored ids)
    assert alice.http.post("/posts", json={"body": "恢复后的新说说"}).status_code == 201
    # a second restore into a site that has data is refused without --force
    again = runner.invoke(app, ["restore", str(target)])
    assert again.exit_code == 1 and "--force" in again.output


def test_user_create_and_reset_password(api) -> None:
    made = runner.invoke(app, ["user", "create", "carol", "--password", "first password"])
    assert made.exit_code == 0, made.output
    assert api.post("/auth/login", json={"username": "carol", "password": "first password"}).status_code == 200
    reset = runner.invoke(app, ["user", "reset-password", "carol", "--password", "second password"])
    assert reset.exit_code == 0
    assert api.post("/auth/login", json={"username": "carol", "password": "second password"}).status_code == 200
    dup = runner.invoke(app, ["user", "create", "carol", "--password", "whatever123"])
    assert dup.exit_code == 1 and "占用" in dup.output
