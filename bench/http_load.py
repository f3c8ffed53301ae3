"""HTTP throughput of Nook's read path under 64 connections, against a bare Starlette + SQLite ceiling.

    .venv/bin/python bench/http_load.py [--size 1] [--duration 12] [--workers 1,2]
        [--site demo,large --scale 1.0] [--backends sqlite,postgresql]
        [--database-url postgresql://…/test_x --redis-url redis://…/3] [--servers uvicorn,granian]
        [--baseline-src /tmp/before/src]

Needs `wrk` (Debian: `apt-get install -y wrk`). For each site (`--site`, comma-separated) and each
backend (`--backends`: SQLite, or PostgreSQL + Redis at `--database-url`/`--redis-url`; by default the
one those flags name), in that order, one run
1. loads the demo community (outbox drained, rate limits off) into `--data` (kept and reused; on
   PostgreSQL that database's `public` schema and the Redis db are wiped first, and a kept SQLite demo of
   the same size is moved there with `nook export`/`nook restore`); `--site large` builds instead the
   large community of `bench/feed_rank.py` (at `--scale 1.0`: 10,000 members, 200,000 posts, 2M likes,
   500k comments, bulk-inserted on the migrated schema; on PostgreSQL in the database `<name>_large`
   beside `--database-url`'s, made if missing), then recounts the posts' counts with the product's code
   and gives every member the demo's password (one hash),
2. builds the ceiling of issue 17 (`bench/http_ceiling.py`: the 20 newest of 200,000 rows as JSON)
   and serves it with 2 uvicorn workers, measured again for each site and backend,
3. serves Nook with each server and worker count (a fresh copy of the SQLite site per server, so the
   mixed profile's writes do not carry over; Redis is flushed before each PostgreSQL site; the outbox is
   drained and the due scheduled jobs run before, on PostgreSQL before each server) and drives
   every endpoint with `wrk -t2 -c64`; with `--baseline-src` also the code of that tree (on
   `PYTHONPATH`, uvicorn) against the same data,
4. prints req/s, p50/p99, 5xx answers and the ratio to the ceiling as a Markdown table per site and
   backend, then issue 17's goals judged on each (`goals_table`: this tree's first server, 2 workers),
   and writes the figures to `bench/out/http_load/<label>.json`.

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
    parser.add_argument("--site", default="demo", help="comma-separated communities to serve: demo, large")
    parser.add_argument("--size", type=float, default=1.0, help="demo scale (1 ≈ 200 members, 1,100 posts)")
    parser.add_argument("--scale", type=float, default=1.0, help="large site scale (1 = 10k members, 200k posts)")
    parser.add_argument("--duration", type=int, default=12, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--workers", default="1,2", help="Nook worker counts to measure")
    parser.add_argument(
        "--backends",
        default="",
        help="comma-separated: sqlite, postgresql (default: postgresql with --database-url, else sqlite)",
    )
    parser.add_argument(
        "--database-url", default="", help="PostgreSQL URL (wiped; the large site uses <name>_large beside it)"
    )
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
    results: dict[str, Any] = {"args": {k: str(v) for k, v in vars(args).items()}, "runs": {}}
    for run_args in _site_runs(args):
        results["runs"][run_args.run] = _measure_site(run_args)
        (OUT / f"{args.label}.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    for name, run in results["runs"].items():
        _print_table(name, run)
    results["goals"] = goals_table(results["runs"])
    (OUT / f"{args.label}.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    _print_goals(results["goals"], list(results["runs"]))


def _site_runs(args: argparse.Namespace) -> list[argparse.Namespace]:
    """One set of the single-site settings per site × backend, in the order they are measured."""
    sites = [s.strip() for s in args.site.split(",") if s.strip()]
    backends = [b.strip() for b in (args.backends or ("postgresql" if args.database_url else "sqlite")).split(",")]
    if set(sites) - {"demo", "large"} or set(backends) - {"sqlite", "postgresql"}:
        sys.exit(f"unknown site or backend in --site {args.site} --backends {args.backends}")
    if "postgresql" in backends and not args.database_url:
        sys.exit("--backends postgresql needs --database-url (and --redis-url)")
    if args.data and len(sites) > 1:
        sys.exit("--data names one site's folder: give one --site with it")
    runs = []
    for site in sites:
        for backend in backends:
            pg = backend == "postgresql"
            run = argparse.Namespace(**vars(args))
            run.site, run.backend, run.run = site, backend, f"{site} / {backend}"
            run.database_url = _site_database(args.database_url, site) if pg else ""
            run.redis_url = args.redis_url if pg else ""
            run.label = args.label if len(sites) * len(backends) == 1 else f"{args.label}-{site}-{backend}"
            run.data = args.data or OUT / ("site" if site == "demo" else "site-large")
            runs.append(run)
    return runs


def _site_database(url: str, site: str) -> str:
    """The demo lives in the database of `url`, the large site in `<name>_large` beside it (kept apart, so
    neither wipes the other)."""
    if site == "demo":
        return url
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    return parsed.set(database=f"{parsed.database}_large").render_as_string(hide_password=False)


def _measure_site(args: argparse.Namespace) -> dict[str, Any]:
    """Prepare one site on one backend, then its ceiling and every Nook variant, as one block of the run."""
    print(f"--- {args.run}", file=sys.stderr)
    prepared = _prepare_site(args)
    if args.redis_url:
        _flush_redis(args.redis_url)  # the other site's kept answers and boards share this db
    if not args.database_url:  # each SQLite server gets a copy of this site; on PostgreSQL each server settles
        _settle(args, prepared)
    results: dict[str, Any] = {"ceiling": _measure_ceiling(args), "nook": {}}
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
    return results


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
    wanted: dict[str, Any] = {"size": args.size} if args.site == "demo" else {"site": "large", "scale": args.scale}
    if args.database_url:
        wanted["database"] = args.database_url
    if _kept(data, wanted):
        return data
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    if args.database_url:
        _wipe(args.database_url, args.redis_url)
    script = _DEMO_SCRIPT.format(size=args.size) if args.site == "demo" else _LARGE_SCRIPT.format(scale=args.scale)
    env = _site_env(args, data) | {"NOOK_JOBS_MODE": "inline"}
    start = time.perf_counter()
    if args.database_url and args.site == "demo" and _kept(args.data, {"size": args.size}):
        _move_sqlite_site(args, data, env)  # seconds, where loading the demo again takes minutes
    else:
        subprocess.run([sys.executable, "-c", script], env=env, check=True, cwd=ROOT)
    print(f"{args.site} site loaded in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    (data / "loaded.json").write_text(json.dumps(wanted))
    return data


def _kept(data: Path, wanted: dict[str, Any]) -> bool:
    marker = data / "loaded.json"
    return marker.exists() and json.loads(marker.read_text()) == wanted


def _move_sqlite_site(args: argparse.Namespace, data: Path, env: dict[str, str]) -> None:
    """The kept SQLite site into the PostgreSQL database, through the product's `nook export` and `nook restore`."""
    archive = data / "sqlite-site.zip"
    sqlite_env = _site_env(args, args.data) | {"NOOK_DATABASE_URL": "", "NOOK_REDIS_URL": ""}
    subprocess.run([str(VENV_BIN / "nook"), "export", str(archive)], env=sqlite_env, check=True, cwd=ROOT)
    subprocess.run([str(VENV_BIN / "nook"), "restore", str(archive)], env=env, check=True, cwd=ROOT)
    archive.unlink()


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


def _settle(args: argparse.Namespace, data: Path) -> None:
    """Work off the outbox and run the scheduled jobs that are due, as the site was when loaded: else the
    measured server does that work (a kept site is older than the jobs' 10-minute interval; on PostgreSQL
    the last server's mixed-profile writes are still pending), and each of its commits turns the site's
    change stamp, so every kept answer is built again while the first rows are measured."""
    env = _site_env(args, data) | {"NOOK_JOBS_MODE": "inline"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", _SETTLE_SCRIPT], env=env, check=True, cwd=ROOT)
    print(f"settled in {time.perf_counter() - start:.0f} s", file=sys.stderr)


_SETTLE_SCRIPT = """
import sys
from nook.jobs.outbox import drain
from nook.jobs.schedule import run_due
from nook.jobs.table import install
install()
print("events", drain(), "scheduled jobs", run_due(), file=sys.stderr, flush=True)
"""


def _wipe(database_url: str, redis_url: str) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    url = make_url(database_url.replace("postgresql://", "postgresql+psycopg://", 1))
    server = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as con:
        if con.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": url.database}) is None:
            con.execute(text(f'CREATE DATABASE "{url.database}"'))
    server.dispose()
    engine = create_engine(url)
    with engine.begin() as con:
        con.execute(text("DROP SCHEMA public CASCADE"))
        con.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    if redis_url:
        _flush_redis(redis_url)


def _flush_redis(redis_url: str) -> None:
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
    if args.database_url:  # the database carries over: the last server's writes are still to be worked
        _settle(args, data)
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


def _print_table(name: str, results: dict[str, Any]) -> None:
    ceiling = results["ceiling"]["rps"]
    p99 = results["ceiling"]["p99_ms"]
    print(f"\n## {name}\nceiling (bare Starlette + SQLite, 2 workers): {ceiling:.0f} req/s, p99 {p99:.0f} ms")
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


# --- issue 17's goals ---------------------------------------------------------------------------

#: goal, endpoint, least ratio to the ceiling at 2 workers
RATIO_GOALS: list[tuple[str, str, float]] = [
    ("API feed ≥ 0.25×", "API feed", 0.25),
    ("ranked feed ≥ 0.15×", "API ranked feed", 0.15),
    ("HTML / ≥ 0.10×", "HTML /", 0.10),
    ("HTML /p/{id} ≥ 0.10×", "HTML /p/{id}", 0.10),
    ("HTML /u/{name} ≥ 0.10×", "HTML /u/{name}", 0.10),
]
P99_GOAL_MS = 100.0
SCALING_GOAL = 1.7  # 2 workers / 1 worker, on PostgreSQL + Redis

Cell = dict[str, Any]  # {"figure": str, "met": True | False | None (not a goal there / not measured)}


def goals_table(runs: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Every goal of issue 17 judged per site × backend on this tree's first server (not 'before')."""
    rows: list[dict[str, Any]] = [{"goal": "no 5xx", "cells": {}}]
    rows += [{"goal": goal, "cells": {}} for goal, _, _ in RATIO_GOALS]
    rows += [
        {"goal": f"p99 ≤ {P99_GOAL_MS:.0f} ms at 64 connections", "cells": {}},
        {"goal": f"2 workers ≥ {SCALING_GOAL}× one worker (PostgreSQL + Redis)", "cells": {}},
    ]
    for name, run in runs.items():
        by_workers = _this_tree(run["nook"])
        top = by_workers.get("2") or by_workers[max(by_workers, key=int)]
        ceiling = run["ceiling"]["rps"]
        cells = [_no_5xx(by_workers)]
        cells += [_ratio_cell(top.get(endpoint), ceiling, least) for _, endpoint, least in RATIO_GOALS]
        cells += [_p99_cell(top), _scaling_cell(by_workers, name.endswith("postgresql"))]
        for row, cell in zip(rows, cells, strict=True):
            row["cells"][name] = cell
    return rows


def _this_tree(nook: dict[str, Any]) -> dict[str, dict[str, Any]]:
    label = next((k for k in nook if not k.startswith("before")), next(iter(nook)))
    return dict(nook[label])


def _no_5xx(by_workers: dict[str, dict[str, Any]]) -> Cell:
    bad = [f"{n} ({w} w): {r['status5xx']}" for w, rows in by_workers.items() for n, r in _rows(rows) if r["status5xx"]]
    return {"figure": "; ".join(bad) or "0", "met": not bad}


def _rows(rows: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(n, r) for n, r in rows.items() if isinstance(r, dict)]


def _ratio_cell(row: dict[str, Any] | None, ceiling: float, least: float) -> Cell:
    if row is None:
        return {"figure": "not measured", "met": None}
    ratio = row["rps"] / ceiling
    return {"figure": f"{ratio:.3f}× ({row['rps']:.0f} req/s)", "met": ratio >= least}


def _p99_cell(top: dict[str, Any]) -> Cell:
    rows = _rows(top)
    if not rows:
        return {"figure": "not measured", "met": None}
    within = sum(r["p99_ms"] <= P99_GOAL_MS for _, r in rows)
    worst_name, worst = max(rows, key=lambda nr: nr[1]["p99_ms"])
    figure = f"{within} of {len(rows)} rows; worst {worst['p99_ms']:.0f} ms ({worst_name})"
    return {"figure": figure, "met": within == len(rows)}


def _scaling_cell(by_workers: dict[str, dict[str, Any]], is_goal: bool) -> Cell:
    one, two = by_workers.get("1"), by_workers.get("2")
    if one is None or two is None:
        return {"figure": "not measured", "met": None}
    scales = [(n, r["rps"] / one[n]["rps"]) for n, r in _rows(two) if n in one and one[n]["rps"]]
    reached = sum(x >= SCALING_GOAL for _, x in scales)
    low_name, low = min(scales, key=lambda nx: nx[1])
    figure = f"{reached} of {len(scales)} rows; lowest {low:.2f}× ({low_name})"
    return {"figure": figure, "met": reached == len(scales) if is_goal else None}


def _print_goals(goals: list[dict[str, Any]], names: list[str]) -> None:
    print(f"\n## issue 17's goals (2 workers, {', '.join(names)})")
    print(f"| goal | {' | '.join(names)} |\n|---|" + "---|" * len(names))
    for row in goals:
        cells = [row["cells"][n] for n in names]
        print(f"| {row['goal']} | {' | '.join(_cell_text(c) for c in cells)} |")


def _cell_text(cell: Cell) -> str:
    verdict = {True: "**met**", False: "**missed**", None: "not a goal here"}[cell["met"]]
    return f"{cell['figure']}, {verdict}" if cell["figure"] != "not measured" else "not measured"


if __name__ == "__main__":
    main()
