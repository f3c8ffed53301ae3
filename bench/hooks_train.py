"""Train the hook model on blind-labelled posts; settings by cross-validation; compare recipes on blind dev.

    uv run python bench/hooks_train.py --with-dev [--labels PATH/hooks.jsonl ...] [--out PATH.npz]  # hooks-v4
    uv run python bench/hooks_train.py [--labels ...] --cv-dev     # out-of-fold blind dev F1 of this recipe

Training rows: the label files in the blind_v2 ref + sha1 format, by default train_v1, train_v2, train_v3 and
train_v5 (`bench/data/train_v*/hooks.jsonl`; train_v4 labels comments only). A training row whose source item
or text sha1 appears anywhere in blind_v2 (hooks, comments, ordering pairs; either split) is dropped, as is a
post on an LCCC line the engine's own quality set uses, and a text seen twice. `--with-dev` adds the blind_v2
hook rows of the **dev** split (as hooks-v2 did); the test split is never trained on. Texts stay in
../shared/data; the loader checks each sha1.

Selection: stratified 5-fold cross-validation repeated with three fold seeds, with the vocabulary, idf and
weights fitted inside each fold; rules and model combine as the engine does (a deciding rule is a hook
whatever the model says; the model judges the rest, only on posts the engine's gate lets through).
Without dev rows the grid is the SVM's C, the weight of a hook against the balanced class weight and the
threshold, scored on all training rows. With dev rows (hooks-v2's recipe) it is C, the weight of a training
row against a dev row and the threshold, scored on the dev rows only: they are the sample the goal is set on.

`--cv-dev` ranks recipes without reading blind test: the dev rows are split into 5 stratified folds (fold
seed 19, or 19-21 with --cv-seeds 3; the same folds whatever the rules and label files). Each fold is scored
by a model trained on the training rows and the other dev folds, its settings chosen by the with-dev selection
inside those rows (one inner fold seed). Run it in a tree holding another `hooks.py` to score other rules.
Blind test is read once, for the recipe shipped (`bench/judgement_eval.py --split test`).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import Any

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np

from nook.engine._hook_model import MODEL_PATH, hook_features, hook_margin
from nook.engine._linear import LinearModel
from nook.engine.emotion_training import count_matrix, hash_vocabulary
from nook.engine.hooks import model_may_judge, rule_decides, rule_hook, rule_signals

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
BLIND = DATA / "blind_v2"
TRAIN = [DATA / name / "hooks.jsonl" for name in ("train_v1", "train_v2", "train_v3", "train_v5")]
SEED = 19
FOLD_SEEDS = (19, 20, 21)
DEV = "blind_v2_dev"
Row = tuple[str, bool, str]  # text, is a hook, where the label came from
Setting = tuple[float, float, float]  # C, weight (of a hook, or of a training row against a dev row), threshold


def blind_loader() -> ModuleType:
    spec = importlib.util.spec_from_file_location("blind_v2_load", BLIND / "load.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _item(ref: dict[str, Any]) -> tuple[str, str, int]:
    """The source item a reference points into (an LCCC line counts once, whichever turn)."""
    return ref["dataset"], ref["file"], int(ref.get("id", ref.get("row", ref.get("line", -1))))


def _held_out() -> tuple[set[tuple[str, str, int]], set[str]]:
    """Source items and text sha1s of every blind_v2 row (both splits), and the LCCC lines of the engine's own
    quality set (bench/data/quality_eval.jsonl): training rows must avoid them all."""
    items: set[tuple[str, str, int]] = set()
    digests: set[str] = set()
    for name in ("hooks", "comments", "ordering_pairs"):
        for line in (BLIND / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line) if line.strip() else {}
            items |= {_item(v) for k, v in row.items() if k.endswith("ref")}
            digests |= {v for k, v in row.items() if k.endswith("sha1")}
    for line in (DATA / "quality_eval.jsonl").read_text(encoding="utf-8").splitlines():
        source = json.loads(line)["source"] if line.strip() else ""
        if source.startswith("lccc:"):
            items.add(("lccc_cdial_toy", "toy_train.txt", int(source.rsplit(":", 1)[1])))
    return items, digests


def _label_rows(path: Path, load: ModuleType, items: set[tuple[str, str, int]], digests: set[str]) -> Iterator[Row]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if _item(row["ref"]) in items or row["sha1"] in digests:
            continue
        text = load.resolve(row["ref"])
        if load.sha1(text) != row["sha1"]:
            raise load.ReferenceMismatch(f"sha1 differs for {row['ref']}")
        yield text, bool(row["hook"]), path.parent.name


def training_rows(paths: Sequence[Path], with_dev: bool = False) -> list[Row]:
    """The label files' rows, after the blind_v2 dev rows when `with_dev` (never the test split)."""
    load = blind_loader()
    items, digests = _held_out()
    rows: list[Row] = [(t, bool(lab["hook"]), DEV) for t, lab in load.iter_labelled("hooks", "dev")] if with_dev else []
    seen = {t for t, _, _ in rows}
    for path in paths:
        if not path.exists():
            raise SystemExit(f"no label file at {path}")
        for text, hook, source in _label_rows(path, load, items, digests):
            if text not in seen:  # the same post sampled twice counts once
                seen.add(text)
                rows.append((text, hook, source))
    return rows


def fit(
    hashes: Sequence[np.ndarray], gold: np.ndarray, c: float, hook_weight: float = 1.0, weight: np.ndarray | None = None
) -> LinearModel:
    """Sublinear tf-idf over the hashed features, then a class-balanced linear SVM (labels none, hook), hooks
    weighing `hook_weight` times their balanced weight, each row `weight` (default 1)."""
    from sklearn.feature_extraction.text import TfidfTransformer
    from sklearn.svm import LinearSVC

    vocab = hash_vocabulary(hashes, 2)
    counts = count_matrix(vocab, hashes)
    tfidf = TfidfTransformer(sublinear_tf=True).fit(counts)
    balanced = len(gold) / (2 * np.bincount(gold.astype(int), minlength=2))
    weights = {0: float(balanced[0]), 1: float(balanced[1]) * hook_weight}
    svm = LinearSVC(C=c, class_weight=weights, random_state=SEED)
    svm.fit(tfidf.transform(counts), gold.astype(int), sample_weight=weight)
    w, b = svm.coef_.T / 2, svm.intercept_ / 2  # symmetric two-column form, as the shipped models use
    return LinearModel(
        vocab.astype(np.uint32), tfidf.idf_.astype(np.float32), np.hstack([-w, w]).astype(np.float32),
        np.concatenate([-b, b]).astype(np.float32), ("none", "hook"), 1.0, "hooks-v4",
    )  # fmt: skip


def with_threshold(model: LinearModel, threshold: float) -> LinearModel:
    """The same model with the threshold folded into the bias, so a positive margin means a hook."""
    return replace(model, bias=model.bias + np.array([threshold, -threshold], dtype=np.float32))


def prf(pred: np.ndarray, gold: np.ndarray) -> tuple[float, float, float]:
    tp = float((pred & gold).sum())
    p, r = tp / max(int(pred.sum()), 1), tp / max(int(gold.sum()), 1)
    return p, r, 2 * p * r / max(p + r, 1e-9)


def out_of_fold(
    hashes: list[np.ndarray],
    gold: np.ndarray,
    c: float,
    hook_weight: float,
    seed: int,
    weight: np.ndarray | None = None,
) -> np.ndarray:
    from sklearn.model_selection import StratifiedKFold

    scores = np.zeros(len(gold))
    for train_idx, held_idx in StratifiedKFold(5, shuffle=True, random_state=seed).split(hashes, gold):
        w = None if weight is None else weight[train_idx]
        model = fit([hashes[i] for i in train_idx], gold[train_idx], c, hook_weight, w)
        scores[held_idx] = hook_margin(model, [hashes[i] for i in held_idx])
    return scores


THRESHOLDS = np.round(np.arange(-0.5, 0.51, 0.05), 2)


def select_on_rows(
    hashes: list[np.ndarray], gold: np.ndarray, gate: np.ndarray, decisive: np.ndarray
) -> tuple[float, float, Setting]:
    """Without dev rows: (gated F1, ungated F1, setting) with the best mean out-of-fold F1 on all rows."""
    best: tuple[float, float, Setting] | None = None
    for c in (0.1, 0.3, 1.0):
        for hook_weight in (0.5, 1.0, 2.0):
            runs = [out_of_fold(hashes, gold, c, hook_weight, seed) for seed in FOLD_SEEDS]
            for thr in THRESHOLDS:
                gated = np.mean([prf(((s > thr) & gate) | decisive, gold)[2] for s in runs])
                every = np.mean([prf((s > thr) | decisive, gold)[2] for s in runs])
                key = (float(gated), float(every), (c, hook_weight, float(thr) + 0.0))
                best = key if best is None or key > best else best
            assert best is not None
            print(f"C={c} hook weight {hook_weight}: best so far {best[0]:.3f} with {best[2]}")
    assert best is not None
    return best


def select_on_dev(
    hashes: list[np.ndarray], gold: np.ndarray, dev: np.ndarray, gate: np.ndarray, decisive: np.ndarray,
    seeds: Sequence[int] = FOLD_SEEDS, verbose: bool = True,
) -> tuple[float, float, Setting]:  # fmt: skip
    """With dev rows (hooks-v2's recipe): the setting with the best mean out-of-fold F1 on the dev rows."""
    best: tuple[float, float, Setting] | None = None
    for c in (0.3, 1.0, 3.0):
        for train_weight in (0.5, 1.0):
            weight = np.where(dev, 1.0, train_weight)
            runs = [out_of_fold(hashes, gold, c, 1.0, seed, weight) for seed in seeds]
            for thr in THRESHOLDS:
                gated = np.mean([prf((((s > thr) & gate) | decisive)[dev], gold[dev])[2] for s in runs])
                every = np.mean([prf(((s > thr) | decisive)[dev], gold[dev])[2] for s in runs])
                key = (float(gated), float(every), (c, train_weight, float(thr) + 0.0))
                best = key if best is None or key > best else best
            assert best is not None
            if verbose:
                print(f"C={c} training-row weight {train_weight}: best so far, dev {best[0]:.3f} with {best[2]}")
    assert best is not None
    return best


def cross_validate_dev(
    hashes: list[np.ndarray], gold: np.ndarray, dev: np.ndarray, gate: np.ndarray, decisive: np.ndarray, seeds: int
) -> None:
    """Out-of-fold F1 on the dev rows: each dev fold scored by a model trained, with settings chosen, on the
    training rows and the other dev folds (nested), so neither model nor settings saw the fold."""
    from sklearn.model_selection import StratifiedKFold

    dev_idx = np.flatnonzero(dev)
    scores = []
    for seed in FOLD_SEEDS[:seeds]:
        pred = np.zeros(len(dev_idx), dtype=bool)
        folds = list(StratifiedKFold(5, shuffle=True, random_state=seed).split(dev_idx, gold[dev_idx]))
        print(f"outer seed {seed}: dev folds of {[len(h) for _, h in folds]} rows, first held "
              f"{dev_idx[folds[0][1]][:5].tolist()}")  # fmt: skip
        for _, held in folds:
            inside = np.setdiff1d(np.arange(len(gold)), dev_idx[held])
            sub = [hashes[i] for i in inside]
            *_, (c, train_weight, thr) = select_on_dev(
                sub, gold[inside], dev[inside], gate[inside], decisive[inside], FOLD_SEEDS[:1], verbose=False
            )
            model = fit(sub, gold[inside], c, 1.0, np.where(dev[inside], 1.0, train_weight))
            margin = hook_margin(model, [hashes[i] for i in dev_idx[held]])
            rows = dev_idx[held]
            pred[held] = ((margin > thr) & gate[rows]) | decisive[rows]
            print(f"  fold: C={c}, training-row weight {train_weight}, threshold {thr}")
        p, r, f = prf(pred, gold[dev_idx])
        scores.append(f)
        print(f"outer seed {seed}: dev out-of-fold P {p:.3f} R {r:.3f} F1 {f:.3f}")
    print(f"dev out-of-fold F1, mean of {len(scores)} outer seeds: {np.mean(scores):.3f} "
          f"({', '.join(f'{f:.3f}' for f in scores)})")  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--labels", type=Path, action="append", help="label file (repeatable; default train_v1-v3, v5)")
    ap.add_argument("--with-dev", action="store_true", help="train on the blind_v2 dev rows too (never test)")
    ap.add_argument("--cv-dev", action="store_true", help="print out-of-fold blind dev F1 of the with-dev recipe")
    ap.add_argument("--cv-seeds", type=int, default=1, help="outer fold seeds for --cv-dev (19, 20, 21)")
    ap.add_argument("--out", type=Path, help="where to write the model (default: the shipped file, --with-dev only)")
    args = ap.parse_args()
    if args.out is None and not (args.with_dev or args.cv_dev):
        ap.error("only the shipped recipe (--with-dev) writes the shipped model; pass --out for another recipe")
    out: Path = args.out or MODEL_PATH
    rows = training_rows(args.labels or TRAIN, with_dev=args.with_dev or args.cv_dev)
    texts, gold = [t for t, _, _ in rows], np.array([h for _, h, _ in rows])
    dev = np.array([s == DEV for _, _, s in rows])
    sources = sorted({s for _, _, s in rows})
    print(f"rows {len(rows)}, hooks {gold.sum()}: " + ", ".join(
        f"{s} {sum(x == s for _, _, x in rows)}" for s in sources))  # fmt: skip
    ruled = [rule_hook(t) for t in texts]
    hashes = [hook_features(t, rule_signals(t, r)) for t, r in zip(texts, ruled, strict=True)]
    decisive = np.array([rule_decides(t, r) for t, r in zip(texts, ruled, strict=True)])
    gate = np.array([model_may_judge(t, r) for t, r in zip(texts, ruled, strict=True)])
    print(f"gate: the model reads {gate.mean():.0%} of the rows and could reach {gate[gold].mean():.0%} of the hooks")
    for name, pred in (("rules, all kinds", np.array([r is not None for r in ruled])), ("rules that decide", decisive)):
        print("{}: P {:.3f} R {:.3f} F1 {:.3f}".format(name, *prf(pred, gold)))
    if args.cv_dev:
        cross_validate_dev(hashes, gold, dev, gate, decisive, args.cv_seeds)
        return
    if dev.any():
        f_gated, f_every, (c, weight, thr) = select_on_dev(hashes, gold, dev, gate, decisive)
        model = with_threshold(fit(hashes, gold, c, 1.0, np.where(dev, 1.0, weight)), thr)
        what = f"training-row weight {weight}, threshold {thr}: out-of-fold F1 on the dev rows"
    else:
        f_gated, f_every, (c, weight, thr) = select_on_rows(hashes, gold, gate, decisive)
        model = with_threshold(fit(hashes, gold, c, weight), thr)
        what = f"hook weight {weight}, threshold {thr}: out-of-fold F1 on the training rows"
    model.save(out)
    print(f"chosen C={c}, {what} {f_gated:.3f} as shipped (gated), {f_every:.3f} with the model on every post")
    print(f"wrote {out} ({out.stat().st_size / 1e3:.0f} kB, {len(model.hashes)} features)")


if __name__ == "__main__":
    main()
