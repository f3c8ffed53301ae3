"""Load and verify the train_v5 hook labels (LCCC conversation openers): texts stay in ../shared/data.

Same row format as train_v3 (train_v1's loader and checks, imported). On top of train_v1's checks (every sha1,
disjoint from blind_v2; a post on an LCCC line that quality_eval.jsonl uses is counted, and the hook trainer drops
it), train_v5 must not touch blind_v3 or reuse a source item or text of train_v1–v4 (by reference or sha1), must
not repeat an item, must stay on LCCC `toy_train.txt` lines 1–8000, and `hook` must agree with `hook_kind`
(`none` for a post without a hook, as train_v1 and train_v2 write it).

    python bench/data/train_v5/verify.py          # exits 1 on any mismatch or overlap
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("train_v1_verify", HERE.parent / "train_v1" / "verify.py")
assert _spec is not None and _spec.loader is not None
v1 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(v1)

OTHERS = ("blind_v3", "train_v1", "train_v2", "train_v3", "train_v4")
LAST_LINE = 8000  # the labeller's pool: toy_train.txt lines 1-8000


@dataclass(frozen=True)
class HookSet:
    """What one hook label set must keep to beyond train_v1's checks (train_v6 reuses these checks)."""

    folder: Path
    others: tuple[str, ...]  # sets it must share no item or text with
    outside: Callable[[dict[str, Any]], str | None]  # why a reference is outside the pool, or None
    samples: tuple[str, str]  # the two `sample` values the labeller's rows carry

    @property
    def span(self) -> str:
        return f"{self.others[0]} and {self.others[1]}-{self.others[-1].removeprefix('train_')}"


def _outside_v5(ref: dict[str, Any]) -> str | None:
    inside = ref["dataset"] == "lccc_cdial_toy" and ref["file"] == "toy_train.txt" and 1 <= ref["line"] <= LAST_LINE
    return None if inside else f"outside toy_train.txt lines 1-{LAST_LINE}"


TRAIN_V5 = HookSet(HERE, OTHERS, _outside_v5, ("random", "picked"))


def iter_labelled(root: Path = v1.blind.DEFAULT_ROOT, folder: Path = HERE) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield (text, labels) for the hook rows, each text re-read and its sha1 checked."""
    yield from v1.iter_labelled("hooks", root, folder)


def problems(rules: HookSet = TRAIN_V5) -> list[str]:
    """Rows that touch the other sets, repeat an item, leave the pool, or contradict their kind."""
    items: set[tuple[str, str, int]] = set()
    hashes: set[str] = set()
    for name in rules.others:
        found = v1.blind_items(rules.folder.parent / name)
        items |= found[0]
        hashes |= found[1]
    seen: Counter[tuple[str, str, int]] = Counter()
    bad = []
    for row in v1._rows("hooks", rules.folder):
        ref, item = row["ref"], v1._item(row["ref"])
        seen[item] += 1
        if item in items or row["sha1"] in hashes:
            bad.append(f"hooks: {json.dumps(ref)} is in {rules.span}")
        if why := rules.outside(ref):
            bad.append(f"hooks: {json.dumps(ref)} is {why}")
        if row["hook"] != (row["hook_kind"] != "none"):
            bad.append(f"hooks: {json.dumps(ref)} has hook {row['hook']} but kind {row['hook_kind']!r}")
    return bad + [f"hooks: {item} is labelled {n} times" for item, n in seen.items() if n > 1]


def main(rules: HookSet = TRAIN_V5) -> int:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else v1.blind.DEFAULT_ROOT
    labelled = iter_labelled(root, rules.folder)
    kinds: Counter[tuple[str, str]] = Counter((lab["hook_kind"], lab["sample"]) for _, lab in labelled)
    print(f"hooks: {sum(kinds.values())} (every sha1 checked)")
    first, second = rules.samples
    for kind in sorted({k for k, _ in kinds}):
        print(f"  {kind:12} {first} {kinds[(kind, first)]:4}  {second} {kinds[(kind, second)]:4}")
    overlaps = v1.overlaps(rules.folder)
    # quality_eval scores comments, not posts: the trainer drops these rows rather than the set failing.
    shared = [line for line in overlaps if line.endswith("quality_eval.jsonl")]
    bad = [line for line in overlaps if line not in shared]
    print("disjoint from blind_v2: " + ("no" if bad else "yes"))
    print(f"posts on an LCCC line quality_eval.jsonl uses (bench/hooks_train.py drops them): {len(shared)}")
    again = problems(rules)
    print(f"disjoint from {rules.span}, no item twice, in the pool, hook agrees with kind: "
          + ("no" if again else "yes"))  # fmt: skip
    for line in bad + again:
        print("PROBLEM", line)
    return 1 if bad or again else 0


if __name__ == "__main__":
    raise SystemExit(main())
