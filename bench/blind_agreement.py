"""How far two labellers agree on blind_v2's test half, and the engine against each of them.

    uv run python bench/blind_agreement.py

A second labeller, who saw neither the first labeller's answers nor the engine's, labelled the test half of
blind_v2 (hooks and comments) with the same guide (`bench/data/blind_v2/second_labeller/`). Agreement between
the two labellers is the ceiling an engine can be held to on this set: a goal above it measures the labellers.
Prints, for hooks (any hook vs none) and low-value (any kind vs none): the second labeller scored against the
first, the engine against each, and the engine on the rows both labellers agree on; Cohen's kappa for the labellers.
Reading this reads the engine's figures on blind test (not its errors), so it counts as a read of test.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from hooks_train import blind_loader  # beside this script
from nook.engine.comments import assess_comment, read_parent
from nook.engine.hooks import detect_hook

BLIND = Path(__file__).resolve().parent / "data" / "blind_v2"
SECOND = BLIND / "second_labeller"


def _key(ref: dict[str, Any]) -> str:
    return json.dumps(ref, sort_keys=True)


def _second(name: str) -> dict[str, dict[str, Any]]:
    rows = (json.loads(line) for line in (SECOND / f"{name}.jsonl").read_text(encoding="utf-8").splitlines())
    return {_key(r["ref"]): r for r in rows}


def prf(gold: Sequence[bool], said: Sequence[bool]) -> dict[str, float]:
    tp = sum(g and s for g, s in zip(gold, said, strict=True))
    p, r = tp / max(sum(said), 1), tp / max(sum(gold), 1)
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3)}


def kappa(a: Sequence[bool], b: Sequence[bool]) -> float:
    n = len(a)
    seen = sum(x == y for x, y in zip(a, b, strict=True)) / n
    pa, pb = sum(a) / n, sum(b) / n
    chance = pa * pb + (1 - pa) * (1 - pb)
    return round((seen - chance) / (1 - chance), 3)


def report(first: list[bool], second: list[bool], engine: list[bool]) -> dict[str, Any]:
    agreed = [i for i, (a, b) in enumerate(zip(first, second, strict=True)) if a == b]
    return {
        "rows": len(first),
        "positives (first, second, engine)": [sum(first), sum(second), sum(engine)],
        "second vs first": prf(first, second),
        "kappa between the labellers": kappa(first, second),
        "engine vs first": prf(first, engine),
        "engine vs second": prf(second, engine),
        f"engine on the {len(agreed)} rows both agree on": prf([first[i] for i in agreed], [engine[i] for i in agreed]),
    }


def hooks(load: ModuleType) -> dict[str, Any]:
    second = _second("hooks")
    first, other, engine = [], [], []
    for text, labels in load.iter_labelled("hooks", split="test"):
        first.append(labels["hook_kind"] != "none")
        other.append(second[_key(labels["ref"])]["hook_kind"] != "none")
        engine.append(detect_hook(text, suggest=False).present)
    return report(first, other, engine)


def low_value(load: ModuleType) -> dict[str, Any]:
    second = _second("comments")
    first, other, engine = [], [], []
    for text, labels in load.iter_labelled("comments", split="test"):
        first.append(labels["lowvalue_kind"] != "none")
        other.append(second[_key(labels["ref"])]["lowvalue_kind"] != "none")
        engine.append(assess_comment(text, read_parent(labels.get("context") or "")).low_value.flag)
    return report(first, other, engine)


def main() -> int:
    load = blind_loader()
    print(json.dumps({"hooks": hooks(load), "low_value": low_value(load)}, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
