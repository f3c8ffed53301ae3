"""Choose the emotion model's C values on dev-tune only (the odd-id half of each SMP2020 eval file).

    uv run python bench/emotion_grid.py [--data-dir ../shared/data]

The even-id half (dev-held) is left for the headline figures in docs/model-cards/emotion.md.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.metrics import f1_score
from sklearn.svm import LinearSVC

from nook.engine._features import hashed_features
from nook.engine.emotion import LABELS
from nook.engine.emotion_training import _matrix, _nbsvm, dev_halves, smp_rows
from nook.engine.text import normalize


def _scores(x_dev: object, weights: np.ndarray, bias: np.ndarray) -> np.ndarray:
    return np.asarray(x_dev @ weights) + bias


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, default=Path("../shared/data"))
    args = parser.parse_args()
    rows = smp_rows(args.data_dir, "train")
    tune = {s: dev_halves(args.data_dir, s)[0] for s in ("usual_eval_labeled", "virus_eval_labeled")}
    counts, vocab = _matrix(rows, 3)
    tfidf = TfidfTransformer(sublinear_tf=True).fit(counts)
    x, y = tfidf.transform(counts), np.array([LABELS.index(label) for _, label in rows])

    def dev_matrix(dev_rows: list[tuple[str, str]]) -> object:
        from scipy import sparse

        cols, indptr = [], [0]
        for text, _ in dev_rows:
            h = hashed_features(normalize(text))
            pos = np.searchsorted(vocab, h).clip(0, len(vocab) - 1)
            cols.append(pos[vocab[pos] == h])
            indptr.append(indptr[-1] + len(cols[-1]))
        c = np.concatenate(cols)
        m = sparse.csr_matrix((np.ones(len(c)), c, indptr), shape=(len(dev_rows), len(vocab)))
        m.sum_duplicates()
        return tfidf.transform(m)

    devs = {s: (dev_matrix(r), np.array([LABELS.index(lab) for _, lab in r])) for s, r in tune.items()}
    binary = (counts > 0).astype(np.float64)
    svms = {c: LinearSVC(C=c, class_weight="balanced").fit(x, y) for c in (0.1, 0.2, 0.5)}
    nbs = {c: _nbsvm(x, binary, y, len(LABELS), c) for c in (0.05, 0.1, 0.3)}
    results = []
    for c_svm, svm in svms.items():
        for c_nb, (nb_w, nb_b) in [(None, (0.0, 0.0)), *nbs.items()]:
            w, b = svm.coef_.T + nb_w, svm.intercept_ + nb_b
            f1 = {s: f1_score(yd, _scores(xd, w, b).argmax(1), average="macro") for s, (xd, yd) in devs.items()}
            results.append({"c_svm": c_svm, "c_nbsvm": c_nb, **{k: round(v, 4) for k, v in f1.items()}})
            print(json.dumps(results[-1]), flush=True)
    best = max(results, key=lambda r: r["usual_eval_labeled"] + r["virus_eval_labeled"])
    print("best on dev-tune:", json.dumps(best))


if __name__ == "__main__":
    main()
