"""Load and verify the train_v6 hook labels (Weibo posts, most with a question mark): texts stay in ../shared/data.

Same row format as train_v5 (train_v1's loader and checks, imported). On top of train_v1's checks (every sha1,
disjoint from blind_v2), train_v6 must not touch blind_v3 or reuse a source item or text of train_v1–v5 (by
reference or sha1), must not repeat an item, must stay in the training files of SMP2020-EWECT and NLPCC 2013, and
`hook` must agree with `hook_kind`.

    python bench/data/train_v6/verify.py          # exits 1 on any mismatch or overlap
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

OTHERS = ("blind_v3", "train_v1", "train_v2", "train_v3", "train_v4", "train_v5")
POOL = {
    ("smp2020_ewect", "usual_train_reconstructed.json"),
    ("smp2020_ewect", "virus_train.json"),
    ("nlpcc_weibo_emotion", "Nlpcc2013Train.csv"),
}


def iter_labelled(root: Path = v1.blind.DEFAULT_ROOT) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield (text, labels) for the hook rows, each text re-read and its sha1 checked."""
    yield from v1.iter_labelled("hooks", root, HERE)


def problems() -> list[str]:
    """Rows that touch blind_v3 or train_v1-v5, repeat an item, leave the pool, or contradict their kind."""
    items: set[tuple[str, str, int]] = set()
    hashes: set[str] = set()
    for name in OTHERS:
        found = v1.blind_items(HERE.parent / name)
        items |= found[0]
        hashes |= found[1]
    seen: Counter[tuple[str, str, int]] = Counter()
    bad = []
    for row in v1._rows("hooks", HERE):
        ref, item = row["ref"], v1._item(row["ref"])
        seen[item] += 1
        if item in items or row["sha1"] in hashes:
            bad.append(f"hooks: {json.dumps(ref)} is in blind_v3 or train_v1-v5")
        if (ref["dataset"], ref["file"]) not in POOL:
            bad.append(f"hooks: {json.dumps(ref)} is outside the training files of SMP2020-EWECT and NLPCC 2013")
        if row["hook"] != (row["hook_kind"] != "none"):
            bad.append(f"hooks: {json.dumps(ref)} has hook {row['hook']} but kind {row['hook_kind']!r}")
    return bad + [f"hooks: {item} is labelled {n} times" for item, n in seen.items() if n > 1]


def main() -> int:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else v1.blind.DEFAULT_ROOT
    kinds: Counter[tuple[str, str]] = Counter((lab["hook_kind"], lab["sample"]) for _, lab in iter_labelled(root))
    print(f"hooks: {sum(kinds.values())} (every sha1 checked)")
    for kind in sorted({k for k, _ in kinds}):
        print(f"  {kind:12} random {kinds[(kind, 'random')]:4}  question mark {kinds[(kind, 'question_mark')]:4}")
    overlaps = v1.overlaps(HERE)
    # quality_eval scores comments, not posts: the trainer drops these rows rather than the set failing.
    shared = [line for line in overlaps if line.endswith("quality_eval.jsonl")]
    bad = [line for line in overlaps if line not in shared]
    print("disjoint from blind_v2: " + ("no" if bad else "yes"))
    print(f"posts on an LCCC line quality_eval.jsonl uses (bench/hooks_train.py drops them): {len(shared)}")
    again = problems()
    print("disjoint from blind_v3 and train_v1-v5, no item twice, in the pool, hook agrees with kind: "
          + ("no" if again else "yes"))  # fmt: skip
    for line in bad + again:
        print("PROBLEM", line)
    return 1 if bad or again else 0


if __name__ == "__main__":
    raise SystemExit(main())
