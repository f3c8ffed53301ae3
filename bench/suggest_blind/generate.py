"""Ask the offline engine for its suggestions on every item of the blind set; write the rater's sheet
(post, reader history, shuffled lines with opaque ids) and, separately, the key; time each request.

    taskset -c 0 .venv/bin/python bench/suggest_blind/generate.py [--dir bench/out/suggest_blind]

Reads DIR/set.jsonl and writes beside it, in DIR (default bench/out/suggest_blind/, gitignored; round 2:
--dir bench/out/suggest_blind_r2); --set and --out-dir override either path:
- sheet.jsonl: one item a line, items in shuffled order: {"item", "post", "reader_history", "lines": [{"id", "text"}]}.
  No source, intent or "why": the rater cannot tell the engine's lines from the person's.
- key.jsonl: one line a rated line: {"id", "item", "set_item", "source": "engine"|"person", "intent",
  "engine_source", "kind", "sensitive", "mood", "ref", "same_as_person", "text"}. Never shown to the rater.
- held_back.jsonl: by default no item shows more than three lines: beside a person's reply one of the engine's
  three lines, drawn at random, is held back (not rated), so a 3-vs-4 count never says "all engine"; when the
  engine offers fewer than three lines, all of them are shown.
- latency.json: per-request wall and CPU milliseconds, p50/p99, the cores this process may run on.

No LLM is passed (the offline engine alone). The first request of a process loads models; one warm-up
request on a post outside the set is made before timing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import time
from pathlib import Path

import numpy as np

from nook.engine.suggest import suggest

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "bench" / "out" / "suggest_blind"
SEED = 1818
WARM_UP = ("今天终于把拖了一个月的房间收拾完了，整个人都轻松了", ["周末去爬山了，腿到现在还酸", "新买的绿植好像有点蔫"])
_PUNCT = re.compile(r"[\s，。！？!?,.~～、…]+")


def _same(a: str, b: str) -> bool:
    return _PUNCT.sub("", a) == _PUNCT.sub("", b)


def _token(rng: random.Random, used: set[str], prefix: str) -> str:
    while True:
        tok = f"{prefix}{rng.getrandbits(32):08x}"
        if tok not in used:
            used.add(tok)
            return tok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=OUT, help="the round's folder: reads set.jsonl, writes beside it")
    parser.add_argument("--set", type=Path, default=None, help="default: DIR/set.jsonl")
    parser.add_argument("--out-dir", type=Path, default=None, help="default: DIR")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--all-lines",
        action="store_true",
        help="show all the engine's lines, also beside a person line (items then differ in length)",
    )
    args = parser.parse_args()
    args.set = args.set or args.dir / "set.jsonl"
    args.out_dir = args.out_dir or args.dir
    if not args.set.is_file():
        parser.error(f"no set at {args.set}: build it first with build_set.py")

    items = [json.loads(line) for line in args.set.read_text(encoding="utf-8").splitlines() if line.strip()]
    cores = sorted(os.sched_getaffinity(0))
    if len(cores) != 1:
        print(f"warning: this process may run on {len(cores)} cores; run under `taskset -c 0` for per-core latency")

    suggest(WARM_UP[0], WARM_UP[1])  # loads the encoder, bank and index: not a request anyone waits on twice
    rng = random.Random(args.seed)
    used: set[str] = set()
    wall_ms: list[float] = []
    cpu_ms: list[float] = []
    sheet: list[dict[str, object]] = []
    key: list[dict[str, object]] = []
    held: list[dict[str, object]] = []
    n_same = 0
    for item in items:
        history = [h["text"] for h in item["history"]]
        t, c = time.perf_counter(), time.process_time()
        found = suggest(item["text"], history)
        cpu_ms.append((time.process_time() - c) * 1000)
        wall_ms.append((time.perf_counter() - t) * 1000)

        sheet_item = _token(rng, used, "P")
        person = item.get("person")
        lines: list[tuple[str, str, str | None, str | None]] = [("engine", s.text, s.intent, s.source) for s in found]
        if person:
            # At most three lines an item, so a count of four never says "one of these is a person's"; an engine
            # that offers fewer than three lines (it says less when unsure) keeps them all.
            if not args.all_lines and len(lines) >= 3:
                gone = lines.pop(rng.randrange(len(lines)))
                held.append({"set_item": item["item"], "intent": gone[2], "engine_source": gone[3], "text": gone[1]})
            lines.append(("person", person, None, None))
        rng.shuffle(lines)
        shown = []
        for source, text, intent, engine_source in lines:
            line_id = _token(rng, used, "L")
            same = source == "engine" and bool(person) and _same(text, person)
            n_same += same
            shown.append({"id": line_id, "text": text})
            key.append({
                "id": line_id, "item": sheet_item, "set_item": item["item"], "source": source, "intent": intent,
                "engine_source": engine_source, "kind": item["kind"], "sensitive": item["sensitive"],
                "mood": item["mood"], "ref": item["ref"], "same_as_person": same, "text": text,
            })  # fmt: skip
        sheet.append({"item": sheet_item, "post": item["text"], "reader_history": history, "lines": shown})

    rng.shuffle(sheet)  # item order says nothing about where a post came from
    key.sort(key=lambda k: str(k["id"]))  # nor does the key's order
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for name, rows in (("sheet.jsonl", sheet), ("key.jsonl", key), ("held_back.jsonl", held)):
        with (args.out_dir / name).open("w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)

    def pct(xs: list[float], q: int) -> float:
        return round(float(np.percentile(xs, q)), 2)

    wall = {"p50": pct(wall_ms, 50), "p99": pct(wall_ms, 99), "max": round(max(wall_ms), 2),
            "mean": round(statistics.fmean(wall_ms), 2)}  # fmt: skip
    cpu = {"p50": pct(cpu_ms, 50), "p99": pct(cpu_ms, 99), "max": round(max(cpu_ms), 2)}
    latency = {
        "requests": len(wall_ms), "cores": cores, "wall_ms": wall, "cpu_ms": cpu,
        "per_request_wall_ms": [round(x, 3) for x in wall_ms],
    }  # fmt: skip
    (args.out_dir / "latency.json").write_text(json.dumps(latency, ensure_ascii=False, indent=1), encoding="utf-8")

    n_engine = sum(k["source"] == "engine" for k in key)
    print(f"{len(sheet)} items, {len(key)} lines ({n_engine} engine, {len(key) - n_engine} person) -> {args.out_dir}")
    print(f"{len(held)} engine lines held back (one at random beside each person line; --all-lines shows them)")
    print(f"latency per request on cores {cores}: wall p50 {wall['p50']} ms, p99 {wall['p99']} ms; "
          f"CPU p50 {cpu['p50']} ms, p99 {cpu['p99']} ms")  # fmt: skip
    if n_same:
        print(f"warning: {n_same} engine lines repeat the person's own reply (a leak: check the retrieval index)")


if __name__ == "__main__":
    main()
