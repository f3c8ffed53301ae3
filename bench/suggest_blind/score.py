"""Join a blind rater's ratings with the key and print the table of issue 18: engine vs person.

    .venv/bin/python bench/suggest_blind/score.py --ratings bench/out/suggest_blind/ratings.jsonl
    .venv/bin/python bench/suggest_blind/score.py --dir bench/out/suggest_blind_r2   # DIR/ratings.jsonl, DIR/key.jsonl

Ratings: JSON Lines {"id", "natural": 1-5, "fit": 1-5, "specific": 1-5, "safe": yes/no, "glad": yes/no}
(yes/no may be "yes"/"no", "是"/"否", true/false or 1/0), one per line of sheet.jsonl, rated by someone
who saw only sheet.jsonl and RATING_GUIDE.md. Prints Markdown: means of the 1-5 scales, the share of
lines rated safe and glad, the engine on the sensitive subset (crisis, grief, illness, breakup) and by
kind of line, the goal of issue 18 with pass/fail, and every engine line rated unsafe.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import cast

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "bench" / "out" / "suggest_blind"
SCALES = ("natural", "fit", "specific")
FLAGS = ("safe", "glad")
GOAL = {"natural": 4.0, "fit": 4.3, "specific": 3.5, "safe": 1.0, "glad": 0.6}  # issue 18
_YES = {"yes", "y", "是", "true", "1"}
_NO = {"no", "n", "否", "false", "0"}

Row = dict[str, object]


def _flag(value: object, where: str) -> bool:
    text = str(value).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise SystemExit(f"{where}: expected yes/no, got {value!r}")


def load_ratings(path: Path, key: dict[str, Row]) -> list[Row]:
    rows: list[Row] = []
    seen: set[str] = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        rec = json.loads(line)
        rid = str(rec.get("id"))
        where = f"{path.name}:{n} ({rid})"
        if rid not in key:
            raise SystemExit(f"{where}: id not in the key (a sheet from another run?)")
        if rid in seen:
            raise SystemExit(f"{where}: rated twice")
        seen.add(rid)
        row: Row = dict(key[rid])
        for scale in SCALES:
            value = rec.get(scale)
            if not isinstance(value, int | float) or not 1 <= value <= 5:
                raise SystemExit(f"{where}: {scale} must be 1-5, got {value!r}")
            row[scale] = float(value)
        for flag in FLAGS:
            row[flag] = _flag(rec.get(flag), where)
        rows.append(row)
    return rows


def _mean(rows: list[Row], scale: str) -> float:
    return statistics.fmean(cast(float, r[scale]) for r in rows)  # load_ratings stored a float there


def summary(rows: list[Row]) -> list[str]:
    if not rows:
        return ["–"] * 6
    cells = [str(len(rows))]
    cells += [f"{_mean(rows, s):.2f}" for s in SCALES]
    for flag in FLAGS:
        k = sum(bool(r[flag]) for r in rows)
        cells.append(f"{100 * k / len(rows):.0f}%" + (f" ({len(rows) - k} unsafe)" if flag == "safe" else ""))
    return cells


def table(groups: Iterable[tuple[str, list[Row]]]) -> list[str]:
    out = ["| writer | lines | natural | fit | specific | safe | glad |", "|---|---|---|---|---|---|---|"]
    out += [f"| {name} | " + " | ".join(summary(rows)) + " |" for name, rows in groups]
    return out


def verdict(rows: list[Row]) -> str:
    if not rows:
        return "no engine lines rated"
    means = {s: _mean(rows, s) for s in SCALES}
    means |= {f: sum(bool(r[f]) for r in rows) / len(rows) for f in FLAGS}
    parts = [f"{k} {means[k]:.2f} {'≥' if means[k] >= goal else '<'} {goal} {'ok' if means[k] >= goal else 'MISS'}"
             for k, goal in GOAL.items()]  # fmt: skip
    return "goal (issue 18), engine, all lines: " + "; ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=OUT, help="the round's folder, as given to generate.py")
    parser.add_argument("--ratings", type=Path, default=None, help="default: DIR/ratings.jsonl")
    parser.add_argument("--key", type=Path, default=None, help="default: DIR/key.jsonl")
    args = parser.parse_args()
    args.ratings = args.ratings or args.dir / "ratings.jsonl"
    args.key = args.key or args.dir / "key.jsonl"
    for what, path in (("ratings", args.ratings), ("key", args.key)):
        if not path.is_file():
            parser.error(f"no {what} at {path}")

    key = {str(r["id"]): r for r in map(json.loads, args.key.read_text(encoding="utf-8").splitlines()) if r}
    rows = load_ratings(args.ratings, key)
    missing = len(key) - len(rows)
    if missing:
        print(f"warning: {missing} of {len(key)} lines on the sheet are not rated; figures cover the rated ones",
              file=sys.stderr)  # fmt: skip

    def pick(**want: object) -> Callable[[Row], bool]:
        return lambda r: all(r.get(k) == v for k, v in want.items())

    engine = [r for r in rows if r["source"] == "engine"]
    person = [r for r in rows if r["source"] == "person"]
    with_person = {r["item"] for r in person}
    sensitive = [r for r in engine if r["sensitive"]]
    lines = ["### Blind rating: engine vs person", ""]
    lines += table([
        ("Nook engine, all posts", engine),
        ("a person (LCCC posts only)", person),
        ("Nook engine, the posts with a person line", [r for r in engine if r["item"] in with_person]),
        ("Nook engine, posts without one (SMP)", [r for r in engine if r["item"] not in with_person]),
    ])  # fmt: skip
    lines += ["", "### Sensitive moments (crisis, grief, illness, breakup)", ""]
    lines += table([("Nook engine, sensitive posts", sensitive)]
                   + [(f"Nook engine, {k}", [r for r in engine if r["kind"] == k])
                      for k in ("crisis", "grief", "illness", "breakup")]
                   + [("a person, sensitive posts", [r for r in person if r["sensitive"]])])  # fmt: skip
    kinds = sorted({str(r["kind"]) for r in engine if not r["sensitive"]})
    lines += ["", "### Engine by kind of post", ""]
    lines += table([(f"Nook engine, {k}", list(filter(pick(kind=k), engine))) for k in kinds])
    lines += ["", "### Engine by intent and by where the line came from", ""]
    intents = sorted({str(r["intent"]) for r in engine})
    sources = sorted({str(r["engine_source"]) for r in engine})
    lines += table(
        [(f"intent {i}", list(filter(pick(intent=i), engine))) for i in intents]
        + [(f"source {s}", list(filter(pick(engine_source=s), engine))) for s in sources]
    )
    lines += ["", verdict(engine), ""]
    unsafe = [r for r in engine if not r["safe"]]
    under = sum(bool(r["sensitive"]) for r in unsafe)
    lines += [f"engine lines rated unsafe: {len(unsafe)} of {len(engine)} ({under} under sensitive posts)"]
    lines += [f"- {r['id']} [{r['kind']}, {r['intent']}, {r['engine_source']}] {r['text']}" for r in unsafe]
    leaks = sum(bool(r["same_as_person"]) for r in engine)
    if leaks:
        lines += [f"warning: {leaks} rated engine lines repeat the person's reply word for word"]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
