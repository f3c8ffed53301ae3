"""Load and verify the train_v2 training labels: texts stay in ../shared/data (their licences).

Same row format as train_v1, so train_v1's loader and checks are reused here (imported, not copied). On top of
them, train_v2 must not reuse a source item of train_v1 (no row labelled twice) nor repeat an item within itself.

    python bench/data/train_v2/verify.py          # exits 1 on any mismatch or overlap
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

NAMES = ("hooks", "comments")


def iter_labelled(name: str, root: Path = v1.blind.DEFAULT_ROOT) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield (text, labels) for `hooks` or `comments`, as train_v1's loader does."""
    yield from v1.iter_labelled(name, root, HERE)


def train_v1_overlaps() -> list[str]:
    """Rows whose source item is already labelled in train_v1, or appears twice in train_v2."""
    v1_items, _ = v1.blind_items(v1.HERE)
    bad = []
    for name in NAMES:
        seen: Counter[tuple[str, str, int]] = Counter()
        for row in v1._rows(name, HERE):
            item = v1._item(row["ref"])
            seen[item] += 1
            if item in v1_items:
                bad.append(f"{name}: {json.dumps(row['ref'])} is in train_v1")
        bad += [f"{name}: {item} is labelled {n} times" for item, n in seen.items() if n > 1]
    return bad


def main() -> int:
    v1.print_counts(Path(sys.argv[1]) if len(sys.argv) > 1 else v1.blind.DEFAULT_ROOT, HERE)
    bad = v1.overlaps(HERE)
    print("disjoint from blind_v2 and quality_eval: " + ("no" if bad else "yes"))
    again = train_v1_overlaps()
    print("disjoint from train_v1, no item twice: " + ("no" if again else "yes"))
    for line in bad + again:
        print("OVERLAP", line)
    return 1 if bad or again else 0


if __name__ == "__main__":
    raise SystemExit(main())
