"""Same-length ordering and low-value flags on blind_v3 (Weibo repost groups, labelled blind, test only).

    uv run python bench/blind_v3_eval.py

The pairs come from 24 repost groups and one group gives a third of them, so accuracy is also given with
every group weighted equally. Report once per engine version; never read its errors to tune.
"""

from __future__ import annotations

import importlib.util
import os
from collections import defaultdict
from pathlib import Path
from types import ModuleType

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

HERE = Path(__file__).resolve().parent


def _module(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    judge = _module("judgement_eval", HERE / "judgement_eval.py")
    load = _module("blind_v3_load", HERE / "data" / "blind_v3" / "load.py")
    by_group: dict[str, list[bool]] = defaultdict(list)
    ties = 0
    for better, worse, context, row in load.iter_pairs():
        b = judge._scored(better, context).quality.score
        w = judge._scored(worse, context).quality.score
        by_group[row["group"]].append(b > w)
        ties += b == w
    results = [ok for oks in by_group.values() for ok in oks]
    per_group = sum(sum(oks) / len(oks) for oks in by_group.values()) / len(by_group)
    print(
        f"ordering: {len(results)} pairs in {len(by_group)} groups, accuracy {sum(results) / len(results):.3f}, "
        f"each group weighted equally {per_group:.3f}, ties {ties}"
    )
    low = judge.low_value_report(((t, c, row["lowvalue_kind"]) for t, c, row in load.iter_comments()), errors=False)
    print(
        f"low-value: precision {low['precision']}, recall {low['recall']}, "
        f"false flags on none {low['false_flags_on_none']}"
    )
    for kind, figures in low["kinds"].items():
        print(f"  {kind}: n {figures['n']}, flagged {figures['recall_flagged']}, as this kind {figures['recall_kind']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
