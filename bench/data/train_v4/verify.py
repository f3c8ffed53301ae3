"""Load and verify the train_v4 training labels (Weibo repost comments): texts stay in ../shared/data.

Same row format as train_v2 (train_v1's loader, imported; a repost's `part` is resolved by blind_v2's loader).
On top of train_v1's checks (every sha1, disjoint from blind_v2 and quality_eval), train_v4 must not touch the
blind_v3 test set: no source item, comment or context (the repost chain) of blind_v3, by reference or by the sha1
of its text; nor reuse an item of train_v1 or train_v2, nor repeat an item within itself. Only the `*ref` and
`*sha1` fields of blind_v3 are read, never its labels.

    python bench/data/train_v4/verify.py          # exits 1 on any mismatch or overlap
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
_spec = importlib.util.spec_from_file_location("train_v1_verify", HERE.parent / "train_v1" / "verify.py")
assert _spec is not None and _spec.loader is not None
v1 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(v1)

BLIND_V3 = HERE.parent / "blind_v3"
EARLIER = (HERE.parent / "train_v1", HERE.parent / "train_v2")


def iter_labelled(root: Path = v1.blind.DEFAULT_ROOT) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield (comment, labels) with `context` (the repost chain it answers), as train_v1's loader does."""
    yield from v1.iter_labelled("comments", root, HERE)


def _refs(row: dict[str, Any]) -> list[dict[str, Any]]:
    return [value for key, value in row.items() if key.endswith("ref")]


def _hashes(row: dict[str, Any]) -> list[str]:
    return [value for key, value in row.items() if key.endswith("sha1")]


def blind_v3_overlaps() -> list[str]:
    """Rows whose comment or context is a blind_v3 item or text (by reference, or by sha1)."""
    items, hashes = v1.blind_items(BLIND_V3)
    bad = []
    for row in v1._rows("comments", HERE):
        if any(v1._item(ref) in items for ref in _refs(row)) or any(h in hashes for h in _hashes(row)):
            bad.append(f"comments: {json.dumps(row['ref'])} touches blind_v3")
    return bad


def earlier_overlaps() -> list[str]:
    """Rows whose comment or context is a blind_v2 item or text, rows reusing a train_v1/train_v2 item, and
    items labelled twice here (train_v1's own check reads the comment's ref and sha1 only)."""
    items, hashes = v1.blind_items()
    for folder in EARLIER:
        items |= v1.blind_items(folder)[0]
    bad, seen = [], Counter[tuple[str, str, int]]()
    for row in v1._rows("comments", HERE):
        seen[v1._item(row["ref"])] += 1
        if any(v1._item(ref) in items for ref in _refs(row)) or any(h in hashes for h in _hashes(row)):
            bad.append(f"comments: {json.dumps(row['ref'])} touches blind_v2, train_v1 or train_v2")
    return bad + [f"comments: {item} is labelled {n} times" for item, n in seen.items() if n > 1]


def main() -> int:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else v1.blind.DEFAULT_ROOT
    kinds: Counter[str] = Counter()
    quality: Counter[str] = Counter()
    for _, labels in iter_labelled(root):  # reads every text and context, checking each sha1
        kinds[labels["lowvalue_kind"]] += 1
        quality[labels["quality"]] += 1
    print(f"comments: {sum(kinds.values())}  " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
    print("  quality: " + ", ".join(f"{q} {n}" for q, n in sorted(quality.items())))
    checks = {
        "disjoint from blind_v2 and quality_eval (train_v1's check)": v1.overlaps(HERE),
        "disjoint from blind_v2, train_v1 and train_v2 (comment and context), no item twice": earlier_overlaps(),
        "disjoint from blind_v3 (comment and context, by reference and sha1)": blind_v3_overlaps(),
    }
    for title, bad in checks.items():
        print(f"{title}: " + ("no" if bad else "yes"))
        for line in bad:
            print("OVERLAP", line)
    return 1 if any(checks.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
