"""Crash safety: SIGKILL the server during concurrent writes; every acknowledged write survives."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from PIL import Image

from tests.conftest import TEST_DB, _free_port


def _start(data_dir: Path, port: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "NOOK_DATA_DIR": str(data_dir),
        "NOOK_DATABASE_URL": TEST_DB,
        "NOOK_JOBS_MODE": "queue",
        "NOOK_RATE_LIMITS_ENABLED": "false",
        "NOOK_REDIS_URL": "",
    }
    cmd = [sys.executable, "-m", "nook.cli.main", "serve", "--port", str(port)]
    log_path = data_dir / f"server-{port}.log"
    with log_path.open("ab") as log:  # the server keeps its own copy of the descriptor
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.monotonic() + 180  # start-up loads the engine's models: slow on a busy machine
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/openapi.json", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    proc.wait()
    raise RuntimeError(log_path.read_text(encoding="utf-8", errors="replace") or "server did not start")


def _jpeg(i: int) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (32, 32), (i * 37 % 256, 90, 160)).save(buf, "JPEG")
    return buf.getvalue()


@pytest.mark.slow
def test_acknowledged_writes_survive_sigkill(tmp_path: Path) -> None:
    port = _free_port()
    base = f"http://127.0.0.1:{port}/api/v1"
    server = _start(tmp_path, port)
    tokens = [
        httpx.post(f"{base}/auth/register", json={"username": f"crash{i}", "password": "password123"}).json()["token"]
        for i in range(4)
    ]
    acked_posts: list[tuple[str, int, str]] = []
    acked_media: list[tuple[str, int]] = []
    stop = threading.Event()

    def writer(token: str, n: int) -> None:
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=5) as c:
            i = 0
            while not stop.is_set():
                i += 1
                try:
                    if i % 5 == 0:
                        r = c.post("/media", files={"file": ("p.jpg", _jpeg(i), "image/jpeg")})
                        if r.status_code == 201:
                            acked_media.append((token, r.json()["id"]))
                    else:
                        body = f"写入 {n}-{i}"
                        r = c.post("/posts", json={"body": body})
                        if r.status_code == 201:
                            acked_posts.append((token, r.json()["id"], body))
                except httpx.HTTPError:
                    return  # the server is gone; anything unanswered was never acknowledged

    threads = [threading.Thread(target=writer, args=(t, n)) for n, t in enumerate(tokens)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 90  # a busy machine is slow; what matters is killing mid-write
    while len(acked_posts) < 30 and time.monotonic() < deadline:
        time.sleep(0.1)
    server.send_signal(signal.SIGKILL)
    server.wait()
    stop.set()
    for t in threads:
        t.join()
    assert len(acked_posts) > 20, "the writers did not get going before the kill"

    server = _start(tmp_path, port)
    try:
        for token, post_id, body in acked_posts:
            r = httpx.get(f"{base}/posts/{post_id}", headers={"Authorization": f"Bearer {token}"})
            assert r.status_code == 200 and r.json()["body"] == body
        root = base.removesuffix("/api/v1")
        for token, media_id in acked_media:
            r = httpx.get(f"{root}/media/{media_id}/full", headers={"Authorization": f"Bearer {token}"})
            assert r.status_code == 200 and r.content[:2] == b"\xff\xd8"
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)
