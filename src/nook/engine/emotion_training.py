"""Train and evaluate the emotion model (scikit-learn at training time only; inference is numpy).

Recipe: sublinear tf-idf over the shared `hashed_features()` (char 1-3-grams, word uni/bigrams, emoticon
and cue signals); a linear SVM plus one-vs-rest NB-SVMs, both with balanced class weights, summed
(still one linear layer); a softmax temperature fitted on the dev rows turns scores into probabilities.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from nook.engine._features import hashed_features
from nook.engine._linear import LinearModel
from nook.engine.emotion import LABELS, classify_normalized
from nook.engine.text import normalize

__all__ = ["DEFAULT_DATA_DIR", "dev_halves", "evaluate", "load_rows", "smp_rows", "train", "train_dev_split"]

DEFAULT_DATA_DIR = Path("../shared/data")
Row = tuple[str, str]


def _rows_from_dicts(items: Iterable[dict[str, Any]]) -> list[Row]:
    rows = []
    for item in items:
        text = item.get("text", item.get("content"))
        label = item.get("label")
        if isinstance(text, str) and text.strip() and isinstance(label, str):
            rows.append((text, label.strip()))
    return rows


def load_rows(path: Path) -> list[Row]:
    """(text, label) rows from a JSON array, JSON Lines or CSV file with text/content and label."""
    raw = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".csv":
        return _rows_from_dicts(csv.DictReader(raw.splitlines()))
    if raw.lstrip().startswith("["):
        return _rows_from_dicts(json.loads(raw))
    return _rows_from_dicts(json.loads(line) for line in raw.splitlines() if line.strip())


def smp_rows(data_dir: Path, split: str) -> list[Row]:
    """SMP2020-EWECT rows: split "train" (usual+virus train) or a file stem like "usual_eval_labeled"."""
    base = data_dir / "smp2020_ewect"
    if split == "train":
        return load_rows(base / "usual_train_reconstructed.json") + load_rows(base / "virus_train.json")
    return load_rows(base / f"{split}.json")


def train_dev_split(data_dir: Path, stem: str) -> tuple[list[Row], list[Row]]:
    """(fit, dev) rows of an SMP *train* file: ids ending in 0 (about 10 %) are dev, for choices that must
    not touch the eval files (issue 19 treats those as the test split)."""
    items = json.loads((data_dir / "smp2020_ewect" / f"{stem}.json").read_text(encoding="utf-8"))
    fit = _rows_from_dicts(i for i in items if int(i["id"]) % 10 != 0)
    dev = _rows_from_dicts(i for i in items if int(i["id"]) % 10 == 0)
    return fit, dev


def dev_halves(data_dir: Path, split: str) -> tuple[list[Row], list[Row]]:
    """(dev-tune, dev-held) halves of an SMP eval file: odd ids tune, even ids are only ever reported."""
    items = json.loads((data_dir / "smp2020_ewect" / f"{split}.json").read_text(encoding="utf-8"))
    tune = _rows_from_dicts(i for i in items if int(i["id"]) % 2 == 1)
    held = _rows_from_dicts(i for i in items if int(i["id"]) % 2 == 0)
    return tune, held


def _matrix(rows: Sequence[Row], min_df: int) -> tuple[Any, Any]:
    """Sparse term-count matrix over crc32 hashes, and the sorted vocabulary of hashes in >= min_df rows."""
    hashed = [hashed_features(normalize(t)) for t, _ in rows]
    vocab = hash_vocabulary(hashed, min_df)
    return count_matrix(vocab, hashed), vocab


def hash_vocabulary(hashed: Sequence[np.ndarray], min_df: int) -> np.ndarray:
    """The sorted hashes that occur in at least `min_df` of the texts (each text given as its hashes)."""
    vocab, df = np.unique(np.concatenate([np.unique(h) for h in hashed]), return_counts=True)
    return vocab[df >= min_df]


def count_matrix(vocab: np.ndarray, hashed: Sequence[np.ndarray]) -> Any:
    """One row per text: how often each hash of the sorted `vocab` occurs in it (hashes outside it dropped)."""
    from scipy import sparse

    indptr, indices = [0], []
    for h in hashed:
        pos = np.searchsorted(vocab, h).clip(0, len(vocab) - 1)
        indices.append(pos[vocab[pos] == h])
        indptr.append(indptr[-1] + len(indices[-1]))
    cols = np.concatenate(indices)
    counts = sparse.csr_matrix((np.ones(len(cols)), cols, indptr), shape=(len(hashed), len(vocab)))
    counts.sum_duplicates()
    return counts


def _fit_temperature(model: LinearModel, rows: Sequence[Row]) -> float:
    """Softmax temperature minimising dev log-loss (calibrates the blended logits)."""
    norms = [normalize(t) for t, _ in rows]
    logits = model.logits([hashed_features(n) for n in norms])
    gold = np.array([model.labels.index(label) for _, label in rows])
    best, best_loss = 1.0, float("inf")
    for temp in np.geomspace(0.1, 10, 41):
        z = logits / temp
        z -= z.max(axis=1, keepdims=True)
        loss = float(-(z[np.arange(len(gold)), gold] - np.log(np.exp(z).sum(axis=1))).mean())
        if loss < best_loss:
            best, best_loss = float(temp), loss
    return best


def _nbsvm(x: Any, binary: Any, y: Any, n_labels: int, c: float) -> tuple[Any, Any]:
    """One-vs-rest linear SVMs on naive-Bayes-scaled features (Wang & Manning 2012), folded back
    into plain per-feature weights so inference stays one linear layer."""
    from scipy import sparse
    from sklearn.svm import LinearSVC

    weights, bias = np.zeros((x.shape[1], n_labels)), np.zeros(n_labels)
    for k in range(n_labels):
        pos = np.asarray(binary[y == k].sum(0)).ravel() + 1.0
        neg = np.asarray(binary[y != k].sum(0)).ravel() + 1.0
        ratio = np.log((pos / pos.sum()) / (neg / neg.sum()))
        svm = LinearSVC(C=c, class_weight="balanced").fit(x @ sparse.diags(ratio), (y == k).astype(int))
        weights[:, k], bias[k] = svm.coef_[0] * ratio, svm.intercept_[0]
    return weights, bias


def train(
    rows: Sequence[Row],
    dev: Sequence[Row] = (),
    *,
    c_svm: float = 0.5,
    c_nbsvm: float = 0.3,
    min_df: int | None = None,
    version: str = "custom",
) -> LinearModel:
    """Fit the blended SVM + NB-SVM on `rows`; `dev` (if given) only calibrates the softmax temperature."""
    from sklearn.feature_extraction.text import TfidfTransformer
    from sklearn.svm import LinearSVC

    labels = tuple(label for label in LABELS if any(r[1] == label for r in rows))
    labels += tuple(sorted({r[1] for r in rows} - set(labels)))
    # Features seen once are noise in a big set but all there is in an operator's small one.
    counts, vocab = _matrix(rows, min_df or (2 if len(rows) >= 1000 else 1))
    tfidf = TfidfTransformer(sublinear_tf=True).fit(counts)
    x = tfidf.transform(counts)
    y = np.array([labels.index(label) for _, label in rows])
    svm = LinearSVC(C=c_svm, class_weight="balanced").fit(x, y)
    if len(labels) == 2:  # sklearn keeps one column for binary problems: make it symmetric
        w, b = svm.coef_.T / 2, svm.intercept_ / 2
        weights, bias = np.hstack([-w, w]), np.concatenate([-b, b])
    else:
        nb_weights, nb_bias = _nbsvm(x, (counts > 0).astype(np.float64), y, len(labels), c_nbsvm)
        weights, bias = svm.coef_.T + nb_weights, svm.intercept_ + nb_bias
    model = LinearModel(
        vocab.astype(np.uint32), tfidf.idf_.astype(np.float32), weights.astype(np.float32),
        bias.astype(np.float32), labels, 1.0, version,
    )  # fmt: skip
    if dev:
        model = replace(model, temperature=_fit_temperature(model, dev))
    return model


def evaluate(model: LinearModel, rows: Sequence[Row]) -> dict[str, Any]:
    """Accuracy, macro-F1 and per-class precision/recall/F1/support."""
    preds = [r.label for r in classify_normalized([normalize(t) for t, _ in rows], model)]
    gold = [label for _, label in rows]
    per_class: dict[str, dict[str, float]] = {}
    for label in sorted(
        set(gold) | set(preds), key=lambda x: (x not in LABELS, LABELS.index(x) if x in LABELS else 0, x)
    ):
        tp = sum(p == g == label for p, g in zip(preds, gold, strict=True))
        n_pred, n_gold = preds.count(label), gold.count(label)
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        per_class[label] = {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f1, 4),
            "support": n_gold,
        }
    accuracy = sum(p == g for p, g in zip(preds, gold, strict=True)) / max(1, len(gold))
    gold_classes = [c for c in per_class.values() if c["support"]]
    macro = sum(c["f1"] for c in gold_classes) / max(1, len(gold_classes))
    return {
        "n": len(gold),
        "accuracy": round(accuracy, 4),
        "macro_f1": round(macro, 4),
        "per_class": per_class,
    }


def main() -> None:
    """Rebuild the shipped model: `uv run python -m nook.engine.emotion_training [--data-dir DIR] [--out F]`."""
    import argparse

    from nook.engine.emotion import MODEL_PATH

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--min-df", type=int, default=2)
    parser.add_argument("--version", default="emotion-v2")
    args = parser.parse_args()
    splits = ("usual_eval_labeled", "virus_eval_labeled")
    halves = {split: dev_halves(args.data_dir, split) for split in splits}
    tune = [row for split in splits for row in halves[split][0]]
    model = train(smp_rows(args.data_dir, "train"), tune, min_df=args.min_df, version=args.version)
    model.save(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB, {len(model.hashes)} features)")
    for split in splits:
        print(split, "dev-held", json.dumps(evaluate(model, halves[split][1])))
        print(split, "all", json.dumps(evaluate(model, smp_rows(args.data_dir, split))))


if __name__ == "__main__":
    main()
