"""The engine's judgement on text nobody here wrote (issue 19): low-value kinds, same-length ordering and
hook detection, on our own sets and on the independent blind set (bench/data/blind_v2, labelled blind).

    uv run python bench/judgement_eval.py                       # own sets + blind dev split
    uv run python bench/judgement_eval.py --split test          # the blind test split (report once; never tune)
    uv run python bench/judgement_eval.py --blind PATH --errors # another copy of blind_v2; print dev errors

Own sets: bench/data/quality_eval.jsonl (low-value precision/recall, ordering) and
tests/engine/data/hooks_labelled.jsonl (hooks, its test half). Blind: the labeller's loader (`load.py`)
reads each text from ../shared/data and checks its sha1; no blind text is stored in this repository.
Ordering counts a pair right when the better comment scores strictly higher; ties count wrong.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from nook.engine.comments import _lowvalue_model, assess_comment, read_parent
from nook.engine.hooks import detect_hook

ROOT = Path(__file__).resolve().parent.parent
OWN_QUALITY = ROOT / "bench" / "data" / "quality_eval.jsonl"
OWN_HOOKS = ROOT / "tests" / "engine" / "data" / "hooks_labelled.jsonl"
#: The engine's low-value codes in the blind set's taxonomy (LABEL_GUIDE.md).
TO_BLIND = {
    "placeholder": "placeholder",
    "emoji_only": "emoji_only",
    "emoticon_only": "emoji_only",
    "repeated": "one_word_reaction",
    "ack": "one_word_reaction",
    "reaction": "one_word_reaction",
    "stock_praise": "one_word_reaction",
    "stock_phrase": "stock_phrase",
    "greeting": "stock_phrase",
    "ad": "ad_spam",
    "chain_letter": "chain_letter",
    "self_promo": "off_topic_promo",
    "mismatched": "mismatched_feeling",
}
RANK = {"low": 0, "low_value": 0, "normal": 1, "warm": 2}
_QMARK = re.compile(r"[?？]")


def _loader(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("blind_v2_load", path / "load.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no loader at {path / 'load.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _scored(comment: str, context: str) -> Any:
    return assess_comment(comment, read_parent(context or ""))


def _prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p, r = tp / max(predicted, 1), tp / max(gold, 1)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


# --- low value --------------------------------------------------------------------------------


def low_value_report(items: Iterable[tuple[str, str, str]], errors: bool) -> dict[str, Any]:
    """items: (comment, context, gold kind or "none"). Per kind: recall (flagged at all, and as that
    kind) and precision of the engine's kind; overall flag precision/recall."""
    gold_n: Counter[str] = Counter()
    caught: Counter[str] = Counter()
    exact: Counter[str] = Counter()
    predicted: Counter[str] = Counter()
    tp = flagged = gold_low = 0
    for comment, context, gold in items:
        lv = _scored(comment, context).low_value
        mine = TO_BLIND.get(lv.code or "", "none") if lv.flag else "none"
        gold_n[gold] += 1
        predicted[mine] += 1
        flagged += lv.flag
        gold_low += gold != "none"
        tp += lv.flag and gold != "none"
        caught[gold] += lv.flag
        exact[gold] += mine == gold
        wrong = lv.flag != (gold != "none") or (gold != "low" and mine != gold)  # own set: no kinds
        if errors and wrong:
            print(f"  low-value gold={gold} engine={mine}\t{comment[:60]}\t<- {context[:40]}")
    p, r, _ = _prf(tp, flagged, gold_low)
    kinds = {
        k: {
            "n": gold_n[k],
            "recall_flagged": round(caught[k] / gold_n[k], 3),
            "recall_kind": round(exact[k] / gold_n[k], 3),
            "precision_kind": round(exact[k] / predicted[k], 3) if predicted[k] else None,
        }
        for k in sorted(gold_n)
        if k != "none"
    }
    false_flags = caught["none"]
    return {"precision": round(p, 3), "recall": round(r, 3), "false_flags_on_none": false_flags, "kinds": kinds}


# --- ordering ---------------------------------------------------------------------------------


def ordering_report(pairs: Iterable[tuple[str, str, str]], errors: bool) -> dict[str, Any]:
    """pairs: (better, worse, context). Right when better scores strictly higher."""
    right = ties = n = 0
    for better, worse, context in pairs:
        b, w = _scored(better, context).quality.score, _scored(worse, context).quality.score
        n += 1
        right += b > w
        ties += b == w
        if errors and b <= w:
            print(f"  order {b} <= {w}\tbetter={better[:40]}\tworse={worse[:40]}\t<- {context[:40]}")
    return {"pairs": n, "accuracy": round(right / max(n, 1), 3), "ties": ties}


def _own_pairs(rows: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    """Pairs under one post whose labels differ and whose lengths are within ±30% (length can't tell)."""
    by_post: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_post.setdefault(r["post"], []).append(r)
    out = []
    for post, group in by_post.items():
        for a in group:
            for b in group:
                la, lb = len(a["comment"]), len(b["comment"])
                if RANK[a["label"]] > RANK[b["label"]] and min(la, lb) >= 0.7 * max(la, lb):
                    out.append((a["comment"], b["comment"], post))
    return out


# --- hooks ------------------------------------------------------------------------------------


def hook_report(items: Iterable[tuple[str, bool]], errors: bool) -> dict[str, Any]:
    tp = pred = gold = btp = bpred = 0
    for text, is_hook in items:
        found = detect_hook(text, suggest=False).present
        qmark = bool(_QMARK.search(text))
        tp, pred, gold = tp + (found and is_hook), pred + found, gold + is_hook
        btp, bpred = btp + (qmark and is_hook), bpred + qmark
        if errors and found != is_hook:
            print(f"  hook gold={is_hook} engine={found}\t{text[:80]}")
    p, r, f = _prf(tp, pred, gold)
    bp, br, bf = _prf(btp, bpred, gold)
    return {
        "engine": {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)},
        "question_mark_baseline": {"precision": round(bp, 3), "recall": round(br, 3), "f1": round(bf, 3)},
        "hooks": gold,
    }


# --- the sets ---------------------------------------------------------------------------------


def own(errors: bool) -> dict[str, Any]:
    rows = [json.loads(line) for line in OWN_QUALITY.read_text(encoding="utf-8").splitlines() if line.strip()]
    low = [(r["comment"], r["post"], "low" if r["label"] == "low_value" else "none") for r in rows]
    report = low_value_report(low, errors)
    hooks = [json.loads(line) for line in OWN_HOOKS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {
        "low_value": {k: report[k] for k in ("precision", "recall")},
        "ordering_same_length": ordering_report(_own_pairs(rows), errors),
        "hooks_test_half": hook_report(((h["text"], bool(h["hook"])) for h in hooks if h["split"] == "test"), errors),
    }


def blind(path: Path, split: str, errors: bool) -> dict[str, Any]:
    load = _loader(path)
    comments = [(t, lab.get("context", ""), lab["lowvalue_kind"]) for t, lab in load.iter_labelled("comments", split)]
    pairs = [(b, w, lab["context"]) for (b, w), lab in load.iter_pairs(split)]
    hooks = [(t, bool(lab["hook"])) for t, lab in load.iter_labelled("hooks", split)]
    return {
        "low_value": low_value_report(comments, errors),
        "ordering_same_length": ordering_report(pairs, errors),
        "hooks": hook_report(hooks, errors),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--blind", type=Path, default=ROOT / "bench" / "data" / "blind_v2")
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--errors", action="store_true", help="print each error (dev split only)")
    parser.add_argument("--skip-own", action="store_true")
    parser.add_argument(
        "--lowvalue-model",
        type=Path,
        help="score with this low-value model file instead of the shipped one (one trained without the dev split)",
    )
    args = parser.parse_args(argv)
    if args.lowvalue_model:
        _lowvalue_model.MODEL_PATH = args.lowvalue_model  # read once, on the first comment
    if args.errors and args.split == "test":
        raise SystemExit("errors are printed for the dev split only: the test split is not for tuning")
    out: dict[str, Any] = {}
    if not args.skip_own:
        out["own"] = own(args.errors)
    out[f"blind_{args.split}"] = blind(args.blind, args.split, args.errors)
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
