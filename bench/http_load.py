"""HTTP throughput of Nook's read path under 64 connections, against a bare Starlette + SQLite ceiling.

    .venv/bin/python bench/http_load.py [--size 1] [--duration 12] [--workers 1,2]
        [--database-url postgresql://…/test_x --redis-url redis://…/3] [--servers uvicorn,granian]
        [--baseline-src /tmp/before/src] [--site large --scale 1.0]

Needs `wrk` (Debian: `apt-get install -y wrk`). In one run it
1. loads the demo community (outbox drained, rate limits off) into `--data` (kept and reused; with
   `--database-url` that database's `public` schema and the Redis db are wiped first); `--site large`
   builds instead the large community of `bench/feed_rank.py` (at `--scale 1.0`: 10,000 members,
   200,000 posts, 2M likes, 500k comments, bulk-inserted on the migrated schema), then recounts the
   posts' counts with the product's code and gives every member the demo's password (one hash),
2. builds the ceiling of issue 17 (`bench/http_ceiling.py`: the 20 newest of 200,000 rows as JSON)
   and serves it with 2 uvicorn workers,
3. serves Nook with each server and worker count (a fresh copy of the SQLite site per server, so the
   mixed profile's writes do not carry over) and drives every endpoint with `wrk -t2 -c64`; with
   `--baseline-src` also the code of that tree (on `PYTHONPATH`, uvicorn) against the same data,
4. prints req/s, p50/p99, 5xx answers and the ratio to the ceiling as a Markdown table, and writes the
   figures to `bench/out/http_load/<label>.json`.

"HTML / revalidated" is a browser that keeps its copy: a fixed CSRF cookie and `If-None-Match` with the
last ETag it was given (304 while nothing changes). The mixed profile (`bench/http_load.lua`) is 90% reads
of the API endpoints as several members and 10% writes as those members: likes, unlikes and comments on
public posts.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "http_load"
LUA = ROOT / "bench" / "http_load.lua"
VENV_BIN = Path(sys.executable).parent
MEMBERS = 8  # members the mixed profile acts as

#: name, path template, who asks ("member" = a bearer token, "anon" = nobody signed in)
ENDPOINTS: list[tuple[str, str, str]] = [
    ("API feed", "/api/v1/feed?limit=20", "member"),
    ("API ranked feed", "/api/v1/feed/ranked?limit=20", "member"),
    ("API explore", "/api/v1/explore?limit=20", "anon"),
    ("API post comments", "/api/v1/posts/{post}/comments", "member"),
    ("API member's posts", "/api/v1/users/{name}/posts?limit=20", "member"),
    ("HTML /", "/", "anon"),
    ("HTML / revalidated", "/", "revalidate"),
    ("HTML /p/{id}", "/p/{post}", "anon"),
    ("HTML /u/{name}", "/u/{name}", "anon"),
]
MIXED = "mixed 90/10 read/write"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", choices=["demo", "large"], default="demo", help="which community to serve")
    parser.add_argument("--size", type=float, default=1.0, help="demo scale (1 ≈ 200 members, 1,100 posts)")
    parser.add_argument("--scale", type=float, default=1.0, help="large site scale (1 = 10k members, 200k posts)")
    parser.add_argument("--duration", type=int, default=12, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--workers", default="1,2", help="Nook worker counts to measure")
    parser.add_argument("--database-url", default="", help="PostgreSQL URL (wiped); empty = SQLite")
    parser.add_argument("--redis-url", default="", help="Redis URL (the db is flushed)")
    parser.add_argument("--servers", default="uvicorn", help="comma-separated: uvicorn, granian")
    parser.add_argument("--baseline-src", default="", help="a tree's src/ to measure too, as 'before'")
    parser.add_argument("--data", type=Path, default=None, help="where the site is kept (default: per --site)")
    parser.add_argument("--only", default="", help="comma-separated endpoint names to run (default all)")
    parser.add_argument("--label", default="run", help="name of the JSON file written")
    parser.add_argument(
        "--variant",
        action="append",
        default=[],
        help="'NAME:KEY=VALUE KEY=VALUE': this tree once more with environment settings (server=granian picks"
        " the server); repeatable",
    )
    parser.add_argument("--rounds", type=int, default=1, help="measure every variant this many times, alternating")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (Debian: apt-get install -y wrk)")
    OUT.mkdir(parents=True, exist_ok=True)
    args.data = args.data or OUT / ("site" if args.site == "demo" else "site-large")
    prepared = _prepare_site(args)
    results: dict[str, Any] = {"args": {k: str(v) for k, v in vars(args).items()}, "nook": {}}
    results["ceiling"] = _measure_ceiling(args)
    variants: list[tuple[str, str, str, dict[str, str]]] = [(name, name, "", {}) for name in args.servers.split(",")]
    if args.baseline_src:
        variants.insert(0, ("before", "uvicorn", args.baseline_src, {}))
    variants += [_variant(spec) for spec in args.variant]
    for round_no in range(1, args.rounds + 1):
        for name, server, pythonpath, extra in variants:
            label = name if args.rounds == 1 else f"{name} (round {round_no})"
            results["nook"][label] = {}
            for workers in [int(w) for w in args.workers.split(",")]:
                run = _measure_nook(args, prepared, workers, server, pythonpath, extra, label)
                results["nook"][label][str(workers)] = run
    (OUT / f"{args.label}.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    _print_table(results)


def _variant(spec: str) -> tuple[str, str, str, dict[str, str]]:
    """'NAME:KEY=VALUE KEY=VALUE' → (label, server, PYTHONPATH, extra environment)."""
    name, _, pairs = spec.partition(":")
    extra = dict(pair.split("=", 1) for pair in pairs.split())
    server = extra.pop("server", "uvicorn")
    return name, server, extra.pop("PYTHONPATH", ""), extra


# --- the demo site ------------------------------------------------------------------------------


def _site_env(args: argparse.Namespace, data: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        NOOK_DATA_DIR=str(data),
        NOOK_DATABASE_URL=args.database_url,
        NOOK_REDIS_URL=args.redis_url,
        NOOK_RATE_LIMITS_ENABLED="false",
        NOOK_JOBS_MODE="queue",
    )
    return env


def _prepare_site(args: argparse.Namespace) -> Path:
    """Load the site once (events processed, scheduled jobs run); later runs reuse it."""
    data: Path = args.data if not args.database_url else args.data.with_name(args.data.name + "-pg")
    marker = data / "loaded.json"
    wanted = {"size": args.size} if args.site == "demo" else {"site": "large", "scale": args.scale}
    if marker.exists() and json.loads(marker.read_text()) == wanted:
        return data
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    if args.database_url:
        _wipe(args.database_url, args.redis_url)
    script = _DEMO_SCRIPT.format(size=args.size) if args.site == "demo" else _LARGE_SCRIPT.format(scale=args.scale)
    env = _site_env(args, data) | {"NOOK_JOBS_MODE": "inline"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", script], env=env, check=True, cwd=ROOT)
    print(f"{args.site} site loaded in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    marker.write_text(json.dumps(wanted))
    return data


_DEMO_SCRIPT = """
from datetime import UTC, datetime
from nook.demo import build_plan
from nook.demo.load import load_plan
from nook.jobs.schedule import run_due
from nook.jobs.table import install
from nook.store.migrate import upgrade
install(); upgrade()
now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
plan = build_plan(seed=7, size={size}, now=now)
load_plan(plan, process_events=True)
run_due()
"""

#: The feed_rank community, then what the bulk insert leaves out: the posts' count columns (the
#: product's own recount) and a password to sign in with (the demo's, hashed once by the product).
_LARGE_SCRIPT = """
import sys, time
sys.path.insert(0, "bench")
from sqlalchemy import update
from feed_rank import build
from nook.jobs.schedule import run_due
from nook.jobs.table import install
from nook.demo.world import DEMO_PASSWORD
from nook.security.passwords import hash_password
from nook.social.content import counts
from nook.store.db import get_engine, transaction
from nook.store.models import User
install()
print("built", build(get_engine(), {scale}), file=sys.stderr, flush=True)
t = time.perf_counter()
with transaction() as s:
    counts.rebuild(s)
    s.execute(update(User).values(password_hash=hash_password(DEMO_PASSWORD)))
print(f"counts and passwords in {{time.perf_counter() - t:.0f}} s", file=sys.stderr, flush=True)
t = time.perf_counter()
print("scheduled jobs", run_due(), f"in {{time.perf_counter() - t:.0f}} s", file=sys.stderr, flush=True)
"""


def _wipe(database_url: str, redis_url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as con:
        con.execute(text("DROP SCHEMA public CASCADE"))
        con.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    if redis_url:
        import redis

        client = redis.Redis.from_url(redis_url)
        client.flushdb()
        client.close()


def _fresh_copy(args: argparse.Namespace, prepared: Path, name: str) -> Path:
    """A copy of the SQLite site for one server (PostgreSQL sites are shared: the DB is the URL); `name`
    tells runs side by side apart."""
    run = OUT / f"run-{name}"
    shutil.rmtree(run, ignore_errors=True)
    if args.database_url:
        run.mkdir(parents=True)
        return run
    shutil.copytree(prepared, run)
    return run


# --- servers ------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def _serving(cmd: list[str], env: dict[str, str], ready_path: str, log: Path) -> Iterator[str]:
    port = _free_port()
    cmd = [part.replace("{port}", str(port)) for part in cmd]
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(base + ready_path, proc, log)
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def _wait_ready(url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"server exited ({proc.returncode}); see {log}")
        try:
            if httpx.get(url, timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    sys.exit(f"server not ready after 180 s; see {log}")


def _nook_cmd(server: str, workers: int) -> list[str]:
    if server == "uvicorn":
        return [str(VENV_BIN / "nook"), "serve", "--port", "{port}", "--workers", str(workers)]
    return [
        str(VENV_BIN / "granian"),
        "--interface",
        "asgi",
        "--factory",
        "--port",
        "{port}",
        "--workers",
        str(workers),
        "nook.app:create_app",
    ]


# --- measuring ----------------------------------------------------------------------------------


def _wrk(
    args: argparse.Namespace,
    base: str,
    paths: list[str],
    tokens: list[str],
    writes: bool = False,
    revalidate: bool = False,
) -> dict[str, Any]:
    env = dict(os.environ)
    env.update(BENCH_PATHS=",".join(paths), BENCH_TOKENS=",".join(tokens), BENCH_WRITES="1" if writes else "0")
    env["BENCH_REVALIDATE"] = "1" if revalidate else "0"
    env["BENCH_POSTS"] = os.environ.get("BENCH_POSTS", "")
    cmd = ["wrk", "-t2", f"-c{args.connections}", f"-d{args.duration}s", "--timeout", "10s", "-s", str(LUA), base]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    text = proc.stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    bench = re.search(
        r"BENCH status5xx=(\d+) status4xx=(\d+) writes=(\d+) p50_us=(\d+) p99_us=(\d+) status304=(\d+)", text
    )
    errors = re.search(r"Socket errors: (.*)", text)
    if rps is None or bench is None:
        sys.exit(f"could not read wrk's output:\n{text}\n{proc.stderr}")
    s5, s4, wrote, p50, p99, s304 = (int(x) for x in bench.groups())
    return {
        "rps": float(rps.group(1)),
        "p50_ms": p50 / 1000,
        "p99_ms": p99 / 1000,
        "status5xx": s5,
        "status4xx": s4,
        "writes": wrote,
        "status304": s304,
        "socket_errors": errors.group(1) if errors else "",
    }


def _measure_ceiling(args: argparse.Namespace) -> dict[str, Any]:
    from http_ceiling import build  # beside this script

    db = OUT / "ceiling.db"
    if not db.exists():
        build(db)
    env = dict(os.environ) | {"BENCH_CEILING_DB": str(db)}
    cmd = [
        str(VENV_BIN / "uvicorn"),
        "bench.http_ceiling:app",
        "--port",
        "{port}",
        "--workers",
        "2",
        "--log-level",
        "warning",
    ]
    with _serving(cmd, env, "/newest", OUT / "ceiling.log") as base:
        _wrk(_short(args), base, ["/newest"], ["-"])
        result = _wrk(args, base, ["/newest"], ["-"])
    print(f"ceiling (2 workers): {result['rps']:.0f} req/s", file=sys.stderr)
    return result


def _short(args: argparse.Namespace) -> argparse.Namespace:
    return argparse.Namespace(**(vars(args) | {"duration": 2}))


def _measure_nook(
    args: argparse.Namespace,
    prepared: Path,
    workers: int,
    server: str,
    pythonpath: str,
    extra: dict[str, str],
    label: str,
) -> dict[str, Any]:
    data = _fresh_copy(args, prepared, f"{args.label}-{workers}")
    env = _site_env(args, data) | extra
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    out: dict[str, Any] = {}
    wanted = {n.strip() for n in args.only.split(",") if n.strip()}
    started = time.perf_counter()
    log = OUT / f"nook-{args.label}-{re.sub(r'[^A-Za-z0-9]+', '-', label)}-{server}-{workers}.log"
    with _serving(_nook_cmd(server, workers), env, "/api/v1/explore?limit=1", log) as base:
        out["ready_s"] = round(time.perf_counter() - started, 1)
        who = _who(base)
        os.environ["BENCH_POSTS"] = ",".join(str(p) for p in who["posts"])
        for name, template, asker in ENDPOINTS:
            if wanted and name not in wanted:
                continue
            path = template.format(post=who["post"], name=who["name"])
            tokens = [who["tokens"][0]] if asker == "member" else ["-"]
            again = asker == "revalidate"
            _wrk(_short(args), base, [path], tokens, revalidate=again)  # warm the caches and the connection pools
            out[name] = _wrk(args, base, [path], tokens, revalidate=again)
            print(f"{label} {workers} worker(s) {name}: {out[name]['rps']:.0f} req/s", file=sys.stderr)
        if not wanted or MIXED in wanted:
            reads = [t.format(post=who["post"], name=who["name"]) for t, a in [(e[1], e[2]) for e in ENDPOINTS]]
            out[MIXED] = _wrk(args, base, [r for r in reads if r.startswith("/api/")], who["tokens"], writes=True)
            print(f"{label} {workers} worker(s) {MIXED}: {out[MIXED]['rps']:.0f} req/s", file=sys.stderr)
    return out


def _who(base: str) -> dict[str, Any]:
    """Sign in MEMBERS demo members; the busiest public post and the first member's name."""
    with httpx.Client(base_url=base, timeout=30) as client:
        explore = client.get("/api/v1/explore", params={"limit": 50}).json()["items"]
        public = [p for p in explore if p["visibility"] == "public"]
        busiest = max(public, key=lambda p: p["comment_count"])
        names: list[str] = []
        for post in explore:
            if post["author"]["username"] not in names:
                names.append(post["author"]["username"])
        tokens = []
        for name in names[:MEMBERS]:
            resp = client.post("/api/v1/auth/login", json={"username": name, "password": "nook-demo-2024"})
            resp.raise_for_status()
            tokens.append(resp.json()["token"])
    return {"post": busiest["id"], "name": names[0], "tokens": tokens, "posts": [p["id"] for p in public[:40]]}


def _print_table(results: dict[str, Any]) -> None:
    ceiling = results["ceiling"]["rps"]
    p99 = results["ceiling"]["p99_ms"]
    print(f"\nceiling (bare Starlette + SQLite, 2 workers): {ceiling:.0f} req/s, p99 {p99:.0f} ms")
    for label, runs in results["nook"].items():
        counts = sorted(runs, key=int)
        head = " | ".join(f"{w} w: req/s, p50/p99 ms, 5xx" for w in counts)
        print(
            f"\n{label}\n| endpoint | {head} | ratio to ceiling ({counts[-1]} w) | p99 / ceiling's p99 |"
            f" {counts[-1]} w / {counts[0]} w |"
        )
        print("|---|" + "---|" * (len(counts) + 3))
        names = [n for n in [*[e[0] for e in ENDPOINTS], MIXED] if n in runs[counts[-1]]]
        for name in names:
            cells = []
            for w in counts:
                r = runs[w].get(name)
                cells.append(f"{r['rps']:.0f}, {r['p50_ms']:.0f}/{r['p99_ms']:.0f}, {r['status5xx']}" if r else "-")
            last, first = runs[counts[-1]][name]["rps"], runs[counts[0]].get(name, {}).get("rps", 0)
            scale = f"{last / first:.2f}×" if first else "-"
            tail = runs[counts[-1]][name]["p99_ms"] / p99
            print(f"| {name} | {' | '.join(cells)} | {last / ceiling:.3f}× | {tail:.2f}× | {scale} |")
        for w in counts:
            print(f"{label} {w} worker(s): first page served {runs[w].get('ready_s')} s after start")


if __name__ == "__main__":
    main()
