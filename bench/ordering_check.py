"""A training check of the quality ordering on Weibo repost comments (bench/data/train_v4, labelled blind).

    uv run python bench/ordering_check.py                 # out of fold: the low-value model never saw the chain
    uv run python bench/ordering_check.py --shipped       # the shipped model as it is (in-sample once it has them)
    uv run python bench/ordering_check.py --errors        # print the pairs in the wrong order (training rows)

Two kinds of pairs, the better comment of higher quality label (warm > normal > low) and the two lengths within
±30%, so length cannot tell: **same-root** pairs answer reposts of one original post (the chains end in the same
account's words), and **any-chain** pairs are any two such comments of the set, whatever they answer (a tuning aid:
content against filler at equal length). Right when the better one scores strictly higher; ties count wrong.

Out of fold: the chains are split into 5 folds by their root account; each fold is scored with a low-value model
trained by `bench/lowvalue_train.py`'s recipe and the shipped settings (`--c/--margin/--veto`) on every training
row except that fold's train_v4 rows. These are training labels, so reading their errors is fair; the blind_v3
test set is never read here.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import os
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path
from types import ModuleType

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np

from lowvalue_train import DEFAULT_LABELS, ROOT, Row, fit, training_rows, with_margin
from nook.engine.comments import _lowvalue_model, assess_comment, read_parent

TRAIN_V4 = ROOT / "bench" / "data" / "train_v4"
RANK = {"low": 0, "normal": 1, "warm": 2}
FOLDS = 5


def _verify() -> ModuleType:
    spec = importlib.util.spec_from_file_location("train_v4_verify", TRAIN_V4 / "verify.py")
    if spec is None or spec.loader is None:
        raise SystemExit("bench/data/train_v4/verify.py is missing")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def root_account(chain: str) -> str:
    """Who wrote the original post a repost chain ends in (its last `//@name:`)."""
    return re.sub(r"\s+", "", re.split(r"[:：]", chain.split("//@")[-1], maxsplit=1)[0])


def _fold(chain: str) -> int:
    return int(hashlib.sha1(root_account(chain).encode("utf-8")).hexdigest(), 16) % FOLDS


Item = tuple[str, str, str]  # comment, chain, quality label


def pairs(items: list[Item], *, same_root: bool) -> list[tuple[int, int]]:
    """Index pairs (better, worse) of different quality whose lengths are within ±30%."""
    out = []
    for i, (a, ca, qa) in enumerate(items):
        for j, (b, cb, qb) in enumerate(items):
            if RANK[qa] <= RANK[qb] or min(len(a), len(b)) < 0.7 * max(len(a), len(b)):
                continue
            if not same_root or root_account(ca) == root_account(cb):
                out.append((i, j))
    return out


def _use_model(path: Path) -> None:
    _lowvalue_model.MODEL_PATH = path
    _lowvalue_model._model.cache_clear()


def _train_without(fold: int, every: list[Row], args: argparse.Namespace, out: Path) -> None:
    """The shipped recipe and settings on every training row but this fold's train_v4 rows."""
    rows = [r for r in every if not (r.source == "train_v4" and _fold(r.context) == fold)]
    gold = np.array([r.kind for r in rows])
    model = with_margin(fit([r.hashes for r in rows], gold, args.c), args.margin)
    model.save(out)
    with np.load(out, allow_pickle=False) as z:
        arrays = dict(z)
    np.savez_compressed(out, **arrays, veto=np.float32(args.veto))


def scores(items: list[Item], args: argparse.Namespace) -> list[int]:
    """Each comment's quality score, out of fold unless --shipped."""
    every = [] if args.shipped else training_rows(DEFAULT_LABELS)
    out = [0] * len(items)
    parents = {c: read_parent(c) for _, c, _ in items}
    with tempfile.TemporaryDirectory() as tmp:
        for fold in range(1 if args.shipped else FOLDS):
            if not args.shipped:
                path = Path(tmp) / f"fold{fold}.npz"
                _train_without(fold, every, args, path)
                _use_model(path)
            for i, (text, chain, _) in enumerate(items):
                if args.shipped or _fold(chain) == fold:
                    out[i] = assess_comment(text, parents[chain]).quality.score
    return out


def report(name: str, index: list[tuple[int, int]], items: list[Item], score: list[int], errors: bool) -> None:
    right = sum(score[i] > score[j] for i, j in index)
    ties = sum(score[i] == score[j] for i, j in index)
    kinds = Counter(f"{items[i][2]}>{items[j][2]}" for i, j in index)
    print(f"{name}: {len(index)} pairs {dict(kinds)}, right {right / max(len(index), 1):.3f}, ties {ties}")
    if errors:
        for i, j in index:
            if score[i] <= score[j]:
                print(f"  {score[i]:3d} <= {score[j]:3d}  better={items[i][0][:40]}\tworse={items[j][0][:40]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shipped", action="store_true", help="score with the shipped model, not out of fold")
    ap.add_argument("--errors", action="store_true", help="print the same-root pairs in the wrong order")
    ap.add_argument("--c", type=float, default=1.0, help="the shipped model's C")
    ap.add_argument("--margin", type=float, default=0.4, help="the shipped model's margin")
    ap.add_argument("--veto", type=float, default=1.5, help="the shipped model's veto")
    args = ap.parse_args(argv)
    items = [(t, lab["context"], lab["quality"]) for t, lab in _verify().iter_labelled()]
    score = scores(items, args)
    report("same-root pairs", pairs(items, same_root=True), items, score, args.errors)
    report("any-chain pairs", pairs(items, same_root=False), items, score, False)
    by_label = {q: sorted(s for s, (_, _, lab) in zip(score, items, strict=True) if lab == q) for q in RANK}
    print("median score: " + ", ".join(f"{q} {v[len(v) // 2]} (n {len(v)})" for q, v in by_label.items() if v))
    return 0


if __name__ == "__main__":
    sys.exit(main())
