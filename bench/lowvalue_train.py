"""Train the low-value model on real comments and pick its settings by cross-validation (writes
models/lowvalue-v2.npz).

    uv run python bench/lowvalue_train.py [--labels PATH ...] [--out src/nook/engine/models/lowvalue-v2.npz]

Training rows: the blind_v2 `dev` comments, the independent train_v1 comments and the train_v2 comments
(bench/data/train_v1/comments.jsonl and bench/data/train_v2/comments.jsonl; `--labels` replaces that list
with other files or folders of `comments-*.jsonl` in the same ref + sha1 format). The blind_v2 `test` split is
never read: a row of a label file whose reference or text is in blind_v2 at all is dropped, so no test text can
leak in. Texts stay in ../shared/data; the loader checks each sha1.

The model is a multi-class linear SVM (one column per kind plus "none") over char 1-3-grams and the
signals of `lowvalue.model_signals` (the comment judged against its post). It decides where no rule speaks
and may overrule a rule's guess (`lowvalue.detect_low_value`), so it is scored that way: 5-fold stratified
cross-validation (fixed seed), vocabulary, idf and weights fitted inside each fold, combined with the rules as
the engine combines them. The grid is C, the margin a kind needs over "none" and the further lead "none" needs
to overrule a rule's flag of a kind rules guess at (`lowvalue.overrulable`; never, or 0.5 to 2); the
winner is the best
out-of-fold F1 of "low-value at all" over all rows. The figure is a little optimistic (settings chosen on the
same folds); the blind test split is the honest one.
"""

from __future__ import annotations

import argparse
import json
import os
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import Any

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np

from hooks_train import BLIND, ROOT, SEED, blind_loader, prf
from nook.engine._linear import LinearModel
from nook.engine.comments import read_parent
from nook.engine.comments._lowvalue_model import MODEL_PATH, TO_CODE, lowvalue_features, scores
from nook.engine.comments.lowvalue import model_signals, overrulable, rule_verdict
from nook.engine.emotion_training import count_matrix, hash_vocabulary
from nook.engine.text import normalize

LABELS = ("none", *TO_CODE)
#: The rules' kinds in the labels' taxonomy (as bench/judgement_eval.py maps them).
RULE_TO_LABEL = {code: label for label, code in TO_CODE.items()} | {
    "emoticon_only": "emoji_only",
    "repeated": "one_word_reaction",
    "ack": "one_word_reaction",
    "stock_praise": "one_word_reaction",
    "greeting": "stock_phrase",
}
VETOES = (np.inf, 0.5, 1.0, 1.5, 2.0)  # how far "none" must lead to overrule a rule's guess (inf: never)
DEFAULT_LABELS = [
    ROOT / "bench" / "data" / "train_v1" / "comments.jsonl",
    ROOT / "bench" / "data" / "train_v2" / "comments.jsonl",
]


class Row:
    """One labelled comment with what the rules and the model read of it."""

    def __init__(self, text: str, context: str, kind: str, source: str) -> None:
        parent, norm = read_parent(context), normalize(text)
        self.kind, self.source = kind, source
        ruled = rule_verdict(text, norm, parent.text, parent.mood)
        # "none" where a rule finds the comment fits, the rule's kind where it flags, None where no rule speaks
        self.rule = None if ruled is None else RULE_TO_LABEL[ruled.code] if ruled.flag and ruled.code else "none"
        self.overrulable = ruled is not None and overrulable(ruled, text)
        self.hashes = lowvalue_features(norm.text, model_signals(text, norm, parent.text, parent.mood))


def _ref_key(ref: dict[str, Any]) -> str:
    return json.dumps(ref, sort_keys=True)


def _label_files(paths: Sequence[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        out += sorted(path.glob("comments-*.jsonl")) if path.is_dir() else [path] if path.exists() else []
    return out


def _extra(path: Path, load: ModuleType, refs: set[str], digests: set[str]) -> Iterator[tuple[str, str, str]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line) if line.strip() else None
        if row is None or _ref_key(row["ref"]) in refs or row["sha1"] in digests:
            continue
        text = load.resolve(row["ref"])
        if load.sha1(text) != row["sha1"]:
            raise load.ReferenceMismatch(f"sha1 differs for {row['ref']}")
        context = load.resolve(row["context_ref"]) if "context_ref" in row else ""
        yield text, context, row["lowvalue_kind"]


def training_rows(paths: Sequence[Path], *, blind_dev: bool = True) -> list[Row]:
    load = blind_loader()
    rows = [
        (t, lab.get("context", ""), lab["lowvalue_kind"], "blind_v2_dev")
        for t, lab in (load.iter_labelled("comments", "dev") if blind_dev else ())
    ]
    blind = [json.loads(line) for line in (BLIND / "comments.jsonl").read_text(encoding="utf-8").splitlines() if line]
    refs, digests = {_ref_key(r["ref"]) for r in blind}, {r["sha1"] for r in blind}
    seen = {(t, c) for t, c, _, _ in rows}
    for path in _label_files(paths):
        for text, context, kind in _extra(path, load, refs, digests):
            if (text, context) not in seen:  # the same reply to the same post counts once
                seen.add((text, context))
                rows.append((text, context, kind, path.parent.name if path.parent.name != "v2" else "train_v2"))
    return [Row(*r) for r in rows]


def fit(hashes: Sequence[np.ndarray], gold: np.ndarray, c: float, min_df: int = 2) -> LinearModel:
    """Sublinear tf-idf over the hashed features, then a one-vs-rest linear SVM, one column per label."""
    from sklearn.feature_extraction.text import TfidfTransformer
    from sklearn.svm import LinearSVC

    vocab = hash_vocabulary(hashes, min_df)
    counts = count_matrix(vocab, hashes)
    tfidf = TfidfTransformer(sublinear_tf=True).fit(counts)
    svm = LinearSVC(C=c, random_state=SEED).fit(tfidf.transform(counts), gold)
    weights = np.zeros((len(vocab), len(LABELS)), np.float32)
    bias = np.full(len(LABELS), -10.0, np.float32)  # a label with no training row never wins
    for j, label in enumerate(svm.classes_):
        weights[:, LABELS.index(label)] = svm.coef_[j] if len(svm.classes_) > 2 else svm.coef_[0] * (2 * j - 1)
        bias[LABELS.index(label)] = svm.intercept_[j] if len(svm.classes_) > 2 else svm.intercept_[0] * (2 * j - 1)
    return LinearModel(
        vocab.astype(np.uint32), tfidf.idf_.astype(np.float32), weights, bias, LABELS, 1.0, "lowvalue-v2"
    )


def with_margin(model: LinearModel, margin: float) -> LinearModel:
    """The same model with "none" raised by `margin`: a kind must beat it by that much to flag."""
    return replace(model, bias=model.bias + np.array([margin] + [0.0] * (len(LABELS) - 1), dtype=np.float32))


def out_of_fold(rows: list[Row], gold: np.ndarray, c: float, folds: int) -> np.ndarray:
    """Each row's label scores from a model that never saw it."""
    from sklearn.model_selection import StratifiedKFold

    out = np.zeros((len(rows), len(LABELS)))
    split = StratifiedKFold(folds, shuffle=True, random_state=SEED).split(np.zeros(len(gold)), gold)
    for train_idx, held_idx in split:
        model = fit([rows[i].hashes for i in train_idx], gold[train_idx], c)
        for i in held_idx:
            out[i] = scores(model, rows[i].hashes)
    return out


def combined(rows: list[Row], model_scores: np.ndarray, margin: float, veto: float) -> list[str]:
    """As shipped (`lowvalue.detect_low_value`): the rules' label where they speak, unless it is a guess and
    "none" leads every kind by margin + veto; elsewhere the model's kind when it beats "none" by margin."""
    kinds = model_scores[:, 1:].argmax(axis=1) + 1
    lead = model_scores[:, 0] + margin - model_scores[np.arange(len(rows)), kinds]
    return [_one(r, LABELS[k], ld, veto) for r, k, ld in zip(rows, kinds, lead, strict=True)]


def _one(row: Row, kind: str, lead: float, veto: float) -> str:
    if row.rule is None:
        return kind if lead < 0 else "none"
    return "none" if row.overrulable and lead > veto else row.rule


def report(name: str, pred: list[str], rows: list[Row]) -> str:
    parts = []
    for source in sorted({r.source for r in rows}):
        idx = [i for i, r in enumerate(rows) if r.source == source]
        p, r, f = prf(np.array([pred[i] != "none" for i in idx]), np.array([rows[i].kind != "none" for i in idx]))
        parts.append(f"{source} P {p:.3f} R {r:.3f} F1 {f:.3f}")
    return f"{name:>16}: " + " | ".join(parts)


def kind_table(pred: list[str], rows: list[Row]) -> None:
    """Per label: gold n, flagged at all, given that kind; and the precision of each predicted kind."""
    for label in LABELS[1:]:
        n = sum(r.kind == label for r in rows)
        flagged = sum(r.kind == label and p != "none" for p, r in zip(pred, rows, strict=True))
        exact = sum(r.kind == label and p == label for p, r in zip(pred, rows, strict=True))
        given = sum(p == label for p in pred)
        print(f"  {label:>18}: n {n:4d} flagged {flagged:4d} as kind {exact:4d} | predicted {given:4d}, right {exact}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--labels", type=Path, action="append", help="label file or folder (repeatable)")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument(
        "--min-precision",
        type=float,
        default=0.8,
        help="pick the best out-of-fold F1 among settings at least this precise (the barrier folds what it flags)",
    )
    ap.add_argument(
        "--without-blind-dev",
        action="store_true",
        help="leave the blind_v2 dev comments out: a model to score them with (judgement_eval --lowvalue-model)",
    )
    args = ap.parse_args()
    rows = training_rows(args.labels or DEFAULT_LABELS, blind_dev=not args.without_blind_dev)
    gold = np.array([r.kind for r in rows])
    print(f"rows {len(rows)} {dict(Counter(r.source for r in rows))}; kinds {dict(Counter(gold.tolist()))}")
    rules = [r.rule or "none" for r in rows]
    print(report("rules", rules, rows))
    best: tuple[bool, float, float, float, float] | None = None  # (precise enough, F1, C, margin, veto)
    for c in (0.3, 1.0, 3.0):
        model_scores = out_of_fold(rows, gold, c, args.folds)
        for margin in np.round(np.arange(-0.6, 0.81, 0.1), 2):
            for veto in VETOES:
                pred = combined(rows, model_scores, float(margin), veto)
                p, r, f = prf(np.array([p != "none" for p in pred]), gold != "none")
                key = (p >= args.min_precision, f, c, float(margin) + 0.0, veto)
                best = key if best is None or key[:2] > best[:2] else best
                print(report(f"C={c} m={margin:+.1f} v={veto}", pred, rows) + f" | all P {p:.3f} R {r:.3f} F1 {f:.3f}")
    assert best is not None
    _, f, c, margin, veto = best
    pred = combined(rows, out_of_fold(rows, gold, c, args.folds), margin, veto)
    print(f"chosen C={c}, margin={margin}, veto={veto}: out-of-fold F1 (all rows) {f:.3f}")
    if not best[0]:
        print(f"no setting reaches precision {args.min_precision}: the best F1 was taken")
    print(report("rules", rules, rows))
    print(report("rules + model", pred, rows))
    print("per kind, rules:")
    kind_table(rules, rows)
    print("per kind, rules + model (out-of-fold):")
    kind_table(pred, rows)
    model = with_margin(fit([r.hashes for r in rows], gold, c), margin)
    model.save(args.out)
    with np.load(args.out, allow_pickle=False) as z:
        arrays = dict(z)
    np.savez_compressed(args.out, **arrays, veto=np.float32(veto))  # the lead "none" needs to overrule a rule
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e3:.0f} kB, {len(model.hashes)} features)")


if __name__ == "__main__":
    main()
