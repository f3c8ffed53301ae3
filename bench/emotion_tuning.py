"""Second-round ideas for the emotion model, each scored on dev-tune (odd ids); dev-held (even ids) only with --held.

    uv run python bench/emotion_tuning.py [--data-dir ../shared/data] [--held] [--only NAME ...]

Ideas: a per-class bias on the logits (coordinate search on dev-tune, or on 5-fold out-of-fold train
scores), class-weight strength, the SVM : NB-SVM mix, separate idf scales for the word / emoticon feature
groups, negation-scope word features, min_df 2. Results are in docs/model-cards/emotion.md. About 12
minutes on 2 cores for all of them.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import LinearSVC

sys.path.insert(0, str(Path(__file__).parent))
from hashed_tfidf import features, sublinear_tfidf
from nook.engine._features import _char_ngram_hashes, _token_features, feature_hashes
from nook.engine.emotion import LABELS
from nook.engine.emotion_training import _nbsvm, count_matrix, dev_halves, load_rows, smp_rows
from nook.engine.segment import segment
from nook.engine.text import emoticon_emotions, normalize

SPLITS = ("usual_eval_labeled", "virus_eval_labeled")
NEGATORS = frozenset((
    "不", "没", "没有", "别", "无", "未", "非", "不是", "不要", "不会", "不能", "不想", "从不", "并不", "毫不",
    "绝不", "不太", "不用", "甭", "莫", "勿", "从没", "并没有", "一点也不", "根本", "才不",
))  # fmt: skip
PUNCT = re.compile(r"^[，。！？,.!?；;~～、…\s:：\"“”]+$")
Post = dict[str, Any]
Groups = Callable[[Post], list[np.ndarray]]


def _post(text: str) -> Post:
    norm = normalize(text)
    low = norm.text.casefold()
    emo = [f"e:{e}" for e in norm.emoticons]
    emo += [f"E:{label}" for label, n in emoticon_emotions(norm.emoticons).items() for _ in range(n)]
    tokens = feature_hashes(_token_features(norm, low))
    emo_h = feature_hashes(emo)
    return {
        "char": _char_ngram_hashes(low),
        "tok": tokens[~np.isin(tokens, emo_h)],
        "emo": emo_h,
        "words": segment(low),
    }


def _negated(words: list[str], span: int = 3) -> np.ndarray:
    """`n:word` for up to `span` words after a negator, stopping at punctuation."""
    out, left = [], 0
    for w in words:
        if PUNCT.match(w):
            left = 0
        elif w in NEGATORS:
            left = span
        elif left:
            out.append(f"n:{w}")
            left -= 1
    return feature_hashes(out)


def _base(p: Post) -> list[np.ndarray]:
    return [p["char"], p["tok"], p["emo"]]


def _with_negation(p: Post) -> list[np.ndarray]:
    return [*_base(p), _negated(p["words"])]


class Data:
    """tf-idf matrices for train and the dev halves; `scales` multiplies the idf of each feature group."""

    def __init__(self, posts: dict[str, list[Post]], ys: dict[str, np.ndarray], groups: Groups, min_df: int = 3,
                 scales: tuple[float, ...] | None = None) -> None:  # fmt: skip
        train = [groups(p) for p in posts["train"]]
        flat = [np.concatenate(g) for g in train]
        vocab, df = np.unique(np.concatenate([np.unique(h) for h in flat]), return_counts=True)
        self.vocab = vocab[df >= min_df]
        group_of = np.zeros(len(self.vocab), dtype=int)
        for gi in range(1, len(train[0])):
            hashes = np.unique(np.concatenate([g[gi] for g in train]))
            pos = np.searchsorted(self.vocab, hashes).clip(0, len(self.vocab) - 1)
            group_of[pos[self.vocab[pos] == hashes]] = gi
        self.counts = count_matrix(self.vocab, flat)
        idf = TfidfTransformer(sublinear_tf=True).fit(self.counts).idf_
        self.idf = idf * np.asarray(scales)[group_of] if scales else idf
        self.x = sublinear_tfidf(self.idf, self.counts)
        self.y = ys["train"]
        self.dev = {s: (features(self.vocab, self.idf, [np.concatenate(groups(p)) for p in ps]), ys[s])
                    for s, ps in posts.items() if s != "train"}  # fmt: skip


def _fit(
    x: Any, counts: Any, y: np.ndarray, class_weight: Any = "balanced", svm_weight: float = 1.0
) -> tuple[Any, Any]:
    svm = LinearSVC(C=0.5, class_weight=class_weight).fit(x, y)
    nb_w, nb_b = _nbsvm(x, (counts > 0).astype(np.float64), y, len(LABELS), 0.3)
    return svm_weight * svm.coef_.T + nb_w, svm_weight * svm.intercept_ + nb_b


def _macro(y: np.ndarray, z: np.ndarray) -> float:
    return float(f1_score(y, z.argmax(1), average="macro", labels=range(len(LABELS))))


def bias_search(score: Callable[[np.ndarray], float], span: float = 1.0, rounds: int = 4) -> np.ndarray:
    """Coordinate ascent over per-class logit offsets in [-span, span] (neutral fixed at 0)."""
    bias, best = np.zeros(len(LABELS)), score(np.zeros(len(LABELS)))
    for _ in range(rounds):
        improved = False
        for k in range(1, len(LABELS)):
            for v in np.arange(-span, span + 0.0001, 0.05):
                trial = bias.copy()
                trial[k] = v
                if (s := score(trial)) > best + 1e-9:
                    best, bias, improved = s, trial, True
        if not improved:
            break
    return bias


def _oof_bias(d: Data, n_usual: int) -> np.ndarray:
    """Bias maximising usual + virus macro-F1 of 5-fold out-of-fold scores on the training set."""
    virus = np.arange(len(d.y)) >= n_usual
    oof = np.zeros((len(d.y), len(LABELS)))
    for tr, te in StratifiedKFold(5, shuffle=True, random_state=0).split(d.x, d.y * 2 + virus):
        w, b = _fit(d.x[tr], d.counts[tr], d.y[tr])
        oof[te] = np.asarray(d.x[te] @ w) + b
    return bias_search(lambda b: _macro(d.y[~virus], oof[~virus] + b) + _macro(d.y[virus], oof[virus] + b))


def _report(name: str, d: Data, w: Any, b: Any, held: bool, bias: np.ndarray | None = None) -> None:
    row: dict[str, Any] = {"idea": name, "features": len(d.vocab)}
    if bias is not None:
        row["bias"] = dict(zip(LABELS, np.round(bias, 2).tolist(), strict=True))
    for split, (x, y) in d.dev.items():
        if held or split.endswith(":tune"):
            row[split.replace("_eval_labeled", "")] = round(
                _macro(y, np.asarray(x @ w) + b + (0 if bias is None else bias)), 4
            )
    print(json.dumps(row, ensure_ascii=False), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, default=Path("../shared/data"))
    parser.add_argument("--held", action="store_true", help="also print dev-held (once, after choosing on dev-tune)")
    parser.add_argument("--only", nargs="*", help="idea names to run (default: all)")
    args = parser.parse_args()
    rows = {"train": smp_rows(args.data_dir, "train")}
    for split in SPLITS:
        rows[f"{split}:tune"], rows[f"{split}:held"] = dev_halves(args.data_dir, split)
    posts = {s: [_post(t) for t, _ in r] for s, r in rows.items()}
    ys = {s: np.array([LABELS.index(label) for _, label in r]) for s, r in rows.items()}
    n_usual = len(load_rows(args.data_dir / "smp2020_ewect" / "usual_train_reconstructed.json"))
    counts = np.bincount(ys["train"], minlength=len(LABELS))

    def want(name: str) -> bool:
        return not args.only or name in args.only

    base = Data(posts, ys, _base)
    w, b = _fit(base.x, base.counts, base.y)
    tune = {s: (np.asarray(x @ w) + b, y) for s, (x, y) in base.dev.items() if s.endswith(":tune")}
    u, v = tune["usual_eval_labeled:tune"], tune["virus_eval_labeled:tune"]
    _report("baseline (emotion-v2 recipe)", base, w, b, args.held)
    if want("bias-devtune"):
        both = bias_search(lambda c: _macro(u[1], u[0] + c) + _macro(v[1], v[0] + c))
        _report("bias fitted on dev-tune, usual+virus", base, w, b, args.held, both)
        usual = bias_search(lambda c: _macro(u[1], u[0] + c))
        _report("bias fitted on dev-tune, usual only", base, w, b, args.held, usual)
    if want("bias-oof"):
        _report("bias fitted on 5-fold train OOF", base, w, b, args.held, _oof_bias(base, n_usual))
    for alpha in (0.0, 0.5, 0.75, 1.25, 1.5) if want("class-weight") else ():
        cw = (counts.max() / counts) ** alpha
        w2, b2 = _fit(base.x, base.counts, base.y, dict(enumerate(cw / cw.mean())))
        _report(f"SVM class weight (n_max/n_k)^{alpha}", base, w2, b2, args.held)
    for mix in (0.5, 0.75, 1.5) if want("svm-weight") else ():
        w2, b2 = _fit(base.x, base.counts, base.y, svm_weight=mix)
        _report(f"{mix} x SVM + NB-SVM", base, w2, b2, args.held)
    variants: list[tuple[str, Groups, int, tuple[float, ...] | None]] = [
        ("word/bigram idf x0.7", _base, 3, (1.0, 0.7, 1.0)),
        ("word/bigram idf x1.4", _base, 3, (1.0, 1.4, 1.0)),
        ("word/bigram idf x2", _base, 3, (1.0, 2.0, 1.0)),
        ("emoticon idf x2", _base, 3, (1.0, 1.0, 2.0)),
        ("emoticon idf x3", _base, 3, (1.0, 1.0, 3.0)),
        ("negation scope", _with_negation, 3, None),
        ("negation + word x1.4 + emoticon x2", _with_negation, 3, (1.0, 1.4, 2.0, 1.0)),
        ("min_df 2", _base, 2, None),
    ]
    for name, groups, min_df, scales in variants if want("features") else ():
        d = Data(posts, ys, groups, min_df, scales)
        w2, b2 = _fit(d.x, d.counts, d.y)
        _report(name, d, w2, b2, args.held)


if __name__ == "__main__":
    main()
