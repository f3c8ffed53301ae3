"""Hook detection precision/recall on the hand-labelled set (tests/engine/data/hooks_labelled.jsonl).

    uv run python bench/hooks_eval.py [--split dev|test|all] [--errors]

"Detection" = present vs absent; "typed" = present with the right type. The set was written and
labelled by the engine author; the patterns were tuned on the dev half only.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from nook.engine.hooks import HOOK_TYPES, detect_hook

DATA = Path(__file__).resolve().parent.parent / "tests" / "engine" / "data" / "hooks_labelled.jsonl"


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(2 * p * r / (p + r) if p + r else 0, 3),
    }


def evaluate(split: str, show_errors: bool) -> dict[str, object]:
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if split == "all" or r["split"] == split]
    pairs = [(r["hook"], detect_hook(r["text"], suggest=False).type, r["text"]) for r in rows]
    if show_errors:
        for gold, pred, text in pairs:
            if gold != pred:
                print(f"gold={gold} pred={pred}\t{text}")
    present = _prf(
        sum(1 for g, p, _ in pairs if g and p),
        sum(1 for _, p, _ in pairs if p),
        sum(1 for g, _, _ in pairs if g),
    )
    typed = _prf(
        sum(1 for g, p, _ in pairs if g and g == p),
        sum(1 for _, p, _ in pairs if p),
        sum(1 for g, _, _ in pairs if g),
    )
    per_type = {
        t: _prf(
            sum(1 for g, p, _ in pairs if g == p == t),
            sum(1 for _, p, _ in pairs if p == t),
            sum(1 for g, _, _ in pairs if g == t),
        )
        for t in HOOK_TYPES
    }
    return {"split": split, "n": len(pairs), "detection": present, "typed": typed, "per_type": per_type}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="all", choices=["dev", "test", "all"])
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args()
    print(json.dumps(evaluate(args.split, args.errors), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
