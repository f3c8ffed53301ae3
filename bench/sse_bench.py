"""CPU of one app worker holding 1,000 open notification streams while nothing happens.

    .venv/bin/python bench/sse_bench.py [--streams 1000] [--members 50] [--idle 60]

Boots a throwaway SQLite site in a child process (uvicorn, one worker; with NOOK_REDIS_URL set in the
environment the streams listen through Redis pub/sub), signs members up, and opens the streams over
real sockets from this process. The server's CPU time is read from /proc over an idle window twice in
the same run: first with no stream open (the baseline), then with all of them open (heartbeats every
25 s included). Last, one like checks that news still reaches every stream of the member liked.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

SERVER = """
import uvicorn
from nook.app import create_app
from nook.store.migrate import upgrade
upgrade()
uvicorn.run(create_app(), host="127.0.0.1", port={port}, log_level="warning", lifespan="off")
"""
TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def _rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text().splitlines()
    line = next(x for x in status if x.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


def _idle_cpu(pid: int, seconds: float) -> float:
    """Percent of one core the server used over `seconds` of nothing happening."""
    before = _cpu_s(pid)
    time.sleep(seconds)
    return 100 * (_cpu_s(pid) - before) / seconds


@dataclass
class Stream:
    member: int
    counts: list[int] = field(default_factory=list)
    pings: int = 0
    got: asyncio.Event = field(default_factory=asyncio.Event)


async def _open(port: int, token: str, stream: Stream, opened: asyncio.Event, want: list[int]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(
        f"GET /api/v1/notifications/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
        "Accept: text/event-stream\r\n\r\n".encode()
    )
    await writer.drain()
    try:
        while line := await reader.readline():  # waits on the socket: no work while idle
            text = line.decode().strip()
            if text == ": ping":
                stream.pings += 1
            elif text.startswith("data: "):
                stream.counts.append(json.loads(text[6:])["unread"])
                stream.got.set()
                if len(stream.counts) == 1:  # this stream is open: the last one to open says so
                    want[0] -= 1
                    if want[0] == 0:
                        opened.set()
    finally:
        writer.close()


async def _run(port: int, pid: int, members: list[tuple[int, str]], args: argparse.Namespace) -> dict[str, float]:
    streams = [Stream(i % len(members)) for i in range(args.streams)]
    opened, want = asyncio.Event(), [len(streams)]
    started = time.perf_counter()
    tasks = [asyncio.create_task(_open(port, members[s.member][1], s, opened, want)) for s in streams]
    await asyncio.wait_for(opened.wait(), 300)
    open_s = time.perf_counter() - started
    await asyncio.sleep(3)  # the last answers flushed
    busy = await asyncio.to_thread(_idle_cpu, pid, args.idle)
    rss = _rss_mb(pid)

    # news for member 0 reaches each of her streams
    liked = [s for s in streams if s.member == 0]
    for s in liked:
        s.got.clear()
    headers = {"Authorization": f"Bearer {members[1][1]}"}
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}/api/v1", headers=headers) as client:
        post_id = args.post_id
        sent = time.perf_counter()
        assert (await client.post(f"/posts/{post_id}/like")).status_code == 200
    await asyncio.wait_for(asyncio.gather(*(s.got.wait() for s in liked)), 30)
    news_ms = (time.perf_counter() - sent) * 1000
    assert all(s.counts[-1] == 1 for s in liked)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    pings = sum(s.pings for s in streams)
    return {"open_s": open_s, "busy": busy, "rss": rss, "news_ms": news_ms, "pings": pings, "liked": len(liked)}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _members(port: int, n: int) -> tuple[list[tuple[int, str]], int]:
    """`n` members (id, token), and a post by the first one."""
    out = []
    with httpx.Client(base_url=f"http://127.0.0.1:{port}/api/v1", timeout=30) as client:
        for i in range(n):
            body = {"username": f"bench{i:04d}", "password": "correct horse battery", "nickname": f"成员{i}"}
            resp = client.post("/auth/register", json=body)
            assert resp.status_code == 201, resp.text
            out.append((resp.json()["user"]["id"], resp.json()["token"]))
        auth = {"Authorization": f"Bearer {out[0][1]}"}
        post = client.post("/posts", json={"body": "基准测试的说说", "visibility": "public"}, headers=auth)
        assert post.status_code == 201, post.text
    return out, int(post.json()["id"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--streams", type=int, default=1000)
    parser.add_argument("--members", type=int, default=50)
    parser.add_argument("--idle", type=float, default=60.0, help="seconds of each idle window")
    args = parser.parse_args()
    port = _free_port()
    with tempfile.TemporaryDirectory() as data:
        env = {
            **os.environ,
            "NOOK_DATA_DIR": data,
            "NOOK_DATABASE_URL": "",
            "NOOK_JOBS_MODE": "inline",
            "NOOK_RATE_LIMITS_ENABLED": "false",
            "NOOK_ARGON2_TIME_COST": "1",
            "NOOK_ARGON2_MEMORY_KIB": "1024",
        }
        server = subprocess.Popen([sys.executable, "-c", SERVER.format(port=port)], env=env)
        try:
            for _ in range(300):
                try:
                    httpx.get(f"http://127.0.0.1:{port}/api/v1/openapi.json", timeout=1)
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            members, args.post_id = _members(port, args.members)
            time.sleep(3)
            baseline = _idle_cpu(server.pid, args.idle)
            base_rss = _rss_mb(server.pid)
            found = asyncio.run(_run(port, server.pid, members, args))
        finally:
            server.terminate()
            server.wait(10)
    redis = "Redis pub/sub" if os.environ.get("NOOK_REDIS_URL") else "in process"
    print(f"one uvicorn worker, SQLite, news {redis}; idle windows of {args.idle:.0f} s; load {os.getloadavg()}")
    print("| | open streams | server CPU while idle (% of one core) | RSS |")
    print("| --- | --- | --- | --- |")
    print(f"| baseline (same run) | 0 | {baseline:.2f} % | {base_rss:.0f} MB |")
    print(f"| streams open | {args.streams} | {found['busy']:.2f} % | {found['rss']:.0f} MB |")
    print(
        f"opened {args.streams} streams in {found['open_s']:.1f} s; {found['pings']} heartbeats in the window; "
        f"a like reached all {found['liked']} streams of its member in {found['news_ms']:.0f} ms"
    )


if __name__ == "__main__":
    main()
