"""Load and verify the train_v3 hook labels: texts stay in ../shared/data (their licences).

Same row format as train_v1 and train_v2 (hooks only), so train_v1's loader and checks are reused here (imported,
not copied). train_v3 writes `hook_kind` as "" for a post without a hook where the earlier sets write "none";
`iter_labelled` maps it. On top of train_v1's checks (every sha1, disjoint from blind_v2; the rows on an LCCC line
that the engine's quality_eval.jsonl uses are counted, and the hook trainer drops them),
train_v3 must not reuse a source item of train_v1 or train_v2, nor repeat an item within itself, and `hook`
must agree with `hook_kind`.

    python bench/data/train_v3/verify.py          # exits 1 on any mismatch or overlap
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


def iter_labelled(root: Path = v1.blind.DEFAULT_ROOT) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield (text, labels) for the hook rows, with `hook_kind` "none" for a post without a hook."""
    for text, labels in v1.iter_labelled("hooks", root, HERE):
        yield text, {**labels, "hook_kind": labels["hook_kind"] or "none"}


def problems() -> list[str]:
    """Rows that reuse a train_v1/train_v2 item, repeat an item, or whose `hook` contradicts `hook_kind`."""
    earlier = v1.blind_items(v1.HERE)[0] | v1.blind_items(HERE.parent / "train_v2")[0]
    seen: Counter[tuple[str, str, int]] = Counter()
    bad = []
    for row in v1._rows("hooks", HERE):
        item = v1._item(row["ref"])
        seen[item] += 1
        if item in earlier:
            bad.append(f"hooks: {json.dumps(row['ref'])} is in train_v1 or train_v2")
        if row["hook"] != (row["hook_kind"] not in ("", "none")):
            bad.append(f"hooks: {json.dumps(row['ref'])} has hook {row['hook']} but kind {row['hook_kind']!r}")
    return bad + [f"hooks: {item} is labelled {n} times" for item, n in seen.items() if n > 1]


def main() -> int:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else v1.blind.DEFAULT_ROOT
    kinds: Counter[tuple[str, str]] = Counter((lab["hook_kind"], lab["source"]) for _, lab in iter_labelled(root))
    print(f"hooks: {sum(kinds.values())} (every sha1 checked)")
    for kind in sorted({k for k, _ in kinds}):
        print(f"  {kind:12} " + "  ".join(f"{s} {n:4}" for (k, s), n in sorted(kinds.items()) if k == kind))
    overlaps = v1.overlaps(HERE)
    # quality_eval scores comments, not posts: the trainer drops these rows rather than the set failing.
    shared = [line for line in overlaps if line.endswith("quality_eval.jsonl")]
    bad = [line for line in overlaps if line not in shared]
    print("disjoint from blind_v2: " + ("no" if bad else "yes"))
    print(f"posts on an LCCC line quality_eval.jsonl uses (bench/hooks_train.py drops them): {len(shared)}")
    again = problems()
    print("disjoint from train_v1 and train_v2, no item twice, hook agrees with kind: " + ("no" if again else "yes"))
    for line in bad + again:
        print("PROBLEM", line)
    return 1 if bad or again else 0


if __name__ == "__main__":
    raise SystemExit(main())
