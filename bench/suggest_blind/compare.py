"""Two engine versions on the same posts, rated blind together with people's replies (a before/after).

    # lines of the old engine on a built set (its source tree on PYTHONPATH), as generate.py writes them:
    PYTHONPATH=OLD/src taskset -c 0 .venv/bin/python bench/suggest_blind/generate.py --dir DIR_old --all-lines
    .venv/bin/python bench/suggest_blind/compare.py sheet --new DIR --old DIR_old --out DIR_ab [--posts 60]
    # a rater who saw neither engine rates DIR_ab/sheet.jsonl by RATING_GUIDE.md -> DIR_ab/ratings.jsonl
    .venv/bin/python bench/suggest_blind/compare.py score --out DIR_ab

The sheet mixes both engines' lines and the person's reply under each post, shuffled, with opaque ids;
the key (old / new / person) stays in DIR_ab/key.jsonl. A line both engines offer under a post is shown once
(a repeated line would tell the rater two writers share it) and its rating counts for both.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from collections import defaultdict
from pathlib import Path
from typing import Any

from score import FLAGS, _flag  # same folder: run as a script, like score.py


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _lines_of(item: str, new: Path, old: Path) -> list[tuple[str, str]]:
    found = [("old", k["text"]) for k in _rows(old / "key.jsonl") if k["set_item"] == item and k["source"] == "engine"]
    for k in _rows(new / "key.jsonl"):
        if k["set_item"] == item:
            found.append(("new" if k["source"] == "engine" else "person", k["text"]))
    found += [("new", h["text"]) for h in _rows(new / "held_back.jsonl") if h["set_item"] == item]
    return list(dict.fromkeys(found))  # one copy of each (writer, text)


def _opaque(*parts: str) -> str:
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:8]


def sheet(new: Path, old: Path, out: Path, posts: int, seed: int) -> None:
    rng = random.Random(seed)
    items = rng.sample(_rows(new / "set.jsonl"), posts)
    sheet_rows, key_rows = [], []
    for it in items:
        writers: dict[str, list[str]] = defaultdict(list)  # a text both engines offer is shown (and rated) once
        for writer, text in _lines_of(it["item"], new, old):
            writers[text].append(writer)
        texts = list(writers)
        rng.shuffle(texts)
        shown = []
        for text in texts:
            line_id = "Q" + _opaque(it["item"], text)
            shown.append({"id": line_id, "text": text})
            key_rows += [
                {"id": line_id, "writer": w, "item": it["item"], "sensitive": it["sensitive"]} for w in writers[text]
            ]
        if shown:
            history = [h["text"] for h in it["history"]]
            sheet_rows.append({"item": "X" + _opaque(it["item"]), "post": it["text"], "reader_history": history,
                               "lines": shown})  # fmt: skip
    out.mkdir(parents=True, exist_ok=True)
    for name, rows in (("sheet.jsonl", sheet_rows), ("key.jsonl", key_rows)):
        (out / name).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    shown = sum(len(r["lines"]) for r in sheet_rows)
    print(f"{len(sheet_rows)} posts, {shown} lines shown ({len(key_rows)} key rows, one per writer) -> {out}")


def score(out: Path) -> None:
    key: dict[str, list[dict[str, Any]]] = defaultdict(list)  # a line both engines offered counts for each
    for k in _rows(out / "key.jsonl"):
        key[k["id"]].append(k)
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in _rows(out / "ratings.jsonl"):
        r |= {flag: _flag(r[flag], r["id"]) for flag in FLAGS}  # the rater may write yes/no, 是/否 or booleans
        for k in key[r["id"]]:
            groups[k["writer"]].append(r)
            if k["sensitive"]:
                groups[k["writer"] + ", sensitive posts"].append(r)
    print("| writer | lines | natural | fit | specific | safe | glad |\n|---|---|---|---|---|---|---|")
    for writer, rs in sorted(groups.items()):
        n = len(rs)

        def mean(field: str, rs: list[dict[str, Any]] = rs, n: int = n) -> float:
            return sum(r[field] for r in rs) / n

        unsafe = sum(not r["safe"] for r in rs)
        print(f"| {writer} | {n} | {mean('natural'):.2f} | {mean('fit'):.2f} | {mean('specific'):.2f} | "
              f"{100 * mean('safe'):.0f}% ({unsafe} unsafe) | {100 * mean('glad'):.0f}% |")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=("sheet", "score"))
    parser.add_argument("--new", type=Path)
    parser.add_argument("--old", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--posts", type=int, default=60)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    if args.step == "sheet":
        if not (args.new and args.old):
            parser.error("sheet needs --new and --old")
        sheet(args.new, args.old, args.out, args.posts, args.seed)
    else:
        score(args.out)


if __name__ == "__main__":
    main()
