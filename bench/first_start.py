"""First start: from `make run` on a fresh clone to a served page, and to a fully analysed demo; and how
logins and pages answer while the demo's backlog is being analysed.

    .venv/bin/python bench/first_start.py [--source .] [--clone /tmp/h17clone] [--clients 4] [--limit 1800]

It clones `--source` (its checked-out branch) into `--clone` (wiped first), runs `make run` there on a free
port (`uv sync`, `nook demo --if-empty`, `nook serve`: the demo's outbox events are left for the server's
background worker), and times the first `GET /` that answers 200. From then until no event is left
unprocessed (read from the clone's SQLite file), `--clients` threads each loop: a login through the API
as one of the demo's members (every fifth request), else one of `/`, `/explore`, `/p/{id}`, `/u/{name}`,
`/api/v1/feed` (with that member's token). It prints the two times and, for logins and for pages apart,
the number of answers, p50/p99 and every status seen, and writes them to `bench/out/first_start.json`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PASSWORD = "nook-demo-2024"
LOGIN_EVERY = 5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", type=Path, default=ROOT)
    parser.add_argument("--clone", type=Path, default=Path("/tmp/nook-first-start"))
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--limit", type=float, default=1800, help="seconds to wait for the analysis")
    args = parser.parse_args()
    _clone(args.source, args.clone)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NOOK_", "VIRTUAL_ENV"))}
    log = (args.clone / "make-run.log").open("w")
    started = time.monotonic()
    proc = subprocess.Popen(
        ["make", "run", f"PORT={port}"],
        cwd=args.clone,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        first_page = _wait_for_page(base, proc, started, args.limit)
        print(f"first page served {first_page:.1f} s after `make run`", file=sys.stderr)
        result = _load_until_analysed(args, base, args.clone / "data" / "nook.db", started)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
        log.close()
    result["first_page_s"] = round(first_page, 1)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "first_start.json").write_text(json.dumps(result, indent=2))
    _print(result)


def _clone(source: Path, clone: Path) -> None:
    branch = subprocess.run(
        ["git", "-C", str(source), "branch", "--show-current"], capture_output=True, text=True, check=True
    ).stdout.strip()
    shutil.rmtree(clone, ignore_errors=True)
    subprocess.run(["git", "clone", "--quiet", "--branch", branch, str(source), str(clone)], check=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for_page(base: str, proc: subprocess.Popen[bytes], started: float, limit: float) -> float:
    while time.monotonic() - started < limit:
        if proc.poll() is not None:
            sys.exit(f"`make run` exited ({proc.returncode})")
        try:
            if httpx.get(base + "/", timeout=5).status_code == 200:
                return time.monotonic() - started
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    sys.exit("no page served within the limit")


def _pending(db: Path) -> int:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as con:
        return int(con.execute("SELECT count(*) FROM events WHERE processed_at IS NULL AND attempts < 5").fetchone()[0])


def _targets(base: str) -> tuple[list[str], list[str]]:
    """Demo members to sign in as, and the pages to ask for."""
    with httpx.Client(base_url=base, timeout=30) as client:
        items = client.get("/api/v1/explore", params={"limit": 50}).json()["items"]
    names = list(dict.fromkeys(p["author"]["username"] for p in items))[:8]
    post = items[0]["id"]
    return names, ["/", "/explore", f"/p/{post}", f"/u/{names[0]}", "/api/v1/feed?limit=20"]


def _load_until_analysed(args: argparse.Namespace, base: str, db: Path, started: float) -> dict[str, Any]:
    names, pages = _targets(base)
    stop = threading.Event()
    samples: dict[str, list[tuple[int, float]]] = {"login": [], "page": []}
    lock = threading.Lock()

    def client_loop(n: int) -> None:
        name = names[n % len(names)]
        token = ""
        with httpx.Client(base_url=base, timeout=30) as client:
            for i in range(10**9):
                if stop.is_set():
                    return
                kind = "login" if i % LOGIN_EVERY == 0 else "page"
                t0 = time.perf_counter()
                try:
                    if kind == "login":
                        resp = client.post("/api/v1/auth/login", json={"username": name, "password": PASSWORD})
                        token = resp.json().get("token", token) if resp.status_code == 200 else token
                    else:
                        path = pages[i % len(pages)]
                        headers = {"Authorization": f"Bearer {token}"} if path.startswith("/api/") and token else {}
                        resp = client.get(path, headers=headers)
                    status = resp.status_code
                except httpx.HTTPError:
                    status = 0  # no answer within 30 s, or the connection failed
                with lock:
                    samples[kind].append((status, time.perf_counter() - t0))

    threads = [threading.Thread(target=client_loop, args=(n,), daemon=True) for n in range(args.clients)]
    for t in threads:
        t.start()
    backlog = [(round(time.monotonic() - started, 1), _pending(db))]
    analysed = None
    while time.monotonic() - started < args.limit:
        left = _pending(db)
        backlog.append((round(time.monotonic() - started, 1), left))
        if left == 0:
            analysed = time.monotonic() - started
            break
        time.sleep(2)
    stop.set()
    for t in threads:
        t.join(timeout=40)
    return {
        "analysed_s": round(analysed, 1) if analysed else None,
        "backlog_at_first_page": backlog[0][1],
        "backlog": backlog,
        "login": _summary(samples["login"]),
        "page": _summary(samples["page"]),
    }


def _summary(samples: list[tuple[int, float]]) -> dict[str, Any]:
    times = sorted(t for _, t in samples)
    if not times:
        return {"n": 0}
    return {
        "n": len(times),
        "p50_ms": round(times[len(times) // 2] * 1000),
        "p99_ms": round(times[min(len(times) - 1, int(len(times) * 0.99))] * 1000),
        "statuses": dict(Counter(s for s, _ in samples)),
    }


def _print(result: dict[str, Any]) -> None:
    print(f"first page: {result['first_page_s']} s after `make run`")
    done = result["analysed_s"]
    print(f"fully analysed: {done} s after `make run`" if done else "not fully analysed within the limit")
    print(f"events pending at the first page: {result['backlog_at_first_page']}")
    for kind in ("login", "page"):
        s = result[kind]
        print(f"{kind}s while the backlog ran: {s}")


if __name__ == "__main__":
    main()
