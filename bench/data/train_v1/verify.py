"""Load and verify the train_v1 training labels: texts stay in ../shared/data (their licences).

Rows use the same references as blind_v2 (dataset folder, file, line/row/id) plus the sha1 of the text, so the
blind_v2 resolver reads them. This script checks every sha1, checks that no row touches a text that blind_v2
or the engine's own quality_eval.jsonl uses, and prints the counts per label.

    python bench/data/train_v1/verify.py          # exits 1 on any mismatch or overlap
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DATA = HERE.parent
_spec = importlib.util.spec_from_file_location("blind_v2_load", DATA / "blind_v2" / "load.py")
assert _spec is not None and _spec.loader is not None
blind = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(blind)

Labels = dict[str, Any]


def _rows(name: str, folder: Path = HERE) -> Iterator[dict[str, Any]]:
    if not (folder / f"{name}.jsonl").exists():  # a set still being labelled
        return
    with (folder / f"{name}.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _item(ref: dict[str, Any]) -> tuple[str, str, int]:
    """The source item a reference points into; turn and part are ignored so one LCCC line counts once."""
    return ref["dataset"], ref["file"], int(ref.get("id", ref.get("row", ref.get("line", -1))))


def iter_labelled(name: str, root: Path = blind.DEFAULT_ROOT, folder: Path = HERE) -> Iterator[tuple[str, Labels]]:
    """Yield (text, labels) for `hooks` or `comments`; comments carry `context` where the source has a post."""
    for row in _rows(name, folder):
        text = blind._checked(row["ref"], row["sha1"], root)
        labels = {k: v for k, v in row.items() if k not in {"sha1", "context_ref", "context_sha1"}}
        if "context_ref" in row:
            labels["context"] = blind._checked(row["context_ref"], row["context_sha1"], root)
        yield text, labels


def blind_items(folder: Path = DATA / "blind_v2") -> tuple[set[tuple[str, str, int]], set[str]]:
    """Every source item and every text hash that a label set uses (labelled texts, posts and pair members)."""
    items: set[tuple[str, str, int]] = set()
    hashes: set[str] = set()
    for name in ("hooks", "comments", "ordering_pairs"):
        for row in _rows(name, folder):
            for key, value in row.items():
                if key.endswith("ref"):
                    items.add(_item(value))
                elif key.endswith("sha1"):
                    hashes.add(value)
    return items, hashes


def quality_eval_lines() -> set[int]:
    """LCCC lines the engine's own quality set uses (only its `source` field is read)."""
    lines = set()
    for row in _rows("quality_eval", DATA):
        if row["source"].startswith("lccc:"):
            lines.add(int(row["source"].rsplit(":", 1)[1]))
    return lines


def overlaps(folder: Path = HERE) -> list[str]:
    """Rows that reuse a blind_v2 item, a blind_v2 text (same sha1), or a quality_eval LCCC line."""
    items, hashes = blind_items()
    qe = quality_eval_lines()
    bad = []
    for name in ("hooks", "comments"):
        for row in _rows(name, folder):
            ref = row["ref"]
            if _item(ref) in items or row["sha1"] in hashes:
                bad.append(f"{name}: {ref} is in blind_v2")
            if ref["dataset"] == "lccc_cdial_toy" and int(ref["line"]) in qe:
                bad.append(f"{name}: {ref} is in quality_eval.jsonl")
    return bad


def print_counts(root: Path, folder: Path = HERE) -> None:
    """Labels per kind and sample (hooks) or source (comments), as the README's tables show them."""
    kinds: Counter[tuple[str, str]] = Counter()
    for _, labels in iter_labelled("hooks", root, folder):
        kinds[(labels["hook_kind"], labels["sample"])] += 1
    print(f"hooks: {sum(kinds.values())}")
    for kind in sorted({k for k, _ in kinds}):
        print(f"  {kind:20} random {kinds[(kind, 'random')]:5}  picked {kinds[(kind, 'picked')]:5}")
    low: Counter[tuple[str, str]] = Counter()
    quality: Counter[str] = Counter()
    for _, labels in iter_labelled("comments", root, folder):
        low[(labels["lowvalue_kind"], labels["source"])] += 1
        quality[labels["quality"]] += 1
    sources = sorted({s for _, s in low})
    print(f"comments: {sum(low.values())}  ({', '.join(sources)})")
    for kind in sorted({k for k, _ in low}):
        print(f"  {kind:20} " + "  ".join(f"{s} {low[(kind, s)]:4}" for s in sources))
    print("  quality: " + ", ".join(f"{q} {n}" for q, n in sorted(quality.items())))


def main() -> int:
    print_counts(Path(sys.argv[1]) if len(sys.argv) > 1 else blind.DEFAULT_ROOT)
    bad = overlaps()
    for line in bad:
        print("OVERLAP", line)
    print("disjoint from blind_v2 and quality_eval: " + ("no" if bad else "yes"))
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
